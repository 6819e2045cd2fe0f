"""The webhooks the emulator sends parse as the SDK's proper event classes and are signed right."""

from __future__ import annotations

import json
import re

import pytest
from linebot.v3.exceptions import InvalidSignatureError
from linebot.v3.models import UnknownEvent
from linebot.v3.webhook import WebhookParser
from linebot.v3.webhooks import (
    AudioMessageContent,
    FileMessageContent,
    FollowEvent,
    ImageMessageContent,
    JoinEvent,
    LeaveEvent,
    LocationMessageContent,
    MemberJoinedEvent,
    MemberLeftEvent,
    MessageEditedEvent,
    MessageEvent,
    PostbackEvent,
    StickerMessageContent,
    TextMessageContent,
    UnfollowEvent,
    UnsendEvent,
    VideoMessageContent,
)

from linesim import Platform, sign

ULID = re.compile(r"^[0-9A-HJKMNP-TV-Z]{26}$")


def every_event(p: Platform) -> list[tuple[dict, type, type | None]]:
    """One of each event the emulator builds, with the SDK classes it must parse as."""
    uid = p.add_user("ป้าศรี")
    other = p.add_user("ลุงมา")
    gid = p.add_group([uid, other])
    rid = p.add_room([uid, other])
    text = p.event_text(uid, "ถนนพังครับ")
    return [
        (text, MessageEvent, TextMessageContent),
        (p.event_text(uid, "ไฟดับ", group_id=gid, mention_bot=True), MessageEvent, TextMessageContent),
        (p.event_text(uid, "น้ำท่วม", group_id=rid, quoted_message_id=text["message"]["id"]),
         MessageEvent, TextMessageContent),
        (p.event_image(uid), MessageEvent, ImageMessageContent),
        (p.event_image(uid, external_url="https://example.com/a.jpg"), MessageEvent, ImageMessageContent),
        (p.event_video(uid), MessageEvent, VideoMessageContent),
        (p.event_audio(uid), MessageEvent, AudioMessageContent),
        (p.event_file(uid, "คำร้อง.pdf", b"%PDF-1.4"), MessageEvent, FileMessageContent),
        (p.event_location(uid, 18.29, 99.49, "บ้าน", "ลำปาง"), MessageEvent, LocationMessageContent),
        (p.event_location(uid, 18.29, 99.49), MessageEvent, LocationMessageContent),
        (p.event_sticker(uid), MessageEvent, StickerMessageContent),
        (p.event_follow(uid), FollowEvent, None),
        (p.event_follow(uid, unblocked=True), FollowEvent, None),
        (p.event_unfollow(other), UnfollowEvent, None),
        (p.event_postback(uid, "district=5201"), PostbackEvent, None),
        (p.event_postback(uid, "when", {"date": "2026-11-30"}), PostbackEvent, None),
        (p.event_unsend(uid, text["message"]["id"]), UnsendEvent, None),
        (p.event_join(gid), JoinEvent, None),
        (p.event_member_joined(gid, [p.add_user("น้องใหม่")]), MemberJoinedEvent, None),
        (p.event_member_left(gid, [other]), MemberLeftEvent, None),
        (p.event_message_edited(uid, gid, text["message"]["id"], "ถนนพังมาก"), MessageEditedEvent, None),
        (p.event_leave(gid), LeaveEvent, None),
        (p.event_text(uid, "standby", mode="standby"), MessageEvent, TextMessageContent),
    ]


def test_every_generated_event_parses_as_its_proper_sdk_class(line_platform, bot):
    cases = every_event(line_platform)
    deliveries = line_platform.deliver([event for event, _, _ in cases])

    assert [d.status_code for d in deliveries] == [200]
    parsed = bot.parsed[0]
    assert len(parsed) == len(cases)
    for (event, event_class, content_class), got in zip(cases, parsed, strict=True):
        assert not isinstance(got, UnknownEvent), event["type"]
        assert isinstance(got, event_class), event["type"]
        if content_class is not None:
            assert isinstance(got.message, content_class), event["message"]["type"]


def test_an_unknown_event_type_parses_as_unknown_event(line_platform, bot):
    uid = line_platform.add_user()
    line_platform.send_unknown_event(uid)

    assert isinstance(bot.parsed[0][0], UnknownEvent)


def test_every_event_carries_the_common_properties_and_a_ulid(line_platform):
    for event, _, _ in every_event(line_platform):
        assert event["mode"] in ("active", "standby")
        assert isinstance(event["timestamp"], int)
        assert ULID.match(event["webhookEventId"])
        assert event["deliveryContext"] == {"isRedelivery": False}
        assert "source" in event


def test_group_sources_carry_the_user_only_on_message_events(line_platform):
    uid = line_platform.add_user()
    gid = line_platform.add_group([uid])

    message = line_platform.event_text(uid, "สวัสดี", group_id=gid)
    joined = line_platform.event_join(gid)

    assert message["source"] == {"type": "group", "groupId": gid, "userId": uid}
    assert joined["source"] == {"type": "group", "groupId": gid}


def test_standby_events_have_no_reply_token(line_platform):
    uid = line_platform.add_user()

    assert "replyToken" not in line_platform.event_text(uid, "x", mode="standby")
    assert "replyToken" in line_platform.event_text(uid, "x")


def test_unreplyable_events_have_no_reply_token(line_platform):
    uid = line_platform.add_user()
    gid = line_platform.add_group([uid])

    for event in (line_platform.event_unfollow(uid), line_platform.event_leave(gid),
                  line_platform.event_unsend(uid, "1")):
        assert "replyToken" not in event


def test_the_signature_is_over_the_exact_bytes_sent_with_lower_case_header(line_platform, bot):
    uid = line_platform.add_user("ป้าศรี")
    delivery = line_platform.send_text(uid, "ถนนพังครับ")

    assert bot.bodies[0] == delivery.body
    assert sign(line_platform.channel_secret, bot.bodies[0]) == delivery.signature
    assert bot.headers[0]["X-Line-Signature"] == delivery.signature
    assert bot.headers[0]["Content-Type"] == "application/json; charset=utf-8"
    assert json.loads(delivery.body)["destination"] == line_platform.bot_user_id


def test_a_body_altered_after_signing_fails_verification(line_platform):
    uid = line_platform.add_user()
    delivery = line_platform.deliver([line_platform.event_text(uid, "สวัสดี")])[0]
    parser = WebhookParser(line_platform.channel_secret)

    with pytest.raises(InvalidSignatureError):
        parser.parse(delivery.body.decode().replace("สวัสดี", "ลาก่อน"), delivery.signature)


def test_verify_sends_an_empty_events_array(line_platform, bot):
    delivery = line_platform.verify_webhook()

    assert delivery.status_code == 200
    assert json.loads(bot.bodies[0])["events"] == []


def test_a_failed_delivery_is_redelivered_with_the_same_ids_marked_as_redelivery(line_platform, bot):
    bot.status = 500
    uid = line_platform.add_user()

    deliveries = line_platform.deliver([line_platform.event_text(uid, "ไฟดับ")], redeliver=2)

    assert [d.status_code for d in deliveries] == [500, 500, 500]
    first, again = (json.loads(body)["events"][0] for body in (bot.bodies[0], bot.bodies[1]))
    assert again["webhookEventId"] == first["webhookEventId"]
    assert again["replyToken"] == first["replyToken"]
    assert again["deliveryContext"] == {"isRedelivery": True}
    assert first["deliveryContext"] == {"isRedelivery": False}


def test_redelivery_stops_once_the_bot_answers_2xx(line_platform, bot):
    uid = line_platform.add_user()

    deliveries = line_platform.deliver([line_platform.event_text(uid, "ไฟดับ")], redeliver=3)

    assert len(deliveries) == 1


def test_a_spontaneous_duplicate_repeats_the_identical_body(line_platform, bot):
    uid = line_platform.add_user()

    deliveries = line_platform.deliver([line_platform.event_text(uid, "ไฟดับ")], duplicate=True)

    assert len(deliveries) == 2
    assert bot.bodies[0] == bot.bodies[1]


def test_a_slow_bot_is_recorded_as_a_timeout(line_platform, bot):
    line_platform.webhook_timeout_s = 0.2
    bot.on_events = lambda events: __import__("time").sleep(0.5)
    uid = line_platform.add_user()

    delivery = line_platform.send_text(uid, "ช้า")

    assert delivery.status_code is None
    assert delivery.error == "timeout"
    assert not delivery.ok


def test_several_users_events_travel_in_one_post(line_platform, bot):
    a, b = line_platform.add_user("ก"), line_platform.add_user("ข")

    line_platform.deliver([line_platform.event_text(a, "หนึ่ง"), line_platform.event_follow(b)])

    assert len(bot.bodies) == 1
    assert [e.source.user_id for e in bot.parsed[0]] == [a, b]
