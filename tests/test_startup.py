"""What a process builds before it can answer: a web process that only stores webhooks starts light.

A web process without the worker thread (the Procfile's `web:` line; the `worker:` process drains)
must not import the NLP's libraries, numpy, shapely, alembic or line-bot-sdk's pydantic models:
each costs a cold start up to seconds on a busy host (issue 13: first webhook < 1 s after start).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bot import cli
from linesim import Platform
from tests.harness import make_app

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("linebot", "pythainlp", "numpy", "shapely", "matplotlib", "sklearn", "alembic", "bot.inbox.worker",
         "nlp.loader", "bot.cli.db", "bot.cli.worker")

PROBE = """
import json, sys
from pathlib import Path
from app import create_app
app = create_app({"development": False, "worker_thread": False, "database_url": sys.argv[1],
                  "line_channel_secret": "s" * 32, "line_channel_access_token": "t",
                  "instance_path": Path(sys.argv[2])})
body = b'{"destination": "U0", "events": []}'
import base64, hashlib, hmac
signature = base64.b64encode(hmac.new(b"s" * 32, body, hashlib.sha256).digest()).decode()
status = app.test_client().post("/callback", data=body, headers={"x-line-signature": signature}).status_code
print(json.dumps({"status": status, "loaded": [m for m in sys.argv[3].split(",") if m in sys.modules]}))
"""


def test_a_web_process_without_the_worker_thread_answers_a_webhook_without_importing_heavy_libraries(
        database_url: str, tmp_path: Path) -> None:
    # A fresh interpreter: this test process has imported everything already.
    completed = subprocess.run([sys.executable, "-c", PROBE, database_url, str(tmp_path), ",".join(HEAVY)],
                               cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert completed.returncode == 0, completed.stderr[-2000:]
    probe = json.loads(completed.stdout.strip().splitlines()[-1])
    assert probe["status"] == 200
    assert probe["loaded"] == []


def test_every_command_of_the_lazy_command_line_is_found_under_its_own_name(
        database_url: str, line_platform: Platform, tmp_path: Path) -> None:
    app = make_app(database_url, line_platform, tmp_path / "instance")
    context = app.cli.make_context("flask", [], resilient_parsing=True)
    assert set(cli.COMMANDS) <= set(app.cli.list_commands(context))
    for name in cli.COMMANDS:
        command = app.cli.get_command(context, name)
        assert command is not None and command.name == name
    assert app.test_cli_runner().invoke(args=["db", "current"]).exit_code == 0


def test_the_procfiles_web_processes_leave_draining_to_its_worker_process_unless_told_otherwise() -> None:
    lines = dict(line.split(":", 1) for line in (ROOT / "Procfile").read_text("utf-8").splitlines() if line)
    assert "--env WORKER_THREAD=${WORKER_THREAD:-false}" in lines["web"]
    assert lines["worker"].strip() == "flask --app app worker"
