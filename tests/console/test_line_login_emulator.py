"""The emulator's LINE Login answers like LINE: PKCE, single-use codes, redirect_uri, ID token checks."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
import requests

from linesim.login import encode_hs256, s256

VERIFIER = "v" * 50
REDIRECT = "http://127.0.0.1:1/console/callback"


@pytest.fixture
def login(line_platform):
    user = line_platform.add_user(display_name="สมชาย")
    return line_platform, line_platform.server.url, user


def authorize(base: str, channel_id: str, user: str, **overrides: str) -> str:
    params = {"response_type": "code", "client_id": channel_id, "redirect_uri": REDIRECT, "state": "s1",
              "scope": "openid profile", "nonce": "n1", "code_challenge": s256(VERIFIER),
              "code_challenge_method": "S256", **overrides}
    page = requests.get(f"{base}/oauth2/v2.1/authorize", params=params, timeout=10)
    assert page.status_code == 200 and f'login-as-{user}' in page.text
    chosen = requests.post(f"{base}/oauth2/v2.1/authorize", data={**params, "user_id": user},
                           allow_redirects=False, timeout=10)
    location = urlparse(chosen.headers["Location"])
    assert location.path == "/console/callback" and parse_qs(location.query)["state"] == ["s1"]
    return parse_qs(location.query)["code"][0]


def token(base: str, platform, code: str, **overrides: str) -> requests.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT,
            "client_id": platform.login.channel_id, "client_secret": platform.login.channel_secret,
            "code_verifier": VERIFIER, **overrides}
    return requests.post(f"{base}/oauth2/v2.1/token", data=form, timeout=10)


def verify(base: str, id_token: str, client_id: str, **extra: str) -> requests.Response:
    return requests.post(f"{base}/oauth2/v2.1/verify", data={"id_token": id_token, "client_id": client_id, **extra},
                         timeout=10)


def test_a_code_exchanged_with_its_verifier_gives_an_id_token_that_verify_accepts(login):
    platform, base, user = login
    answer = token(base, platform, authorize(base, platform.login.channel_id, user))
    assert answer.status_code == 200 and answer.json()["token_type"] == "Bearer"

    claims = verify(base, answer.json()["id_token"], platform.login.channel_id, nonce="n1").json()

    assert claims["sub"] == user and claims["aud"] == platform.login.channel_id
    assert claims["iss"] == "https://access.line.me" and claims["nonce"] == "n1" and claims["name"] == "สมชาย"


def test_a_code_is_single_use(login):
    platform, base, user = login
    code = authorize(base, platform.login.channel_id, user)
    assert token(base, platform, code).status_code == 200
    again = token(base, platform, code)
    assert again.status_code == 400 and again.json()["error"] == "invalid_grant"


@pytest.mark.parametrize(("field", "value"), [("code_verifier", "w" * 50), ("redirect_uri", "http://evil.example/cb"),
                                              ("client_secret", "guess")])
def test_a_wrong_verifier_redirect_or_secret_is_refused(login, field, value):
    platform, base, user = login
    answer = token(base, platform, authorize(base, platform.login.channel_id, user), **{field: value})
    assert answer.status_code == 400 and answer.json()["error"] in {"invalid_grant", "invalid_client"}


def test_verify_refuses_another_channel_a_wrong_nonce_an_expired_or_forged_token(login):
    platform, base, user = login
    id_token = token(base, platform, authorize(base, platform.login.channel_id, user)).json()["id_token"]

    assert verify(base, id_token, "1234567890").json()["error_description"] == "Invalid IdToken Audience."
    assert verify(base, id_token, platform.login.channel_id, nonce="other").json()["error_description"] == \
        "Invalid IdToken Nonce."
    forged = encode_hs256({"sub": user, "aud": platform.login.channel_id, "exp": 2**40}, "not-the-secret")
    assert verify(base, forged, platform.login.channel_id).status_code == 400
    platform.clock.advance(3601)
    assert verify(base, id_token, platform.login.channel_id).json()["error_description"] == "IdToken expired."


def test_the_authorize_page_refuses_an_unknown_channel_or_a_plain_challenge(login):
    platform, base, _ = login
    wrong = requests.get(f"{base}/oauth2/v2.1/authorize", timeout=10, params={
        "response_type": "code", "client_id": "1", "redirect_uri": REDIRECT, "state": "s", "scope": "openid"})
    plain = requests.get(f"{base}/oauth2/v2.1/authorize", timeout=10, params={
        "response_type": "code", "client_id": platform.login.channel_id, "redirect_uri": REDIRECT, "state": "s",
        "scope": "openid", "code_challenge": "x", "code_challenge_method": "plain"})
    assert wrong.status_code == plain.status_code == 400
    assert re.search("invalid", wrong.json()["error"] + plain.json()["error"])


def test_login_endpoints_need_no_messaging_api_token_but_the_messaging_api_still_does(login):
    _, base, _ = login
    assert requests.get(f"{base}/v2/bot/info", timeout=10).status_code == 401
