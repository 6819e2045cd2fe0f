"""gunicorn's hooks: ready before traffic, and a worker thread that starts with each web process.

The Procfile and `make run` run gunicorn with this file. The app is built once in the master
(`preload_app`), which also loads the language models when web processes run the worker thread
(WORKER_THREAD, the default), so every forked process starts with them in (copy-on-write) memory
and accepts its first webhook only once ready. A web process that runs no worker thread never
loads them. Each forked process then starts its worker thread at once: events acknowledged before
a restart, and held notifications, are drained without waiting for new traffic.
"""

from __future__ import annotations

import gc
from typing import Any

from bot.runtime import runtime_of

preload_app = True


def when_ready(server: Any) -> None:
    """In the master, after the app is built and before any web process is forked."""
    runtime = runtime_of(server.app.wsgi())
    if runtime.worker is not None:
        runtime.worker.prepare()
    # No database connection may be shared across fork: each process opens its own.
    runtime.engine.dispose()
    # Everything built so far (the app, the models) lives as long as the process: move it out of the
    # garbage collector's sight, so a full collection no longer walks it (it cost the console's queue
    # page 0.7 s spikes) and forked processes do not dirty shared pages by touching it.
    gc.freeze()


def post_worker_init(worker: Any) -> None:
    """In each web process, after fork and before it accepts a connection."""
    runtime = runtime_of(worker.wsgi)
    runtime.engine.dispose(close=False)  # connections inherited from the master belong to it
    if runtime.worker is not None:
        runtime.worker.start()


def worker_exit(server: Any, worker: Any) -> None:
    """Let the worker thread finish the event in hand (its lease covers it if this runs out)."""
    app = getattr(worker, "wsgi", None)  # unset when the process died before it was ready
    if app is not None and runtime_of(app).worker is not None:
        runtime_of(app).worker.stop()
