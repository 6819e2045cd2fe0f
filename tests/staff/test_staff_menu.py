"""The staff rich menu: deployed beside the villagers', linked when someone is enrolled and unlinked when
they are removed — over the real webhook, worker and LINE emulator — and kept trying while LINE is down."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PIL import Image
from sqlalchemy import select

from bot import richmenu, texts
from bot.richmenu import links
from bot.runtime import Runtime
from bot.staff import roster
from linesim import Platform
from storage import accounts
from storage.models import Staff, StaffMenuLink
from tests.harness import Bot, make_app, serve
from tests.staff.conftest import enrol, say

BASE = "https://pao.example"


@pytest.fixture
def bot(database_url: str, line_platform: Platform, tmp_path: Path) -> Iterator[Bot]:
    """The suite's bot with a public address and the console's LINE Login channel: the staff menu's needs."""
    app = make_app(database_url, line_platform, tmp_path / "instance", public_base_url=BASE,
                   line_login_channel_id=line_platform.login.channel_id,
                   line_login_channel_secret=line_platform.login.channel_secret)
    runtime: Runtime = app.extensions["lampang"]
    with serve(app) as url:
        line_platform.webhook_url = f"{url}/callback"
        yield Bot(app=app, runtime=runtime, url=url, line=line_platform)
    runtime.engine.dispose()


def deploy(bot: Bot) -> tuple[str, str]:
    """`flask richmenu deploy`; returns the (villagers', staff) menu ids as remembered."""
    result = bot.app.test_cli_runner().invoke(args=["richmenu", "deploy"])
    assert result.exit_code == 0, result.output
    with bot.session() as session:
        villager_menu, staff_menu = (accounts.rich_menu_id(session, links.VILLAGER),
                                     accounts.rich_menu_id(session, links.STAFF))
    assert villager_menu and staff_menu
    return villager_menu, staff_menu


def link_row(bot: Bot, line_user_id: str) -> StaffMenuLink:
    with bot.session() as session:
        return session.scalars(select(StaffMenuLink).join(Staff, Staff.id == StaffMenuLink.staff_id)
                               .where(Staff.line_user_id == line_user_id)).one()


def test_both_menu_definitions_pass_lines_validation_and_their_images_fit(bot: Bot) -> None:
    for kind in richmenu.MENUS:
        answer = requests.post(f"{bot.line.server.url}/v2/bot/richmenu/validate",
                               json=richmenu.definition(kind, BASE), timeout=10,
                               headers={"Authorization": f"Bearer {bot.line.access_token}"})
        assert answer.status_code == 200, (kind, answer.text)
        with Image.open(richmenu.MENUS[kind][1]) as image:
            assert image.size == (richmenu.definition(kind, BASE)["size"]["width"],
                                  richmenu.definition(kind, BASE)["size"]["height"])
        assert len(richmenu.image(kind)) <= 1024 * 1024  # LINE's limit for a rich menu image


def test_the_staff_menu_opens_the_console_sign_in_and_sends_the_common_commands() -> None:
    actions = [area["action"] for area in richmenu.definition("staff", BASE)["areas"]]
    assert actions[0] == {"type": "uri", "label": texts.MENU_STAFF_CONSOLE, "uri": f"{BASE}/console/login/line"}
    assert [action["text"] for action in actions[1:]] == ["/queue", "/next", "/help"]
    with pytest.raises(ValueError):
        richmenu.definition("staff", "")  # without a public address the console button cannot work


def test_deploying_makes_the_villagers_menu_the_default_and_links_the_staff_menu_to_existing_staff(
        bot: Bot) -> None:
    member, villager = enrol(bot, "สมชาย", "triager"), bot.line.add_user()

    villager_menu, staff_menu = deploy(bot)

    assert bot.line.state.default_rich_menu_id == villager_menu
    assert bot.line.rich_menu_shown(member) == staff_menu
    assert bot.line.rich_menu_shown(villager) == villager_menu
    assert link_row(bot, member).state == "done"


def test_a_staff_tap_on_queue_is_answered_as_the_command(bot: Bot) -> None:
    member = enrol(bot, "สมชาย", "triager")
    queue_tap = richmenu.definition("staff", BASE)["areas"][1]["action"]["text"]
    assert say(bot, member, queue_tap)  # answered, and valid for LINE (say checks)


def test_enrolling_in_chat_links_the_staff_menu_and_removing_unlinks_it(bot: Bot) -> None:
    admin = enrol(bot, "แอดมิน", "admin")
    villager_menu, staff_menu = deploy(bot)
    newcomer = bot.line.add_user(display_name="สมหญิง")

    say(bot, admin, f"/staff add {newcomer} --role triager")

    assert bot.line.rich_menu_shown(newcomer) == staff_menu
    assert bot.line.calls_to(f"/v2/bot/user/{newcomer}/richmenu/{staff_menu}")[-1].status == 200

    say(bot, admin, f"/staff remove {newcomer}")

    assert bot.line.user(newcomer).rich_menu_id is None
    assert bot.line.rich_menu_shown(newcomer) == villager_menu
    assert bot.line.rich_menu_shown(admin) == staff_menu


def test_the_staff_cli_links_on_add_and_unlinks_on_remove(bot: Bot) -> None:
    _, staff_menu = deploy(bot)
    person = bot.line.add_user(display_name="สมศรี")
    cli = bot.app.test_cli_runner()

    added = cli.invoke(args=["staff", "add", person, "--role", "official"])
    assert added.exit_code == 0, added.output
    assert bot.line.user(person).rich_menu_id == staff_menu

    removed = cli.invoke(args=["staff", "remove", person])
    assert removed.exit_code == 0, removed.output
    assert bot.line.user(person).rich_menu_id is None


def test_a_line_outage_is_retried_until_the_menu_is_linked(bot: Bot) -> None:
    admin = enrol(bot, "แอดมิน", "admin")
    _, staff_menu = deploy(bot)
    newcomer = bot.line.add_user(display_name="สมหญิง")
    bot.line.faults.add("richmenu_link", status=500, times=2)
    bot.line.faults.add("richmenu_link", status=503, times=1)

    say(bot, admin, f"/staff add {newcomer} --role triager")  # enrolment itself succeeds at once

    assert bot.line.user(newcomer).rich_menu_id is None
    row = link_row(bot, newcomer)
    assert (row.state, row.attempts, row.error) == ("pending", 1, "status 500")
    for _ in range(3):
        bot.travel(links.RETRY_CAP)  # past any jittered backoff
        bot.drain()

    assert bot.line.user(newcomer).rich_menu_id == staff_menu
    assert [call.status for call in bot.line.calls_to(f"/richmenu/{staff_menu}")
            if newcomer in call.path] == [500, 500, 503, 200]
    assert link_row(bot, newcomer).state == "done"


def test_removed_before_the_worker_ran_they_end_up_unlinked(bot: Bot) -> None:
    _, staff_menu = deploy(bot)
    person = enrol(bot, "สมศรี", "triager")  # queued, not yet acted on
    with bot.session() as session, session.begin():
        roster.remove(session, person, bot.runtime.now())

    bot.drain()

    assert bot.line.user(person).rich_menu_id is None
    assert bot.line.calls_to(f"/v2/bot/user/{person}/richmenu/{staff_menu}") == []
    row = link_row(bot, person)
    assert (row.generation, row.state) == (2, "done")


def test_a_menu_refused_for_good_is_marked_failed_not_retried(bot: Bot) -> None:
    deploy(bot)
    ghost = "U" + "f" * 32  # well formed, but LINE has no such user
    with bot.session() as session, session.begin():
        roster.enrol(session, line_user_id=ghost, role="triager", name=None, districts=[], now=bot.runtime.now())

    bot.drain()
    bot.travel(links.RETRY_CAP)
    bot.drain()

    row = link_row(bot, ghost)
    assert (row.state, row.attempts, row.error) == ("failed", 1, "status 400")
