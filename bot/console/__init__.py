"""The forum workbench: a web console for staff and officials, signed in with LINE Login.

Server-rendered pages under /console/ (queue, request, map, forum agenda, week) that change requests
only through the staff core (bot.staff.actions, bot.staff.permissions), so chat and web share one
set of rules, one permission gate and one audit trail.
"""

from __future__ import annotations

from flask import Flask

from bot.console import agenda, maps, pages, signin, week  # noqa: F401  (declare the routes)
from bot.console.web import configure


def init_app(app: Flask) -> None:
    configure(app)
