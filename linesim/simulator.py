"""The chat simulator page: act as villagers or staff in a LINE-like chat against the emulator."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, abort, jsonify, request, send_from_directory
from werkzeug.http import parse_options_header

from linesim.mapdraw import svg_map
from linesim.platform import Platform
from linesim.records import Delivered, Delivery

STATIC_DIR = Path(__file__).resolve().parent / "static"
Persona = dict[str, str]
# Content is whatever a page user uploaded, served on the bot's own origin: only media types a
# browser displays without running anything are served inline (not image/svg+xml, which can carry
# script); anything else is a download.
INLINE_CONTENT_TYPES = frozenset({
    "image/jpeg", "image/png", "image/gif", "image/webp",
    "video/mp4", "video/quicktime", "video/webm",
    "audio/m4a", "audio/x-m4a", "audio/mp4", "audio/aac", "audio/mpeg", "audio/ogg", "audio/wav",
})


class _PageUsers:
    """Personas created in the page, for this blueprint only."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._personas: list[Persona] = []

    def add(self, persona: Persona) -> None:
        with self._lock:
            self._personas.append(persona)

    def all(self) -> list[Persona]:
        with self._lock:
            return list(self._personas)


def simulator_blueprint(platform: Platform, *, map_geojson: dict | None,
                        places: list[tuple[str, float, float]],
                        personas: Callable[[], list[Persona]]) -> Blueprint:
    """A blueprint (register it at `/simulator`) serving the page and its JSON API.

    The send endpoints post signed webhooks synchronously, possibly to this same server, so they
    hold no lock while doing so.
    """
    blueprint = Blueprint("linesim_simulator", __name__)
    page_users = _PageUsers()
    drawn_map = svg_map(map_geojson)

    def all_personas() -> list[Persona]:
        try:
            given = list(personas())
        except Exception:  # the bot's database may be empty or not migrated yet; the page still works
            given = []
        seen = {p["user_id"] for p in given}
        return given + [p for p in page_users.all() if p["user_id"] not in seen]

    def ensure_known(user_id: str) -> None:
        """Personas from the bot's database become platform users (friends) on first use."""
        if not platform.has_user(user_id):
            match = next((p for p in all_personas() if p["user_id"] == user_id), None)
            if match is None:
                abort(404, description="unknown persona")
            platform.add_user(match["display_name"], user_id=user_id)

    @blueprint.get("/")
    def page() -> Response:
        return send_from_directory(STATIC_DIR, "simulator.html")

    @blueprint.get("/static/<path:name>")
    def static_file(name: str) -> Response:
        return send_from_directory(STATIC_DIR, name)

    @blueprint.get("/api/config")
    def config() -> Response:
        return jsonify({"bot_name": platform.bot_display_name, "map": drawn_map,
                        "places": [{"name": name, "lat": lat, "lon": lon} for name, lat, lon in places]})

    @blueprint.get("/api/personas")
    def list_personas() -> Response:
        return jsonify(all_personas())

    @blueprint.post("/api/personas")
    def create_persona() -> tuple[Response, int]:
        body = request.get_json(silent=True) or {}
        name = str(body.get("display_name") or "").strip()[:20] or "ชาวบ้าน"
        role = str(body.get("role") or "villager")
        user_id = platform.add_user(name, friend=False)
        persona = {"user_id": user_id, "display_name": name, "role": role}
        page_users.add(persona)
        delivery = platform.follow(user_id)  # adding the OA as a friend greets the new user
        return jsonify({**persona, "delivery": _summary(delivery)}), 201

    @blueprint.post("/api/send")
    def send() -> Response:
        body = request.get_json(silent=True) or {}
        user_id = str(body.get("user_id") or "")
        ensure_known(user_id)
        kind = body.get("kind")
        if kind == "text" and str(body.get("text") or "").strip():
            delivery = platform.send_text(user_id, str(body["text"]))
        elif kind == "postback" and body.get("data"):
            delivery = platform.postback(user_id, str(body["data"]), body.get("params") or None,
                                         display_text=body.get("display_text") or None)
        elif kind == "location":
            delivery = platform.send_location(user_id, float(body["lat"]), float(body["lon"]),
                                              body.get("title") or None, body.get("address") or None)
        elif kind == "sticker":
            delivery = platform.send_sticker(user_id)
        else:
            abort(400, description="unsupported message")
        return jsonify(_summary(delivery))

    @blueprint.post("/api/send_image")
    def send_image() -> Response:
        user_id = str(request.form.get("user_id") or "")
        ensure_known(user_id)
        upload = request.files.get("photo")
        if upload is None:
            abort(400, description="no photo")
        delivery = platform.send_image(user_id, upload.read(), upload.mimetype or "image/jpeg")
        return jsonify(_summary(delivery))

    @blueprint.get("/api/chat/<user_id>")
    def chat(user_id: str) -> Response:
        after = request.args.get("after", default=0, type=int)
        entries = platform.transcript(user_id)
        return jsonify({"next": len(entries),
                        "entries": [_entry(i, entry) for i, entry in enumerate(entries) if i >= after]})

    @blueprint.get("/api/content/<message_id>")
    def content(message_id: str) -> Response:
        stored = platform.content(message_id)
        if stored is None:
            abort(404)
        mimetype = parse_options_header(stored.content_type)[0].lower()
        served = Response(stored.data, mimetype=mimetype if mimetype in INLINE_CONTENT_TYPES
                          else "application/octet-stream")
        if mimetype not in INLINE_CONTENT_TYPES:
            served.headers["Content-Disposition"] = "attachment"
        served.headers["X-Content-Type-Options"] = "nosniff"
        return served

    return blueprint


def _summary(delivery: Delivery) -> dict[str, Any]:
    return {"status": delivery.status_code, "error": delivery.error, "latency_s": round(delivery.latency_s, 3)}


def _entry(index: int, entry: Delivered) -> dict[str, Any]:
    return {"seq": index, "from": "user" if entry.via == "user" else "bot", "via": entry.via,
            "message": entry.message, "message_id": entry.message_id, "at": entry.at}
