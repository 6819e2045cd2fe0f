"""Scripted villager dialogues through signed webhooks, checking the stored data and every message sent."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from bot import texts
from linesim import validate_messages
from storage import blobs
from storage.models import (
    Attachment,
    AuditLog,
    Citizen,
    Forum,
    MediaBlob,
    OutboundMessage,
    OutboxState,
    Request,
    Status,
)
from tests.harness import Bot, tap

NO_DISTRICT = "ถนนในหมู่บ้านเป็นหลุมเป็นบ่อ รถล้มบ่อยมากครับ ขอให้มาซ่อมด้วย"
WITH_DISTRICT = "ขอให้ซ่อมถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา ถนนพังเป็นหลุมลึกมากครับ"
KO_KHA_POINT = (18.19, 99.39)  # inside Ko Kha district
BANGKOK = (13.75, 100.50)


def _messages(bot: Bot, chat_id: str) -> list[dict[str, Any]]:
    return [d.message for d in bot.line.inbox(chat_id)]


def _last(bot: Bot, chat_id: str) -> dict[str, Any]:
    return _messages(bot, chat_id)[-1]


def _quick_items(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [item["action"] for item in message.get("quickReply", {}).get("items", [])]


def _say(bot: Bot, user: str, text: str) -> list[dict[str, Any]]:
    before = len(bot.line.inbox(user))
    bot.line.send_text(user, text)
    bot.drain()
    return _messages(bot, user)[before:]


def _requests(bot: Bot) -> list[Request]:
    with bot.session() as session:
        return list(session.scalars(select(Request).order_by(Request.id)))


def _assert_all_within_line_limits(bot: Bot, chat_id: str) -> None:
    for call in bot.line.api_calls:
        body = call.json if isinstance(call.json, dict) else {}
        if "messages" in body:
            assert validate_messages(body["messages"]) == [], body["messages"]


def test_a_villager_follows_reports_without_a_district_taps_one_adds_a_photo_and_location_tracks_and_deletes(
        bot: Bot, villager: str) -> None:
    bot.line.follow(villager)
    bot.drain()
    welcome = _messages(bot, villager)
    assert "อบจ.ลำปาง" in welcome[0]["text"] and texts.BUTTON_PRIVACY in [
        a["label"] for a in _quick_items(welcome[1])]

    answer = _say(bot, villager, NO_DISTRICT)
    [request] = _requests(bot)
    assert request.ref in answer[0]["text"] and request.district_code is None
    districts = _quick_items(answer[-1])
    assert len(districts) == 13 and all(len(a["label"]) <= 20 for a in districts)

    tap(bot, villager, "เกาะคา")
    assert _requests(bot)[0].district_code == "5203"
    assert "เกาะคา" in _last(bot, villager)["text"] or any(
        "เกาะคา" in m.get("text", "") for m in _messages(bot, villager)[-2:])

    bot.line.send_image(villager, b"\xff\xd8\xff\xe0 a broken road", "image/jpeg")
    bot.drain()
    assert request.ref in _last(bot, villager)["text"]
    with bot.session() as session:
        [photo] = session.scalars(select(Attachment)).all()
    assert photo.request_id == request.id and photo.state == "stored" and photo.content_type == "image/jpeg"
    with bot.session() as session:
        assert blobs.read(session, photo.path) == b"\xff\xd8\xff\xe0 a broken road"

    bot.line.send_location(villager, *KO_KHA_POINT)
    bot.drain()
    stored = _requests(bot)[0]
    assert (stored.lat, stored.lon) == KO_KHA_POINT

    tracked = _say(bot, villager, "ติดตาม")
    assert f"เลขที่ {request.seq}" in tracked[0]["text"] and texts.villager_status("new") in tracked[0]["text"]

    asked = _say(bot, villager, "ลบข้อมูล")
    assert [a["label"] for a in _quick_items(asked[-1])] == ["ยืนยัน", "ยกเลิก"]
    tap(bot, villager, "ยืนยัน")
    assert _last(bot, villager)["text"] == texts.DELETED

    with bot.session() as session:
        citizen = session.scalars(select(Citizen)).one()
        erased = session.scalars(select(Request)).one()
        photo = session.scalars(select(Attachment)).one()
        kept = session.scalars(select(MediaBlob.path)).all()
        leftovers = session.scalars(select(OutboundMessage).where(OutboundMessage.recipient == villager)).all()
    assert citizen.line_user_id is None and citizen.display_name is None
    assert erased.text is None and erased.lat is None and erased.citizen_id is None
    assert (erased.district_code, erased.category, erased.status) == ("5203", stored.category, Status.NEW)
    assert photo.path is None and not kept
    assert all(row.purpose.value == "reply" for row in leftovers) and len(leftovers) <= 1
    export = bot.app.test_cli_runner().invoke(args=["export"]).stdout
    assert villager not in export and "หลุม" not in export
    _assert_all_within_line_limits(bot, villager)


def test_a_request_naming_its_district_is_understood_without_questions(bot: Bot, villager: str) -> None:
    [answer, *_] = _say(bot, villager, WITH_DISTRICT)
    [request] = _requests(bot)
    assert (request.district_code, request.tambon_code, request.category) == ("5203", "520302", "infrastructure")
    assert "เกาะคา" in answer["text"] and "นาแก้ว" in answer["text"]
    assert request.confidence["district"] > 0


def test_the_category_choices_are_at_most_13_and_end_with_other(bot: Bot, villager: str) -> None:
    _say(bot, villager, WITH_DISTRICT)
    tap(bot, villager, texts.BUTTON_FIX_CATEGORY)
    labels = [a["label"] for a in _quick_items(_last(bot, villager))]
    assert labels[-1] == "อื่นๆ" and len(labels) == 11 and len(set(labels)) == 11
    tap(bot, villager, "อื่นๆ")
    assert _requests(bot)[0].category == "other"


def test_fixing_the_category_by_tap_is_audited(bot: Bot, villager: str) -> None:
    _say(bot, villager, WITH_DISTRICT)
    tap(bot, villager, texts.BUTTON_FIX_CATEGORY)
    tap(bot, villager, "น้ำ")
    [request] = _requests(bot)
    assert request.category == "water"
    with bot.session() as session:
        audit = session.scalars(select(AuditLog).where(AuditLog.request_id == request.id)).all()
    assert [(a.action, a.before, a.after) for a in audit] == [
        ("villager_set_category", {"category": "infrastructure"}, {"category": "water"})]


def test_a_tap_on_someone_elses_quick_reply_changes_nothing(bot: Bot, villager: str) -> None:
    _say(bot, villager, NO_DISTRICT)
    stolen = next(a for a in _quick_items(_last(bot, villager)) if a["label"] == "งาว")["data"]
    stranger = bot.line.add_user("คนอื่น")
    bot.line.postback(stranger, stolen)
    bot.line.postback(villager, stolen.replace("5205", "5201"))  # tampered payload
    bot.drain()
    assert _requests(bot)[0].district_code is None
    assert _last(bot, stranger)["text"] == texts.CHOICE_NOT_YOURS
    assert _last(bot, villager)["text"] == texts.CHOICE_NOT_YOURS


def test_an_old_quick_reply_cannot_change_a_request_staff_already_triaged(bot: Bot, villager: str) -> None:
    _say(bot, villager, NO_DISTRICT)
    with bot.runtime.sessions() as session, session.begin():
        session.scalars(select(Request)).one().status = Status.ACCEPTED
    tap(bot, villager, "งาว")
    request = _requests(bot)[0]
    assert request.district_code is None
    assert request.ref in _last(bot, villager)["text"]


def test_a_typed_district_cannot_move_a_request_staff_already_accepted(bot: Bot, villager: str) -> None:
    _say(bot, villager, NO_DISTRICT)  # the bot asks for the district and waits 30 minutes
    with bot.runtime.sessions() as session, session.begin():
        request = session.scalars(select(Request)).one()
        request.status, request.district_code = Status.ACCEPTED, "5208"
    answer = _say(bot, villager, "อ.แจ้ห่ม")
    assert [message["text"] for message in answer] == [texts.ALREADY_HANDLED.format(ref=request.ref)]
    assert _requests(bot)[0].district_code == "5208" and len(_requests(bot)) == 1


def test_a_location_cannot_move_a_request_staff_already_accepted(bot: Bot, villager: str) -> None:
    _say(bot, villager, NO_DISTRICT)
    with bot.runtime.sessions() as session, session.begin():
        request = session.scalars(select(Request)).one()
        request.status, request.district_code = Status.ACCEPTED, "5208"
    bot.line.send_location(villager, *KO_KHA_POINT)
    bot.drain()
    assert _last(bot, villager)["text"] == texts.ALREADY_HANDLED.format(ref=request.ref)
    stored = _requests(bot)[0]
    assert (stored.district_code, stored.tambon_code, stored.lat, stored.lon) == ("5208", None, None, None)


def test_a_typed_district_answers_the_district_question(bot: Bot, villager: str) -> None:
    _say(bot, villager, NO_DISTRICT)
    _say(bot, villager, "อ.แจ้ห่ม")
    assert _requests(bot)[0].district_code == "5206"
    assert len(_requests(bot)) == 1


def test_cancel_works_in_every_state_and_a_timed_out_question_is_forgotten(bot: Bot, villager: str) -> None:
    assert _say(bot, villager, "ยกเลิก")[0]["text"] == texts.NOTHING_TO_CANCEL
    _say(bot, villager, NO_DISTRICT)
    # Only the question is dropped, and the words say so: the request itself stays.
    assert _say(bot, villager, "ยกเลิก")[0]["text"] == texts.QUESTION_DROPPED.format(ref=_requests(bot)[0].ref)
    _say(bot, villager, "ลบข้อมูล")
    assert _say(bot, villager, "ยกเลิก")[0]["text"] == texts.DELETE_KEPT

    _say(bot, villager, NO_DISTRICT)
    bot.travel(timedelta(minutes=31))
    bot.line.reply_token_ttl = 10_000
    _say(bot, villager, "อ.แจ้ห่ม")  # too late to count as the answer to the question
    assert _requests(bot)[1].district_code is None


def test_greetings_thanks_and_stickers_get_a_short_answer_and_queue_nothing(bot: Bot, villager: str) -> None:
    assert _say(bot, villager, "สวัสดีครับ")[0]["text"] == texts.GREETING
    assert _say(bot, villager, "ขอบคุณหลายเจ้า")[0]["text"] == texts.THANKS
    bot.line.send_sticker(villager)
    bot.drain()
    assert _last(bot, villager)["text"] == texts.STICKER
    assert _requests(bot) == []


def test_an_unsure_message_can_be_saved_as_a_request_with_one_tap(bot: Bot, villager: str) -> None:
    answer = _say(bot, villager, "แมวหายไปสามวันแล้ว")
    assert "แมวหายไปสามวันแล้ว" in answer[0]["text"] and _requests(bot) == []
    tap(bot, villager, texts.BUTTON_YES_SAVE)
    [request] = _requests(bot)
    assert request.text == "แมวหายไปสามวันแล้ว" and request.ref in _messages(bot, villager)[-2]["text"]
    assert request.category is None  # nobody knows yet: the bot asks after the district

    tap(bot, villager, "เกาะคา")
    assert _last(bot, villager)["text"] == texts.ASK_CATEGORY
    tap(bot, villager, "อื่นๆ")
    assert (_requests(bot)[0].district_code, _requests(bot)[0].category) == ("5203", "other")


def test_a_forum_question_is_answered_with_date_and_venue_or_not_yet(bot: Bot, villager: str) -> None:
    assert "ยังไม่ได้กำหนดวัน" in _say(bot, villager, "ประชาคมอำเภองาววันไหนครับ")[0]["text"]
    with bot.runtime.sessions() as session, session.begin():
        session.add(Forum(district_code="5205", held_on=date(2027, 1, 15), venue="หอประชุมอำเภองาว"))
    answer = _say(bot, villager, "ประชาคมอำเภองาววันไหนครับ")[0]["text"]
    assert "15 ม.ค. 2570" in answer and "หอประชุมอำเภองาว" in answer
    assert _requests(bot) == []


def test_a_photo_before_any_request_waits_for_the_next_one(bot: Bot, villager: str) -> None:
    bot.line.send_image(villager)
    bot.drain()
    assert _last(bot, villager)["text"] == texts.media_waiting("image")
    _say(bot, villager, WITH_DISTRICT)
    with bot.session() as session:
        photo = session.scalars(select(Attachment)).one()
    assert photo.request_id == _requests(bot)[0].id


def test_a_photo_waits_for_the_request_through_other_talk_but_not_past_its_window(bot: Bot, villager: str) -> None:
    bot.line.send_image(villager)
    bot.drain()
    # Other talk meanwhile, through a question with its own state and back: the photo still waits.
    assert _say(bot, villager, "สวัสดีค่ะ")[-1]["text"] == texts.GREETING
    _say(bot, villager, "ลบข้อมูล")
    assert _say(bot, villager, "ยกเลิก")[-1]["text"] == texts.DELETE_KEPT
    _say(bot, villager, WITH_DISTRICT)
    bot.line.send_image(villager)  # this one joins the request at once
    bot.drain()
    bot.travel(timedelta(minutes=31))
    bot.line.send_image(villager)
    bot.drain()
    bot.travel(timedelta(minutes=31))  # the last photo waited longer than the window
    _say(bot, villager, NO_DISTRICT)
    with bot.session() as session:
        photos = session.scalars(select(Attachment).order_by(Attachment.id)).all()
    first = _requests(bot)[0]
    assert [photo.request_id for photo in photos] == [first.id, first.id, None]


def test_a_location_outside_lampang_is_declined(bot: Bot, villager: str) -> None:
    _say(bot, villager, NO_DISTRICT)
    bot.line.send_location(villager, *BANGKOK)
    bot.drain()
    assert _last(bot, villager)["text"] == texts.LOCATION_OUTSIDE
    assert _requests(bot)[0].lat is None


def test_a_location_fills_an_empty_district_from_the_polygons(bot: Bot, villager: str) -> None:
    _say(bot, villager, NO_DISTRICT)
    bot.line.send_location(villager, *KO_KHA_POINT)
    bot.drain()
    request = _requests(bot)[0]
    assert request.district_code == "5203" and request.tambon_code and request.tambon_code.startswith("5203")


def test_tracking_shows_only_the_villagers_own_requests(bot: Bot, villager: str) -> None:
    neighbour = bot.line.add_user("ลุงข้างบ้าน")
    _say(bot, villager, WITH_DISTRICT)
    _say(bot, neighbour, NO_DISTRICT)
    mine, theirs = _requests(bot)
    listing = _say(bot, villager, "เรื่องของฉัน")[0]["text"]
    assert f"เลขที่ {mine.seq} " in listing and f"เลขที่ {theirs.seq} " not in listing
    assert "ไม่พบ" in _say(bot, villager, theirs.ref)[0]["text"]
    detail = _say(bot, villager, mine.ref)[0]["text"]
    assert mine.ref in detail and "เกาะคา" in detail


def test_an_unsent_message_is_removed_from_its_request(bot: Bot, villager: str) -> None:
    delivery = bot.line.send_text(villager, WITH_DISTRICT)
    bot.drain()
    bot.line.unsend(villager, delivery.message_id)
    bot.drain()
    request = _requests(bot)[0]
    assert request.text is None and request.district_code == "5203"


def test_group_chatter_is_not_collected_and_a_mention_gets_directions(bot: Bot, villager: str) -> None:
    group = bot.line.add_group([villager])
    bot.line.send_text(villager, NO_DISTRICT, group_id=group)
    bot.line.send_text(villager, "บอทช่วยด้วย", group_id=group, mention_bot=True)
    bot.drain()
    assert _requests(bot) == []
    assert [m["text"] for m in _messages(bot, group)] == [texts.GROUP_HOW_TO_REPORT]


def test_notifications_wait_when_push_quota_runs_low_and_ride_along_with_the_next_reply(
        bot: Bot, villager: str) -> None:
    from bot.outbox import notify

    _say(bot, villager, WITH_DISTRICT)
    bot.line.quota_limit, bot.line.consumption = 300, 290  # fewer left than the reserve of 50
    bot.runtime.forget_quota()
    with bot.runtime.sessions() as session, session.begin():
        request = session.scalars(select(Request)).one()
        request.status, request.status_reason = Status.REJECTED, "อยู่นอกอำนาจหน้าที่"
        notify.status_changed(session, request, bot.runtime.now())
    bot.drain()
    with bot.session() as session:
        assert session.scalars(select(OutboundMessage).where(OutboundMessage.purpose == "notify")).one().state \
            == OutboxState.HELD
    assert bot.line.calls_to("/v2/bot/message/push") == []

    answer = _say(bot, villager, "สวัสดีค่ะ")
    assert "อยู่นอกอำนาจหน้าที่" in answer[0]["text"] and answer[-1]["text"] == texts.GREETING
    assert bot.line.calls_to("/v2/bot/message/push") == []


def test_a_status_change_reaches_the_villager_as_a_push_with_a_retry_key(bot: Bot, villager: str) -> None:
    from bot.outbox import notify

    _say(bot, villager, WITH_DISTRICT)
    with bot.runtime.sessions() as session, session.begin():
        request = session.scalars(select(Request)).one()
        request.status = Status.DONE
        notify.status_changed(session, request, bot.runtime.now())
    bot.drain()
    [push] = bot.line.calls_to("/v2/bot/message/push")
    assert push.headers.get("X-Line-Retry-Key") and request.ref in _last(bot, villager)["text"]


def test_the_follow_welcome_states_what_is_collected_why_how_long_and_how_to_delete(
        bot: Bot, villager: str, tmp_path: Path) -> None:
    bot.line.follow(villager)
    bot.drain()
    tap(bot, villager, texts.BUTTON_PRIVACY)  # the full notice is one tap from the welcome
    notice = _last(bot, villager)["text"]
    for needed in ("บัญชี LINE", "รูป", "ตำแหน่ง", "เพื่ออะไร", "ใครเห็น", "ปี", "ลบข้อมูล"):
        assert needed in notice
    bot.line.unfollow(villager)
    bot.drain()
    with bot.session() as session:
        assert session.scalars(select(Citizen)).one().following is False
