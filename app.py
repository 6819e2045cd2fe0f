"""The application factory: `create_app()` builds everything from settings; gunicorn runs 'app:create_app()'.

Building starts nothing: the web processes' worker threads are started by gunicorn.conf.py's hooks.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from functools import partial
from typing import Any

from flask import Flask

from bot import cli, console, open311
from bot.inbox.webhook import SessionsButNotForLine, webhook
from bot.line.messenger import LineMessenger, Messenger
from bot.runtime import Runtime, init_app
from bot.settings import from_environment
from bot.summary.chart import charts
from storage import inbound, work
from storage.combining import Combiner
from storage.db import make_engine, make_session_factory


def create_app(overrides: Mapping[str, Any] | None = None, *, messenger: Messenger | None = None) -> Flask:
    settings = from_environment()
    if overrides:
        settings = settings.replace(**overrides)
    # Before anything is built: gunicorn and every `flask --app app ...` command (db upgrade,
    # worker, clock) come through here, so a deploy missing a credential stops instead of running.
    settings.check_line_mode()
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")

    app = Flask(__name__, instance_path=str(settings.instance_path))
    settings.instance_path.mkdir(parents=True, exist_ok=True)
    if settings.development:
        from bot import devmode  # imported only here: production never loads the emulator or simulator

        settings = devmode.install(app, settings)

    engine = make_engine(settings.sqlalchemy_url)
    base_url = None if settings.line_api_base_url == "https://api.line.me" else settings.line_api_base_url
    runtime = Runtime(
        settings=settings,
        engine=engine,
        sessions=make_session_factory(engine),
        messenger=messenger or LineMessenger(settings.line_channel_access_token, base_url),
        store_webhook=Combiner(partial(inbound.store_webhooks, engine)),
    )
    if work.can_listen(engine):
        runtime.announce = work.Announcer(engine)
    init_app(app, runtime)
    app.config["SECRET_KEY"] = settings.secret_key or settings.line_channel_secret

    app.register_blueprint(webhook)
    app.session_interface = SessionsButNotForLine()
    app.register_blueprint(charts)
    console.init_app(app)
    open311.init_app(app, settings)
    cli.register(app)

    if settings.worker_thread:
        # Built, not started: CLI commands build the app too and must run no background worker.
        # gunicorn.conf.py loads its models before the first request and starts it with each
        # web process, so a restarted deployment drains what is pending without new traffic.
        from bot.inbox.worker import Worker  # here: a web process without the thread never imports the NLP

        runtime.worker = Worker(runtime)
    return app
