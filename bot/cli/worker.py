"""`flask worker`: the Procfile's worker process, draining the inbox and the outbox until stopped."""

from __future__ import annotations

import click
from flask.cli import with_appcontext

from bot.inbox import sending_process
from bot.inbox.worker import Worker
from bot.runtime import current_runtime


@click.command("worker")
@with_appcontext
def worker_command() -> None:
    """Process the inbox and outbox until stopped (the Procfile's `worker:` process)."""
    runtime = current_runtime()
    if sending_process.wanted(runtime):
        sending_process.start(runtime)  # forked before this process starts a thread
        Worker(runtime, sends=False).run()
    else:
        Worker(runtime).run()
