"""Issue 14, the villagers' findings, each replayed as a scripted dialogue through signed webhooks.

Every test checks what was stored and what was said, and that every message sent stays within
LINE's limits (linesim.validate_messages).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot import texts
from bot.line.messages import grapheme_length
from bot.outbox import notify
from linesim import validate_messages
from storage import citizens, request_store
from storage.models import AuditLog, Citizen, Request, Status
from tests.harness import Bot, make_app, serve, tap

WITH_DISTRICT = "ขอให้ซ่อมถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา ถนนพังเป็นหลุมลึกมากครับ"
NO_DISTRICT = "ถนนในหมู่บ้านเป็นหลุมเป็นบ่อ รถล้มบ่อยมากครับ ขอให้มาซ่อมด้วย"
HARDSHIP_IN_NORTHERN_THAI = "ลำบากขนาดเลยเจ้า บ่รู้จะเฮ็ดจะใดแล้ว"  # names no problem: the NLP is not sure it is a request
MUEANG_POINT = (18.29, 99.49)  # in Mueang Lampang, not Ko Kha
KO_KHA_POINT = (18.19, 99.39)


def _messages(bot: Bot, chat_id: str) -> list[dict[str, Any]]:
    return [d.message for d in bot.line.inbox(chat_id)]


def _last(bot: Bot, chat_id: str) -> dict[str, Any]:
    return _messages(bot, chat_id)[-1]


def _labels(message: dict[str, Any]) -> list[str]:
    return [item["action"]["label"] for item in message.get("quickReply", {}).get("items", [])]


def _say(bot: Bot, user: str, text: str) -> list[dict[str, Any]]:
    before = len(bot.line.inbox(user))
    bot.line.send_text(user, text)
    bot.drain()
    return _messages(bot, user)[before:]


def _send(bot: Bot, user: str, what: str, *args: Any) -> list[dict[str, Any]]:
    before = len(bot.line.inbox(user))
    getattr(bot.line, what)(user, *args)
    bot.drain()
    return _messages(bot, user)[before:]


def _requests(bot: Bot) -> list[Request]:
    with bot.session() as session:
        return list(session.scalars(select(Request).order_by(Request.id)))


def _within_line_limits(bot: Bot) -> None:
    for call in bot.line.api_calls:
        body = call.json if isinstance(call.json, dict) else {}
        if "messages" in body:
            assert validate_messages(body["messages"]) == [], body["messages"]


# --- unsure messages ---------------------------------------------------------------------------------

def test_an_unsure_message_and_a_place_sent_after_it_become_one_request_at_that_place(
        bot: Bot, villager: str) -> None:
    [first] = _say(bot, villager, HARDSHIP_IN_NORTHERN_THAI)
    assert HARDSHIP_IN_NORTHERN_THAI[:12] in first["text"]  # says what was caught
    assert _labels(first) == [texts.BUTTON_YES_SAVE, texts.BUTTON_NOT_A_REQUEST]
    assert _requests(bot) == []

    [where] = _say(bot, villager, "อยู่แม่ทะเจ้า")
    assert "แม่ทะ" in where["text"] and HARDSHIP_IN_NORTHERN_THAI[:12] in where["text"]  # the first words are kept
    assert where["text"] != first["text"] and _requests(bot) == []

    tap(bot, villager, texts.BUTTON_YES_SAVE)
    [request] = _requests(bot)
    assert request.text == f"{HARDSHIP_IN_NORTHERN_THAI} อยู่แม่ทะเจ้า" and request.district_code == "5210"
    _within_line_limits(bot)


def test_a_request_sent_while_the_bot_is_unsure_is_saved_together_with_the_unsure_words(
        bot: Bot, villager: str) -> None:
    _say(bot, villager, HARDSHIP_IN_NORTHERN_THAI)
    _say(bot, villager, WITH_DISTRICT)
    [request] = _requests(bot)
    assert request.text == f"{HARDSHIP_IN_NORTHERN_THAI} {WITH_DISTRICT}"


def test_no_is_an_answer_and_the_unsure_words_are_not_saved(bot: Bot, villager: str) -> None:
    _say(bot, villager, HARDSHIP_IN_NORTHERN_THAI)
    assert tap(bot, villager, texts.BUTTON_NOT_A_REQUEST)[-1]["text"] == texts.UNSURE_DROPPED
    assert _requests(bot) == []


def test_unsending_a_message_of_the_draft_forgets_the_draft(bot: Bot, villager: str) -> None:
    delivery = bot.line.send_text(villager, HARDSHIP_IN_NORTHERN_THAI)
    bot.drain()
    _say(bot, villager, "อยู่แม่ทะเจ้า")
    bot.line.unsend(villager, delivery.message_id)
    bot.drain()
    answer = _say(bot, villager, "ใช่")
    assert _requests(bot) == [] and answer[-1]["text"] == texts.NOTHING_TO_CANCEL  # "yes" alone is no request


def test_wait_a_moment_and_fix_the_category_are_never_offered_as_requests(bot: Bot, villager: str) -> None:
    for words in ("เดี๋ยวก่อน", "แก้หมวด", "เดี๋ยวนะคะ"):
        answer = _say(bot, villager, words)
        assert texts.BUTTON_YES_SAVE not in _labels(answer[-1]), words
    _say(bot, villager, HARDSHIP_IN_NORTHERN_THAI)
    [wait] = _say(bot, villager, "เดี๋ยวก่อน")
    assert wait["text"] == texts.WAIT_OK
    _say(bot, villager, "ใช่")  # the draft waited through "เดี๋ยวก่อน"
    [request] = _requests(bot)
    assert request.text == HARDSHIP_IN_NORTHERN_THAI


def test_the_bot_never_sends_the_same_bubble_twice_in_a_row(bot: Bot, villager: str) -> None:
    first = _say(bot, villager, "สวัสดีครับ")[-1]["text"]
    second = _say(bot, villager, "สวัสดีครับ")[-1]["text"]
    assert first == texts.GREETING and second != first
    unsure = [_say(bot, villager, "แมวหายไปสามวันแล้ว")[-1]["text"], _say(bot, villager, "แมวหายไปสามวันแล้ว")[-1]["text"]]
    assert unsure[0] != unsure[1]


# --- withdrawing one request ---------------------------------------------------------------------------

def test_a_request_is_withdrawn_from_its_receipt_and_leaves_the_staff_queue(bot: Bot, villager: str) -> None:
    receipt = _say(bot, villager, WITH_DISTRICT)
    assert texts.BUTTON_WITHDRAW in _labels(receipt[-1])
    [confirm] = tap(bot, villager, texts.BUTTON_WITHDRAW)
    assert "ถนนลาดยาง" in confirm["text"]  # names the request by its words
    [done] = tap(bot, villager, texts.BUTTON_WITHDRAW_YES)
    [request] = _requests(bot)
    assert done["text"] == texts.WITHDRAWN.format(ref=request.ref)
    assert request.text is None and request.erased_at is not None and request.citizen_id is None
    with bot.session() as session:
        assert request_store.queue(session, statuses=[Status.NEW]).total == 0
        [audit] = session.scalars(select(AuditLog).where(AuditLog.request_id == request.id)).all()
    assert audit.action == "villager_withdrew"
    _within_line_limits(bot)


def test_the_detail_offers_withdrawal_until_staff_act_and_then_says_it_is_too_late(bot: Bot, villager: str) -> None:
    _say(bot, villager, WITH_DISTRICT)
    [detail] = _say(bot, villager, "1")
    assert texts.BUTTON_WITHDRAW in _labels(detail)
    with bot.runtime.sessions() as session, session.begin():
        session.scalars(select(Request)).one().status = Status.ACCEPTED
    [too_late] = tap(bot, villager, texts.BUTTON_WITHDRAW)
    assert too_late["text"] == texts.WITHDRAW_TOO_LATE.format(ref=_requests(bot)[0].ref)
    assert _requests(bot)[0].text == WITH_DISTRICT
    assert texts.BUTTON_WITHDRAW not in _labels(_say(bot, villager, "1")[0])


def test_cancel_without_a_pending_question_says_the_request_still_stands(bot: Bot, villager: str) -> None:
    _say(bot, villager, WITH_DISTRICT)
    [answer] = _say(bot, villager, "ยกเลิก")
    request = _requests(bot)[0]
    assert answer["text"] == texts.NOTHING_TO_CANCEL_BUT_REQUEST.format(ref=request.ref)
    assert _labels(answer) == [texts.BUTTON_WITHDRAW] and request.erased_at is None


# --- requests known by their words and a short number ------------------------------------------------

def test_bare_numbers_open_the_villagers_own_request_and_never_anyone_elses(bot: Bot, villager: str) -> None:
    neighbour = bot.line.add_user("ลุงข้างบ้าน")
    _say(bot, villager, WITH_DISTRICT)
    _say(bot, neighbour, NO_DISTRICT)
    mine, theirs = _requests(bot)
    for typed in ("1", "เลขที่ 1", "เรื่อง ๑", "#1"):
        assert mine.ref in _say(bot, villager, typed)[0]["text"], typed
    assert "ไม่พบ" in _say(bot, villager, str(theirs.seq))[0]["text"]


def test_the_list_has_a_button_per_request_that_opens_it(bot: Bot, villager: str) -> None:
    _say(bot, villager, WITH_DISTRICT)
    _say(bot, villager, NO_DISTRICT)
    [listing] = _say(bot, villager, "ติดตาม")
    assert len(_labels(listing)) == 2 and all(grapheme_length(label) <= 20 for label in _labels(listing))
    [detail] = tap(bot, villager, _labels(listing)[1])
    assert _requests(bot)[0].ref in detail["text"]


def test_every_status_notice_quotes_the_request_and_says_what_to_do_next(bot: Bot, villager: str) -> None:
    _say(bot, villager, WITH_DISTRICT)
    with bot.runtime.sessions() as session, session.begin():
        request = session.scalars(select(Request)).one()
        request.status, request.status_reason = Status.REJECTED, "อยู่นอกอำนาจหน้าที่"
        notify.status_changed(session, request, bot.runtime.now())
    bot.drain()
    notice = _last(bot, villager)["text"]
    assert "ขอให้ซ่อมถนนลาดยาง" in notice and "อยู่นอกอำนาจหน้าที่" in notice
    assert notice.splitlines()[-1] == texts.STATUS_NOTICE_NEXT_REJECTED
    _within_line_limits(bot)


def test_a_supporter_of_a_merged_request_sees_the_original_and_hears_when_it_changes(
        bot: Bot, villager: str) -> None:
    neighbour = bot.line.add_user("ลุงข้างบ้าน")
    _say(bot, neighbour, WITH_DISTRICT)
    _say(bot, villager, "ถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา พังเป็นหลุม ขอให้ซ่อมด่วนครับ")
    original, merged = _requests(bot)
    with bot.runtime.sessions() as session, session.begin():
        row = session.get(Request, merged.id)
        row.status, row.duplicate_of_id = Status.DUPLICATE, original.id
        session.flush()
        notify.status_changed(session, row, bot.runtime.now())
    bot.drain()
    assert original.ref in _last(bot, villager)["text"]

    [detail] = _say(bot, villager, str(merged.seq))
    assert original.ref in detail["text"] and texts.BUTTON_SEE_ORIGINAL in _labels(detail)
    [seen] = tap(bot, villager, texts.BUTTON_SEE_ORIGINAL)
    assert original.ref in seen["text"] and "2 คน" in seen["text"]
    assert "ขอให้ซ่อมถนนลาดยางหมู่ 4" not in seen["text"]  # the neighbour's own words stay theirs

    with bot.runtime.sessions() as session, session.begin():
        row = session.get(Request, original.id)
        row.status = Status.ACCEPTED
        notify.status_changed(session, row, bot.runtime.now())
    bot.drain()
    told = _last(bot, villager)["text"]
    assert original.ref in told and merged.ref in told and "เข้าประชาคม" in told
    _within_line_limits(bot)


# --- corrections -----------------------------------------------------------------------------------------

def test_fix_buttons_come_again_on_photo_and_location_acknowledgements(bot: Bot, villager: str) -> None:
    _say(bot, villager, WITH_DISTRICT)
    [photo] = _send(bot, villager, "send_image")
    assert texts.BUTTON_FIX_DISTRICT in _labels(photo) and texts.BUTTON_FIX_CATEGORY in _labels(photo)
    [place] = _send(bot, villager, "send_location", *KO_KHA_POINT)
    assert texts.BUTTON_FIX_DISTRICT in _labels(place) and texts.BUTTON_WITHDRAW in _labels(place)
    _within_line_limits(bot)


def test_typed_fix_words_are_understood(bot: Bot, villager: str) -> None:
    _say(bot, villager, WITH_DISTRICT)
    assert _say(bot, villager, "แก้อำเภอ")[-1]["text"] == texts.ASK_DISTRICT
    tap(bot, villager, "งาว")
    assert _say(bot, villager, "แก้หมวดค่ะ")[-1]["text"] == texts.ASK_CATEGORY
    tap(bot, villager, texts.category_button("water"))
    [request] = _requests(bot)
    assert (request.district_code, request.category) == ("5205", "water")


def test_a_location_in_another_district_than_the_words_is_asked_about(bot: Bot, villager: str) -> None:
    _say(bot, villager, WITH_DISTRICT)  # names Ko Kha
    [question] = _send(bot, villager, "send_location", *MUEANG_POINT)
    assert "เมืองลำปาง" in question["text"] and "เกาะคา" in question["text"]
    assert _labels(question) == ["เมืองลำปาง", "เกาะคา"]
    assert _requests(bot)[0].district_code == "5203"  # not silently changed
    tap(bot, villager, "เมืองลำปาง")
    request = _requests(bot)[0]
    assert request.district_code == "5201" and request.tambon_code == "520104"


def test_an_unanswered_district_question_is_asked_again_next_turn(bot: Bot, villager: str) -> None:
    _say(bot, villager, NO_DISTRICT)
    ref = _requests(bot)[0].ref
    again = _say(bot, villager, "ขอบคุณครับ")
    assert again[-1]["text"] == texts.ASK_DISTRICT_AGAIN.format(ref=ref) and len(_labels(again[-1])) == 13
    photo = _send(bot, villager, "send_image")
    assert photo[-1]["text"] == texts.ASK_DISTRICT_AGAIN.format(ref=ref)
    tap(bot, villager, "งาว")
    assert _requests(bot)[0].district_code == "5205"


# --- a person and practical facts ----------------------------------------------------------------------

def test_contact_gives_hours_phone_address_and_urgent_numbers_from_settings(
        database_url: str, line_platform: Any, tmp_path: Any) -> None:
    app = make_app(database_url, line_platform, tmp_path / "instance", contact_phone="054-000-000",
                   contact_address="ถนนทดสอบ อ.เมืองลำปาง")
    with serve(app) as url:
        line_platform.webhook_url = f"{url}/callback"
        bot = Bot(app=app, runtime=app.extensions["lampang"], url=url, line=line_platform)
        user = line_platform.add_user("ลุงแก้ว")
        for asked in ("ติดต่อ อบจ.", "อบจ.เปิดกี่โมง"):
            [card] = _say(bot, user, asked)
            for part in ("054-000-000", "ถนนทดสอบ", "08.30", "1669"):
                assert part in card["text"], (asked, part)
            assert _labels(card) == [texts.BUTTON_TALK_TO_STAFF]
        assert _requests(bot) == []
        bot.runtime.engine.dispose()


def test_talk_to_staff_flags_the_chat_instead_of_becoming_a_request(bot: Bot, villager: str) -> None:
    [answer] = _say(bot, villager, "ขอคุยกับเจ้าหน้าที่ค่ะ")
    assert "แจ้งเจ้าหน้าที่แล้ว" in answer["text"] and _requests(bot) == []
    assert "เจ้าหน้าที่ได้รับคำขอ" in _say(bot, villager, "ขอคุยกับเจ้าหน้าที่")[0]["text"]
    with bot.session() as session:
        [waiting] = citizens.waiting_for_staff(session)
        key = waiting.key
    with bot.runtime.sessions() as session, session.begin():
        assert citizens.staff_answered(session, key)
    with bot.session() as session:
        assert citizens.waiting_for_staff(session) == []


def test_the_staff_flag_is_erased_with_the_villager(bot: Bot, villager: str) -> None:
    _say(bot, villager, "ขอคุยกับเจ้าหน้าที่")
    _say(bot, villager, "ลบข้อมูล")
    tap(bot, villager, texts.BUTTON_CONFIRM)
    with bot.session() as session:
        assert session.scalars(select(Citizen)).one().wants_staff_at is None


# --- short and plain ---------------------------------------------------------------------------------------

def test_the_greeting_is_short_with_an_example_and_the_privacy_notice_is_one_line_and_a_button(
        bot: Bot, villager: str) -> None:
    bot.line.follow(villager)
    bot.drain()
    greeting, privacy = _messages(bot, villager)
    assert len(greeting["text"].splitlines()) <= 4 and "คำเมือง" in greeting["text"] and "เช่น" in greeting["text"]
    assert "\n" not in privacy["text"] and _labels(privacy)[0] == texts.BUTTON_PRIVACY
    for hard in ("หมวด", "ไอดี LINE", "วาระ", "บรรจุในแผน", "สถิติที่ไม่ระบุตัวตน"):
        assert hard not in greeting["text"] + privacy["text"]
    notice = tap(bot, villager, texts.BUTTON_PRIVACY)[-1]["text"]
    assert "ลบข้อมูล" in notice and "ไอดี LINE" not in notice


def test_category_buttons_are_short_enough_to_see_several_at_once(bot: Bot, villager: str) -> None:
    _say(bot, villager, WITH_DISTRICT)
    labels = _labels(tap(bot, villager, texts.BUTTON_FIX_CATEGORY)[-1])
    assert len(labels) == 11 and max(grapheme_length(label) for label in labels) <= 16


def test_final_messages_end_with_what_the_person_can_do_next(bot: Bot, villager: str) -> None:
    _say(bot, villager, NO_DISTRICT)
    assert "ส่งรูปหรือตำแหน่ง" in tap(bot, villager, "งาว")[-1]["text"]
    forum = _say(bot, villager, "วันประชาคม")[-1]["text"]
    assert forum.endswith(texts.FORUM_NEXT_STEP)
    receipt = _say(bot, villager, WITH_DISTRICT)[0]["text"]
    assert receipt.splitlines()[-1] == texts.REQUEST_HOW_TO_OPEN.format(number=2)
