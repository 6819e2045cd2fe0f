"""Command-line entry points hanging off the app: export, worker."""

from __future__ import annotations

import io
import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from bot import export
from bot.demo import demo_cli
from bot.retention import privacy_cli
from bot.richmenu import richmenu_cli
from bot.runtime import Runtime
from bot.staff.cli import staff_command
from bot.summary_cli import clock_command, summary_command
from bot.worker import Worker


def _runtime() -> Runtime:
    return current_app.extensions["lampang"]


def register(app: Flask) -> None:
    app.cli.add_command(export_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(richmenu_cli)
    app.cli.add_command(demo_cli)
    app.cli.add_command(privacy_cli)
    app.cli.add_command(staff_command)
    app.cli.add_command(summary_command)
    app.cli.add_command(clock_command)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), default="jsonl", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@click.option("--district", help="District code or name.")
@click.option("--status", "statuses", multiple=True, help="Only requests with this status (repeatable).")
@click.option("--forum", "forum_district", help="Only the agenda of this district's next forum (52: provincial).")
@with_appcontext
def export_command(fmt: str, output: str | None, district: str | None, statuses: tuple[str, ...],
                   forum_district: str | None) -> None:
    """Export requests (staff use): jsonl with every field, or the forum agenda as csv/xlsx; requesters by pseudonym."""
    runtime = _runtime()
    with runtime.sessions() as session:
        today = runtime.now().astimezone(runtime.tz).date()
        requests = export.load(session, runtime.tz, export.Selection(district, statuses, forum_district), today)
        buffer = io.BytesIO()
        export.write(fmt, requests, runtime.tz, buffer, sheet_title=forum_district and export.forum_sheet_title(
            forum_district))
    if output:
        with open(output, "wb") as target:
            target.write(buffer.getvalue())
        click.echo(f"{len(requests)} requests written to {output}", err=True)
    else:
        sys.stdout.buffer.write(buffer.getvalue())


@click.command("worker")
@with_appcontext
def worker_command() -> None:
    """Process the inbox and outbox until stopped (the Procfile's `worker:` process)."""
    Worker(_runtime()).run()
