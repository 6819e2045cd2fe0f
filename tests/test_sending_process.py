"""`flask worker` as the Procfile runs it: on PostgreSQL its sending runs in a child process that
lives and dies with it; on SQLite it stays one process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bot.runtime import runtime_of
from linesim import Platform
from storage import inbound
from tests.harness import make_app, wait_for

ROOT = Path(__file__).resolve().parent.parent


@contextmanager
def flask_worker(database_url: str, line: Platform, instance: Path, log: Path) -> Iterator[subprocess.Popen]:
    env = {k: v for k, v in os.environ.items() if k not in {"DEVELOPMENT", "WORKER_THREAD", "DATABASE_URL"}}
    env.update(DATABASE_URL=database_url, LINE_CHANNEL_SECRET=line.channel_secret,
               LINE_CHANNEL_ACCESS_TOKEN=line.access_token, LINE_API_BASE_URL=line.server.url,  # type: ignore[attr-defined]
               INSTANCE_PATH=str(instance), LOG_LEVEL="INFO")
    with log.open("wb") as output:
        process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "worker"], cwd=ROOT, env=env,
                                   stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            yield process
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def _children(pid: int) -> set[int]:
    tasks = Path(f"/proc/{pid}/task")
    found: set[int] = set()
    for task in tasks.iterdir() if tasks.exists() else ():
        children = task / "children"
        if children.exists():
            found |= {int(child) for child in children.read_text().split()}
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be read


def test_the_worker_answers_a_villager_with_its_sending_in_a_child_that_dies_with_it(
        database_url: str, line_platform: Platform, tmp_path: Path) -> None:
    app = make_app(database_url, line_platform, tmp_path / "web")
    engine = runtime_of(app).engine
    postgresql = engine.dialect.name == "postgresql"
    villager = line_platform.add_user("ป้าศรี")
    inbound.store_events(engine, [line_platform.event_text(villager, "ขอซ่อมถนนหมู่ 4 ตำบลนาแก้ว อำเภอเกาะคา")])
    engine.dispose()
    with flask_worker(database_url, line_platform, tmp_path / "worker", tmp_path / "worker.log") as worker:
        assert wait_for(lambda: any("LP-" in text for text in line_platform.texts(villager)), 60), \
            (tmp_path / "worker.log").read_text()
        children = _children(worker.pid)
        if not postgresql:
            assert children == set()  # SQLite: one process, sending on a thread of it
            return
        [sending] = children
        assert _alive(sending)
        # However the worker ends (here as a crashed host ends it, with no chance to clean up),
        # its sending process does not carry on alone.
        os.kill(worker.pid, signal.SIGKILL)
        worker.wait(10)
        assert wait_for(lambda: not _alive(sending), 15)


def test_on_postgresql_the_worker_stops_when_its_sending_process_dies(
        database_url: str, line_platform: Platform, tmp_path: Path) -> None:
    app = make_app(database_url, line_platform, tmp_path / "web")
    if runtime_of(app).engine.dialect.name != "postgresql":
        pytest.skip("needs TEST_DATABASE_URL: on SQLite the worker sends on a thread of its own process")
    runtime_of(app).engine.dispose()
    with flask_worker(database_url, line_platform, tmp_path / "worker", tmp_path / "worker.log") as worker:
        assert wait_for(lambda: len(_children(worker.pid)) == 1, 30)
        [sending] = _children(worker.pid)
        os.kill(sending, signal.SIGKILL)
        # Stopped rather than running on without anyone to send its replies: the platform
        # restarts the whole worker.
        assert wait_for(lambda: worker.poll() is not None, 15)
    assert "the sending process exited" in (tmp_path / "worker.log").read_text()
