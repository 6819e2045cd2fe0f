"""`flask richmenu deploy|draw`: the LINE rich menus (the villagers' default and the staff's)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from bot import richmenu
from bot.richmenu import links
from bot.runtime import current_runtime
from storage import accounts
from storage.db import transaction

richmenu_cli = AppGroup("richmenu", help="The LINE rich menus.")


@richmenu_cli.command("deploy")
def deploy_command() -> None:
    """Create both rich menus on LINE with their images; the villagers' becomes the default.

    The staff menu's id is remembered in the database and the menu is linked to every active
    staff member (by the worker; enrolment links it to newcomers). It needs PUBLIC_BASE_URL and the
    console's LINE Login channel, since its main button opens the console; without them only the
    villagers' menu is deployed.
    """
    runtime = current_runtime()
    messenger = runtime.messenger
    villager_id = messenger.deploy_rich_menu(richmenu.definition("villager"), richmenu.image("villager"), "image/png")
    with transaction(runtime.sessions) as session:
        accounts.remember_rich_menu(session, links.VILLAGER, villager_id, runtime.now())
    click.echo(f"rich menu {villager_id} is now the default")
    settings = runtime.settings
    if not settings.public_base_url or not settings.console_enabled:
        click.echo("staff rich menu not deployed: it opens the console, which needs PUBLIC_BASE_URL, "
                   "LINE_LOGIN_CHANNEL_ID and LINE_LOGIN_CHANNEL_SECRET", err=True)
        return
    staff_id = messenger.deploy_rich_menu(richmenu.definition("staff", settings.public_base_url),
                                          richmenu.image("staff"), "image/png", default=False)
    with transaction(runtime.sessions) as session:
        accounts.remember_rich_menu(session, links.STAFF, staff_id, runtime.now())
        queued = accounts.queue_menu_for_all_staff(session, runtime.now())
    tried = links.apply_due(runtime, limit=max(queued, 1))  # now; whatever LINE refuses, the worker retries
    click.echo(f"staff rich menu {staff_id} deployed; linking it to {queued} staff ({tried} tried now)")


@richmenu_cli.command("draw")
def draw_command() -> None:
    """Re-render both menu images from their layouts and the Thai labels."""
    try:
        for path in richmenu.draw_all():
            click.echo(f"wrote {path}")
    except ValueError as error:
        raise click.ClickException(str(error)) from error
