"""Staff write dates, weeks and commands as people do, and read answers in Thai with the next step named."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from bot.staff.parsing import ParseError, day
from storage.models import Forum
from tests.harness import Bot
from tests.staff.conftest import say, shown

TODAY = date(2026, 12, 1)


@pytest.mark.parametrize("written", ["20/1/2570", "20/01/70", "20 ม.ค. 70", "20 มกราคม 2570", "20 มกรา 2570",
                                     "2570-01-20", "2027-01-20", "20/1/2027", "๒๐/๑/๒๕๗๐", "20/1", "20 ม.ค."])
def test_a_date_is_read_in_the_forms_people_write_it(written: str) -> None:
    assert day(written, TODAY) == date(2027, 1, 20)


def test_relative_words_count_from_today() -> None:
    assert (day("พรุ่งนี้", TODAY), day("มะรืนนี้", TODAY), day("วันนี้", TODAY)) == (
        date(2026, 12, 2), date(2026, 12, 3), TODAY)


@pytest.mark.parametrize("written", ["31/2/2570", "99/1/2570", "20 หอประชุม", "20 xyz 2570", "20 11 2570", "หอประชุม",
                                     "99 ม.ค. 2570"])
def test_what_is_not_a_date_is_refused_rather_than_guessed(written: str) -> None:
    with pytest.raises(ParseError):
        day(written, TODAY)


@pytest.mark.parametrize("written", ["20/1/2642", "20 ม.ค. 2642", "20 มกราคม 2642"])
def test_a_forum_is_scheduled_with_a_date_written_the_thai_way(bot: Bot, triager: str, written: str) -> None:
    answer = shown(say(bot, triager, f"/ประชาคม ตั้ง เถิน {written} หอประชุมอำเภอเถิน ชั้น 2"))
    assert "20 ม.ค. 2642" in answer
    with bot.session() as session:
        forum = session.scalars(select(Forum)).one()
    assert (forum.held_on, forum.venue) == (date(2099, 1, 20), "หอประชุมอำเภอเถิน ชั้น 2")


def test_tomorrow_schedules_the_forum_for_tomorrow(bot: Bot, triager: str) -> None:
    say(bot, triager, "/forum set เถิน พรุ่งนี้ ศาลาประชาคม")
    with bot.session() as session:
        held_on = session.scalars(select(Forum.held_on)).one()
    today = bot.runtime.now().astimezone(bot.runtime.tz).date()
    assert held_on == today + timedelta(days=1)


def test_a_date_that_cannot_be_read_is_answered_with_the_forms_that_can(bot: Bot, triager: str) -> None:
    answer = shown(say(bot, triager, "/forum set เถิน 31/2/2570 ศาลาประชาคม"))
    assert "ไม่ใช่วันที่" in answer and "20/1/2570" in answer and "พรุ่งนี้" in answer


def test_this_week_and_last_week_name_weeks_for_the_summary(bot: Bot, official: str) -> None:
    tz = bot.runtime.tz
    today = bot.runtime.now().astimezone(tz).date()
    monday = today - timedelta(days=today.weekday())
    this_week = shown(say(bot, official, "/สรุป สัปดาห์นี้"))
    last_week = shown(say(bot, official, "/สรุป สัปดาห์ที่แล้ว"))
    in_buddhist_era = shown(say(bot, official, f"/summary {monday.isocalendar()[0] + 543}-w{monday.isocalendar()[1]}"))
    assert f"{monday.day} " in this_week
    assert f"{(monday - timedelta(days=7)).day} " in last_week
    assert in_buddhist_era.split(":")[0] == this_week.split(":")[0]


def test_the_short_help_fits_one_line_per_command_and_help_of_one_command_explains_it(
        bot: Bot, triager: str) -> None:
    short = say(bot, triager, "/help")
    lines = shown(short).splitlines()
    # One line a command (was two, 36 lines in all), plus the title, a gap and how to read more.
    command_lines = [line for line in lines if line.startswith("/")]
    assert len(lines) == len(command_lines) + 3 <= 19 and "/help ตามด้วยคำสั่ง" in shown(short)
    assert any(line.startswith("/reject · /ปฏิเสธ") for line in lines)
    detail = shown(say(bot, triager, "/help reject"))
    assert "/reject เลขที่ เหตุผล" in detail and "ตัวอย่าง" in detail and "/ไม่รับ" in detail
    assert "20/1/2570" in shown(say(bot, triager, "/ช่วยเหลือ forum set"))
    assert "ไม่รู้จักคำสั่ง /staff" in shown(say(bot, triager, "/help staff"))  # not theirs: not shown


def test_show_speaks_thai_only(bot: Bot, triager: str, file_request) -> None:
    ref = file_request(confidence={"is_request": 0.91, "district": 0.8, "tambon": 0.5, "category": 0.7})
    answer = shown(say(bot, triager, f"/show {ref}"))
    assert "เป็นคำขอ 91%" in answer
    english = [word for word in answer.replace(ref, "").split()
               if word.isascii() and any(char.isalpha() for char in word) and not word.startswith("https://")]
    assert english == []
