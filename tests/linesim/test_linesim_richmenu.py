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


def _menu_with_image(messaging, blob) -> str:
    rich_menu_id = messaging.create_rich_menu(menu_request()).rich_menu_id
    blob.set_rich_menu_image(rich_menu_id, PNG, _headers={"Content-Type": "image/png"})
    return rich_menu_id


def test_a_menu_linked_to_one_user_overrides_the_default_until_it_is_unlinked(line_platform, messaging, blob):
    default_id, staff_id = _menu_with_image(messaging, blob), _menu_with_image(messaging, blob)
    messaging.set_default_rich_menu(default_id)
    user, other = line_platform.add_user(), line_platform.add_user()

    messaging.link_rich_menu_id_to_user(user, staff_id)

    assert messaging.get_rich_menu_id_of_user(user).rich_menu_id == staff_id
    assert (line_platform.rich_menu_shown(user), line_platform.rich_menu_shown(other)) == (staff_id, default_id)

    messaging.unlink_rich_menu_id_from_user(user)

    assert line_platform.rich_menu_shown(user) == default_id


def test_linking_needs_a_known_user_a_known_menu_with_an_image_and_the_token(line_platform, messaging, blob, http):
    user = line_platform.add_user()
    ready = _menu_with_image(messaging, blob)
    imageless = messaging.create_rich_menu(menu_request()).rich_menu_id

    stranger = http("POST", f"/v2/bot/user/U{'0' * 32}/richmenu/{ready}")
    missing = http("POST", f"/v2/bot/user/{user}/richmenu/richmenu-{'0' * 32}")
    no_image = http("POST", f"/v2/bot/user/{user}/richmenu/{imageless}")
    no_token = http("POST", f"/v2/bot/user/{user}/richmenu/{ready}", headers={"Authorization": "Bearer wrong"})
    unlink_stranger = http("DELETE", f"/v2/bot/user/U{'0' * 32}/richmenu")

    assert [stranger.status_code, missing.status_code, no_image.status_code, no_token.status_code,
            unlink_stranger.status_code] == [400, 404, 400, 401, 400]
    assert line_platform.user(user).rich_menu_id is None


def test_deleting_a_linked_menu_unlinks_it_from_its_users(line_platform, messaging, blob, http):
    user = line_platform.add_user()
    staff_id = _menu_with_image(messaging, blob)
    messaging.link_rich_menu_id_to_user(user, staff_id)

    messaging.delete_rich_menu(staff_id)

    assert http("GET", f"/v2/bot/user/{user}/richmenu").status_code == 404
