"""Message objects are checked against LINE's limits, both as a function and by the API."""

from __future__ import annotations

from linesim import validate_messages
from linesim.validation import grapheme_count, utf16_units


def text(value: str, **extra) -> dict:
    return {"type": "text", "text": value, **extra}


def quick_reply(*actions: dict) -> dict:
    return {"items": [{"type": "action", "action": action} for action in actions]}


def bubble(size: str = "mega", filler: str = "") -> dict:
    return {"type": "bubble", "size": size,
            "body": {"type": "box", "layout": "vertical", "contents": [{"type": "text", "text": filler or "x"}]}}


def properties(errors: list[dict]) -> list[str]:
    return [error["property"] for error in errors]


def test_a_valid_text_message_has_no_errors():
    assert validate_messages([text("ถนนพังครับ")]) == []


def test_zero_or_six_messages_are_rejected():
    assert properties(validate_messages([])) == ["messages"]
    assert properties(validate_messages([text("x")] * 6)) == ["messages"]


def test_an_unknown_message_type_is_rejected():
    assert properties(validate_messages([{"type": "poem"}])) == ["messages[0].type"]


def test_empty_text_is_rejected_with_lines_wording():
    assert validate_messages([text("")]) == [{"message": "May not be empty", "property": "messages[0].text"}]


def test_text_is_measured_in_utf16_units():
    assert utf16_units("ก" * 10) == 10
    assert utf16_units("🍎") == 2
    assert validate_messages([text("ก" * 5000)]) == []
    assert properties(validate_messages([text("🍎" * 2501)])) == ["messages[0].text"]


def test_emoji_indexes_must_point_at_a_dollar_sign():
    good = text("$ ok", emojis=[{"index": 0, "productId": "p", "emojiId": "001"}])
    bad = text("no dollar", emojis=[{"index": 1, "productId": "p", "emojiId": "001"}])

    assert validate_messages([good]) == []
    assert properties(validate_messages([bad])) == ["messages[0].emojis[0].index"]


def test_thai_labels_count_grapheme_clusters_not_code_points():
    label = "ผู้สูงอายุ"  # 10 code points, 6 clusters
    assert grapheme_count(label) == 6
    assert grapheme_count("👨\u200d👩") == 1


def test_quick_reply_allows_thirteen_items_with_labels_of_twenty():
    action = {"type": "message", "label": "เมืองลำปาง", "text": "เมืองลำปาง"}

    assert validate_messages([text("เลือก", quickReply=quick_reply(*[action] * 13))]) == []
    assert properties(validate_messages([text("เลือก", quickReply=quick_reply(*[action] * 14))])) == [
        "messages[0].quickReply.items"]


def test_quick_reply_labels_are_required_and_at_most_twenty_clusters():
    long = {"type": "message", "label": "ก" * 21, "text": "x"}
    missing = {"type": "message", "text": "x"}

    errors = validate_messages([text("เลือก", quickReply=quick_reply(long, missing))])

    assert properties(errors) == ["messages[0].quickReply.items[0].action.label",
                                  "messages[0].quickReply.items[1].action.label"]


def test_postback_data_and_display_text_are_at_most_300():
    action = {"type": "postback", "label": "ok", "data": "d" * 301, "displayText": "t" * 301}

    errors = validate_messages([text("x", quickReply=quick_reply(action))])

    assert properties(errors) == ["messages[0].quickReply.items[0].action.data",
                                  "messages[0].quickReply.items[0].action.displayText"]


def test_message_action_text_is_at_most_300():
    action = {"type": "message", "label": "ok", "text": "t" * 301}

    assert properties(validate_messages([text("x", quickReply=quick_reply(action))])) == [
        "messages[0].quickReply.items[0].action.text"]


def test_a_location_action_needs_only_a_label():
    assert validate_messages([text("x", quickReply=quick_reply({"type": "location", "label": "ส่งตำแหน่ง"}))]) == []


def test_flex_needs_alt_text_of_at_most_1500():
    assert properties(validate_messages([{"type": "flex", "contents": bubble()}])) == ["messages[0].altText"]
    assert properties(validate_messages([{"type": "flex", "altText": "a" * 1501, "contents": bubble()}])) == [
        "messages[0].altText"]
    assert validate_messages([{"type": "flex", "altText": "สรุป", "contents": bubble()}]) == []


def test_a_bubble_over_30_kb_is_rejected():
    big = {"type": "flex", "altText": "x", "contents": bubble(filler="x" * 31 * 1024)}

    assert properties(validate_messages([big])) == ["messages[0].contents"]


def test_a_carousel_allows_twelve_bubbles_of_one_size_within_50_kb():
    def carousel(bubbles):
        return {"type": "flex", "altText": "x", "contents": {"type": "carousel", "contents": bubbles}}

    assert validate_messages([carousel([bubble()] * 12)]) == []
    assert properties(validate_messages([carousel([bubble()] * 13)])) == ["messages[0].contents.contents"]
    assert properties(validate_messages([carousel([bubble("mega"), bubble("kilo")])])) == [
        "messages[0].contents.contents"]
    assert properties(validate_messages([carousel([bubble(filler="x" * 20 * 1024)] * 3)])) == [
        "messages[0].contents"]


def test_flex_button_actions_are_checked_with_a_label_limit_of_40():
    button = {"type": "button", "action": {"type": "postback", "label": "ก" * 41, "data": "x"}}
    message = {"type": "flex", "altText": "x", "contents": {
        "type": "bubble", "footer": {"type": "box", "layout": "vertical", "contents": [button]}}}

    assert properties(validate_messages([message])) == [
        "messages[0].contents.footer.contents[0].action.label"]


def test_sender_name_is_at_most_twenty():
    assert properties(validate_messages([text("x", sender={"name": "n" * 21})])) == ["messages[0].sender.name"]


def test_images_need_https_urls():
    image = {"type": "image", "originalContentUrl": "http://x/a.jpg", "previewImageUrl": "https://x/a.jpg"}

    assert properties(validate_messages([image])) == ["messages[0].originalContentUrl"]


def test_the_api_answers_invalid_messages_with_lines_error_shape(line_platform, http):
    uid = line_platform.add_user()

    answer = http("POST", "/v2/bot/message/push",
                  json={"to": uid, "messages": [text(""), {"type": "poem"}]})

    assert answer.status_code == 400
    assert answer.json() == {"message": "The request body has 2 error(s)", "details": [
        {"message": "May not be empty", "property": "messages[0].text"},
        {"message": "Must be one of the following values: [text, textV2, image, video, audio, location, "
                    "sticker, imagemap, template, flex]", "property": "messages[1].type"}]}
    assert line_platform.inbox(uid) == []


def test_the_validate_endpoints_apply_the_same_rules(http):
    ok = http("POST", "/v2/bot/message/validate/push", json={"messages": [text("x")]})
    bad = http("POST", "/v2/bot/message/validate/reply", json={"messages": [text("ก" * 5001)]})

    assert ok.status_code == 200
    assert bad.json()["details"][0]["property"] == "messages[0].text"
