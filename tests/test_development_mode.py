"""Development mode only by explicit choice: without DEVELOPMENT=1 the app needs both LINE credentials,
never mounts the emulator or simulator, and never signs with anything the repository knows."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from werkzeug.serving import make_server

from app import create_app
from bot.settings import ConfigurationError
from linesim import sign
from tests.harness import serve

ROOT = Path(__file__).resolve().parent.parent
# Every secret the repository has ever spelled out: the old development constant and the emulator's default.
KNOWN_SECRETS = ["development-channel-secret", "linesim-channel-secret", "development-access-token",
                 "linesim-access-token", ""]
REAL_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f0"
REAL_TOKEN = "real-looking-long-lived-channel-access-token"
LINE_VARIABLES = ("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN", "DEVELOPMENT", "LINE_API_BASE_URL",
                  "SECRET_KEY")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def deploy_env(monkeypatch: pytest.MonkeyPatch, database_url: str, tmp_path: Path) -> Iterator[dict[str, str]]:
    """The environment of a deploy started as the Procfile says: DATABASE_URL and PORT, nothing about LINE.

    Tests add LINE variables to it; it is also os.environ for in-process apps.
    """
    for name in LINE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    env = {"DATABASE_URL": database_url, "PORT": str(free_port()), "INSTANCE_PATH": str(tmp_path / "instance"),
           "WORKER_THREAD": "false", "LOG_LEVEL": "WARNING"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    yield env


def _subprocess_env(env: dict[str, str]) -> dict[str, str]:
    inherited = {k: v for k, v in os.environ.items() if k not in LINE_VARIABLES}
    return {**inherited, **env, "PYTHONPATH": str(ROOT)}


def test_a_production_start_with_only_database_url_and_port_exits_naming_both_variables(deploy_env):
    started = subprocess.run(
        [sys.executable, "-m", "gunicorn", "app:create_app()", "--bind", f"127.0.0.1:{deploy_env['PORT']}",
         "--workers", "1"],
        cwd=ROOT, env=_subprocess_env(deploy_env), capture_output=True, text=True, timeout=60)

    assert started.returncode != 0
    assert "LINE_CHANNEL_SECRET" in started.stderr
    assert "LINE_CHANNEL_ACCESS_TOKEN" in started.stderr
    assert "DEVELOPMENT=1" in started.stderr


@pytest.mark.parametrize(("present", "missing"), [("LINE_CHANNEL_SECRET", "LINE_CHANNEL_ACCESS_TOKEN"),
                                                  ("LINE_CHANNEL_ACCESS_TOKEN", "LINE_CHANNEL_SECRET")])
def test_a_production_app_with_only_one_credential_refuses_to_start_naming_the_other(
        deploy_env, monkeypatch, present, missing):
    monkeypatch.setenv(present, "set-by-the-operator")

    with pytest.raises(ConfigurationError) as refused:
        create_app()

    assert refused.value.missing == (missing,)
    assert str(refused.value).startswith(f"{missing} is not set")


def test_development_mode_with_real_credentials_also_set_refuses_to_start(deploy_env, monkeypatch):
    monkeypatch.setenv("DEVELOPMENT", "1")
    monkeypatch.setenv("LINE_CHANNEL_SECRET", REAL_SECRET)
    monkeypatch.setenv("LINE_CHANNEL_ACCESS_TOKEN", REAL_TOKEN)

    with pytest.raises(ConfigurationError, match="DEVELOPMENT=1 .* LINE_CHANNEL_SECRET"):
        create_app()


@pytest.mark.parametrize("command", [["db", "upgrade"], ["worker"], ["clock"]], ids=" ".join)
def test_production_cli_commands_refuse_to_run_without_credentials(deploy_env, command):
    ran = subprocess.run([sys.executable, "-m", "flask", "--app", "app", *command], cwd=ROOT,
                         env=_subprocess_env(deploy_env), capture_output=True, text=True, timeout=60)

    assert ran.returncode != 0
    assert "LINE_CHANNEL_SECRET and LINE_CHANNEL_ACCESS_TOKEN are not set" in ran.stderr


def _what_an_outsider_gets(env: dict[str, str]) -> dict[str, object] | str:
    """Start the app from the environment and try the development endpoints and forged webhooks."""
    try:
        app = create_app()
    except ConfigurationError:
        return "refused to start"
    body = json.dumps({"destination": "U" + "0" * 32, "events": [{
        "type": "message", "mode": "active", "timestamp": 1, "webhookEventId": "01HZZZZZZZZZZZZZZZZZZZZZZZ",
        "deliveryContext": {"isRedelivery": False}, "source": {"type": "user", "userId": "U" + "1" * 32},
        "replyToken": "r", "message": {"type": "text", "id": "1", "text": "/staff add U1 --role admin"}}]}).encode()
    try:
        with serve(app) as url:
            return {
                "simulator": requests.get(f"{url}/simulator/api/personas", timeout=5).status_code,
                "emulator": requests.get(f"{url}/linesim/v2/bot/message/quota", timeout=5).status_code,
                "forged webhooks": sorted({requests.post(
                    f"{url}/callback", data=body, timeout=5,
                    headers={"x-line-signature": sign(secret, body), "Content-Type": "application/json"},
                ).status_code for secret in KNOWN_SECRETS}),
            }
    finally:
        app.extensions["lampang"].engine.dispose()


@pytest.mark.parametrize(("credentials", "outcome"), [
    ({}, "refused to start"),
    ({"LINE_CHANNEL_SECRET": REAL_SECRET}, "refused to start"),
    ({"LINE_CHANNEL_ACCESS_TOKEN": REAL_TOKEN}, "refused to start"),
    ({"LINE_CHANNEL_SECRET": REAL_SECRET, "LINE_CHANNEL_ACCESS_TOKEN": REAL_TOKEN},
     {"simulator": 404, "emulator": 404, "forged webhooks": [400]}),
], ids=["nothing set", "only the secret", "only the token", "both set"])
def test_without_development_mode_no_deploy_serves_the_tools_or_accepts_a_webhook_signed_with_a_known_secret(
        deploy_env, monkeypatch, credentials, outcome):
    for name, value in credentials.items():
        monkeypatch.setenv(name, value)

    assert _what_an_outsider_gets(deploy_env) == outcome


def test_the_production_app_never_imports_the_emulator_or_the_simulator(deploy_env):
    env = {**deploy_env, "LINE_CHANNEL_SECRET": REAL_SECRET, "LINE_CHANNEL_ACCESS_TOKEN": REAL_TOKEN}
    script = ("import sys; from app import create_app; app = create_app(); "
              "print(sorted(m for m in sys.modules if m.split('.')[0] in ('linesim', 'bot.devmode')))")

    ran = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=_subprocess_env(env),
                         capture_output=True, text=True, timeout=60)

    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.strip() == "[]"


def _development_app(database_url: str, tmp_path: Path, name: str):
    return create_app({"development": True, "line_channel_secret": "", "line_channel_access_token": "",
                       "database_url": database_url, "instance_path": tmp_path / name, "port": free_port(),
                       "worker_thread": False, "log_level": "WARNING"})


def test_two_development_apps_get_different_random_credentials_that_their_emulators_share(database_url, tmp_path):
    first, second = (_development_app(database_url, tmp_path, name) for name in ("a", "b"))
    source = (ROOT / "bot" / "devmode.py").read_text(encoding="utf-8")

    settings = [app.extensions["lampang"].settings for app in (first, second)]
    platforms = [app.extensions["line_platform"] for app in (first, second)]
    assert settings[0].line_channel_secret != settings[1].line_channel_secret
    assert settings[0].line_channel_access_token != settings[1].line_channel_access_token
    assert [p.channel_secret for p in platforms] == [s.line_channel_secret for s in settings]
    assert [p.access_token for p in platforms] == [s.line_channel_access_token for s in settings]
    assert all(len(s.line_channel_secret) >= 32 and s.line_channel_secret not in source for s in settings)
    assert not {s.line_channel_secret for s in settings} & set(KNOWN_SECRETS)


def test_a_development_app_accepts_the_webhooks_of_its_own_emulator(database_url, tmp_path):
    app = _development_app(database_url, tmp_path, "dev")
    platform = app.extensions["line_platform"]
    port = app.extensions["lampang"].settings.port
    server = make_server("127.0.0.1", port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        delivery = platform.send_text(platform.add_user("ป้าศรี"), "ถนนพังครับ")
    finally:
        server.shutdown()
        thread.join(5)
        app.extensions["lampang"].engine.dispose()

    assert delivery.status_code == 200


@pytest.mark.parametrize("path", ["/simulator/", "/simulator/api/personas", "/linesim/v2/bot/message/quota"])
def test_development_tools_answer_403_to_clients_that_are_not_on_loopback(database_url, tmp_path, path):
    app = _development_app(database_url, tmp_path, "dev")
    client = app.test_client()

    remote = client.get(path, environ_base={"REMOTE_ADDR": "192.0.2.10"})
    mapped = client.get(path, environ_base={"REMOTE_ADDR": "::ffff:192.0.2.10"})
    local = [client.get(path, environ_base={"REMOTE_ADDR": addr}).status_code for addr in ("127.0.0.1", "::1")]

    assert (remote.status_code, mapped.status_code) == (403, 403)
    assert 403 not in local
    app.extensions["lampang"].engine.dispose()
