"""The chat simulator in a real (headless) Chromium against the real app in development mode."""

from __future__ import annotations

import itertools
import os
import re
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Chromium is not installed")

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
STAFF_ID = "U" + "5a" * 16
# `UPDATE_SCREENSHOT=1 make test` refreshes the README's picture; otherwise it goes to a temporary folder.
README_SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "simulator.png"
WAIT_MS = 30_000  # generous: CI machines are busy, and the first message loads the NLP models
VILLAGER_NUMBERS = itertools.count(1)


def free_port() -> int:
    # The app must know its own port before it is built (the emulator posts webhooks to it).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def development_server(instance: Path, seed: Callable[[Any, Any], None]) -> Iterator[str]:
    """The real app in development mode (switched on explicitly, no LINE credentials, so it mounts the
    emulator and simulator) on its own migrated SQLite database, seeded by `seed(runtime, platform)` in
    one transaction, with its worker started as gunicorn.conf.py starts it; yields its base URL."""
    from sqlalchemy import create_engine
    from werkzeug.serving import make_server

    from app import create_app
    from storage.migrate import upgrade

    database_url = f"sqlite:///{instance / 'simulator.sqlite3'}"
    engine = create_engine(database_url)
    upgrade(engine)
    engine.dispose()
    port = free_port()
    app = create_app({"development": True, "line_channel_secret": "", "line_channel_access_token": "",
                      "port": port, "database_url": database_url, "instance_path": instance, "worker_thread": True,
                      "log_level": "WARNING"})
    runtime = app.extensions["lampang"]
    with runtime.sessions() as session, session.begin():
        seed(runtime, app.extensions["line_platform"], session)
    runtime.worker.start()
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        thread.join(5)
        runtime.worker.stop()


@pytest.fixture(scope="module")
def dev_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The development app served once for this module, with one staff member seeded."""
    from storage.models import Role, Staff

    def seed(runtime, platform, session) -> None:  # noqa: ANN001
        session.add(Staff(line_user_id=STAFF_ID, name="จนท.สมชาย", role=Role.TRIAGER, districts=[]))

    with development_server(tmp_path_factory.mktemp("simulator"), seed) as url:
        yield url


@pytest.fixture
def page(dev_server: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(viewport={"width": 400, "height": 780}, locale="th-TH")
        tab = context.new_page()
        tab.set_default_timeout(WAIT_MS)
        tab.goto(f"{dev_server}/simulator/")
        try:
            yield tab
        finally:
            browser.close()


def bot_messages(page):
    return page.get_by_test_id("chat-log").get_by_test_id("message-from-bot")


def report_as_villager(page) -> str:
    """Create a villager in the page, report a problem without a district, answer the bot; the reference."""
    from playwright.sync_api import expect

    name = f"ป้าศรี {next(VILLAGER_NUMBERS)}"  # the server lives for the module: a new villager each time
    page.get_by_test_id("new-persona-toggle").click()
    page.get_by_test_id("new-persona-name").fill(name)
    page.get_by_test_id("create-persona").click()
    expect(page.get_by_test_id("persona-select").locator("option:checked")).to_contain_text(name)

    page.get_by_test_id("message-input").fill("ถนนหน้าบ้านพังเป็นหลุมใหญ่ รถมอเตอร์ไซค์ล้มบ่อยครับ")
    page.get_by_test_id("send-button").click()
    page.get_by_test_id("chat-log").get_by_test_id("message-from-user").first.wait_for()
    bot_messages(page).first.wait_for()

    # No district in the text: the bot asks, offering the 13 districts as quick replies. Tap one.
    page.get_by_test_id("quick-reply-12").wait_for()
    page.locator("[data-testid^=quick-reply-]", has_text="เกาะคา").click()
    page.get_by_test_id("chat-log").get_by_text(re.compile("บันทึกอำเภอเกาะคา")).first.wait_for()
    reference = page.get_by_test_id("chat-log").get_by_text(re.compile(r"LP-\d{2}-\d{5}"))
    reference.first.wait_for()
    return re.search(r"LP-\d{2}-\d{5}", reference.first.inner_text()).group(0)


def test_a_villager_reports_a_problem_and_sees_a_reference_number(page, tmp_path):
    assert page.get_by_test_id("dev-banner").is_visible()

    reference = report_as_villager(page)

    assert reference.startswith("LP-")
    target = README_SCREENSHOT if os.environ.get("UPDATE_SCREENSHOT") else tmp_path / "simulator.png"
    page.screenshot(path=str(target))
    assert target.stat().st_size > 10_000


def test_a_villager_can_send_a_district_centre_as_location(page):
    report_as_villager(page)
    before = page.get_by_test_id("chat-log").get_by_test_id("message-from-user").count()

    page.get_by_test_id("location-button").click()
    page.get_by_test_id("place-0").click()

    page.get_by_test_id("chat-log").get_by_test_id("message-from-user").nth(before).wait_for()
    assert "📍" in page.get_by_test_id("chat-log").get_by_test_id("message-from-user").nth(before).inner_text()


def test_a_staff_member_sees_the_new_request_in_the_queue(page):
    reference = report_as_villager(page)

    page.get_by_test_id("persona-select").select_option(STAFF_ID)
    page.get_by_test_id("message-input").fill("/queue")
    page.get_by_test_id("send-button").click()

    page.get_by_test_id("chat-log").get_by_text(reference).first.wait_for(timeout=8000)
    assert page.get_by_test_id("chat-log").get_by_text(reference).count() >= 1
