"""The worker process's sending, in a child process of its own (PostgreSQL).

Processing an event and sending its reply are both Python, and one process runs Python on one core
at a time (its interpreter lock). Draining a burst of 600 new villagers, eight threads processing
events left the sending threads so little of it that replies went out at about 60 a second while
the inbox drained, then at 200 a second once it was empty (sampled from pg_stat_activity and the
emulator). With the sending in a process of its own, the same burst was answered at 107 to 119
villagers a second instead of 74 to 78, the host's second core no longer idle.

So `flask worker` on PostgreSQL forks, before it starts any thread: the child sends the outbox and
fetches media (`Worker.run_sending`), the parent processes events and, after each batch, wakes the
child with the NOTIFY every consumer listens for. One Procfile line still runs both, so a deploy
cannot forget to run the sender. The two live and die together: the child ends when the parent's
end of a pipe closes (however the parent died), and the parent stops when the child exits, for the
platform to restart the whole worker. SQLite has one writer at a time and no wake-up between
processes (a child would poll): there the sending stays a thread of the worker.
"""

from __future__ import annotations

import logging
import os
import signal
import threading

from bot.inbox.worker import Worker
from bot.runtime import Runtime

log = logging.getLogger(__name__)


def wanted(runtime: Runtime) -> bool:
    return runtime.engine.dialect.name == "postgresql"


def start(runtime: Runtime) -> int:
    """Fork the sending process; returns its pid. Call it before the calling process starts a thread."""
    parent_alive, parent_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns
        os.close(parent_end)
        _run_child(runtime, parent_alive)
    os.close(parent_alive)  # the parent keeps its end open for as long as it lives
    threading.Thread(target=_stop_when_child_exits, args=(pid,), name="lampang-sending-watch", daemon=True).start()
    log.info("worker: sending in process %d", pid)
    return pid


def _run_child(runtime: Runtime, parent_alive: int) -> None:
    code = 0
    try:
        runtime.engine.dispose(close=False)  # the parent's connections, if any, stay the parent's
        worker = Worker(runtime)
        threading.Thread(target=_stop_when_parent_exits, args=(parent_alive, worker), name="lampang-parent-watch",
                         daemon=True).start()
        worker.run_sending()
    except BaseException:  # noqa: BLE001 - logged; the exit code tells the parent
        log.exception("sending process failed")
        code = 1
    finally:
        logging.shutdown()
        os._exit(code)  # never the parent's atexit handlers, nor its click command


def _stop_when_parent_exits(parent_alive: int, worker: Worker) -> None:
    """The read returns (end of file) only when every writer is gone: the parent exited or was killed."""
    while os.read(parent_alive, 1):
        pass
    log.info("sending process: the worker is gone, stopping")
    worker.stop()


def _stop_when_child_exits(pid: int) -> None:
    _, status = os.waitpid(pid, 0)
    log.error("worker: the sending process exited (%s); stopping, to be restarted whole",
              os.waitstatus_to_exitcode(status))
    os.kill(os.getpid(), signal.SIGTERM)
