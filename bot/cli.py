"""Command-line entry points hanging off the app: export, worker."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import with_appcontext

from bot import export
from bot.runtime import Runtime
from bot.summary_cli import clock_command, summary_command
from bot.worker import Worker


def _runtime() -> Runtime:
    return current_app.extensions["lampang"]


def register(app: Flask) -> None:
    app.cli.add_command(export_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(summary_command)
    app.cli.add_command(clock_command)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(export.FORMATS), default="jsonl", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="File to write (default: stdout).")
@click.option("--district", help="District code or name.")
@click.option("--status", "statuses", multiple=True, help="Only requests with this status (repeatable).")
@with_appcontext
def export_command(fmt: str, output: str | None, district: str | None, statuses: tuple[str, ...]) -> None:
    """Export requests (staff use): one JSON object per request; requesters appear only by pseudonym."""
    runtime = _runtime()
    with runtime.sessions() as session:
        rows = export.rows(session, runtime.tz, district=district, statuses=statuses)
    if output:
        with open(output, "wb") as target:
            export.write(fmt, rows, target)
        click.echo(f"{len(rows)} requests written to {output}", err=True)
    else:
        export.write(fmt, rows, sys.stdout.buffer)


@click.command("worker")
@with_appcontext
def worker_command() -> None:
    """Process the inbox and outbox until stopped (the Procfile's `worker:` process)."""
    Worker(_runtime()).run()
