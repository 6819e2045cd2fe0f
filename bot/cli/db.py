"""`flask db upgrade|downgrade|revision|current`: Alembic behind the app's own CLI."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from bot.runtime import current_runtime
from storage import migrate

db_cli = AppGroup("db", help="Database migrations (Alembic).")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def upgrade_command(revision: str) -> None:
    """Apply migrations up to REVISION (default: the latest)."""
    migrate.upgrade(current_runtime().engine, revision)
    click.echo(f"database at {revision}")


@db_cli.command("downgrade")
@click.argument("revision")
def downgrade_command(revision: str) -> None:
    """Step the schema back to REVISION."""
    migrate.downgrade(current_runtime().engine, revision)


@db_cli.command("revision")
@click.option("-m", "--message", required=True)
@click.option("--autogenerate/--empty", default=True)
def revision_command(message: str, autogenerate: bool) -> None:
    """Write a new migration file comparing the models with the database."""
    migrate.new_revision(current_runtime().engine, message, autogenerate=autogenerate)


@db_cli.command("current")
def current_command() -> None:
    """Show the revision the database is at."""
    migrate.show_current(current_runtime().engine)
