"""`flask richmenu deploy|draw`: the LINE rich menu."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from bot import richmenu
from bot.runtime import current_runtime

richmenu_cli = AppGroup("richmenu", help="The LINE rich menu.")


@richmenu_cli.command("deploy")
def deploy_command() -> None:
    """Create the rich menu on LINE, upload its image and make it the default."""
    menu_id = current_runtime().messenger.deploy_rich_menu(richmenu.definition(), richmenu.IMAGE.read_bytes(),
                                                           "image/png")
    click.echo(f"rich menu {menu_id} is now the default")


@richmenu_cli.command("draw")
def draw_command() -> None:
    """Re-render richmenu.png from the layout and the Thai labels."""
    try:
        click.echo(f"wrote {richmenu.draw()}")
    except ValueError as error:
        raise click.ClickException(str(error)) from error
