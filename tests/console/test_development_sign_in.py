"""`make run` → sign in as the demo admin: in development mode the emulator plays LINE Login too."""

from __future__ import annotations

import os
import random
import socket
import threading
from pathlib import Path

import pytest

from bot.jobs.demo import DEMO_STAFF

pytestmark = pytest.mark.browser
DOCS = Path(__file__).resolve().parents[2] / "docs"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def busiest_forum_district(runtime) -> str:
    from sqlalchemy import func, select

    from storage.models import Forum, Request

    with runtime.sessions() as session:
        return session.execute(select(Forum.district_code).join(Request, Request.forum_id == Forum.id)
                               .group_by(Forum.district_code).order_by(func.count().desc()).limit(1)).scalar_one()


def test_in_development_mode_the_demo_admin_signs_in_with_no_line_account(tmp_path, browser_page):
    from sqlalchemy import create_engine
    from werkzeug.serving import make_server

    from app import create_app
    from bot.jobs import demo
    from storage.migrate import upgrade

    database_url = f"sqlite:///{tmp_path / 'dev.sqlite3'}"
    engine = create_engine(database_url)
    upgrade(engine)
    engine.dispose()
    port = free_port()
    app = create_app({"development": True, "line_channel_secret": "", "line_channel_access_token": "",
                      "line_login_channel_id": "", "line_login_channel_secret": "", "port": port,
                      "database_url": database_url, "instance_path": tmp_path, "worker_thread": False,
                      "log_level": "WARNING"})
    runtime = app.extensions["lampang"]
    assert runtime.settings.console_enabled  # development mode filled in the emulator's login channel
    with runtime.sessions() as session, session.begin():
        demo.seed(session, runtime.now(), runtime.tz, random.Random(7))
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    admin_id, admin_name, _ = DEMO_STAFF[0]
    try:
        browser_page.goto(f"http://127.0.0.1:{port}/console/")
        browser_page.get_by_test_id("sign-in-with-line").click()
        assert browser_page.get_by_test_id("login-emulator").is_visible()
        browser_page.get_by_test_id(f"login-as-{admin_id}").click()
        browser_page.wait_for_url("**/console/queue")

        assert admin_name in browser_page.get_by_test_id("signed-in-as").inner_text()
        assert browser_page.locator("[data-testid^=row-LP-]").count() > 0
        # The demo data makes the README's pictures (`UPDATE_SCREENSHOT=1`); otherwise a temporary folder.
        shots = DOCS if os.environ.get("UPDATE_SCREENSHOT") else tmp_path
        browser_page.screenshot(path=str(shots / "console-queue.png"))
        browser_page.get_by_test_id("nav-map").click()
        browser_page.get_by_test_id("filter-status").select_option("")
        browser_page.get_by_test_id("apply-filters").click()
        assert browser_page.locator("[data-testid^=tambon-][class*=shade-5]").count() >= 1
        browser_page.screenshot(path=str(shots / "console-map.png"))
        browser_page.get_by_test_id("nav-agenda").click()
        browser_page.get_by_test_id(f"forum-{busiest_forum_district(runtime)}").click()
        assert browser_page.get_by_test_id("item").count() >= 1
        browser_page.screenshot(path=str(shots / "console-agenda.png"))
        assert (shots / "console-map.png").stat().st_size > 20_000
    finally:
        server.shutdown()
        thread.join(5)
        runtime.engine.dispose()
