"""Staff triage in LINE chat: each command as a scripted dialogue, checked in the database and in every chat."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from storage.models import AuditLog, Forum, Status
from tests.harness import Bot
from tests.staff.conftest import button, request, say, shown, tap


def test_a_triager_accepts_a_request_onto_the_next_forum_and_the_villager_is_told(
        bot: Bot, triager: str, villager: str, file_request) -> None:
    ref = file_request(villager)
    with bot.session() as session, session.begin():
        session.add(Forum(district_code="5208", held_on=date(2099, 3, 1), venue="หอประชุมอำเภอเถิน"))
        session.add(Forum(district_code="5208", held_on=date(2099, 1, 10), venue="ศาลาประชาคม"))

    answer = shown(say(bot, triager, f"/accept {ref}"))

    stored = request(bot, ref)
    assert stored.status == Status.ACCEPTED
    assert stored.forum is not None and stored.forum.held_on == date(2099, 1, 10)
    assert ref in answer and "10 ม.ค. 2642" in answer
    assert any(ref in text and "เข้าประชาคม" in text for text in bot.line.texts(villager))
    with bot.session() as session:
        audit = session.scalars(select(AuditLog)).one()
    assert audit.action == "accept" and audit.before["status"] == "new" and audit.after["status"] == "accepted"


def test_accepting_with_no_forum_scheduled_still_accepts_and_says_so(bot: Bot, triager: str, file_request) -> None:
    ref = file_request()
    answer = shown(say(bot, triager, f"/รับ {ref}"))
    assert request(bot, ref).status == Status.ACCEPTED and request(bot, ref).forum is None
    assert "ยังไม่ได้กำหนดวันประชาคม" in answer


def test_requests_accepted_before_their_forum_was_scheduled_join_its_agenda(
        bot: Bot, triager: str, file_request) -> None:
    ref = file_request()
    say(bot, triager, f"/accept {ref}")
    assert request(bot, ref).forum is None
    say(bot, triager, "/forum set เถิน 2642-01-15 หอประชุมอำเภอเถิน")
    assert request(bot, ref).forum is not None and request(bot, ref).forum.held_on == date(2099, 1, 15)


def test_a_bare_sequence_number_names_this_years_request(bot: Bot, triager: str, file_request) -> None:
    ref = file_request()
    say(bot, triager, "/reject " + str(int(ref[-5:])) + " อยู่นอกอำนาจหน้าที่")
    stored = request(bot, ref)
    assert stored.status == Status.REJECTED and stored.status_reason == "อยู่นอกอำนาจหน้าที่"


def test_an_illegal_transition_gets_a_clear_answer_and_changes_nothing(bot: Bot, triager: str, file_request) -> None:
    ref = file_request()
    answer = shown(say(bot, triager, f"/done {ref}"))
    assert request(bot, ref).status == Status.NEW
    assert "ทำคำสั่งนี้ไม่ได้" in answer and "รอพิจารณา" in answer


def test_a_wrongly_typed_command_answers_with_its_usage_line(bot: Bot, triager: str, file_request) -> None:
    ref = file_request()
    answer = shown(say(bot, triager, f"/dup {ref}"))
    assert "/dup เลขที่ เลขที่เรื่องเดิม" in answer
    assert request(bot, ref).status == Status.NEW


def test_the_full_life_of_a_request_is_audited_and_each_step_reaches_the_villager(
        bot: Bot, triager: str, villager: str, file_request) -> None:
    ref = file_request(villager)
    for command in (f"/accept {ref}", f"/plan {ref}", f"/done {ref}"):
        assert "✅" in shown(say(bot, triager, command))
    assert request(bot, ref).status == Status.DONE
    notices = bot.line.texts(villager)
    assert len(notices) == 3 and "เสร็จแล้ว" in notices[-1]
    answer = shown(say(bot, triager, f"/show {ref}"))
    assert answer.count("โดย สมชาย") == 3 and "ดำเนินการเสร็จแล้ว" in answer


def test_refer_records_the_agency_and_tells_the_villager(bot: Bot, triager: str, villager: str, file_request) -> None:
    ref = file_request(villager)
    say(bot, triager, f"/ส่งต่อ {ref} อบต.นาโป่ง")
    assert request(bot, ref).referred_to == "อบต.นาโป่ง"
    assert "อบต.นาโป่ง" in bot.line.texts(villager)[-1]


def test_a_duplicate_is_folded_onto_the_original_which_counts_one_more_supporter(
        bot: Bot, triager: str, file_request) -> None:
    original = file_request(text="ประปาหมู่บ้านไม่ไหลมา 3 วันแล้ว", category="water")
    copy = file_request(text="น้ำประปาหมู่บ้านไม่ไหลเลยค่ะ", category="water")
    show = shown(say(bot, triager, f"/show {copy}"))
    assert "อาจซ้ำกับ" in show and original in show

    say(bot, triager, f"/ซ้ำ {copy} {original}")

    stored = request(bot, copy)
    assert stored.status == Status.DUPLICATE and stored.duplicate_of.ref == original
    assert "ผู้สนับสนุน 2 คน" in shown(say(bot, triager, f"/show {original}"))


def test_set_corrects_place_and_category_without_telling_the_villager(
        bot: Bot, triager: str, villager: str, file_request) -> None:
    ref = file_request(villager, district=None, tambon=None, category=None)
    answer = shown(say(bot, triager, f"/แก้ {ref} district=เกาะคา category=น้ำ"))
    stored = request(bot, ref)
    assert (stored.district_code, stored.category) == ("5203", "water")
    assert "เกาะคา" in answer
    assert len(bot.line.texts(villager)) == 0


def test_a_note_goes_into_the_history_only(bot: Bot, triager: str, file_request) -> None:
    ref = file_request()
    say(bot, triager, f"/note {ref} โทรคุยกับผู้ใหญ่บ้านแล้ว")
    assert request(bot, ref).status == Status.NEW
    assert "โทรคุยกับผู้ใหญ่บ้านแล้ว" in shown(say(bot, triager, f"/show {ref}"))


def test_the_queue_lists_new_requests_oldest_first_with_counts_and_pages(
        bot: Bot, triager: str, file_request) -> None:
    refs = []
    for number in range(12):
        refs.append(file_request(text=f"เรื่องที่ {number}"))
        bot.travel(timedelta(minutes=1))
    file_request(district="5203", tambon=None, text="อีกอำเภอหนึ่ง")
    received = say(bot, triager, "/queue เถิน")
    answer = shown(received)
    assert answer.index(refs[0]) < answer.index(refs[9]) and refs[10] not in answer
    assert "หน้า 1/2" in answer and "ตรงเงื่อนไข 12 เรื่อง" in answer
    assert refs[10] in shown(tap(bot, triager, button(received, "หน้าถัดไป")))


def test_a_forum_is_scheduled_in_buddhist_era_and_listed(bot: Bot, triager: str) -> None:
    answer = shown(say(bot, triager, "/ประชาคม set เถิน 2642-01-15 หอประชุมอำเภอเถิน"))
    assert "15 ม.ค. 2642" in answer
    say(bot, triager, "/forum set จังหวัด 2642-02-01 ศาลากลางจังหวัดลำปาง")
    with bot.session() as session:
        forums = {f.district_code: f.held_on for f in session.scalars(select(Forum))}
    assert forums == {"5208": date(2099, 1, 15), "52": date(2099, 2, 1)}
    listing = shown(say(bot, triager, "/forum"))
    assert "หอประชุมอำเภอเถิน" in listing and "ประชาคมระดับจังหวัด" in listing and "ยังไม่กำหนด" in listing
