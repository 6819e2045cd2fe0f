"""LINE Login v2.1 from the console's side: the authorize URL (PKCE, state, nonce), the code exchange
and the ID token check, which LINE's /oauth2/v2.1/verify does for us (no JWT code here).

Plain HTTPS calls with requests: LINE Login is not part of the Messaging API that line-bot-sdk wraps.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from dataclasses import dataclass
from urllib.parse import urlencode

import requests

from bot.settings import LINE_API_DEFAULT, Settings

log = logging.getLogger(__name__)

TIMEOUT_S = 10
ISSUER = "https://access.line.me"


class SignInFailed(Exception):
    """LINE did not vouch for this sign-in; the reason is for logs (no personal data in it)."""


@dataclass(frozen=True)
class Attempt:
    """What the browser's session keeps between the redirect to LINE and the way back."""

    state: str
    nonce: str
    code_verifier: str

    @classmethod
    def new(cls) -> Attempt:
        # 43+ characters from the unreserved set, as RFC 7636 asks of a code verifier.
        return cls(secrets.token_urlsafe(24), secrets.token_urlsafe(24), secrets.token_urlsafe(48))

    @property
    def code_challenge(self) -> str:
        digest = hashlib.sha256(self.code_verifier.encode("ascii")).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorize_url(settings: Settings, attempt: Attempt, redirect_uri: str) -> str:
    query = urlencode({
        "response_type": "code", "client_id": settings.line_login_channel_id, "redirect_uri": redirect_uri,
        "state": attempt.state, "scope": "openid profile", "nonce": attempt.nonce,
        "code_challenge": attempt.code_challenge, "code_challenge_method": "S256",
    })
    return f"{settings.line_login_authorize_url}?{query}"


def line_user_id(settings: Settings, attempt: Attempt, code: str, redirect_uri: str) -> str:
    """Exchange the code (with the PKCE verifier) and have LINE verify the ID token; the `sub` it vouches for."""
    api = settings.line_api_base_url or LINE_API_DEFAULT
    token = _post(f"{api}/oauth2/v2.1/token", {
        "grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri,
        "client_id": settings.line_login_channel_id, "client_secret": settings.line_login_channel_secret,
        "code_verifier": attempt.code_verifier,
    })
    id_token = token.get("id_token")
    if not isinstance(id_token, str):
        raise SignInFailed("no id_token in the token response")
    claims = _post(f"{api}/oauth2/v2.1/verify", {
        "id_token": id_token, "client_id": settings.line_login_channel_id, "nonce": attempt.nonce,
    })
    # /verify already checked signature, audience, expiry and nonce; these are cheap second looks.
    if claims.get("iss") != ISSUER or claims.get("aud") != settings.line_login_channel_id:
        raise SignInFailed("issuer or audience differs")
    if claims.get("nonce") != attempt.nonce:
        raise SignInFailed("nonce differs")
    sub = claims.get("sub")
    if not isinstance(sub, str) or not sub.startswith("U"):
        raise SignInFailed("no user id in the ID token")
    return sub


def _post(url: str, form: dict[str, str]) -> dict:
    try:
        response = requests.post(url, data=form, timeout=TIMEOUT_S)
    except requests.RequestException as error:
        raise SignInFailed(f"LINE Login unreachable ({type(error).__name__})") from error
    if response.status_code != 200:
        try:
            reason = response.json().get("error", "?")
        except ValueError:
            reason = "?"
        raise SignInFailed(f"LINE Login answered {response.status_code} ({reason})")
    body = response.json()
    if not isinstance(body, dict):
        raise SignInFailed("LINE Login answered something other than an object")
    return body
