"""Signing in to the console with LINE Login (the emulator plays LINE), and who is refused."""

from __future__ import annotations

import pytest

from tests.console.conftest import sign_in
from tests.harness import enrol

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", ["admin", "triager", "official"])
def test_each_role_signs_in_with_line_and_lands_on_the_queue(bot, browser_page, file_request, role):
    ref = file_request()
    user = enrol(bot, f"staff-{role}", role)

    sign_in(browser_page, bot, user)

    assert browser_page.url.endswith("/console/queue")
    assert browser_page.get_by_test_id(f"row-{ref}").is_visible()
    assert f"staff-{role}" in browser_page.get_by_test_id("signed-in-as").inner_text()
    cookie = next(c for c in browser_page.context.cookies() if c["name"] == "__Host-console")
    assert cookie["httpOnly"] and cookie["secure"] and cookie["sameSite"] == "Lax"
    # Only officials lack the triage form.
    assert browser_page.get_by_test_id("bulk-action").count() == (0 if role == "official" else 1)


def test_a_villager_who_is_not_staff_is_refused(bot, browser_page, file_request):
    file_request()
    villager = bot.line.add_user(display_name="ป้าศรี")

    sign_in(browser_page, bot, villager)

    assert browser_page.get_by_test_id("sign-in-refused").is_visible()
    browser_page.goto(bot.url + "/console/queue")
    assert "/console/login" in browser_page.url  # no session was given


def test_a_removed_staff_member_is_signed_out_on_the_next_request(bot, browser_page, file_request):
    from bot.staff import roster

    ref = file_request()
    user = enrol(bot, "สมชาย", "triager")
    sign_in(browser_page, bot, user)
    assert browser_page.get_by_test_id(f"row-{ref}").is_visible()

    with bot.session() as session, session.begin():
        roster.remove(session, user, bot.runtime.now())
    browser_page.reload()

    assert browser_page.url.endswith("/console/signed-out")
    assert browser_page.get_by_test_id(f"row-{ref}").count() == 0
    browser_page.goto(bot.url + "/console/queue")
    assert "/console/login" in browser_page.url


def test_a_forged_state_is_refused(bot, browser_page):
    user = enrol(bot, "แอดมิน", "admin")
    browser_page.goto(bot.url + "/console/")
    browser_page.get_by_test_id("sign-in-with-line").click()
    # On LINE's page, someone else's state stands in for ours (a login CSRF attempt).
    browser_page.locator("input[name=state]").evaluate("input => input.value = 'forged-state'")

    browser_page.get_by_test_id(f"login-as-{user}").click()

    assert browser_page.get_by_test_id("sign-in-refused").is_visible()
    assert "state=forged-state" in browser_page.url
    browser_page.goto(bot.url + "/console/queue")
    assert "/console/login" in browser_page.url


def test_a_replayed_code_is_refused_even_with_a_fresh_state(bot, chromium):
    from urllib.parse import parse_qs, urlparse

    user = enrol(bot, "แอดมิน", "admin")
    first = chromium.new_context()
    tab = first.new_page()
    callbacks: list[str] = []
    tab.on("request", lambda sent: callbacks.append(sent.url) if "/console/callback" in sent.url else None)
    tab.goto(bot.url + "/console/")
    tab.get_by_test_id("sign-in-with-line").click()
    tab.get_by_test_id(f"login-as-{user}").click()
    tab.wait_for_url("**/console/queue")
    code = parse_qs(urlparse(callbacks[0]).query)["code"][0]
    first.close()

    # Another browser starts its own sign-in (so it holds a valid state) and offers the used code.
    second = chromium.new_context()
    tab = second.new_page()
    tab.goto(bot.url + "/console/")
    tab.get_by_test_id("sign-in-with-line").click()
    state = parse_qs(urlparse(tab.url).query)["state"][0]
    tab.goto(f"{bot.url}/console/callback?code={code}&state={state}")

    assert tab.get_by_test_id("sign-in-refused").is_visible()
    assert any(call.path.endswith("/oauth2/v2.1/token") and call.status == 400 for call in bot.line.api_calls)
    tab.goto(bot.url + "/console/queue")
    assert "/console/login" in tab.url
    second.close()


def test_a_form_without_its_csrf_token_is_refused(bot, browser_page, file_request):
    from storage.request_store import request_by_ref

    ref = file_request()
    user = enrol(bot, "แอดมิน", "admin")
    sign_in(browser_page, bot, user)

    forged = browser_page.request.post(bot.url + "/console/queue/bulk",
                                       form={"action": "accept", "pick": f"{ref}:1"}, max_redirects=0)
    token = browser_page.locator("input[name=csrf_token]").first.input_value()
    wrong = browser_page.request.post(bot.url + "/console/queue/bulk",
                                      form={"action": "accept", "pick": f"{ref}:1", "csrf_token": token + "x"})

    assert forged.status == 400 and wrong.status == 400
    with bot.session() as session:
        assert request_by_ref(session, ref).status.value == "new"
    allowed = browser_page.request.post(bot.url + "/console/queue/bulk",
                                        form={"action": "accept", "pick": f"{ref}:1", "csrf_token": token})
    assert allowed.status == 200


def test_the_console_is_off_and_says_why_without_a_line_login_channel(database_url, line_platform, tmp_path):
    import requests

    from tests.harness import make_app, serve

    app = make_app(database_url, line_platform, tmp_path / "instance")
    with serve(app) as url:
        answer = requests.get(f"{url}/console/queue", timeout=10, allow_redirects=False)

    assert answer.status_code == 503
    assert "LINE_LOGIN_CHANNEL_ID" in answer.text and "LINE_LOGIN_CHANNEL_SECRET" in answer.text
