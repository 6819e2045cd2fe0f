"""The console's blueprint and what every page shares: the sign-in gate, the CSRF check, the database
session of the request and rendering with the Thai texts.

Who may see and change what is decided by bot.staff.permissions, exactly as for chat commands.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from datetime import timedelta
from typing import Any

from flask import Blueprint, Response, abort, g, redirect, render_template, request, session, url_for
from sqlalchemy import select
from sqlalchemy.orm import Session

from bot import areas, texts
from bot.runtime import current_runtime
from bot.staff import permissions
from bot.staff.permissions import Permission
from storage.models import Forum, Staff

log = logging.getLogger(__name__)

console = Blueprint("console", __name__, url_prefix="/console", template_folder="templates",
                    static_folder="static", static_url_path="/static")

# Short-lived: a lost phone or a shared office PC holds a session for one working session at most;
# signing in again is one tap in LINE.
SESSION_LIFETIME = timedelta(hours=2)
OPEN_ENDPOINTS = frozenset({"console.sign_in", "console.sign_in_with_line", "console.callback", "console.static",
                            "console.signed_out"})
CSRF_FIELD = "csrf_token"


def configure(app: Any) -> None:
    """Session cookies fit for a console: signed (SECRET_KEY), Secure, HttpOnly, SameSite=Lax, short-lived.

    Lax rather than Strict: the way back from LINE's authorize page is a cross-site top-level GET
    that must carry the cookie holding `state`; Lax still keeps it off every cross-site POST.
    """
    app.config.update(SESSION_COOKIE_NAME="__Host-console", SESSION_COOKIE_SECURE=True,
                      SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax", SESSION_COOKIE_PATH="/",
                      PERMANENT_SESSION_LIFETIME=SESSION_LIFETIME)
    app.register_blueprint(console)


def db() -> Session:
    """The database session of this request (closed at teardown)."""
    if "console_db" not in g:
        g.console_db = current_runtime().sessions()
    return g.console_db


def staff() -> Staff:
    return g.console_staff


def csrf_token() -> str:
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


@console.before_request
def gate() -> Response | None:
    settings = current_runtime().settings
    if not settings.console_enabled:
        # Fail closed, and say why: the operator sees which settings are missing.
        log.warning("console refused: LINE_LOGIN_CHANNEL_ID and LINE_LOGIN_CHANNEL_SECRET are not both set")
        return Response(render_template("console/off.html", t=texts), status=503)
    if request.endpoint in OPEN_ENDPOINTS:
        return None
    staff_id, signed_at = session.get("staff_id"), session.get("signed_at", 0)
    if not isinstance(staff_id, int) or time.time() - float(signed_at) > SESSION_LIFETIME.total_seconds():
        session.clear()
        back = (request.full_path.rstrip("?") if request.query_string else request.path) \
            if request.method == "GET" else None
        return redirect(url_for("console.sign_in", next=back))
    member = db().get(Staff, staff_id)
    if member is None or member.removed_at is not None or member.line_user_id != session.get("line_user_id"):
        # Removed since signing in (or the row changed hands): signed out on this very request.
        log.info("console session of staff %s ended: no longer staff", staff_id)
        session.clear()
        return redirect(url_for("console.signed_out"))
    if request.method not in ("GET", "HEAD"):
        given = request.form.get(CSRF_FIELD, "")
        if not given or not hmac.compare_digest(given, session.get("csrf", "")):
            log.warning("console refused a form without a valid CSRF token (staff %d)", member.id)
            abort(400)
    g.console_staff = member
    return None


@console.teardown_request
def close_db(_error: BaseException | None) -> None:
    database = g.pop("console_db", None)
    if database is not None:
        database.close()


@console.after_request
def no_store(response: Response) -> Response:
    # Pages quote villagers: no shared cache keeps them, no other site frames them.
    if request.endpoint != "console.static":
        response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Content-Security-Policy"] = ("default-src 'self'; img-src 'self' data:; "
                                                   "style-src 'self'; form-action 'self' " + _login_origin())
    response.headers["Referrer-Policy"] = "same-origin"
    return response


def _login_origin() -> str:
    url = current_runtime().settings.line_login_authorize_url
    return url.split("/oauth2/", 1)[0]


def require(permission: Permission) -> None:
    if not permissions.may_run(staff(), permission):
        log.info("console refused staff %d: needs %s", staff().id, permission.value)
        abort(403)


def page(template: str, **context: Any) -> str:
    member = g.get("console_staff")
    return render_template(f"console/{template}", t=texts, staff=member, csrf_token=csrf_token,
                           may_triage=bool(member) and permissions.may_run(member, Permission.TRIAGE),
                           district_name=areas.district_name, tambon_name=areas.tambon_name, **context)


def choices() -> dict[str, Any]:
    """What the filter forms offer this person: their districts, the categories, statuses and coming forums."""
    today = current_runtime().now().astimezone(current_runtime().tz).date()
    visible = permissions.visible_districts(staff())
    forums = db().scalars(select(Forum).where(Forum.held_on >= today).order_by(Forum.held_on)).all()
    return {
        "districts": [(code, name) for code, name in areas.districts() if not visible or code in visible],
        "all_districts": areas.districts(),
        "categories": list(texts.CATEGORY_LABELS.items()),
        "statuses": list(texts.STATUS_LABELS.items()),
        "forums": [(f.id, areas.forum_name(f.district_code), f.held_on) for f in forums
                   if f.district_code == areas.PROVINCE or permissions.covers(staff(), f.district_code)],
    }
