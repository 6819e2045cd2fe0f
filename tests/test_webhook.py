"""The webhook: signed events are stored once and acknowledged; bad input gets a 4xx and stores nothing."""

from __future__ import annotations

import json

import pytest
import requests
from flask import request
from sqlalchemy import event, func, select

from linesim import sign
from storage.models import InboundEvent, Request
from tests.harness import Bot


def _post(bot: Bot, body: bytes, signature: str | None, header: str = "x-line-signature") -> requests.Response:
    headers = {"Content-Type": "application/json; charset=utf-8"}
    if signature is not None:
        headers[header] = signature
    return requests.post(f"{bot.url}/callback", data=body, headers=headers, timeout=5)


def _stored_events(bot: Bot) -> int:
    with bot.session() as session:
        return session.scalar(select(func.count()).select_from(InboundEvent))


def _signed(bot: Bot, payload: object) -> tuple[bytes, str]:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    return body, sign(bot.line.channel_secret, body)


def test_a_signed_text_event_becomes_one_request_and_one_reply_with_its_reference(bot: Bot, villager: str) -> None:
    delivery = bot.line.send_text(villager, "ถนนในหมู่บ้านพังมากครับ")
    assert delivery.status_code == 200
    assert _stored_events(bot) == 1

    bot.drain()

    with bot.session() as session:
        request = session.scalars(select(Request)).one()
    assert request.ref.startswith("LP-") and len(request.ref) == len("LP-69-00001")
    [answer] = bot.answers(villager)
    assert request.ref in answer[0]
    assert {d.via for d in bot.line.inbox(villager)} == {"reply"}


def test_an_event_delivered_many_times_is_processed_once(bot: Bot, villager: str) -> None:
    event = bot.line.event_text(villager, "ไฟทางดับทั้งซอยครับ")
    bot.line.deliver([event], duplicate=True)
    bot.line.deliver([{**event, "deliveryContext": {"isRedelivery": True}}])
    bot.drain()
    bot.line.deliver([{**event, "deliveryContext": {"isRedelivery": True}}])
    bot.drain()

    assert _stored_events(bot) == 1
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(Request)) == 1
    assert len(bot.answers(villager)) == 1


def test_events_from_several_users_in_one_post_each_get_their_own_answer(bot: Bot) -> None:
    first, second = bot.line.add_user("ลุงหมื่น"), bot.line.add_user("น้องฝน")
    bot.line.deliver([bot.line.event_text(first, "ขอประปาหมู่บ้าน"), bot.line.event_text(second, "ขอไฟกิ่ง")])
    bot.drain()
    assert len(bot.answers(first)) == 1 and len(bot.answers(second)) == 1
    assert bot.answers(first)[0][0] != bot.answers(second)[0][0]


def test_a_bad_signature_is_refused_and_nothing_is_stored(bot: Bot, villager: str) -> None:
    body, _ = _signed(bot, {"destination": "U" + "0" * 32, "events": [bot.line.event_text(villager, "hi")]})
    assert _post(bot, body, "bm90IGEgc2lnbmF0dXJl").status_code == 400
    assert _stored_events(bot) == 0


def test_a_body_altered_after_signing_is_refused(bot: Bot, villager: str) -> None:
    body, signature = _signed(bot, {"destination": "U" + "0" * 32, "events": [bot.line.event_text(villager, "A")]})
    assert _post(bot, body.replace(b'"A"', b'"B"'), signature).status_code == 400
    assert _stored_events(bot) == 0


def test_the_signature_check_agrees_with_line_bot_sdks_validator() -> None:
    # bot.line.signature hashes with the standard library so the web path never imports the SDK;
    # it must accept and refuse exactly what the SDK's own validator does.
    from linebot.v3.webhook import SignatureValidator

    from bot.line import signature

    secret = "0123456789abcdef0123456789abcdef"
    body = json.dumps({"events": [{"type": "message", "message": {"text": "ถนนพัง 🚧"}}]}, ensure_ascii=False)
    good = sign(secret, body.encode("utf-8"))
    for candidate in (good, good[:-2] + "==", "", "ไม่ใช่", sign("another secret", body.encode("utf-8"))):
        assert signature.is_valid(secret, body, candidate) == SignatureValidator(secret).validate(body, candidate)
    assert signature.is_valid(secret, body, good)
    assert not signature.is_valid(secret, body + " ", good)


def test_a_missing_signature_is_refused(bot: Bot) -> None:
    assert _post(bot, b'{"events": []}', None).status_code == 401


def test_the_signature_header_name_is_case_insensitive(bot: Bot) -> None:
    body, signature = _signed(bot, {"destination": "U" + "0" * 32, "events": []})
    assert _post(bot, body, signature, header="X-LINE-SIGNATURE").status_code == 200


def test_malformed_json_with_a_valid_signature_gets_400(bot: Bot) -> None:
    body = b'{"events": [ this is not json'
    assert _post(bot, body, sign(bot.line.channel_secret, body)).status_code == 400


def test_bodies_of_the_wrong_shape_get_400_and_store_nothing(bot: Bot) -> None:
    for payload in ([], {"events": "no"}, {"events": [1]}, {"events": [{"type": "message"}]},
                    {"events": [{"webhookEventId": "01J", "type": 5}]}, {}):
        body, signature = _signed(bot, payload)
        assert _post(bot, body, signature).status_code == 400, payload
    assert _stored_events(bot) == 0


def test_event_ids_and_types_that_are_not_lines_shapes_get_400_and_store_nothing(bot: Bot, villager: str) -> None:
    # Both are stored as they come (the de-duplication key and a column); a NUL broke PostgreSQL.
    good = bot.line.event_text(villager, "ถนนพัง")
    for changed in ({"webhookEventId": "01J\u0000"}, {"webhookEventId": "../01J"}, {"webhookEventId": "0" * 65},
                    {"type": "message\u0000"}, {"type": "mess age"}):
        body, signature = _signed(bot, {"destination": "U" + "0" * 32, "events": [{**good, **changed}]})
        assert _post(bot, body, signature).status_code == 400, changed
    assert _stored_events(bot) == 0


def test_a_body_over_one_megabyte_gets_413(bot: Bot, villager: str) -> None:
    event = bot.line.event_text(villager, "ก" * 600_000)
    body, signature = _signed(bot, {"destination": "U" + "0" * 32, "events": [event]})
    assert _post(bot, body, signature).status_code == 413
    assert _stored_events(bot) == 0


def test_a_body_that_is_not_utf8_gets_400(bot: Bot) -> None:
    body = b'{"events": ["\xff\xfe"]}'
    assert _post(bot, body, sign(bot.line.channel_secret, body)).status_code == 400


def test_lines_verify_request_with_no_events_gets_200(bot: Bot) -> None:
    body, signature = _signed(bot, {"destination": "U" + "0" * 32, "events": []})
    response = _post(bot, body, signature)
    assert response.status_code == 200
    assert _stored_events(bot) == 0


def test_an_unknown_event_type_is_acknowledged_and_ignored(bot: Bot, villager: str) -> None:
    assert bot.line.send_unknown_event(villager).status_code == 200
    bot.drain()
    with bot.session() as session:
        event = session.scalars(select(InboundEvent)).one()
        assert event.state.value == "done"
    assert bot.line.texts(villager) == []


def test_health_check_answers_when_the_database_does(bot: Bot) -> None:
    response = requests.get(f"{bot.url}/healthz", timeout=5)
    assert response.status_code == 200 and response.json() == {"status": "ok"}


def test_the_webhook_counts_only_new_events_as_stored(bot: Bot, villager: str) -> None:
    from storage import inbound

    event = bot.line.event_text(villager, "ไฟฟ้าดับ")
    assert inbound.store_events(bot.runtime.engine, [event]) == 1
    assert inbound.store_events(bot.runtime.engine, [event, bot.line.event_text(villager, "อีกเรื่อง")]) == 1
    repeated = bot.line.event_text(villager, "เรื่องที่สาม")
    assert inbound.store_events(bot.runtime.engine, [repeated, repeated]) == 1  # twice in one body


def test_on_postgresql_a_webhook_is_stored_when_the_database_dropped_the_pools_connections(
        bot: Bot, villager: str) -> None:
    engine = bot.runtime.engine
    if engine.dialect.name != "postgresql":
        pytest.skip("needs TEST_DATABASE_URL: SQLite's connections are files, not sessions a server can drop")
    engine.dispose()
    backends: set[int] = set()
    event.listen(engine, "connect", lambda connection, _record: backends.add(connection.info.backend_pid))
    assert bot.line.send_text(villager, "ไฟฟ้าดับทั้งหมู่บ้าน").status_code == 200
    assert backends  # the pool holds live connections now ...
    arguments, options = engine.dialect.create_connect_args(engine.url)
    with engine.dialect.connect(*arguments, **options) as admin:  # outside the pool
        admin.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", [sorted(backends)])
    # ... which the server has dropped, as after a restart: the first use finds out, and the insert is
    # tried once more on a fresh connection instead of failing the webhook (LINE may not redeliver).
    assert bot.line.send_text(villager, "น้ำประปาไม่ไหลครับ").status_code == 200
    assert _stored_events(bot) == 2


def test_lines_calls_open_no_cookie_session_while_the_consoles_pages_keep_theirs(bot: Bot) -> None:
    # LINE sends no cookie; building a session (and its signing serializer) for every webhook was
    # a twentieth of the webhook's time in a burst.
    interface = bot.app.session_interface
    with bot.app.test_request_context("/callback", method="POST"):
        assert interface.is_null_session(interface.open_session(bot.app, request))
    with bot.app.test_request_context("/console/", headers={"Cookie": "session=unsigned"}):
        assert not interface.is_null_session(interface.open_session(bot.app, request))
    body, signature = _signed(bot, {"destination": "U" + "0" * 32, "events": []})
    answer = _post(bot, body, signature)
    assert (answer.status_code, answer.content, answer.headers.get("Set-Cookie")) == (200, b"", None)
