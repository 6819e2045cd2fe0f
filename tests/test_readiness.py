"""Ready before traffic: gunicorn as the Procfile runs it loads the models first, starts the worker
with the process, and drains what a killed predecessor acknowledged, without any new webhook."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from bot.inbox.worker import Worker
from bot.outbox import queue
from bot.runtime import runtime_of
from linesim import Platform
from storage.db import transaction
from storage.models import EventState, InboundEvent, OutboundMessage, OutboxState, Purpose
from tests.harness import make_app, serve, wait_for

ROOT = Path(__file__).resolve().parent.parent
MODELS_LOADED = "language models loaded"
BOOTING = "Booting worker"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def gunicorn(database_url: str, line: Platform, instance: Path, *, worker_thread: bool,
             log: Path) -> Iterator[str]:
    """The Procfile's web process (gunicorn with gunicorn.conf.py, two processes) against the emulator."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DEVELOPMENT", "WORKER_THREAD", "DATABASE_URL"}}
    env.update(DATABASE_URL=database_url, LINE_CHANNEL_SECRET=line.channel_secret,
               LINE_CHANNEL_ACCESS_TOKEN=line.access_token, LINE_API_BASE_URL=line.server.url,  # type: ignore[attr-defined]
               INSTANCE_PATH=str(instance), WORKER_THREAD="true" if worker_thread else "false", LOG_LEVEL="INFO")
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "app:create_app()", "--config", "gunicorn.conf.py",
             "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)  # as a crashed host would: no goodbye
            process.wait(10)



def _answers(url: str) -> bool:
    try:
        return requests.get(f"{url}/healthz", timeout=1).status_code == 200
    except requests.RequestException:
        return False


def test_a_restarted_deployment_drains_what_its_killed_predecessor_acknowledged_with_no_new_traffic(
        database_url: str, line_platform: Platform, tmp_path: Path) -> None:
    villagers = [line_platform.add_user(f"คนที่ {n}") for n in range(5)]
    quiet = line_platform.add_user("ผู้ไม่ได้เขียนมา")  # held back for quota; told once there is room
    first_log, second_log = tmp_path / "first.log", tmp_path / "second.log"

    # First life: a web process without a worker thread acknowledges the events and a held
    # notification waits in the outbox; then the host dies before anything is processed.
    with gunicorn(database_url, line_platform, tmp_path / "a", worker_thread=False, log=first_log) as url:
        assert wait_for(lambda: _answers(url), 60)
        line_platform.webhook_url = f"{url}/callback"
        for n, villager in enumerate(villagers):
            assert line_platform.send_text(villager, f"ขอซ่อมถนนซอย {n} ครับ").status_code == 200
        app = make_app(database_url, line_platform, tmp_path / "held")
        runtime = runtime_of(app)
        with transaction(runtime.sessions) as session:
            row = queue.queue_push(session, recipient=quiet, messages=[{"type": "text", "text": "แจ้ง"}],
                                   purpose=Purpose.NOTIFY, now=runtime.now())
            row.state = OutboxState.HELD
        time.sleep(1)  # a worker thread, had there been one, would have started on these requests
    with runtime.sessions() as session:
        assert {e.state for e in session.scalars(select(InboundEvent))} == {EventState.PENDING}
    assert MODELS_LOADED not in first_log.read_text()  # no worker thread: the NLP is never loaded

    # Second life: nobody writes; the worker threads start with the processes and drain it all.
    line_platform.webhook_url = ""
    with gunicorn(database_url, line_platform, tmp_path / "b", worker_thread=True, log=second_log):
        assert wait_for(lambda: all(line_platform.inbox(v) for v in [*villagers, quiet]), 90), \
            second_log.read_text()[-3000:]
    log = second_log.read_text()
    assert log.index(MODELS_LOADED) < log.index(BOOTING)  # loaded before any process takes traffic
    with runtime.sessions() as session:
        assert {e.state for e in session.scalars(select(InboundEvent))} == {EventState.DONE}
        assert session.get(OutboundMessage, row.id).state == OutboxState.SENT
    assert all(len({d.request_id for d in line_platform.inbox(v)}) == 1 for v in villagers)
    assert [d.via for d in line_platform.inbox(quiet)] == ["push"]
    runtime.engine.dispose()


def test_building_the_app_and_serving_requests_or_commands_starts_no_worker_thread(
        database_url: str, line_platform: Platform, tmp_path: Path) -> None:
    app = make_app(database_url, line_platform, tmp_path / "instance", worker_thread=True)
    assert runtime_of(app).worker is not None  # built, ready for gunicorn's hook to start

    assert app.test_client().get("/healthz").status_code == 200
    assert app.test_cli_runner().invoke(args=["db", "current"]).exit_code == 0

    assert "lampang-worker" not in {thread.name for thread in threading.enumerate()}
    runtime_of(app).engine.dispose()


def test_on_postgresql_a_webhook_stored_by_another_process_wakes_a_waiting_worker_at_once(
        database_url: str, line_platform: Platform, tmp_path: Path) -> None:
    web = make_app(database_url, line_platform, tmp_path / "web")  # stores webhooks, runs no worker
    if runtime_of(web).engine.dialect.name != "postgresql":
        pytest.skip("needs TEST_DATABASE_URL: SQLite has no signal between processes; its workers poll")
    elsewhere = runtime_of(make_app(database_url, line_platform, tmp_path / "worker"))
    worker = Worker(elsewhere, interval=120)  # it would not look again for two minutes on its own
    worker.start()
    try:
        villager = line_platform.add_user("ลุงคำ")
        with serve(web) as url:
            line_platform.webhook_url = f"{url}/callback"
            started = time.monotonic()
            assert line_platform.send_text(villager, "ขอซ่อมถนนหน้าวัดครับ").status_code == 200
            assert wait_for(lambda: bool(line_platform.inbox(villager)), 15)
        assert time.monotonic() - started < 15
    finally:
        worker.stop()
        runtime_of(web).engine.dispose()
        elsewhere.engine.dispose()
