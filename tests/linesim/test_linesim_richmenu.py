"""Rich menus: create, upload an image, make it the default, list and delete, through the SDK."""

from __future__ import annotations

import pytest
from linebot.v3.messaging import (
    ApiException,
    MessageAction,
    RichMenuArea,
    RichMenuBounds,
    RichMenuRequest,
    RichMenuSize,
)

PNG = b"\x89PNG\r\n\x1a\nlinesim"


def menu_request() -> RichMenuRequest:
    return RichMenuRequest(
        size=RichMenuSize(width=2500, height=843), selected=True, name="main", chat_bar_text="เมนู",
        areas=[RichMenuArea(bounds=RichMenuBounds(x=0, y=0, width=1250, height=843),
                            action=MessageAction(label="แจ้งเรื่อง", text="แจ้งเรื่อง"))])


def test_a_rich_menu_with_an_image_becomes_the_default(line_platform, messaging, blob):
    rich_menu_id = messaging.create_rich_menu(menu_request()).rich_menu_id

    blob.set_rich_menu_image(rich_menu_id, PNG, _headers={"Content-Type": "image/png"})
    messaging.set_default_rich_menu(rich_menu_id)

    assert messaging.get_default_rich_menu_id().rich_menu_id == rich_menu_id
    assert [m.rich_menu_id for m in messaging.get_rich_menu_list().richmenus] == [rich_menu_id]
    assert blob.get_rich_menu_image(rich_menu_id) == PNG


def test_a_rich_menu_without_an_image_cannot_be_the_default(messaging):
    rich_menu_id = messaging.create_rich_menu(menu_request()).rich_menu_id

    with pytest.raises(ApiException) as error:
        messaging.set_default_rich_menu(rich_menu_id)

    assert error.value.status == 400


def test_a_rich_menu_image_must_be_png_or_jpeg(messaging, http):
    rich_menu_id = messaging.create_rich_menu(menu_request()).rich_menu_id

    answer = http("POST", f"/v2/bot/richmenu/{rich_menu_id}/content", data=b"GIF89a",
                  headers={"Content-Type": "image/gif"})

    assert answer.status_code == 415


def test_a_rich_menu_with_areas_outside_it_is_rejected(http):
    body = menu_request().to_dict()
    body["areas"][0]["bounds"]["width"] = 3000

    answer = http("POST", "/v2/bot/richmenu", json=body)

    assert answer.status_code == 400
    assert answer.json()["details"][0]["property"] == "areas[0].bounds"


def test_a_deleted_default_rich_menu_is_no_longer_the_default(messaging, blob, http):
    rich_menu_id = messaging.create_rich_menu(menu_request()).rich_menu_id
    blob.set_rich_menu_image(rich_menu_id, PNG, _headers={"Content-Type": "image/png"})
    messaging.set_default_rich_menu(rich_menu_id)

    messaging.delete_rich_menu(rich_menu_id)

    assert http("GET", "/v2/bot/user/all/richmenu").status_code == 404
    assert http("GET", f"/v2/bot/richmenu/{rich_menu_id}").status_code == 404
