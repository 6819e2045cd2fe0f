"""`flask privacy purge [--commit]`: erase personal data older than RETENTION_DAYS (dry run by default)."""

from __future__ import annotations

import click
from flask.cli import AppGroup

from bot.jobs import retention
from bot.runtime import current_runtime

privacy_cli = AppGroup("privacy", help="Personal data housekeeping (PDPA).")


@privacy_cli.command("purge")
@click.option("--commit", is_flag=True, help="Erase for real (without it, only count).")
def purge_command(commit: bool) -> None:
    """Erase personal data older than RETENTION_DAYS; anonymous counts stay."""
    runtime = current_runtime()
    result = retention.purge(runtime, commit=commit)
    verb = "erased" if commit else "would erase (dry run; add --commit)"
    click.echo(f"{verb}: {result.requests} requests, {result.citizens} citizens, {result.files} files, "
               f"{result.outbound} outbox rows, {result.events} inbox events older than "
               f"{runtime.settings.retention_days} days")
