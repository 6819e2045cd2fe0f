"""An official reading the summary in LINE: every forum, a running week labelled and compared like with
like, accepted and rejected counts, no rows of zeros, text large enough to read on a phone."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.areas import district_name, districts
from storage.db import transaction
from storage.models import Role
from tests.harness import Bot
from tests.staff.conftest import say, shown
from tests.summary.helpers import BANGKOK, NOW, add_forum, add_official, add_request, at

# Wednesday 14 Jan 2026, 12:00 Bangkok: the week 2026-W03 (Monday 12 to Sunday 18) is half gone.
WEDNESDAY_NOON = datetime(2026, 1, 14, 12, 0, tzinfo=BANGKOK).astimezone(UTC)


def _official(bot: Bot, now: datetime = NOW, role: Role = Role.OFFICIAL) -> str:
    bot.runtime.clock = lambda: now
    person = bot.line.add_user(display_name="นายก")
    with transaction(bot.runtime.sessions) as session:
        add_official(session, person, role=role)
    return person


def _bubbles(received: list[dict]) -> list[dict]:
    return received[0]["contents"]["contents"]


def _texts(node: object) -> list[dict]:
    """Every text component under a Flex node."""
    if isinstance(node, dict):
        own = [node] if node.get("type") == "text" else []
        return own + [text for value in node.values() for text in _texts(value)]
    if isinstance(node, list):
        return [text for value in node for text in _texts(value)]
    return []


def _words(bubble: dict) -> list[str]:
    return [text["text"] for text in _texts(bubble)]


def test_the_forum_bubble_lists_every_districts_forum_and_the_provinces(bot: Bot) -> None:
    official = _official(bot)
    with transaction(bot.runtime.sessions) as session:
        for index, (code, _) in enumerate([*districts(), ("52", "")]):
            add_forum(session, code, date(2026, 2, 1 + index))
    forums = _words(_bubbles(say(bot, official, "/summary"))[3])
    for _, name in districts():
        assert any(name in line for line in forums), name
    assert any("จังหวัด" in line for line in forums)
    assert not any("และอีก" in line for line in forums)


def test_forums_beyond_what_the_bubble_holds_are_counted_not_dropped(bot: Bot) -> None:
    official = _official(bot)
    with transaction(bot.runtime.sessions) as session:
        for index, (code, _) in enumerate(districts()):
            add_forum(session, code, date(2026, 2, 1 + index))
            if index < 3:
                add_forum(session, code, date(2026, 3, 1 + index))
    forums = _words(_bubbles(say(bot, official, "/summary"))[3])
    assert "และอีก 2 ครั้ง ดูทั้งหมดด้วย /forum" in forums


def test_a_summary_asked_for_mid_week_is_labelled_partial_and_compared_with_the_same_days(bot: Bot) -> None:
    official = _official(bot, WEDNESDAY_NOON)
    with transaction(bot.runtime.sessions) as session:
        for day in (12, 13, 14):  # this week so far: 3
            add_request(session, at(day, hour=9))
        add_request(session, at(6, hour=9))  # the same days of the week before: 1 (Tuesday)
        for day in (8, 9, 10, 11):  # the rest of the week before: not compared
            add_request(session, at(day))
        add_request(session, at(7, hour=13))  # Wednesday after noon: after the same moment
    received = say(bot, official, "/summary")
    alt = shown(received)
    assert "12 ม.ค. 2569 – 14 ม.ค. 2569 (ถึงวันนี้ ยังไม่ครบสัปดาห์)" in alt  # no end date in the future
    assert "เรื่องใหม่ 3 เรื่อง (เพิ่มขึ้น 2 จากช่วงเดียวกันของสัปดาห์ก่อน)" in alt
    assert "ยังไม่ครบสัปดาห์" in " ".join(_words(_bubbles(received)[0]))
    last_week = shown(say(bot, official, "/summary สัปดาห์ที่แล้ว"))
    assert "5 ม.ค. 2569 – 11 ม.ค. 2569" in last_week and "ยังไม่ครบ" not in last_week
    assert "เรื่องใหม่ 6 เรื่อง" in last_week


def test_the_overview_counts_requests_accepted_and_rejected_this_week(bot: Bot) -> None:
    official = _official(bot, WEDNESDAY_NOON)
    triager = bot.line.add_user(display_name="สมชาย")
    with transaction(bot.runtime.sessions) as session:
        add_official(session, triager, role=Role.TRIAGER)
        refs = [add_request(session, at(13), text=f"ถนนพังจุดที่ {n}").ref for n in range(4)]
    say(bot, triager, f"/accept {refs[0]} {refs[1]}")
    say(bot, triager, f"/plan {refs[0]}")  # planned since, still accepted this week
    say(bot, triager, f"/reject {refs[2]} อยู่นอกอำนาจหน้าที่")
    received = say(bot, official, "/สรุป")
    assert "รับเข้าวาระ 2 เรื่อง ไม่รับ 1 เรื่อง" in shown(received)
    overview = _words(_bubbles(received)[0])
    assert overview[overview.index("รับเข้าวาระสัปดาห์นี้") + 1] == "2 เรื่อง"
    assert overview[overview.index("ไม่รับสัปดาห์นี้") + 1] == "1 เรื่อง"


def test_district_and_category_bubbles_show_no_rows_of_zeros(bot: Bot) -> None:
    official = _official(bot, WEDNESDAY_NOON)
    with transaction(bot.runtime.sessions) as session:
        add_request(session, at(13), district="5208", category="water")
        add_request(session, at(13), district="5208", category="water")
        add_request(session, at(13), district="5201", category="infrastructure")
    bubbles = _bubbles(say(bot, official, "/summary"))
    by_district, by_category = _words(bubbles[1]), _words(bubbles[2])
    shown_districts = [name for _, name in districts() if name in by_district]
    assert sorted(shown_districts) == sorted([district_name("5208"), district_name("5201")])
    assert "0" not in by_district and "0" not in by_category
    assert "น้ำ" in by_category and "สาธารณสุข" not in by_category


def test_a_week_without_requests_says_so_instead_of_thirteen_zeros(bot: Bot) -> None:
    official = _official(bot, WEDNESDAY_NOON)
    bubbles = _bubbles(say(bot, official, "/summary"))
    assert _words(bubbles[1])[2:] == ["ยังไม่มีเรื่องใหม่ในช่วงนี้"]


def test_no_text_in_the_summary_is_smaller_than_a_phone_can_read(bot: Bot) -> None:
    official = _official(bot, WEDNESDAY_NOON)
    with transaction(bot.runtime.sessions) as session:
        for code, _ in districts():
            add_request(session, at(13) - timedelta(hours=1), district=code, category="water", text="น้ำไม่ไหล")
    received = say(bot, official, "/summary")
    sizes = {text.get("size", "md") for text in _texts(received[0]["contents"])}
    assert sizes <= {"sm", "md", "lg", "xl"}, sizes
