"""`flask demo seed`: a development database with realistic requests, staff and forum dates."""

from __future__ import annotations

import random

import click
from flask.cli import AppGroup

from bot.jobs import demo
from bot.runtime import current_runtime
from storage.db import transaction

demo_cli = AppGroup("demo", help="Development data.")


@demo_cli.command("seed")
@click.option("--seed", "seed_value", default=2569, show_default=True, help="Random seed (same seed, same data).")
def seed_command(seed_value: int) -> None:
    """Fill an empty development database with requests, staff and forum dates."""
    runtime = current_runtime()
    try:
        with transaction(runtime.sessions) as session:
            counts = demo.seed_empty(session, runtime.now(), runtime.tz, random.Random(seed_value))
    except ValueError as error:
        raise click.ClickException(str(error)) from error
    click.echo("seeded: " + ", ".join(f"{n} {what}" for what, n in counts.items()))
