"""`flask worker`: the Procfile's worker process, draining the inbox and the outbox until stopped."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from bot.inbox.worker import Worker
from bot.runtime import current_runtime


@click.command("worker")
@with_appcontext
def worker_command() -> None:
    """Process the inbox and outbox until stopped (the Procfile's `worker:` process)."""
    Worker(current_runtime()).run()
