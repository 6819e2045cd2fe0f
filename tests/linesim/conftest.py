"""Fixtures for the emulator's tests: a served Platform, an SDK client and a stand-in bot."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from flask import Flask, request
from linebot.v3.messaging import ApiClient, Configuration, MessagingApi, MessagingApiBlob
from linebot.v3.webhook import WebhookParser

from linesim import Platform, pytest_plugin
from linesim.server import BackgroundServer

# The plugin's fixtures are what the bot's tests use, so these tests use them too.
line_platform = pytest_plugin.line_platform
line_server = pytest_plugin.line_server


@dataclass
class StandInBot:
    """A webhook receiver that parses with the SDK, records what arrived and answers `status`."""

    parser: WebhookParser
    status: int = 200
    bodies: list[bytes] = field(default_factory=list)
    parsed: list[list[Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    on_events: Callable[[list[Any]], None] | None = None

    def wsgi(self) -> Flask:
        app = Flask("stand_in_bot")

        @app.post("/callback")
        def callback() -> tuple[str, int]:
            body = request.get_data(as_text=True)
            self.bodies.append(request.get_data())
            self.headers.append(dict(request.headers))
            events = self.parser.parse(body, request.headers["X-Line-Signature"])
            self.parsed.append(events)
            if self.on_events is not None:
                self.on_events(events)
            return "OK", self.status

        return app


@pytest.fixture
def bot(line_platform: Platform) -> Iterator[StandInBot]:
    """A stand-in bot listening on a free port, wired as the platform's webhook."""
    stand_in = StandInBot(WebhookParser(line_platform.channel_secret))
    server = BackgroundServer.start(stand_in.wsgi())
    line_platform.webhook_url = f"{server.url}/callback"
    try:
        yield stand_in
    finally:
        server.stop()


@pytest.fixture
def sdk_client(line_platform: Platform, line_server: BackgroundServer) -> Iterator[ApiClient]:
    """line-bot-sdk's ApiClient pointed at the emulator."""
    with ApiClient(Configuration(host=line_server.url, access_token=line_platform.access_token)) as client:
        yield client


@pytest.fixture
def messaging(sdk_client: ApiClient) -> MessagingApi:
    return MessagingApi(sdk_client)


@pytest.fixture
def blob(sdk_client: ApiClient) -> MessagingApiBlob:
    return MessagingApiBlob(sdk_client)


@pytest.fixture
def http(line_platform: Platform, line_server: BackgroundServer):
    """Plain `requests` calls to the emulator with the right bearer token."""
    import requests

    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {line_platform.access_token}"

    def call(method: str, path: str, *, timeout: float = 5, **kwargs: Any) -> requests.Response:
        return session.request(method, line_server.url + path, timeout=timeout, **kwargs)

    yield call
    session.close()
