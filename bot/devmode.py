"""Development mode (no LINE credentials): the built-in LINE emulator and the chat simulator.

Only imported by create_app when no channel secret and token are set, so with real credentials
neither is mounted at all.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from flask import Flask, redirect
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from bot.settings import Settings

log = logging.getLogger(__name__)

DEV_SECRET = "development-channel-secret"
DEV_TOKEN = "development-access-token"
EMULATOR_PREFIX = "/linesim"
AMPHOE_GEOJSON = Path(__file__).resolve().parent.parent / "nlp" / "data" / "lampang_amphoe.geojson"


def install(app: Flask, settings: Settings) -> Settings:
    from linesim import Platform
    from linesim.simulator import simulator_blueprint

    origin = f"http://127.0.0.1:{settings.port}"
    platform = Platform(channel_secret=DEV_SECRET, access_token=DEV_TOKEN, webhook_url=f"{origin}/callback",
                        quota=300)
    app.wsgi_app = DispatcherMiddleware(app.wsgi_app, {EMULATOR_PREFIX: platform.wsgi_app()})  # type: ignore[method-assign]
    app.extensions["line_platform"] = platform
    app.register_blueprint(
        simulator_blueprint(platform, map_geojson=_amphoe_map(), places=_district_centres(),
                            personas=lambda: _personas(app)),
        url_prefix="/simulator",
    )
    app.add_url_rule("/", "home", lambda: redirect("/simulator/"))
    log.warning("DEVELOPMENT MODE: no LINE credentials; LINE emulator at %s%s, simulator at %s/simulator/",
                origin, EMULATOR_PREFIX, origin)
    return settings.replace(line_channel_secret=DEV_SECRET, line_channel_access_token=DEV_TOKEN,
                            line_api_base_url=origin + EMULATOR_PREFIX)


def _amphoe_map() -> dict[str, Any] | None:
    try:
        return json.loads(AMPHOE_GEOJSON.read_text(encoding="utf-8"))
    except OSError:
        return None


def _district_centres() -> list[tuple[str, float, float]]:
    import nlp

    return [(d.name_th, d.lat, d.lon) for d in nlp.gazetteer().districts]


def _personas(app: Flask) -> list[dict[str, str]]:
    """Staff from the database (seeded by `flask demo seed`), so the simulator can act as them."""
    from sqlalchemy import select

    from storage.models import Staff

    runtime = app.extensions["lampang"]
    with runtime.sessions() as session:
        staff = session.scalars(select(Staff).order_by(Staff.id)).all()
        return [{"user_id": s.line_user_id, "display_name": s.name or s.line_user_id, "role": s.role.value}
                for s in staff]
