"""Signing in and out: LINE Login's authorization code flow, and only active staff get a session."""

from __future__ import annotations

import hmac
import logging
import time

from flask import Response, redirect, request, session, url_for

from bot import texts
from bot.console import lineauth
from bot.console.web import console, db, page
from bot.runtime import current_runtime
from storage import accounts

log = logging.getLogger(__name__)


@console.get("/login")
def sign_in() -> str:
    return page("login.html", next=_safe_next(request.args.get("next")))


@console.get("/signed-out")
def signed_out() -> tuple[str, int]:
    return page("login.html", next=None, notice=texts.CONSOLE_SIGNED_OUT_NOT_STAFF), 403


@console.get("/login/line")
def sign_in_with_line() -> Response:
    attempt = lineauth.Attempt.new()
    # One attempt at a time, kept in the signed session cookie until LINE sends the browser back.
    session.clear()
    session["attempt"] = {"state": attempt.state, "nonce": attempt.nonce, "verifier": attempt.code_verifier,
                          "next": _safe_next(request.args.get("next"))}
    return redirect(lineauth.authorize_url(current_runtime().settings, attempt, _redirect_uri()))


@console.get("/callback")
def callback() -> Response | tuple[str, int]:
    pending = session.pop("attempt", None)  # used once: a replayed callback finds nothing to match
    state = request.args.get("state", "")
    if not isinstance(pending, dict) or not state or not hmac.compare_digest(state, pending.get("state", "")):
        log.warning("console sign-in refused: state missing or forged")
        return _refused(texts.CONSOLE_SIGN_IN_FAILED)
    if request.args.get("error") or not request.args.get("code"):
        return _refused(texts.CONSOLE_SIGN_IN_CANCELLED)
    attempt = lineauth.Attempt(pending["state"], pending["nonce"], pending["verifier"])
    try:
        user_id = lineauth.line_user_id(current_runtime().settings, attempt, request.args["code"], _redirect_uri())
    except lineauth.SignInFailed as failure:
        log.warning("console sign-in refused: %s", failure)
        return _refused(texts.CONSOLE_SIGN_IN_FAILED)
    member = accounts.staff_by_line_id(db(), user_id)
    if member is None:
        log.warning("console sign-in refused: not an active staff member")
        return _refused(texts.CONSOLE_NOT_STAFF)
    session.clear()  # a fresh session (and CSRF token) for the signed-in person: no fixation
    session.permanent = True
    session.update(staff_id=member.id, line_user_id=member.line_user_id, signed_at=time.time())
    log.info("console sign-in: staff %d", member.id)
    return redirect(pending.get("next") or url_for("console.queue"))


@console.post("/logout")
def sign_out() -> Response:
    session.clear()
    return redirect(url_for("console.sign_in"))


def _refused(notice: str) -> tuple[str, int]:
    session.clear()
    return page("login.html", next=None, notice=notice), 403


def _redirect_uri() -> str:
    """Registered in the LINE Login channel: PUBLIC_BASE_URL's when set (behind a proxy), else this host's."""
    base = current_runtime().settings.public_base_url
    return f"{base}/console/callback" if base else url_for("console.callback", _external=True)


def _safe_next(target: str | None) -> str | None:
    """Only a path of the console itself: never an open redirect to another site."""
    if target and target.startswith("/console/") and not target.startswith("//") and "\\" not in target:
        return target
    return None
