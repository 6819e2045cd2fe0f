"""Webhook acknowledgement latency and worker throughput, on SQLite, against the LINE emulator.

Reports p50/p95/p99 of `POST /callback` next to `GET /healthz` measured on the same server in the
same run (the floor any endpoint pays), the ratio between them, and the share of LINE's 2 s budget
used. Then the worker's end-to-end rate: events processed and answered per second.
"""

from __future__ import annotations

import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.inbox.worker import drain  # noqa: E402
from linesim import Platform  # noqa: E402
from storage.db import make_engine  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from tests.harness import make_app, serve  # noqa: E402

EVENTS = 300
LINE_BUDGET_S = 2.0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    workdir = Path(tempfile.mkdtemp(prefix="bench-webhook-"))
    url = f"sqlite:///{workdir / 'bench.sqlite3'}"
    upgrade(make_engine(url))
    platform = Platform()
    server = platform.serve(port=0)
    platform.server = server  # type: ignore[attr-defined]
    app = make_app(url, platform, workdir / "instance", log_level="ERROR")
    user = platform.add_user("bench")
    with serve(app) as base:
        platform.webhook_url = f"{base}/callback"
        health = []
        for _ in range(EVENTS):
            started = time.perf_counter()
            requests.get(f"{base}/healthz", timeout=5)
            health.append(time.perf_counter() - started)
        callbacks = [platform.send_text(user, f"ขอซ่อมถนนหมู่ {n} อ.เกาะคา").latency_s for n in range(EVENTS)]
        started = time.perf_counter()
        processed = drain(app.extensions["lampang"], max_rounds=10_000)
        worker_s = time.perf_counter() - started
    server.stop()

    print(f"{'measure':<34}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}")
    for name, values in (("GET /healthz (floor)", health), ("POST /callback (signed, stored)", callbacks)):
        print(f"{name:<34}" + "".join(f"{percentile(values, q) * 1000:>10.1f}" for q in (0.5, 0.95, 0.99)))
    ratio = statistics.median(callbacks) / statistics.median(health)
    print(f"\n/callback median ÷ /healthz median: {ratio:.2f}×")
    print(f"/callback p99 ÷ LINE's 2 s budget:  {percentile(callbacks, 0.99) / LINE_BUDGET_S:.3%}")
    print(f"worker: {processed} events understood, stored and answered in {worker_s:.1f} s "
          f"= {processed / worker_s:.0f} events/s")


if __name__ == "__main__":
    main()
