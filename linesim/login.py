"""LINE Login v2.1 as the emulator plays it: an authorize page to pick a persona, token and verify endpoints.

Enough of LINE's web login for the bot's console to be signed into with no LINE account: the
authorization code flow with PKCE (S256), `state` echoed, `nonce` carried in an HS256 ID token signed
with the login channel secret, single-use codes bound to their `redirect_uri`, and `/verify` checking
`client_id`, expiry and nonce. Errors use LINE's shapes (`error`, `error_description`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from html import escape
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, request

from linesim.clock import Clock

ISSUER = "https://access.line.me"
CODE_TTL_S = 600  # LINE: an authorization code is valid for 10 minutes
ID_TOKEN_TTL_S = 3600
ACCESS_TOKEN_TTL_S = 2_592_000
Persona = dict[str, str]


@dataclass
class Grant:
    """What an authorization code stands for until it is exchanged (once)."""

    user_id: str
    display_name: str
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None
    issued_at: float
    used: bool = False


class LoginError(Exception):
    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status, self.error, self.description = status, error, description


class LoginChannel:
    """One LINE Login channel: its id and secret, the personas that can sign in, the codes issued."""

    def __init__(self, channel_id: str, channel_secret: str, clock: Clock,
                 personas: Callable[[], list[Persona]]) -> None:
        self.channel_id = channel_id
        self.channel_secret = channel_secret
        self.clock = clock
        self.personas = personas
        self._grants: dict[str, Grant] = {}
        self._lock = threading.Lock()

    # --- authorize -------------------------------------------------------------------------

    def check_authorize(self, params: dict[str, str]) -> None:
        if params.get("response_type") != "code":
            raise LoginError(400, "unsupported_response_type", "response_type must be code")
        if params.get("client_id") != self.channel_id:
            raise LoginError(400, "invalid_request", "invalid client_id")
        if not params.get("redirect_uri", "").startswith(("http://", "https://")):
            raise LoginError(400, "invalid_request", "invalid redirect_uri")
        if not params.get("state"):
            raise LoginError(400, "invalid_request", "state is required")
        if "openid" not in params.get("scope", "").split():
            raise LoginError(400, "invalid_scope", "scope must include openid for an ID token")
        if params.get("code_challenge") and params.get("code_challenge_method") != "S256":
            raise LoginError(400, "invalid_request", "code_challenge_method must be S256")

    def issue_code(self, params: dict[str, str], user_id: str) -> str:
        self.check_authorize(params)
        persona = next((p for p in self.personas() if p["user_id"] == user_id), None)
        if persona is None:
            raise LoginError(400, "invalid_request", "unknown persona")
        code = secrets.token_urlsafe(16)
        with self._lock:
            self._grants[code] = Grant(user_id, persona.get("display_name", ""), params["redirect_uri"],
                                       params.get("nonce") or None, params.get("code_challenge") or None,
                                       self.clock.now())
        return code

    # --- token -----------------------------------------------------------------------------

    def exchange(self, form: dict[str, str]) -> dict[str, Any]:
        if form.get("grant_type") != "authorization_code":
            raise LoginError(400, "unsupported_grant_type", "unsupported grant_type")
        if form.get("client_id") != self.channel_id or not hmac.compare_digest(
                form.get("client_secret", ""), self.channel_secret):
            raise LoginError(400, "invalid_client", "invalid client")
        with self._lock:
            grant = self._grants.get(form.get("code", ""))
            if grant is None or grant.used or self.clock.now() - grant.issued_at > CODE_TTL_S:
                raise LoginError(400, "invalid_grant", "invalid authorization code")
            grant.used = True  # single use, whatever happens next
        if form.get("redirect_uri") != grant.redirect_uri:
            raise LoginError(400, "invalid_grant", "redirect_uri does not match")
        if grant.code_challenge is not None and not hmac.compare_digest(
                s256(form.get("code_verifier", "")), grant.code_challenge):
            raise LoginError(400, "invalid_grant", "invalid code_verifier")
        now = int(self.clock.now())
        claims = {"iss": ISSUER, "sub": grant.user_id, "aud": self.channel_id, "exp": now + ID_TOKEN_TTL_S,
                  "iat": now, "amr": ["linesso"], "name": grant.display_name}
        if grant.nonce:
            claims["nonce"] = grant.nonce
        return {"access_token": secrets.token_urlsafe(32), "expires_in": ACCESS_TOKEN_TTL_S,
                "id_token": encode_hs256(claims, self.channel_secret), "refresh_token": secrets.token_urlsafe(16),
                "scope": "openid profile", "token_type": "Bearer"}

    # --- verify ----------------------------------------------------------------------------

    def verify(self, form: dict[str, str]) -> dict[str, Any]:
        claims = decode_hs256(form.get("id_token", ""), self.channel_secret)
        if claims is None:
            raise LoginError(400, "invalid_request", "Invalid IdToken.")
        if claims.get("aud") != form.get("client_id"):
            raise LoginError(400, "invalid_request", "Invalid IdToken Audience.")
        if claims.get("exp", 0) < self.clock.now():
            raise LoginError(400, "invalid_request", "IdToken expired.")
        if form.get("nonce") and claims.get("nonce") != form.get("nonce"):
            raise LoginError(400, "invalid_request", "Invalid IdToken Nonce.")
        if form.get("user_id") and claims.get("sub") != form.get("user_id"):
            raise LoginError(400, "invalid_request", "Invalid IdToken Subject Identifier.")
        return claims


def s256(verifier: str) -> str:
    return _b64(hashlib.sha256(verifier.encode("ascii", "replace")).digest())


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


# The emulator signs like LINE's web login does (HS256 with the channel secret); the bot never decodes
# it itself but asks /verify, so this small JWT codec lives only here, on the platform's side.
def encode_hs256(claims: dict[str, Any], secret: str) -> str:
    head = _b64(json.dumps({"typ": "JWT", "alg": "HS256"}).encode())
    body = _b64(json.dumps(claims, ensure_ascii=False).encode())
    signature = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
    return f"{head}.{body}.{_b64(signature)}"


def decode_hs256(token: str, secret: str) -> dict[str, Any] | None:
    try:
        head, body, signature = token.split(".")
        expected = hmac.new(secret.encode(), f"{head}.{body}".encode(), hashlib.sha256).digest()
        if not hmac.compare_digest(expected, _unb64(signature)):
            return None
        if json.loads(_unb64(head)).get("alg") != "HS256":
            return None
        claims = json.loads(_unb64(body))
    except (ValueError, UnicodeDecodeError):
        return None
    return claims if isinstance(claims, dict) else None


# --- HTTP --------------------------------------------------------------------------------------

AUTHORIZE_PARAMS = ("response_type", "client_id", "redirect_uri", "state", "scope", "nonce",
                    "code_challenge", "code_challenge_method", "prompt", "bot_prompt")


def login_blueprint(channel: Callable[[], LoginChannel]) -> Blueprint:
    """`/oauth2/v2.1/authorize` (a page), `/oauth2/v2.1/token` and `/oauth2/v2.1/verify` (JSON)."""
    blueprint = Blueprint("linesim_login", __name__)

    def error(failure: LoginError) -> Response:
        return Response(json.dumps({"error": failure.error, "error_description": failure.description}),
                        status=failure.status, content_type="application/json")

    @blueprint.get("/oauth2/v2.1/authorize")
    def authorize() -> Response:
        params = {name: request.args[name] for name in AUTHORIZE_PARAMS if name in request.args}
        try:
            channel().check_authorize(params)
        except LoginError as failure:
            return error(failure)
        return Response(_authorize_page(params, channel().personas()), content_type="text/html; charset=utf-8")

    @blueprint.post("/oauth2/v2.1/authorize")
    def choose() -> Response:
        params = {name: request.form[name] for name in AUTHORIZE_PARAMS if name in request.form}
        redirect_uri = params.get("redirect_uri", "")
        try:
            if request.form.get("cancel"):
                channel().check_authorize(params)
                target = _with_query(redirect_uri, {"error": "access_denied", "error_description": "cancelled",
                                                    "state": params.get("state", "")})
            else:
                code = channel().issue_code(params, request.form.get("user_id", ""))
                target = _with_query(redirect_uri, {"code": code, "state": params["state"]})
        except LoginError as failure:
            return error(failure)
        return Response(status=302, headers={"Location": target})

    @blueprint.post("/oauth2/v2.1/token")
    def token() -> Response:
        try:
            body = channel().exchange(request.form.to_dict())
        except LoginError as failure:
            return error(failure)
        return Response(json.dumps(body), content_type="application/json",
                        headers={"Cache-Control": "no-store", "Pragma": "no-cache"})

    @blueprint.post("/oauth2/v2.1/verify")
    def verify() -> Response:
        try:
            return Response(json.dumps(channel().verify(request.form.to_dict()), ensure_ascii=False),
                            content_type="application/json")
        except LoginError as failure:
            return error(failure)

    return blueprint


def _with_query(url: str, params: dict[str, str]) -> str:
    return f"{url}{'&' if '?' in url else '?'}{urlencode(params)}"


def _authorize_page(params: dict[str, str], personas: list[Persona]) -> str:
    hidden = "".join(f'<input type="hidden" name="{escape(k)}" value="{escape(v)}">' for k, v in params.items())
    buttons = "".join(
        f'<button name="user_id" value="{escape(p["user_id"])}" data-testid="login-as-{escape(p["user_id"])}">'
        f'{escape(p.get("display_name") or p["user_id"])}<small>{escape(p.get("role", ""))}</small></button>'
        for p in personas)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>LINE Login (emulator)</title>
<style>body{{font-family:sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem}}
button{{display:block;width:100%;margin:.4rem 0;padding:.8rem;font-size:1rem;border:1px solid #06c755;
border-radius:.5rem;background:#fff;text-align:left}}button small{{float:right;color:#666}}
.cancel{{border-color:#999}}</style></head><body>
<h1 data-testid="login-emulator">LINE Login (emulator)</h1>
<p>Choose who signs in. This page stands in for access.line.me in development and tests.</p>
<form method="post">{hidden}{buttons}
<button class="cancel" name="cancel" value="1" data-testid="login-cancel">Cancel</button></form>
</body></html>"""
