"""Development mode (DEVELOPMENT=1): the built-in LINE emulator and the chat simulator.

Only imported by create_app when development mode was switched on explicitly, so a production
process never loads, let alone mounts, either of them.
"""

from __future__ import annotations

import ipaddress
import json
import logging
import secrets
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from flask import Flask, abort, redirect, request
from werkzeug.exceptions import Forbidden
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from bot.settings import Settings

log = logging.getLogger(__name__)

EMULATOR_PREFIX = "/linesim"
AMPHOE_GEOJSON = Path(__file__).resolve().parent.parent / "nlp" / "data" / "lampang_amphoe.geojson"


def install(app: Flask, settings: Settings) -> Settings:
    from linesim import Platform
    from linesim.simulator import simulator_blueprint

    # Fresh per app, and the emulator and the bot are handed the same pair: nothing a reader of the
    # repository knows can sign a webhook or call the emulator's API (a public constant once could).
    secret, token = secrets.token_hex(16), secrets.token_urlsafe(32)
    origin = f"http://127.0.0.1:{settings.port}"
    login_id, login_secret = str(1_600_000_000 + secrets.randbelow(99_999_999)), secrets.token_hex(16)
    platform = Platform(channel_secret=secret, access_token=token, webhook_url=f"{origin}/callback", quota=300,
                        login_channel_id=login_id, login_channel_secret=login_secret)
    # The emulator's LINE Login offers the bot's staff (`flask demo seed` adds an admin), so the
    # console can be signed into with no LINE account.
    platform.login_personas = lambda: _personas(app)
    app.wsgi_app = DispatcherMiddleware(  # type: ignore[method-assign]
        app.wsgi_app, {EMULATOR_PREFIX: _loopback_only(platform.wsgi_app())})
    app.extensions["line_platform"] = platform
    simulator = simulator_blueprint(platform, map_geojson=_amphoe_map(), places=_district_centres(),
                                    personas=lambda: _personas(app))
    simulator.before_request(_refuse_remote_clients)
    app.register_blueprint(simulator, url_prefix="/simulator")
    app.add_url_rule("/", "home", lambda: redirect("/simulator/"))
    log.warning("DEVELOPMENT MODE: LINE emulator at %s%s, simulator at %s/simulator/ (loopback clients only)",
                origin, EMULATOR_PREFIX, origin)
    return settings.replace(line_channel_secret=secret, line_channel_access_token=token,
                            line_api_base_url=origin + EMULATOR_PREFIX,
                            line_login_channel_id=login_id, line_login_channel_secret=login_secret)


# Defence in depth behind "development only by DEVELOPMENT=1": the simulator lists staff LINE ids
# and every chat, so even a development server bound to a public address answers only its own
# machine. `make run` binds 127.0.0.1 anyway. (Behind a local reverse proxy every client looks
# local: never put one in front of a development server.)
def _is_loopback(address: str | None) -> bool:
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:  # empty (a unix socket) or garbage: not provably local
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped  # ::ffff:127.0.0.1 is loopback too; Python 3.11 does not say so itself
    return ip.is_loopback


def _refuse_remote_clients() -> None:
    if not _is_loopback(request.remote_addr):
        abort(403)


WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def _loopback_only(wsgi_app: WSGIApp) -> WSGIApp:
    def guarded(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if not _is_loopback(environ.get("REMOTE_ADDR")):
            return Forbidden()(environ, start_response)
        return wsgi_app(environ, start_response)

    return guarded


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
