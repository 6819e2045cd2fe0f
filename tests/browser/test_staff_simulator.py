"""A triager on a 390-pixel phone clears ten requests in the simulator with taps only (headless Chromium).

`UPDATE_SCREENSHOT=1` refreshes docs/staff-queue.png and docs/staff-triage.png; otherwise they go to a
temporary folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from tests.browser.test_simulator import CHROMIUM, CHROMIUM_ARGS, WAIT_MS, development_server

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")]

TRIAGER_ID = "U" + "7c" * 16
DOCS = Path(__file__).resolve().parents[2] / "docs"
PHONE = {"width": 390, "height": 844}  # an everyday phone's CSS pixels
REQUESTS = [
    ("ถนนเข้าหมู่บ้านเป็นหลุมลึก รถล้มบ่อย", "infrastructure"), ("น้ำประปาไม่ไหลมาสามวันแล้ว", "water"),
    ("ไฟทางดับทั้งซอย กลางคืนมืดมาก", "electricity"), ("ขอรถขยะมาเก็บสัปดาห์ละครั้ง", "environment"),
    ("สะพานไม้ข้ามลำห้วยผุ เด็กเดินไปโรงเรียนลำบาก", "infrastructure"), ("ขอขุดลอกลำเหมืองก่อนหน้าฝน", "water"),
    ("ขอเครื่องออกกำลังกายที่ลานวัด", "culture_sport"), ("น้ำท่วมขังหน้าตลาดทุกครั้งที่ฝนตก", "disaster_safety"),
    ("ขอให้มีรถรับส่งผู้สูงอายุไปโรงพยาบาล", "welfare"), ("ท่อระบายน้ำอุดตัน ส่งกลิ่นเหม็น", "environment"),
]


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The development app with one triager, one earlier rejection and ten waiting requests."""
    from storage.citizens import citizen_for
    from storage.models import Forum, Role, Staff, Status
    from storage.request_store import create_request

    def seed(runtime, platform, session) -> None:  # noqa: ANN001
        session.add(Staff(line_user_id=TRIAGER_ID, name="จนท.สมหญิง", role=Role.TRIAGER, districts=[]))
        start = runtime.now() - timedelta(days=3)
        session.add(Forum(district_code="5208", held_on=(start + timedelta(days=30)).date(), venue="หอประชุมอำเภอเถิน"))
        create_request(session, citizen=None, text="ขอสร้างสนามฟุตบอลใหม่", created_at=start, tz=runtime.tz,
                       district_code="5208", category="culture_sport", status=Status.REJECTED,
                       status_reason="ซ้ำกับโครงการของเทศบาล", status_changed_at=start)
        for index, (text, category) in enumerate(REQUESTS):
            villager = citizen_for(session, platform.add_user(display_name=f"ชาวบ้าน {index + 1}"), start)
            create_request(session, citizen=villager, text=text, created_at=start + timedelta(hours=index),
                           tz=runtime.tz, district_code="5208", tambon_code="520806", category=category)

    with development_server(tmp_path_factory.mktemp("staff-simulator"), seed) as url:
        yield url


@pytest.fixture
def phone(staff_server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport=PHONE, device_scale_factor=2, locale="th-TH")
        tab = context.new_page()
        tab.set_default_timeout(WAIT_MS)
        tab.goto(f"{staff_server}/simulator/")
        try:
            yield tab
        finally:
            browser.close()


def _from_bot(page):
    return page.get_by_test_id("chat-log").get_by_test_id("message-from-bot")


def _after(page, action) -> None:
    """Do `action` (a click) and wait for the bot's answer to it."""
    before = _from_bot(page).count()
    action()
    _from_bot(page).nth(before).wait_for()


def _flex_button(page, label: str):
    """The first button with this label on the bot's latest card."""
    return _from_bot(page).last.get_by_test_id("flex-button").filter(has_text=re.compile(f"^{label}$")).first


def _quick_reply(page, label: str):
    return page.locator(f"[data-testid^=quick-reply-][data-label^='{label}']").first


def _shot(page, name: str, tmp_path: Path) -> Path:
    target = DOCS / name if os.environ.get("UPDATE_SCREENSHOT") else tmp_path / name
    page.screenshot(path=str(target))
    return target


def test_a_triager_clears_ten_requests_on_a_phone_with_taps_only(phone, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    phone.get_by_test_id("persona-select").select_option(TRIAGER_ID)
    phone.get_by_test_id("message-input").fill("/คิว")  # the one thing typed
    _after(phone, phone.get_by_test_id("send-button").click)
    expect(_from_bot(phone).last).to_contain_text("หน้า 1/1")
    _from_bot(phone).last.evaluate("card => card.scrollIntoView({block: 'start'})")  # the card's top, as opened
    queue_shot = _shot(phone, "staff-queue.png", tmp_path)

    _after(phone, _flex_button(phone, "รับ").click)
    for number in range(1, 10):
        _after(phone, _quick_reply(phone, "เรื่องถัดไป").click)
        choice = ("รับ", "ไม่รับ", "ส่งต่อ")[(number + 1) % 3]  # the tenth: rejected with the reason used before
        _after(phone, _flex_button(phone, choice).click)
        if choice != "รับ":
            _after(phone, _quick_reply(phone, "1. ").click)  # the reason or agency used before, or the first
        expect(_from_bot(phone).last).to_contain_text("✅")
        expect(_from_bot(phone).last).to_contain_text("แจ้งผู้แจ้งเรื่องแล้ว")
    triage_shot = _shot(phone, "staff-triage.png", tmp_path)  # the tenth decision, [เรื่องถัดไป] offered
    _after(phone, _quick_reply(phone, "เรื่องถัดไป").click)
    expect(_from_bot(phone).last).to_contain_text("ไม่มีเรื่องรอพิจารณาแล้ว")

    typed = [text for text in phone.get_by_test_id("chat-log").get_by_test_id("message-from-user").all_inner_texts()]
    assert typed[0] == "/คิว" and all(text.startswith("/") for text in typed)  # the rest were sent by taps
    assert queue_shot.stat().st_size > 10_000 and triage_shot.stat().st_size > 10_000
