"""Console fixtures: the real app with LINE Login pointed at the emulator, staff on the emulator's
LINE, requests filed as the conversation files them, and a headless Chromium to drive the pages."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from linesim import Platform
from tests.harness import Bot, file_request_for, running_bot

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
WAIT_MS = 20_000


@pytest.fixture
def bot(database_url: str, line_platform: Platform, tmp_path: Path) -> Iterator[Bot]:
    """As the suite's bot, plus the console's LINE Login channel (the emulator's) and Open311 on."""
    with running_bot(database_url, line_platform, tmp_path / "instance",
                     line_login_channel_id=line_platform.login.channel_id,
                     line_login_channel_secret=line_platform.login.channel_secret, open311_enabled=True) as running:
        yield running


@pytest.fixture
def file_request(bot: Bot) -> Callable[..., str]:
    """A villager's request stored as the conversation would store it; returns its reference."""
    return file_request_for(bot)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.skip("Chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    """A fresh browser profile (no cookies) per test, desktop-sized."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="th-TH")
    tab = context.new_page()
    tab.set_default_timeout(WAIT_MS)
    yield tab
    context.close()


def sign_in(page, bot: Bot, user_id: str, path: str = "/console/") -> None:
    """Through the emulated LINE Login: open the console, tap "sign in with LINE", choose the persona."""
    page.goto(bot.url + path)
    page.get_by_test_id("sign-in-with-line").click()
    page.get_by_test_id(f"login-as-{user_id}").click()
    page.wait_for_url(re.compile(r"/console/"))
