"""`flask export`: requests for staff and tooling, as jsonl, or a forum agenda as csv or xlsx."""

from __future__ import annotations

import io
import sys

import click
from flask.cli import with_appcontext

from bot.jobs import export
from bot.runtime import current_runtime


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
    runtime = current_runtime()
    with runtime.sessions() as session:
        today = runtime.now().astimezone(runtime.tz).date()
        try:
            requests = export.load(session, runtime.tz, export.Selection(district, statuses, forum_district), today)
            buffer = io.BytesIO()
            export.write(fmt, requests, runtime.tz, buffer, sheet_title=forum_district and export.forum_sheet_title(
                forum_district))
        except ValueError as error:
            raise click.BadParameter(str(error)) from error
    if output:
        with open(output, "wb") as target:
            target.write(buffer.getvalue())
        click.echo(f"{len(requests)} requests written to {output}", err=True)
    else:
        sys.stdout.buffer.write(buffer.getvalue())
