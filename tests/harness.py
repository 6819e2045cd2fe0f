"""The test harness: the real app on a real port, wired to the LINE emulator."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask
from sqlalchemy import event
from sqlalchemy.orm import Session
from werkzeug.serving import make_server

from app import create_app
from bot.inbox.worker import drain
from bot.runtime import Runtime
from linesim import Platform


@dataclass
class Bot:
    """The real app on a real port, wired to the LINE emulator, with its worker run on demand."""

    app: Flask
    runtime: Runtime
    url: str
    line: Platform

    def drain(self) -> int:
        return drain(self.runtime)

    def session(self) -> Session:
        return self.runtime.sessions()

    def answers(self, chat_id: str) -> list[list[str]]:
        """What a chat received, one list per API call (a reply or push can carry up to 5 messages)."""
        calls: dict[str, list[str]] = {}
        for delivered in self.line.inbox(chat_id):
            text = delivered.message.get("text") or delivered.message.get("altText") or ""
            calls.setdefault(delivered.request_id or delivered.message_id, []).append(text)
        return list(calls.values())

    def travel(self, delta: timedelta) -> None:
        """Move the bot's clock (and the emulator's) forward without sleeping."""
        moved = self.runtime.now() + delta
        self.runtime.clock = lambda: moved
        self.line.clock.advance(delta.total_seconds())


@contextmanager
def running_bot(database_url: str, line: Platform, instance: Path, **overrides: object) -> Iterator[Bot]:
    """The app served on a loopback port, the emulator posting its webhooks there; the suite's `bot`."""
    app = make_app(database_url, line, instance, **overrides)
    runtime: Runtime = app.extensions["lampang"]
    with serve(app) as url:
        line.webhook_url = f"{url}/callback"
        yield Bot(app=app, runtime=runtime, url=url, line=line)
    runtime.engine.dispose()


def make_app(database_url: str, line: Platform, instance: Path, **overrides: object) -> Flask:
    settings = {
        # Production mode with the emulator's credentials, whatever DEVELOPMENT the shell has set.
        "development": False,
        "database_url": database_url,
        "line_channel_secret": line.channel_secret,
        "line_channel_access_token": line.access_token,
        "line_api_base_url": line.server.url,  # type: ignore[attr-defined]
        "worker_thread": False,
        "instance_path": instance,
        "log_level": "WARNING",
    }
    settings.update(overrides)
    return create_app(settings)


@contextmanager
def serve(app: Flask) -> Iterator[str]:
    """Serve the app on a free loopback port in a thread; yields its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(5)




def enrol(bot: Bot, name: str, role: str, districts: Sequence[str] = ()) -> str:
    """A person on the emulator's LINE, enrolled as staff with `role` (and district limits); their LINE id."""
    from bot.staff import roster

    user_id = bot.line.add_user(display_name=name)
    with bot.session() as session, session.begin():
        roster.enrol(session, line_user_id=user_id, role=role, name=name, districts=districts,
                     now=bot.runtime.now())
    return user_id


def file_request_for(bot: Bot) -> Callable[..., str]:
    """A function that stores a villager's request as the conversation would and returns its reference."""
    from storage.citizens import citizen_for
    from storage.request_store import create_request

    def make(villager: str | None = None, text: str = "ถนนในหมู่บ้านพังเป็นหลุมใหญ่", *,
             district: str | None = "5208", tambon: str | None = "520806", category: str | None = "infrastructure",
             **fields: object) -> str:
        with bot.session() as session, session.begin():
            citizen = citizen_for(session, villager, bot.runtime.now()) if villager else None
            request = create_request(session, citizen=citizen, text=text, created_at=bot.runtime.now(),
                                     tz=bot.runtime.tz, district_code=district, tambon_code=tambon,
                                     category=category, **fields)
            return request.ref

    return make


@contextmanager
def statements_run(bot: Bot) -> Iterator[list[str]]:
    """The SQL statements the bot's engine runs inside the block, in order (BEGINs included)."""
    seen: list[str] = []

    def record(_connection: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(bot.runtime.engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(bot.runtime.engine, "before_cursor_execute", record)


def kinds(statements: list[str]) -> list[str]:
    """Each statement's first word, without the transactions' BEGINs: ["SELECT", "UPDATE", ...]."""
    return [statement.split()[0].upper() for statement in statements if not statement.startswith("BEGIN")]


def wait_for(condition: Callable[[], bool], seconds: float, interval: float = 0.05) -> bool:
    """Whether `condition` came true within `seconds` (for what other threads or processes do)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(interval)
    return condition()


def tap(bot: Bot, user: str, label: str) -> list[dict[str, Any]]:
    """Tap the quick reply with this label on the user's newest message, as LINE would send it, let
    the worker answer, and return the messages that answer brought."""
    before = len(bot.line.inbox(user))
    items = bot.line.inbox(user)[-1].message.get("quickReply", {}).get("items", [])
    [action] = [item["action"] for item in items if item["action"]["label"] == label]
    if action["type"] == "postback":
        bot.line.postback(user, action["data"])
    else:
        bot.line.send_text(user, action["text"])
    bot.drain()
    return [entry.message for entry in bot.line.inbox(user)[before:]]
