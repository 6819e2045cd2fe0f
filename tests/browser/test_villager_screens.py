"""Issue 14's villager screens, played in the chat simulator in headless Chromium on a 390-pixel phone.

`UPDATE_SCREENSHOT=1` writes them into docs/ (docs/villager-*.png); otherwise into a temporary folder.
Each run also checks what the screen shows, so a screenshot of a broken chat fails the test.
"""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path

import pytest

from bot import texts
from tests.browser.test_simulator import CHROMIUM, STAFF_ID, bot_messages, dev_server, page  # noqa: F401

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")

DOCS = Path(__file__).resolve().parents[2] / "docs"
PHONE = {"width": 390, "height": 844}
REF = re.compile(r"LP-\d{2}-\d{5}")
PEOPLE = itertools.count(1)
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 2048


def _target(name: str, tmp_path: Path) -> Path:
    return DOCS / name if os.environ.get("UPDATE_SCREENSHOT") else tmp_path / name


def _persona(page, name: str) -> None:  # noqa: ANN001
    from playwright.sync_api import expect

    page.set_viewport_size(PHONE)
    page.get_by_test_id("new-persona-toggle").click()
    page.get_by_test_id("new-persona-name").fill(f"{name} {next(PEOPLE)}")
    page.get_by_test_id("create-persona").click()
    expect(page.get_by_test_id("persona-select").locator("option:checked")).to_contain_text(name)
    bot_messages(page).nth(1).wait_for()  # a new persona follows the bot: the greeting and the privacy line


def _bot_count(page) -> int:  # noqa: ANN001
    return bot_messages(page).count()


def _type(page, words: str, answers: int = 1) -> None:  # noqa: ANN001
    """Send words and wait until the bot has answered with `answers` more bubbles."""
    before = _bot_count(page)
    page.get_by_test_id("message-input").fill(words)
    page.get_by_test_id("send-button").click()
    bot_messages(page).nth(before + answers - 1).wait_for()


def _tap(page, label: str, answers: int = 1) -> None:  # noqa: ANN001
    before = _bot_count(page)
    page.get_by_test_id("quick-replies").locator("[data-testid^=quick-reply-]", has_text=label).first.click()
    bot_messages(page).nth(before + answers - 1).wait_for()


def _last_bot_text(page) -> str:  # noqa: ANN001
    return bot_messages(page).last.inner_text()


def _shoot(page, name: str, tmp_path: Path) -> Path:  # noqa: ANN001
    page.wait_for_timeout(300)  # let the chat log scroll to its end
    target = _target(name, tmp_path)
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000
    return target


def test_the_older_villagers_first_message_is_kept_and_a_place_answers_where(page, tmp_path) -> None:  # noqa: ANN001
    _persona(page, "ป้าศรี")
    _type(page, "น้ำบ่ไหลมาสามวันแล้วเจ้า")
    assert "น้ำบ่ไหลมาสามวัน" in _last_bot_text(page)
    _type(page, "อยู่แม่ทะเจ้า")
    assert "แม่ทะ" in _last_bot_text(page) and "น้ำบ่ไหล" in _last_bot_text(page)
    _tap(page, texts.BUTTON_YES_SAVE, answers=2)
    assert REF.search(bot_messages(page).nth(_bot_count(page) - 2).inner_text())
    _shoot(page, "villager-first-message.png", tmp_path)


def test_a_run_on_message_with_a_photo_and_a_location_in_another_district(page, tmp_path) -> None:  # noqa: ANN001
    _persona(page, "ชาวนาหนุ่ม")
    _type(page, "ขอให้ช่วยซ่อมฝายกั้นน้ำบ้านนาแก้ว ต.นาแก้ว อ.เกาะคา พังตั้งแต่น้ำหลากปีที่แล้ว หน้าแล้งนี้"
                "ไม่มีน้ำทำนาเลยครับ ชาวบ้านลงแรงซ่อมเองแล้วแต่ไม่ไหว", answers=2)
    before = _bot_count(page)
    page.get_by_test_id("photo-input").set_input_files(
        files=[{"name": "weir.jpg", "mimeType": "image/jpeg", "buffer": JPEG}])
    bot_messages(page).nth(before).wait_for()
    page.get_by_test_id("quick-replies").get_by_text(texts.BUTTON_FIX_DISTRICT).wait_for()
    before = _bot_count(page)
    page.get_by_test_id("location-button").click()
    page.get_by_test_id("place-0").click()  # the centre of Mueang Lampang, not Ko Kha
    bot_messages(page).nth(before).wait_for()
    assert "เมืองลำปาง" in _last_bot_text(page) and "เกาะคา" in _last_bot_text(page)
    _shoot(page, "villager-photo-and-disagreeing-location.png", tmp_path)


def test_a_villager_withdraws_a_forwarded_message_saved_as_a_request(page, tmp_path) -> None:  # noqa: ANN001
    _persona(page, "ลุงแก้ว")
    _type(page, "ขอให้ซ่อมไฟทางหน้าวัดบ้านหัวเสือ อ.แม่ทะ ดับมาเป็นเดือนแล้วครับ", answers=2)
    _tap(page, texts.BUTTON_WITHDRAW)
    _tap(page, texts.BUTTON_WITHDRAW_YES)
    assert "ยกเลิกเรื่อง" in _last_bot_text(page)
    _shoot(page, "villager-withdrawal.png", tmp_path)


def test_a_supporter_of_a_merged_request_follows_the_original(page, tmp_path) -> None:  # noqa: ANN001
    _persona(page, "ป้าคำ")
    _type(page, "ถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา พังเป็นหลุมลึก รถล้มบ่อย ขอให้ซ่อมค่ะ", answers=2)
    original = REF.search(bot_messages(page).nth(_bot_count(page) - 2).inner_text()).group(0)
    _persona(page, "ลุงมา")
    supporter = page.get_by_test_id("persona-select").input_value()
    _type(page, "ขอให้ซ่อมถนนหมู่ 4 นาแก้ว เกาะคา เป็นหลุมใหญ่มากครับ", answers=2)
    merged = REF.search(bot_messages(page).nth(_bot_count(page) - 2).inner_text()).group(0)

    page.get_by_test_id("persona-select").select_option(STAFF_ID)
    _type(page, f"/dup {merged} {original}")
    _type(page, f"/accept {original}")

    page.get_by_test_id("persona-select").select_option(supporter)
    page.get_by_test_id("chat-log").get_by_text(re.compile("รวมอยู่กับเรื่อง")).first.wait_for()
    _type(page, str(int(merged.rsplit("-", 1)[1])))
    _tap(page, texts.BUTTON_SEE_ORIGINAL)
    assert original in _last_bot_text(page) and "2 คน" in _last_bot_text(page)
    _shoot(page, "villager-merged-supporter.png", tmp_path)
