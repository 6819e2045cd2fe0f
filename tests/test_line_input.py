"""Bad input from LINE: odd characters, numbers, ids, media and postbacks never lose a villager's message.

Each body here is validly signed with the channel secret: what is under test is what the bot does
with input LINE (or someone holding the secret) could really send, not the signature check.
"""

from __future__ import annotations

import json
import tracemalloc
from typing import Any

import requests
from sqlalchemy import func, select

from bot import texts
from bot.inbox.worker import process_pending
from bot.line import postback
from bot.line.events import to_incoming
from bot.villager import media
from linesim import sign
from storage.models import Attachment, EventState, InboundEvent, MediaBlob, Request
from tests.harness import Bot

DESTINATION = "U" + "0" * 32


def _post_events(bot: Bot, events: list[dict[str, Any]], *, ascii_only: bool = False) -> requests.Response:
    """Sign and POST events; `ascii_only` writes non-ASCII as JSON escapes (how a lone surrogate travels)."""
    body = json.dumps({"destination": DESTINATION, "events": events}, ensure_ascii=ascii_only).encode("utf-8")
    return _post_body(bot, body)


def _post_body(bot: Bot, body: bytes) -> requests.Response:
    headers = {"Content-Type": "application/json; charset=utf-8",
               "x-line-signature": sign(bot.line.channel_secret, body)}
    return requests.post(f"{bot.url}/callback", data=body, headers=headers, timeout=10)


def _stored_events(bot: Bot) -> int:
    with bot.session() as session:
        return session.scalar(select(func.count()).select_from(InboundEvent))


def _requests(bot: Bot) -> list[Request]:
    with bot.session() as session:
        return list(session.scalars(select(Request).order_by(Request.id)))


def _event_states(bot: Bot) -> list[str]:
    with bot.session() as session:
        return [state.value for state in session.scalars(select(InboundEvent.state).order_by(InboundEvent.id))]


def _attachments(bot: Bot) -> list[Attachment]:
    with bot.session() as session:
        return list(session.scalars(select(Attachment).order_by(Attachment.id)))


# --- characters a database cannot store ----------------------------------------------------------

def test_a_text_with_nul_and_other_control_characters_becomes_a_request_without_them(bot: Bot, villager: str) -> None:
    event = bot.line.event_text(villager, "ถนน\x00พัง\x01หน้าบ้าน\x1b\nหมู่ 3\tบ้านป่าตันครับ\x7f")
    # Line breaks and tabs are how villagers lay out a message; they pass the edge.
    assert to_incoming(event).text == "ถนนพังหน้าบ้าน\nหมู่ 3\tบ้านป่าตันครับ"
    assert _post_events(bot, [event]).status_code == 200

    bot.drain()

    [request] = _requests(bot)
    assert request.text == "ถนนพังหน้าบ้าน หมู่ 3 บ้านป่าตันครับ"  # the request keeps text on one line
    assert _event_states(bot) == ["done"]
    [answer] = bot.answers(villager)
    assert request.ref in answer[0]


def test_a_lone_surrogate_in_a_text_is_dropped_and_the_request_is_stored(bot: Bot, villager: str) -> None:
    event = bot.line.event_text(villager, "ไฟฟ้าดับทั้งซอย\ud800ครับ")
    response = _post_events(bot, [event], ascii_only=True)
    assert response.status_code == 200

    bot.drain()

    [request] = _requests(bot)
    assert request.text == "ไฟฟ้าดับทั้งซอยครับ"
    assert _event_states(bot) == ["done"]
    assert request.ref in bot.answers(villager)[0][0]


def test_a_text_made_only_of_control_characters_still_gets_an_answer_in_thai(bot: Bot, villager: str) -> None:
    assert _post_events(bot, [bot.line.event_text(villager, "\x00\x00\ud800")], ascii_only=True).status_code == 200

    bot.drain()

    assert _event_states(bot) == ["done"]
    [answer] = bot.answers(villager)
    assert answer[0] and texts.SOMETHING_WENT_WRONG not in answer


def test_a_lone_surrogate_in_a_postback_is_answered_as_an_unknown_button(bot: Bot, villager: str) -> None:
    event = bot.line.event_postback(villager, "p1|d|1|\ud800|abcdefghijkl")
    assert _post_events(bot, [event], ascii_only=True).status_code == 200

    bot.drain()

    assert _event_states(bot) == ["done"]
    assert bot.answers(villager) == [[texts.CHOICE_NOT_YOURS]]


def test_an_event_stored_before_the_edge_cleaned_text_is_still_processed(bot: Bot, villager: str) -> None:
    # Events already waiting in the inbox when this version is deployed went in uncleaned.
    from storage import inbound

    inbound.store_events(bot.runtime.engine, [bot.line.event_text(villager, "น้ำประปาไม่ไหล\x00ครับ")])
    bot.drain()

    [request] = _requests(bot)
    assert request.text == "น้ำประปาไม่ไหลครับ"
    with bot.session() as session:
        assert session.scalars(select(InboundEvent.state)).one() == EventState.DONE


# --- numbers and nesting the parser must refuse ----------------------------------------------------

def test_nan_or_infinity_in_a_location_gets_400_and_stores_nothing(bot: Bot, villager: str) -> None:
    event = bot.line.event_location(villager, 18.29, 99.49)
    body = json.dumps({"destination": DESTINATION, "events": [event]}).encode("utf-8")
    for bad in (b"NaN", b"Infinity", b"-Infinity", b"1e400"):
        tampered = body.replace(b"18.29", bad)
        assert tampered != body
        assert _post_body(bot, tampered).status_code == 400, bad
    assert _stored_events(bot) == 0


def test_very_deep_json_nesting_gets_400_and_stores_nothing(bot: Bot, villager: str) -> None:
    event = json.dumps(bot.line.event_text(villager, "ถนนพัง")).encode("utf-8")
    for depth in (100_000, 200):
        nested = event[:-1] + b', "extra": ' + b"[" * depth + b"]" * depth + b"}"
        body = b'{"destination": "' + DESTINATION.encode() + b'", "events": [' + nested + b"]}"
        assert _post_body(bot, body).status_code == 400, depth
    assert _stored_events(bot) == 0


def test_a_location_off_the_globe_is_treated_as_no_location_and_the_villager_is_told(bot: Bot, villager: str) -> None:
    raw = bot.line.event_location(villager, 91.0, 99.49)
    assert to_incoming(raw).latitude is None and to_incoming(raw).longitude is None
    assert to_incoming(bot.line.event_location(villager, 18.29, 540.0)).longitude is None

    assert _post_events(bot, [raw]).status_code == 200
    bot.drain()

    assert bot.answers(villager) == [[texts.LOCATION_OUTSIDE]]
    assert _requests(bot) == []


# --- LINE ids ------------------------------------------------------------------------------------

def test_a_message_id_that_is_not_digits_never_reaches_the_content_api(bot: Bot, villager: str) -> None:
    for message_id in ("..", "1/../../profile", "12?x=1", "12\u0e51"):
        event = bot.line.event_image(villager)
        event["message"]["id"] = message_id
        assert _post_events(bot, [event]).status_code == 200

    bot.drain()

    assert _attachments(bot) == []
    assert bot.line.calls_to("/content") == []
    assert [call.path for call in bot.line.api_calls if not call.path.startswith("/v2/bot/message/")] == []


def test_events_with_malformed_user_ids_or_reply_tokens_are_ignored(bot: Bot, villager: str) -> None:
    bad_user = bot.line.event_text(villager, "ถนนพัง")
    bad_user["source"]["userId"] = "U../../x"
    bad_token = bot.line.event_text(villager, "ไฟดับ")
    bad_token["replyToken"] = "../token with spaces"
    assert _post_events(bot, [bad_user, bad_token]).status_code == 200

    bot.drain()

    assert _requests(bot) == []
    assert _event_states(bot) == ["done", "done"]
    assert [to_incoming(e).kind for e in (bad_user, bad_token)] == ["unknown", "unknown"]


def test_the_messenger_asks_line_for_content_only_by_a_digit_message_id(bot: Bot, villager: str) -> None:
    # Rows stored before ids were checked at the edge reach the messenger too; "." and ".." would
    # survive URL quoting and be resolved as path steps, so they never leave.
    for message_id in ("..", ".", "1/2", "a b", "๑๒"):
        assert bot.runtime.messenger.content(message_id, media.MAX_BYTES).status == 400
    assert bot.line.api_calls == []

    message_id = bot.line.event_image(villager, b"\xff\xd8\xff\xe0 a road")["message"]["id"]
    fetched = bot.runtime.messenger.content(message_id, media.MAX_BYTES)
    assert fetched.data == b"\xff\xd8\xff\xe0 a road"
    assert [call.path for call in bot.line.api_calls] == [f"/v2/bot/message/{message_id}/content"]


# --- media -----------------------------------------------------------------------------------------

def test_media_larger_than_the_cap_is_refused_without_reading_it_whole(bot: Bot, villager: str) -> None:
    huge = b"\xff\xd8\xff\xe0" + b"\0" * (3 * media.MAX_BYTES)
    assert bot.line.send_image(villager, huge, "image/jpeg").status_code == 200
    process_pending(bot.runtime)
    del huge

    tracemalloc.start()
    try:
        media.fetch_pending(bot.runtime)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    [photo] = _attachments(bot)
    assert photo.state == "failed" and photo.path is None
    # Reading the whole 60 MB first peaked at about three times the cap.
    assert peak < 1.5 * media.MAX_BYTES, peak
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(MediaBlob)) == 0


def test_media_exactly_at_the_cap_is_stored(bot: Bot, villager: str) -> None:
    photo_bytes = b"\x89PNG\r\n\x1a\n" + b"\0" * (media.MAX_BYTES - 8)
    bot.line.send_image(villager, photo_bytes, "image/png")
    bot.drain()

    [photo] = _attachments(bot)
    assert photo.state == "stored" and photo.size == media.MAX_BYTES and photo.content_type == "image/png"


def test_octet_stream_is_stored_only_when_its_first_bytes_are_an_allowed_kind(bot: Bot, villager: str) -> None:
    bot.line.send_file(villager, "รูปถนน.jpg", b"\xff\xd8\xff\xe0 a road")
    bot.line.send_file(villager, "คำร้อง.pdf", b"%PDF-1.4 a letter")
    bot.line.send_file(villager, "page.html", b"<html><script>alert(1)</script></html>")
    bot.line.send_file(villager, "tool.exe", b"MZ\x90\x00 a program")
    bot.drain()

    stored = {(a.state, a.content_type) for a in _attachments(bot)}
    assert stored == {("stored", "image/jpeg"), ("stored", "application/pdf"), ("failed", None)}
    with bot.session() as session:
        kept = sorted(path.rsplit(".", 1)[1] for path in session.scalars(select(MediaBlob.path)))
    assert kept == ["jpg", "pdf"]


def test_the_sniffed_type_is_recorded_not_the_declared_one(bot: Bot, villager: str) -> None:
    bot.line.send_image(villager, b"GIF89a a little animation", "image/jpeg")
    bot.line.send_video(villager, b"\0\0\0\x18ftypmp42\0\0\0\0 a video", "application/octet-stream")
    bot.line.send_audio(villager, b"\0\0\0\x1cftypM4A \0\0\0\0 a voice note", "audio/x-m4a")
    bot.line.send_image(villager, b"<svg onload=alert(1)>", "image/png")
    bot.drain()

    assert [(a.kind, a.state, a.content_type) for a in _attachments(bot)] == [
        ("image", "stored", "image/gif"), ("video", "stored", "video/mp4"),
        ("audio", "stored", "audio/mp4"), ("image", "failed", None)]


# --- postbacks -------------------------------------------------------------------------------------

def test_a_postback_signature_with_thai_letters_is_an_unknown_button_not_a_crash(bot: Bot, villager: str) -> None:
    bot.line.postback(villager, "p1|d|1|5203|ลำปางลำปางลำปาง")
    bot.drain()

    assert _event_states(bot) == ["done"]
    assert bot.answers(villager) == [[texts.CHOICE_NOT_YOURS]]


def test_postback_payloads_signed_before_this_change_still_decode() -> None:
    # A button already sitting in a villager's chat: the format and its signature must not change.
    data = "p1|d|7|5203|" + "fBp8AlyYWvTb"
    assert postback.encode("secret", "R0123456789ab", postback.Payload("d", 7, "5203")) == data
    assert postback.decode("secret", "R0123456789ab", data) == postback.Payload("d", 7, "5203")
    assert postback.decode("secret", "R0123456789ab", data[:-1] + "ก") is None
    assert postback.decode("secret", "R0123456789ab", data.replace("5203", "5203\ud800")) is None
