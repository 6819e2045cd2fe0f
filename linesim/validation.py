"""Message-object limits LINE enforces server-side (and the SDK does not), as error details."""

from __future__ import annotations

import json
import unicodedata
from typing import Any

MESSAGE_TYPES = ("text", "textV2", "image", "video", "audio", "location", "sticker",
                 "imagemap", "template", "flex")
ACTION_TYPES = ("postback", "message", "uri", "datetimepicker", "camera", "cameraRoll",
                "location", "richmenuswitch", "clipboard")
BUBBLE_SIZES = ("nano", "micro", "deca", "hecto", "kilo", "mega", "giga")
MAX_MESSAGES = 5
MAX_TEXT_UTF16 = 5000
MAX_QUICK_REPLY_ITEMS = 13
MAX_QUICK_REPLY_LABEL = 20
MAX_FLEX_LABEL = 40
MAX_ALT_TEXT = 1500
MAX_BUBBLE_BYTES = 30 * 1024
MAX_CAROUSEL_BYTES = 50 * 1024
MAX_CAROUSEL_BUBBLES = 12
MAX_SENDER_NAME = 20
MAX_URL = 2000

Detail = dict[str, str]


def utf16_units(text: str) -> int:
    """Length as LINE counts text messages: UTF-16 code units (an emoji outside the BMP is 2)."""
    return len(text.encode("utf-16-le")) // 2


def grapheme_count(text: str) -> int:
    """Approximate grapheme clusters: characters that are not combining marks (Thai vowels/tones)
    nor joined to the previous one by a zero-width joiner."""
    count = 0
    joined = False
    for char in text:
        if char == "\u200d":
            joined = True
            continue
        if unicodedata.category(char) in ("Mn", "Me", "Mc") or joined:
            joined = False
            continue
        count += 1
    return count


def validate_messages(messages: Any, prefix: str = "messages", *,
                      max_messages: int = MAX_MESSAGES) -> list[Detail]:
    """Error details (`{"message", "property"}`) for a `messages` array; empty when LINE accepts it."""
    if not isinstance(messages, list) or not 1 <= len(messages) <= max_messages:
        return [_detail(f"Size must be between 1 and {max_messages}", prefix)]
    errors: list[Detail] = []
    for index, message in enumerate(messages):
        errors.extend(_validate_message(message, f"{prefix}[{index}]"))
    return errors


def _detail(message: str, prop: str) -> Detail:
    return {"message": message, "property": prop}


def _check_length(value: Any, prop: str, maximum: int, *, required: bool,
                  measure=len, minimum: int = 1) -> list[Detail]:
    if value is None:
        return [_detail("Must be specified", prop)] if required else []
    if not isinstance(value, str):
        return [_detail("Must be a string", prop)]
    if required and minimum and value == "":
        return [_detail("May not be empty", prop)]
    if measure(value) > maximum:
        return [_detail(f"Length must be between {minimum if required else 0} and {maximum}", prop)]
    return []


def _check_url(value: Any, prop: str, *, required: bool = True) -> list[Detail]:
    errors = _check_length(value, prop, MAX_URL, required=required)
    if not errors and isinstance(value, str) and not value.startswith("https://"):
        errors.append(_detail("Must be a https URL", prop))
    return errors


def _validate_message(message: Any, prop: str) -> list[Detail]:
    if not isinstance(message, dict):
        return [_detail("Must be an object", prop)]
    kind = message.get("type")
    if kind not in MESSAGE_TYPES:
        return [_detail(f"Must be one of the following values: [{', '.join(MESSAGE_TYPES)}]",
                        f"{prop}.type")]
    errors = _BY_TYPE[kind](message, prop)
    errors.extend(_validate_quick_reply(message.get("quickReply"), f"{prop}.quickReply"))
    sender = message.get("sender")
    if isinstance(sender, dict):
        errors.extend(_check_length(sender.get("name"), f"{prop}.sender.name", MAX_SENDER_NAME,
                                    required=False))
        errors.extend(_check_url(sender.get("iconUrl"), f"{prop}.sender.iconUrl", required=False))
    return errors


def _validate_text(message: dict, prop: str) -> list[Detail]:
    text = message.get("text")
    errors = _check_length(text, f"{prop}.text", MAX_TEXT_UTF16, required=True, measure=utf16_units)
    emojis = message.get("emojis")
    if isinstance(emojis, list) and isinstance(text, str):
        if len(emojis) > 20:
            errors.append(_detail("Size must be between 0 and 20", f"{prop}.emojis"))
        for i, emoji in enumerate(emojis):
            index = emoji.get("index") if isinstance(emoji, dict) else None
            if not isinstance(index, int) or not 0 <= index < len(text) or text[index] != "$":
                errors.append(_detail("Index does not point at a $ character", f"{prop}.emojis[{i}].index"))
    return errors


def _validate_media(message: dict, prop: str) -> list[Detail]:
    errors = _check_url(message.get("originalContentUrl"), f"{prop}.originalContentUrl")
    if message["type"] in ("image", "video"):
        errors.extend(_check_url(message.get("previewImageUrl"), f"{prop}.previewImageUrl"))
    if message["type"] == "audio" and not isinstance(message.get("duration"), int):
        errors.append(_detail("Must be specified", f"{prop}.duration"))
    return errors


def _validate_location(message: dict, prop: str) -> list[Detail]:
    errors = _check_length(message.get("title"), f"{prop}.title", 100, required=True)
    errors.extend(_check_length(message.get("address"), f"{prop}.address", 100, required=True))
    for coordinate in ("latitude", "longitude"):
        if not isinstance(message.get(coordinate), (int, float)):
            errors.append(_detail("Must be a number", f"{prop}.{coordinate}"))
    return errors


def _validate_sticker(message: dict, prop: str) -> list[Detail]:
    return [_detail("Must be specified", f"{prop}.{key}")
            for key in ("packageId", "stickerId") if not message.get(key)]


def _validate_imagemap(message: dict, prop: str) -> list[Detail]:
    errors = _check_url(message.get("baseUrl"), f"{prop}.baseUrl")
    errors.extend(_check_length(message.get("altText"), f"{prop}.altText", MAX_ALT_TEXT, required=True))
    return errors


def _validate_textv2(message: dict, prop: str) -> list[Detail]:
    return _check_length(message.get("text"), f"{prop}.text", MAX_TEXT_UTF16, required=True,
                         measure=utf16_units)


def _validate_template(message: dict, prop: str) -> list[Detail]:
    errors = _check_length(message.get("altText"), f"{prop}.altText", MAX_ALT_TEXT, required=True)
    template = message.get("template")
    if not isinstance(template, dict):
        return errors + [_detail("Must be specified", f"{prop}.template")]
    tprop = f"{prop}.template"
    kind = template.get("type")
    if kind == "buttons":
        has_header = bool(template.get("thumbnailImageUrl") or template.get("title"))
        errors.extend(_check_length(template.get("title"), f"{tprop}.title", 40, required=False))
        errors.extend(_check_length(template.get("text"), f"{tprop}.text", 60 if has_header else 160,
                                    required=True))
        errors.extend(_validate_actions(template.get("actions"), f"{tprop}.actions", 1, 4))
    elif kind == "confirm":
        errors.extend(_check_length(template.get("text"), f"{tprop}.text", 240, required=True))
        errors.extend(_validate_actions(template.get("actions"), f"{tprop}.actions", 2, 2))
    elif kind == "carousel":
        columns = template.get("columns")
        if not isinstance(columns, list) or not 1 <= len(columns) <= 10:
            errors.append(_detail("Size must be between 1 and 10", f"{tprop}.columns"))
        else:
            for i, column in enumerate(columns):
                cprop = f"{tprop}.columns[{i}]"
                has_header = bool(column.get("thumbnailImageUrl") or column.get("title"))
                errors.extend(_check_length(column.get("text"), f"{cprop}.text",
                                            60 if has_header else 120, required=True))
                errors.extend(_validate_actions(column.get("actions"), f"{cprop}.actions", 1, 3))
    elif kind != "image_carousel":
        errors.append(_detail("Must be one of the following values: [buttons, confirm, carousel, "
                              "image_carousel]", f"{tprop}.type"))
    return errors


def _validate_actions(actions: Any, prop: str, minimum: int, maximum: int) -> list[Detail]:
    if not isinstance(actions, list) or not minimum <= len(actions) <= maximum:
        return [_detail(f"Size must be between {minimum} and {maximum}", prop)]
    errors: list[Detail] = []
    for i, action in enumerate(actions):
        errors.extend(validate_action(action, f"{prop}[{i}]", label_required=True))
    return errors


def _json_size(value: Any) -> int:
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def _validate_flex(message: dict, prop: str) -> list[Detail]:
    errors = _check_length(message.get("altText"), f"{prop}.altText", MAX_ALT_TEXT, required=True)
    contents = message.get("contents")
    cprop = f"{prop}.contents"
    kind = contents.get("type") if isinstance(contents, dict) else None
    if kind == "bubble":
        errors.extend(_validate_bubble(contents, cprop))
    elif kind == "carousel":
        bubbles = contents.get("contents")
        if not isinstance(bubbles, list) or not 1 <= len(bubbles) <= MAX_CAROUSEL_BUBBLES:
            errors.append(_detail(f"Size must be between 1 and {MAX_CAROUSEL_BUBBLES}", f"{cprop}.contents"))
            return errors
        if _json_size(contents) > MAX_CAROUSEL_BYTES:
            errors.append(_detail(f"Size must be at most {MAX_CAROUSEL_BYTES} bytes", cprop))
        sizes = {bubble.get("size", "mega") for bubble in bubbles if isinstance(bubble, dict)}
        if len(sizes) > 1:
            errors.append(_detail("All bubbles in a carousel must have the same size", f"{cprop}.contents"))
        for i, bubble in enumerate(bubbles):
            if not isinstance(bubble, dict) or bubble.get("type") != "bubble":
                errors.append(_detail("Must be a bubble", f"{cprop}.contents[{i}]"))
            else:
                errors.extend(_validate_bubble(bubble, f"{cprop}.contents[{i}]"))
    else:
        errors.append(_detail("Must be one of the following values: [bubble, carousel]", f"{cprop}.type"))
    return errors


def _validate_bubble(bubble: dict, prop: str) -> list[Detail]:
    errors: list[Detail] = []
    if _json_size(bubble) > MAX_BUBBLE_BYTES:
        errors.append(_detail(f"Size must be at most {MAX_BUBBLE_BYTES} bytes", prop))
    if bubble.get("size", "mega") not in BUBBLE_SIZES:
        errors.append(_detail(f"Must be one of the following values: [{', '.join(BUBBLE_SIZES)}]",
                              f"{prop}.size"))
    errors.extend(_validate_flex_actions(bubble, prop))
    return errors


def _validate_flex_actions(node: Any, prop: str) -> list[Detail]:
    """Walk a Flex tree and check every action object it holds (button labels allow 40)."""
    errors: list[Detail] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "action" and isinstance(value, dict):
                errors.extend(validate_action(value, f"{prop}.action", label_required=False,
                                              label_max=MAX_FLEX_LABEL))
            else:
                errors.extend(_validate_flex_actions(value, f"{prop}.{key}"))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            errors.extend(_validate_flex_actions(item, f"{prop}[{i}]"))
    return errors


def _validate_quick_reply(quick_reply: Any, prop: str) -> list[Detail]:
    if quick_reply is None:
        return []
    items = quick_reply.get("items") if isinstance(quick_reply, dict) else None
    if not isinstance(items, list) or not 1 <= len(items) <= MAX_QUICK_REPLY_ITEMS:
        return [_detail(f"Size must be between 1 and {MAX_QUICK_REPLY_ITEMS}", f"{prop}.items")]
    errors: list[Detail] = []
    for i, item in enumerate(items):
        iprop = f"{prop}.items[{i}]"
        if not isinstance(item, dict) or item.get("type") != "action":
            errors.append(_detail("Must be one of the following values: [action]", f"{iprop}.type"))
            continue
        if item.get("imageUrl") is not None:
            errors.extend(_check_url(item.get("imageUrl"), f"{iprop}.imageUrl"))
        errors.extend(validate_action(item.get("action"), f"{iprop}.action", label_required=True))
    return errors


_ACTION_FIELDS: dict[str, tuple[tuple[str, int, bool], ...]] = {
    # (field, max length, required)
    "postback": (("data", 300, True), ("displayText", 300, False), ("fillInText", 300, False),
                 ("text", 300, False)),
    "message": (("text", 300, True),),
    "uri": (("uri", 1000, True),),
    "datetimepicker": (("data", 300, True), ("mode", 8, True)),
    "clipboard": (("clipboardText", 1000, True),),
    "richmenuswitch": (("richMenuAliasId", 32, True), ("data", 300, True)),
}


def validate_action(action: Any, prop: str, *, label_required: bool,
                    label_max: int = MAX_QUICK_REPLY_LABEL) -> list[Detail]:
    """Error details for one action object (quick reply, template, Flex or rich menu)."""
    if not isinstance(action, dict):
        return [_detail("Must be specified", prop)]
    kind = action.get("type")
    if kind not in ACTION_TYPES:
        return [_detail(f"Must be one of the following values: [{', '.join(ACTION_TYPES)}]", f"{prop}.type")]
    errors = _check_length(action.get("label"), f"{prop}.label", label_max, required=label_required,
                           measure=grapheme_count)
    for name, maximum, required in _ACTION_FIELDS.get(kind, ()):
        errors.extend(_check_length(action.get(name), f"{prop}.{name}", maximum, required=required))
    if kind == "datetimepicker" and action.get("mode") not in ("date", "time", "datetime"):
        errors.append(_detail("Must be one of the following values: [date, time, datetime]", f"{prop}.mode"))
    return errors


_BY_TYPE = {
    "text": _validate_text,
    "textV2": _validate_textv2,
    "image": _validate_media,
    "video": _validate_media,
    "audio": _validate_media,
    "location": _validate_location,
    "sticker": _validate_sticker,
    "imagemap": _validate_imagemap,
    "template": _validate_template,
    "flex": _validate_flex,
}
