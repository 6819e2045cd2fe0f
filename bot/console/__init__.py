"""The forum workbench: a web console for staff and officials, signed in with LINE Login.

Server-rendered pages under /console/ (queue, request, map, forum agenda, week) that change requests
only through the staff core (bot.staff.actions, bot.staff.permissions), so chat and web share one
set of rules, one permission gate and one audit trail.
"""

from __future__ import annotations

import logging

from flask import Flask

from bot.console import agenda, maps, pages, signin, week  # noqa: F401  (declare the routes)
from bot.console.web import configure
from bot.runtime import EXTENSION_KEY

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    settings = app.extensions[EXTENSION_KEY].settings
    if settings.console_enabled and not settings.secret_key and not settings.development:
        # Sessions are then signed with the Messaging API channel secret: it works, but one leaked
        # secret should not open both the webhook and the console.
        log.warning("console sessions are signed with the LINE channel secret: set SECRET_KEY")
    configure(app)
