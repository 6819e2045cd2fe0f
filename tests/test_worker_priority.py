"""The worker steps back for webhooks when the CPU is short: its threads run at a lower priority."""

from __future__ import annotations

import os
import threading

import pytest

from bot.inbox.worker import Worker
from tests.harness import Bot, wait_for


def _priority(thread: threading.Thread) -> int:
    assert thread.native_id is not None
    return os.getpriority(os.PRIO_PROCESS, thread.native_id)


def _running_worker_threads(expected: set[str]) -> list[threading.Thread]:
    """The worker's threads once those expected have started (the worker thread starts the others)."""
    # (The announcer is the web's: a webhook starts it, at the web's priority.)
    def running() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name.startswith("lampang-") and t.native_id is not None
                and t.name != "lampang-announce"]

    assert wait_for(lambda: {t.name for t in running()} >= expected, 30)
    return running()


@pytest.mark.skipif(not hasattr(os, "setpriority"), reason="no per-thread priority on this platform")
def test_the_worker_threads_run_below_the_web_threads_and_the_web_threads_are_untouched(bot: Bot) -> None:
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    worker = Worker(bot.runtime)
    worker.start()
    try:
        workers = _running_worker_threads(expected={"lampang-worker", "lampang-send"})
        expected = min(19, before + bot.runtime.settings.worker_niceness)
        assert expected > before
        assert {_priority(t) for t in workers} == {expected}
        # The thread that serves requests (here: the test's) keeps its priority.
        assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before
    finally:
        worker.stop()
