"""The emulated Messaging API answers like LINE: common rules, replies, pushes, retry keys, faults."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from linebot.v3.messaging import (
    ApiException,
    MulticastRequest,
    PushMessageRequest,
    ReplyMessageRequest,
    ShowLoadingAnimationRequest,
    TextMessage,
)

PUSH = "/v2/bot/message/push"
REPLY = "/v2/bot/message/reply"


def text(value: str) -> dict:
    return {"type": "text", "text": value}


# --- common rules ------------------------------------------------------------------------


def test_a_missing_or_wrong_bearer_token_is_401(line_platform, line_server):
    answer = requests.get(line_server.url + "/v2/bot/message/quota",
                          headers={"Authorization": "Bearer wrong"}, timeout=5)

    assert answer.status_code == 401
    assert answer.json()["message"].startswith("Authentication failed due to the following reason")
    assert answer.headers["X-Line-Request-Id"]


def test_a_non_json_content_type_is_415(http):
    answer = http("POST", PUSH, data="to=U", headers={"Content-Type": "text/plain"})

    assert answer.status_code == 415
    assert answer.json() == {"message": "The content type, text/plain, is not supported"}


def test_unparseable_json_is_400_with_line_and_column(http):
    answer = http("POST", PUSH, data='{"to": ', headers={"Content-Type": "application/json"})

    assert answer.status_code == 400
    assert answer.json()["message"].startswith("The request body could not be parsed as JSON (line: 1, column:")


def test_a_body_over_two_megabytes_is_413(http):
    answer = http("POST", PUSH, data=b"{" + b" " * (2 * 1024 * 1024) + b"}",
                  headers={"Content-Type": "application/json"})

    assert answer.status_code == 413


def test_unknown_paths_and_extra_segments_are_404_with_a_request_id(http):
    for path in ("/v2/bot/message/push/extra", "/v2/bot/nothing", "/v2/bot/message/push/"):
        answer = http("POST", path, json={})
        assert answer.status_code == 404, path
        assert answer.json() == {"message": "Not found"}
        assert answer.headers["X-Line-Request-Id"]


def test_every_response_has_a_fresh_request_id(http):
    first, second = http("GET", "/v2/bot/message/quota"), http("GET", "/v2/bot/message/quota")

    assert first.headers["X-Line-Request-Id"] != second.headers["X-Line-Request-Id"]
    assert uuid.UUID(first.headers["X-Line-Request-Id"])


def test_every_call_is_recorded_with_its_json_and_answer(line_platform, http):
    uid = line_platform.add_user()
    http("POST", PUSH, json={"to": uid, "messages": [text("สวัสดี")]})

    call = line_platform.calls_to("/message/push")[0]
    assert call.method == "POST"
    assert call.json == {"to": uid, "messages": [text("สวัสดี")]}
    assert call.status == 200
    assert call.response["sentMessages"][0]["id"].isdigit()


# --- reply -------------------------------------------------------------------------------


def test_a_reply_reaches_the_chat_and_a_used_reply_token_is_rejected(line_platform, messaging):
    uid = line_platform.add_user()
    token = line_platform.event_text(uid, "ถนนพัง")["replyToken"]
    request = ReplyMessageRequest(reply_token=token, messages=[TextMessage(text="รับเรื่องแล้ว")])

    messaging.reply_message(request)
    with pytest.raises(ApiException) as error:
        messaging.reply_message(request)

    assert error.value.status == 400
    assert json.loads(error.value.body) == {"message": "Invalid reply token"}
    assert line_platform.texts(uid) == ["รับเรื่องแล้ว"]
    assert line_platform.inbox(uid)[0].via == "reply"


def test_a_reply_token_expires_after_sixty_seconds_on_the_clock(line_platform, http):
    uid = line_platform.add_user()
    fresh = line_platform.event_text(uid, "หนึ่ง")["replyToken"]
    stale = line_platform.event_text(uid, "สอง")["replyToken"]

    line_platform.clock.advance(59)
    ok = http("POST", REPLY, json={"replyToken": fresh, "messages": [text("ทัน")]})
    line_platform.clock.advance(2)
    late = http("POST", REPLY, json={"replyToken": stale, "messages": [text("ช้า")]})

    assert ok.status_code == 200
    assert late.status_code == 400
    assert late.json()["message"] == "Invalid reply token"


def test_a_redelivered_token_is_good_for_another_minute(line_platform, bot, http):
    bot.status = 500
    uid = line_platform.add_user()
    event = line_platform.event_text(uid, "ไฟดับ")
    line_platform.clock.advance(50)
    line_platform.deliver([event], redeliver=1)
    line_platform.clock.advance(50)

    answer = http("POST", REPLY, json={"replyToken": event["replyToken"], "messages": [text("ok")]})

    assert answer.status_code == 200


def test_an_unknown_reply_token_is_rejected(http):
    answer = http("POST", REPLY, json={"replyToken": "0" * 32, "messages": [text("x")]})

    assert answer.status_code == 400


def test_a_retry_key_on_reply_is_rejected(line_platform, http):
    uid = line_platform.add_user()
    token = line_platform.event_text(uid, "x")["replyToken"]

    answer = http("POST", REPLY, json={"replyToken": token, "messages": [text("y")]},
                  headers={"X-Line-Retry-Key": str(uuid.uuid4())})

    assert answer.status_code == 400
    assert line_platform.inbox(uid) == []


def test_an_invalid_reply_leaves_the_token_usable_by_default(line_platform, http):
    uid = line_platform.add_user()
    token = line_platform.event_text(uid, "x")["replyToken"]

    bad = http("POST", REPLY, json={"replyToken": token, "messages": [text("")]})
    good = http("POST", REPLY, json={"replyToken": token, "messages": [text("ok")]})

    assert (bad.status_code, good.status_code) == (400, 200)


def test_an_invalid_reply_can_be_configured_to_use_up_the_token(line_platform, http):
    line_platform.configure(consume_reply_token_on_error=True)
    uid = line_platform.add_user()
    token = line_platform.event_text(uid, "x")["replyToken"]

    http("POST", REPLY, json={"replyToken": token, "messages": [text("")]})
    good = http("POST", REPLY, json={"replyToken": token, "messages": [text("ok")]})

    assert good.status_code == 400


def test_replies_are_free_of_quota(line_platform, http):
    uid = line_platform.add_user()
    token = line_platform.event_text(uid, "x")["replyToken"]

    http("POST", REPLY, json={"replyToken": token, "messages": [text("ok")]})

    assert line_platform.consumption == 0


# --- push, multicast, retry keys ------------------------------------------------------------


def test_a_push_with_a_retry_key_through_the_sdk_is_delivered_once(line_platform, messaging):
    uid = line_platform.add_user()
    key = str(uuid.uuid4())
    request = PushMessageRequest(to=uid, messages=[TextMessage(text="สรุปประจำสัปดาห์")])

    first = messaging.push_message_with_http_info(request, x_line_retry_key=key)
    with pytest.raises(ApiException) as repeat:
        messaging.push_message(request, x_line_retry_key=key)

    assert repeat.value.status == 409
    body = json.loads(repeat.value.body)
    assert body["message"] == "The retry key is already accepted"
    assert body["sentMessages"][0]["id"] == first.data.sent_messages[0].id
    assert repeat.value.headers["X-Line-Accepted-Request-Id"] == first.headers["X-Line-Request-Id"]
    assert repeat.value.headers["X-Line-Request-Id"] != first.headers["X-Line-Request-Id"]
    assert line_platform.texts(uid) == ["สรุปประจำสัปดาห์"]
    assert line_platform.inbox(uid)[0].retry_key == key
    assert line_platform.consumption == 1


def test_a_retry_key_is_forgotten_after_24_hours(line_platform, http):
    uid = line_platform.add_user()
    key = str(uuid.uuid4())
    body = {"to": uid, "messages": [text("x")]}

    http("POST", PUSH, json=body, headers={"X-Line-Retry-Key": key})
    line_platform.clock.advance(24 * 3600 + 1)
    again = http("POST", PUSH, json=body, headers={"X-Line-Retry-Key": key})

    assert again.status_code == 200
    assert len(line_platform.inbox(uid)) == 2


def test_a_retry_key_that_is_not_a_uuid_is_400(line_platform, http):
    uid = line_platform.add_user()

    answer = http("POST", PUSH, json={"to": uid, "messages": [text("x")]},
                  headers={"X-Line-Retry-Key": "not-a-uuid"})

    assert answer.status_code == 400
    assert line_platform.inbox(uid) == []


def test_a_failed_push_does_not_use_up_its_retry_key(line_platform, http):
    uid = line_platform.add_user()
    key = str(uuid.uuid4())
    line_platform.faults.add(endpoint="push", status=500)

    failed = http("POST", PUSH, json={"to": uid, "messages": [text("x")]}, headers={"X-Line-Retry-Key": key})
    retried = http("POST", PUSH, json={"to": uid, "messages": [text("x")]}, headers={"X-Line-Retry-Key": key})

    assert (failed.status_code, retried.status_code) == (500, 200)
    assert line_platform.texts(uid) == ["x"]


def test_an_accepted_push_whose_answer_is_dropped_is_409_on_retry_and_delivered_once(line_platform, http):
    uid = line_platform.add_user()
    key = str(uuid.uuid4())
    body = {"to": uid, "messages": [text("แจ้งผล")]}
    line_platform.faults.add(endpoint="push", drop_after_accept=True)

    with pytest.raises(requests.ConnectionError):
        http("POST", PUSH, json=body, headers={"X-Line-Retry-Key": key})
    retried = http("POST", PUSH, json=body, headers={"X-Line-Retry-Key": key})

    assert retried.status_code == 409
    assert line_platform.texts(uid) == ["แจ้งผล"]


def test_a_push_to_a_blocked_user_is_200_but_neither_delivered_nor_counted(line_platform, http):
    uid = line_platform.add_user()
    line_platform.block(uid)

    answer = http("POST", PUSH, json={"to": uid, "messages": [text("x")]})

    assert answer.status_code == 200
    assert line_platform.inbox(uid) == []
    assert line_platform.consumption == 0


def test_a_push_to_an_unknown_chat_is_400(http):
    answer = http("POST", PUSH, json={"to": "U" + "0" * 32, "messages": [text("x")]})

    assert answer.status_code == 400
    assert answer.json() == {"message": "Failed to send messages"}


def test_a_push_to_a_group_counts_every_member(line_platform, http):
    members = [line_platform.add_user() for _ in range(3)]
    gid = line_platform.add_group(members)

    http("POST", PUSH, json={"to": gid, "messages": [text("a"), text("b")]})

    assert line_platform.consumption == 3
    assert line_platform.texts(gid) == ["a", "b"]


def test_over_the_monthly_quota_nothing_is_sent(line_platform, http):
    line_platform.quota_limit = 1
    a, b = line_platform.add_user(), line_platform.add_user()

    http("POST", PUSH, json={"to": a, "messages": [text("x")]})
    over = http("POST", PUSH, json={"to": b, "messages": [text("y")]})

    assert over.status_code == 429
    assert over.json() == {"message": "You have reached your monthly limit."}
    assert line_platform.inbox(b) == []


def test_quota_reports_the_limit_and_consumption(line_platform, messaging, http):
    uid = line_platform.add_user()
    http("POST", PUSH, json={"to": uid, "messages": [text("x")]})

    assert messaging.get_message_quota().value == 300
    assert messaging.get_message_quota_consumption().total_usage == 1
    line_platform.quota_limit = None
    assert http("GET", "/v2/bot/message/quota").json() == {"type": "none"}


def test_multicast_reaches_each_user_and_rejects_groups(line_platform, messaging, http):
    a, b = line_platform.add_user(), line_platform.add_user()
    gid = line_platform.add_group([a])

    messaging.multicast(MulticastRequest(to=[a, b], messages=[TextMessage(text="ประชาคม")]),
                        x_line_retry_key=str(uuid.uuid4()))
    with_group = http("POST", "/v2/bot/message/multicast", json={"to": [a, gid], "messages": [text("x")]})

    assert line_platform.texts(a) == line_platform.texts(b) == ["ประชาคม"]
    assert line_platform.inbox(a)[0].via == "multicast"
    assert with_group.status_code == 400
    assert line_platform.consumption == 2


def test_multicast_to_more_than_500_users_is_400(http):
    answer = http("POST", "/v2/bot/message/multicast",
                  json={"to": ["U" + f"{i:032x}" for i in range(501)], "messages": [text("x")]})

    assert answer.status_code == 400


# --- faults and rate limits ----------------------------------------------------------------


def test_an_injected_429_repeats_the_given_number_of_times(line_platform, http):
    uid = line_platform.add_user()
    line_platform.faults.add(endpoint="push", status=429, times=2)

    statuses = [http("POST", PUSH, json={"to": uid, "messages": [text("x")]}).status_code for _ in range(3)]

    assert statuses == [429, 429, 200]


def test_an_injected_latency_delays_the_answer_past_a_client_timeout(line_platform, http):
    line_platform.faults.add(endpoint="quota", latency_s=0.3)

    with pytest.raises(requests.Timeout):
        http("GET", "/v2/bot/message/quota", timeout=0.1)


def test_a_rate_limit_gives_429_until_the_bucket_refills(line_platform, http):
    line_platform.set_rate_limit("profile", 2, per_seconds=1)
    uid = line_platform.add_user()
    line_platform.clock.set(1_800_000_000)

    statuses = [http("GET", f"/v2/bot/profile/{uid}").status_code for _ in range(3)]
    line_platform.clock.advance(1)
    after = http("GET", f"/v2/bot/profile/{uid}")

    assert statuses == [200, 200, 429]
    assert after.status_code == 200


def test_the_rate_limit_message_is_lines(line_platform, http):
    line_platform.faults.add(endpoint="push", status=429)
    uid = line_platform.add_user()

    answer = http("POST", PUSH, json={"to": uid, "messages": [text("x")]})

    assert answer.json() == {"message": "The API rate limit has been exceeded. Try again later."}


# --- profile, loading, mark as read ---------------------------------------------------------


def test_profile_of_a_friend_and_404_for_unknown_or_blocked_users(line_platform, messaging, http):
    uid = line_platform.add_user("ป้าศรี", language=None)
    blocked = line_platform.add_user()
    line_platform.block(blocked)

    profile = http("GET", f"/v2/bot/profile/{uid}").json()

    assert profile == {"displayName": "ป้าศรี", "userId": uid}
    assert messaging.get_profile(uid).display_name == "ป้าศรี"
    assert http("GET", f"/v2/bot/profile/{blocked}").status_code == 404
    assert http("GET", "/v2/bot/profile/U" + "1" * 32).json() == {"message": "Not found"}
    assert http("GET", "/v2/bot/profile/nonsense").status_code == 400


def test_loading_animation_is_202_for_users_only(line_platform, messaging, http):
    uid = line_platform.add_user()
    gid = line_platform.add_group([uid])

    answer = messaging.show_loading_animation_with_http_info(
        ShowLoadingAnimationRequest(chat_id=uid, loading_seconds=10))
    group = http("POST", "/v2/bot/chat/loading/start", json={"chatId": gid})

    assert answer.status_code == 202
    assert group.status_code == 400
    assert "Only user id is acceptable" in group.json()["details"][0]["message"]


def test_loading_seconds_must_be_a_multiple_of_five_within_range(line_platform, http):
    uid = line_platform.add_user()

    odd = http("POST", "/v2/bot/chat/loading/start", json={"chatId": uid, "loadingSeconds": 7})
    long = http("POST", "/v2/bot/chat/loading/start", json={"chatId": uid, "loadingSeconds": 65})

    assert odd.json()["details"] == [{"message": "must be a multiple of five", "property": "loadingSeconds"}]
    assert [d["message"] for d in long.json()["details"]] == ["Must be between 5 and 60"]


def test_mark_as_read_accepts_only_issued_tokens(line_platform, http):
    uid = line_platform.add_user()
    token = line_platform.event_text(uid, "x")["message"]["markAsReadToken"]

    assert http("POST", "/v2/bot/chat/markAsRead", json={"markAsReadToken": token}).status_code == 200
    assert http("POST", "/v2/bot/chat/markAsRead", json={"markAsReadToken": "nope"}).status_code == 400


# --- content -------------------------------------------------------------------------------


def test_content_is_served_with_its_type_through_the_blob_api(line_platform, blob):
    uid = line_platform.add_user()
    message_id = line_platform.event_image(uid, b"\xff\xd8photo", "image/jpeg")["message"]["id"]

    answer = blob.get_message_content_with_http_info(message_id)

    assert answer.raw_data == b"\xff\xd8photo"
    assert answer.headers["Content-Type"] == "image/jpeg"


def test_content_of_an_unknown_message_is_404_and_of_an_unsent_one_410(line_platform, http):
    uid = line_platform.add_user()
    message_id = line_platform.event_image(uid)["message"]["id"]
    line_platform.event_unsend(uid, message_id)

    assert http("GET", "/v2/bot/message/123/content").json() == {"message": "not found"}
    gone = http("GET", f"/v2/bot/message/{message_id}/content")
    assert gone.status_code == 410
    assert gone.json() == {"message": "The content is gone"}


def test_content_still_preparing_is_202_and_the_sdk_returns_none(line_platform, blob):
    uid = line_platform.add_user()
    message_id = line_platform.event_video(uid, preparing=True)["message"]["id"]

    assert blob.get_message_content(message_id) is None
    assert blob.get_message_content_transcoding_by_message_id(message_id).status == "processing"


def test_content_of_an_external_image_is_not_available(line_platform, http):
    uid = line_platform.add_user()
    message_id = line_platform.event_image(uid, external_url="https://example.com/x.jpg")["message"]["id"]

    assert http("GET", f"/v2/bot/message/{message_id}/content").status_code == 404


def test_a_file_is_downloadable_and_its_size_is_announced(line_platform, http):
    uid = line_platform.add_user()
    event = line_platform.event_file(uid, "แบบคำร้อง.pdf", b"%PDF-1.4 ...")

    assert event["message"]["fileSize"] == len(b"%PDF-1.4 ...")
    assert http("GET", f"/v2/bot/message/{event['message']['id']}/content").content == b"%PDF-1.4 ..."


# --- reset -----------------------------------------------------------------------------------


def test_reset_forgets_users_messages_and_consumption(line_platform, http):
    uid = line_platform.add_user()
    http("POST", PUSH, json={"to": uid, "messages": [text("x")]})

    line_platform.reset()

    assert line_platform.users == []
    assert line_platform.consumption == 0
    assert line_platform.api_calls == []
