"""Staff limits without gaps and typos that answer instead of failing: districts hold on every path,
numbers and lengths are checked before they reach the database."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot import texts
from storage.models import EventState, Forum, InboundEvent, Request, Staff
from tests.harness import Bot
from tests.staff.conftest import enrol, request, say, shown

KO_KHA, THOEN = "5203", "5208"
THOEN_TAMBON = "520806"  # a tambon of Thoen
USAGE_ERROR = texts.STAFF_USAGE_ERROR.split("\n")[0]


def _every_event_done(bot: Bot) -> bool:
    with bot.session() as session:
        return set(session.scalars(select(InboundEvent.state))) == {EventState.DONE}


def test_a_triager_limited_to_one_district_cannot_move_a_request_away_by_a_tambon_code(
        bot: Bot, file_request) -> None:
    limited = enrol(bot, "ปัทมา", "triager", ["เกาะคา"])
    ref = file_request(district=KO_KHA, tambon=None)
    answer = shown(say(bot, limited, f"/set {ref} tambon={THOEN_TAMBON}"))
    assert "✅" not in answer
    assert (request(bot, ref).district_code, request(bot, ref).tambon_code) == (KO_KHA, None)


def test_a_triager_limited_to_one_district_cannot_move_a_request_to_a_district_outside_it(
        bot: Bot, file_request) -> None:
    limited = enrol(bot, "ปัทมา", "triager", ["เกาะคา"])
    ref = file_request(district=KO_KHA, tambon=None)
    assert "นอกพื้นที่" in shown(say(bot, limited, f"/set {ref} district=เถิน tambon={THOEN_TAMBON}"))
    assert request(bot, ref).district_code == KO_KHA


def test_a_tambon_must_lie_in_the_requests_district_even_for_an_admin(bot: Bot, admin: str, file_request) -> None:
    ref = file_request(district=KO_KHA, tambon=None)
    answer = shown(say(bot, admin, f"/set {ref} tambon={THOEN_TAMBON}"))
    assert "ไม่ได้อยู่ในอำเภอ" in answer
    assert (request(bot, ref).district_code, request(bot, ref).tambon_code) == (KO_KHA, None)
    # Naming the new district with it is the way to move it, and then the tambon fits.
    assert "✅" in shown(say(bot, admin, f"/set {ref} district=เถิน tambon={THOEN_TAMBON}"))
    assert (request(bot, ref).district_code, request(bot, ref).tambon_code) == (THOEN, THOEN_TAMBON)


def test_a_limited_triager_sets_a_tambon_within_their_district(bot: Bot, file_request) -> None:
    limited = enrol(bot, "ปัทมา", "triager", ["เถิน"])
    ref = file_request(district=THOEN, tambon=None)
    assert "✅" in shown(say(bot, limited, f"/set {ref} tambon={THOEN_TAMBON}"))
    assert request(bot, ref).tambon_code == THOEN_TAMBON


def test_a_limited_triager_cannot_fold_a_request_onto_one_that_was_folded_into_another_district(
        bot: Bot, admin: str, file_request) -> None:
    limited = enrol(bot, "ปัทมา", "triager", ["เกาะคา"])
    theirs, also_theirs = file_request(district=KO_KHA, tambon=None), file_request(district=KO_KHA, tambon=None)
    elsewhere = file_request(district=THOEN)
    say(bot, admin, f"/dup {also_theirs} {elsewhere}")  # an admin folded it into Thoen's request
    assert "นอกอำเภอ" in shown(say(bot, limited, f"/dup {theirs} {also_theirs}"))
    assert request(bot, theirs).duplicate_of is None


def test_the_summary_shows_a_limited_triager_only_their_districts_and_quotes_nothing_from_others(
        bot: Bot, admin: str, file_request) -> None:
    limited = enrol(bot, "ปัทมา", "triager", ["เกาะคา"])
    theirs = "ถนนบ้านนาแก้วเป็นหลุมเป็นบ่อลึกมาก"
    elsewhere = "ท่อประปาแตกหน้าวัดเถินน้ำไหลนองถนน"
    for text, district in ((theirs, KO_KHA), (elsewhere, THOEN)):
        first, second = (file_request(text=text, district=district, tambon=None) for _ in range(2))
        say(bot, admin, f"/dup {second} {first}")
    whole = json.dumps(say(bot, admin, "/summary"), ensure_ascii=False)
    assert theirs in whole and elsewhere in whole
    scoped = json.dumps(say(bot, limited, "/summary"), ensure_ascii=False)
    assert theirs in scoped and elsewhere not in scoped
    assert "อำเภอเถิน" not in scoped  # not even its forum or its row of the district table


def test_staff_typos_in_numbers_get_the_usage_line_and_in_weeks_the_ways_to_name_one(
        bot: Bot, triager: str, file_request) -> None:
    file_request()
    for typed in ("/queue ²", "/queue " + "9" * 5000, "/queue 0x10"):
        answer = shown(say(bot, triager, typed))
        assert USAGE_ERROR in answer, typed
    for typed in ("/summary x", "/summary 2026-W99", "/summary " + "9" * 5000):
        answer = shown(say(bot, triager, typed))
        assert "ไม่ใช่สัปดาห์" in answer and "/summary สัปดาห์ที่แล้ว" in answer, typed
    assert _every_event_done(bot)


def test_thai_digits_still_choose_a_queue_page(bot: Bot, triager: str, file_request) -> None:
    refs = [file_request(text=f"ถนนพังจุดที่ {n}") for n in range(12)]
    page_two = shown(say(bot, triager, "/queue ๒"))
    assert refs[10] in page_two and refs[0] not in page_two


def test_texts_longer_than_their_column_are_refused_with_the_limit(bot: Bot, admin: str, file_request) -> None:
    ref = file_request()
    newcomer = bot.line.add_user("ใหม่")
    too_long = {
        f"/reject {ref} " + "ก" * 501: 500,
        f"/refer {ref} " + "ก" * 201: 200,
        "/forum set เถิน 2099-01-10 " + "ก" * 301: 300,
        f"/staff add {newcomer} --role triager --name " + "ก" * 201: 200,
    }
    for typed, limit in too_long.items():
        assert texts.STAFF_TOO_LONG.format(limit=limit) in shown(say(bot, admin, typed)), typed[:20]
    assert _every_event_done(bot)
    assert request(bot, ref).status_reason is None and request(bot, ref).referred_to is None
    with bot.session() as session:
        assert session.scalars(select(Forum)).all() == []
        assert session.scalars(select(Staff).where(Staff.line_user_id == newcomer)).all() == []
    # Exactly at the limit is fine.
    assert "✅" in shown(say(bot, admin, f"/reject {ref} " + "ก" * 500))
    with bot.session() as session:
        assert len(session.scalars(select(Request.status_reason)).one()) == 500
