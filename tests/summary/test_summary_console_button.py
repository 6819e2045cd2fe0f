"""The weekly summary's button to the console: there when the console can be opened, absent otherwise."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot import texts
from bot.runtime import Runtime
from bot.summary import job
from linesim import Platform
from storage.db import transaction
from tests.harness import Bot, make_app, serve
from tests.summary.helpers import NOW, WEEK, add_official, seed_week

CONSOLE = {"line_login_channel_id": "1234567890", "line_login_channel_secret": "s" * 32}


def _delivered_summary(database_url: str, line_platform: Platform, tmp_path: Path, **settings: object) -> dict:
    """Run the weekly job for one official; return the Flex message LINE accepted and delivered."""
    app = make_app(database_url, line_platform, tmp_path / "instance", **settings)
    runtime: Runtime = app.extensions["lampang"]
    try:
        with serve(app) as url:
            bot = Bot(app=app, runtime=runtime, url=url, line=line_platform)
            bot.runtime.clock = lambda: NOW
            official = line_platform.add_user(display_name="นายก")
            with transaction(runtime.sessions) as session:
                seed_week(session)
                add_official(session, official)
            job.run(runtime)
            flex = line_platform.inbox(official)[0].message  # delivered: it passed LINE's Flex checks
    finally:
        runtime.engine.dispose()
    assert flex["type"] == "flex"
    return flex


def _buttons(flex: dict) -> list[dict]:
    return [bubble["footer"]["contents"][0] for bubble in flex["contents"]["contents"] if "footer" in bubble]


def test_with_a_public_address_and_the_console_the_summary_opens_that_weeks_console_page(
        database_url: str, line_platform: Platform, tmp_path: Path) -> None:
    flex = _delivered_summary(database_url, line_platform, tmp_path, public_base_url="https://pao.example", **CONSOLE)

    assert _buttons(flex) == [{
        "type": "button", "style": "primary", "color": "#1B5E20", "height": "sm",
        "action": {"type": "uri", "label": texts.SUMMARY_OPEN_CONSOLE,
                   "uri": f"https://pao.example/console/week?w={WEEK}"}}]


@pytest.mark.parametrize("settings", [{}, {"public_base_url": "https://pao.example"}, CONSOLE],
                         ids=["nothing set", "no console", "no public address"])
def test_without_both_the_summary_has_no_console_button(
        database_url: str, line_platform: Platform, tmp_path: Path, settings: dict) -> None:
    flex = _delivered_summary(database_url, line_platform, tmp_path, **settings)

    assert _buttons(flex) == []
