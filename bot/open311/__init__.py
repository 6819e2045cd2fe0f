"""Open311 GeoReport v2, read-only, under /open311/v2/: what a published list of requests may show.

Off unless OPEN311_ENABLED is set: publishing is a decision, not a default.
"""

from __future__ import annotations

from flask import Flask

from bot.settings import Settings


def init_app(app: Flask, settings: Settings) -> None:
    if settings.open311_enabled:
        from bot.open311.georeport import georeport

        app.register_blueprint(georeport)
