"""The `summary` and `clock` commands: a dry run that prints the week's summary, a push, the scheduler."""

from __future__ import annotations

import json

import click
from flask.cli import with_appcontext

from bot.jobs.timetable import run_clock
from bot.runtime import current_runtime
from bot.summary import job
from bot.summary.data import last_complete_week, parse_iso_week
from bot.summary.flex import alt_text
from bot.summary.week import summary_messages, week_summary


def _valid_week(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        parse_iso_week(value)
    except ValueError as error:
        raise click.BadParameter(str(error)) from error
    return value


@click.command("summary")
@with_appcontext
@click.option("--week", callback=_valid_week, help="ISO week, e.g. 2026-W03 (default: the last complete week).")
@click.option("--push", is_flag=True, help="Deliver it to every official, once; without it nothing is sent.")
def summary_command(week: str | None, push: bool) -> None:
    """Build the weekly summary for officials; print it, or push it with --push."""
    runtime = current_runtime()
    week = week or last_complete_week(runtime.now(), runtime.tz)
    if push:
        result = job.run(runtime, week)
        click.echo(f"{result.iso_week}: {result.recipients} recipients, {result.recorded} recorded now, "
                   f"{result.sent} sent, {result.pending} pending, {result.failed} failed"
                   + (" (another run holds the lock)" if result.locked_out else ""))
        return
    with runtime.sessions() as session:
        click.echo(alt_text(week_summary(runtime, session, week)))
        click.echo(json.dumps(summary_messages(runtime, session, week), ensure_ascii=False, indent=2))


@click.command("clock")
@with_appcontext
def clock_command() -> None:
    """Run the scheduler (the Procfile's `clock:` process): the summary every Monday 08:00."""
    run_clock(current_runtime())
