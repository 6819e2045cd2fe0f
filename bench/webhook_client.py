"""Posts pre-signed LINE webhooks over N keep-alive connections; prints one JSON line of timings.

Run by bench/load.py as its own process, so the client's Python never shares a GIL with the LINE
emulator or the bot. Each line of the input file is `signature<TAB>body`.

    python bench/webhook_client.py http://127.0.0.1:8000/callback FILE --connections 16
        send every line once (a burst), as fast as the connections allow
    python bench/webhook_client.py URL FILE --connections 16 --seconds 10
        cycle through the lines for that long (sustained load, when wrk is not installed)
    python bench/webhook_client.py URL FILE --connections 4 --rate 40 --redeliver 60
        send every line once at 40 a second, and behave like LINE when the bot fails: a webhook
        answered with anything but 2xx, or not at all, is posted again (the same body, so the same
        webhookEventId) after --redeliver-delay seconds, until it is acknowledged or 60 s have
        passed since its first try (then it counts as undelivered)
"""

from __future__ import annotations

import argparse
import heapq
import http.client
import itertools
import json
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import SplitResult, urlsplit

Record = list[bytes]  # [signature, body]


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


@dataclass(order=True)
class Delivery:
    """One record on its way: when it may go (next), and when it first went (for the redelivery window)."""

    due: float
    number: int
    record: Record = field(compare=False)
    first_try: float | None = field(default=None, compare=False)


class Once:
    """Every record once (or cycled until a deadline), as fast as the connections take them."""

    def __init__(self, records: list[Record], cycle: bool) -> None:
        self._pending: Iterator[Record] = itertools.cycle(records) if cycle else iter(records)
        self._lock = threading.Lock()
        self.deadline = float("inf")

    def take(self) -> Delivery | None:
        with self._lock:
            if time.perf_counter() >= self.deadline:
                return None
            record = next(self._pending, None)
        return None if record is None else Delivery(0.0, 0, record)

    def settle(self, delivery: Delivery, acknowledged: bool) -> None:
        pass

    def summary(self) -> dict:
        return {}


class Redelivering:
    """Like LINE: new records at a steady pace, and a failed one again after `delay`, until acknowledged
    or `window` seconds after its first try. Redeliveries never wait behind new records."""

    def __init__(self, records: list[Record], *, rate: float | None, delay: float, window: float) -> None:
        self._fresh = iter(enumerate(records))
        self._next_fresh = next(self._fresh, None)
        self._retries: list[Delivery] = []
        self._in_flight = 0
        self._changed = threading.Condition()
        self._rate, self._delay, self._window = rate, delay, window
        self._began = time.perf_counter()
        self.redelivered = 0
        self.needed_redelivery: set[int] = set()
        self.undelivered = 0

    def start(self, now: float) -> None:
        self._began = now

    def take(self) -> Delivery | None:
        with self._changed:
            while True:
                now = time.perf_counter()
                if self._retries and self._retries[0].due <= now:
                    self.redelivered += 1
                    return self._hand_out(heapq.heappop(self._retries))
                fresh_due = self._fresh_due()
                if fresh_due is not None and fresh_due <= now:
                    number, record = self._next_fresh  # type: ignore[misc]
                    self._next_fresh = next(self._fresh, None)
                    return self._hand_out(Delivery(now, number, record, first_try=now))
                if fresh_due is None and not self._retries and not self._in_flight:
                    return None  # everything acknowledged or given up, and nothing can fail any more
                wake = min([due for due in (fresh_due, self._retries[0].due if self._retries else None)
                            if due is not None], default=now + 1.0)
                self._changed.wait(max(0.0, wake - now))

    def settle(self, delivery: Delivery, acknowledged: bool) -> None:
        with self._changed:
            self._in_flight -= 1
            if not acknowledged:
                self.needed_redelivery.add(delivery.number)
                due = time.perf_counter() + self._delay
                if due - delivery.first_try <= self._window:  # type: ignore[operator]
                    heapq.heappush(self._retries, Delivery(due, delivery.number, delivery.record, delivery.first_try))
                else:
                    self.undelivered += 1
            self._changed.notify_all()

    def summary(self) -> dict:
        return {"redelivered": self.redelivered, "needed_redelivery": len(self.needed_redelivery),
                "undelivered": self.undelivered}

    def _fresh_due(self) -> float | None:
        if self._next_fresh is None:
            return None
        return self._began + (self._next_fresh[0] / self._rate if self._rate else 0.0)

    def _hand_out(self, delivery: Delivery) -> Delivery:
        self._in_flight += 1
        return delivery


def post(connection: http.client.HTTPConnection, target: SplitResult, record: Record, timeout: float
         ) -> tuple[str, http.client.HTTPConnection]:
    """The outcome of one POST (its status, or the error's type) and the connection to use next."""
    signature, body = record
    headers = {"x-line-signature": signature.decode("ascii"), "User-Agent": "LineBotWebhook/2.0",
               "Content-Type": "application/json; charset=utf-8"}
    try:
        connection.request("POST", target.path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        return str(response.status), connection
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        return type(error).__name__, http.client.HTTPConnection(target.hostname, target.port, timeout=timeout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("requests_file")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--timeout", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=None,
                        help="with --redeliver: new webhooks per second in all, instead of as fast as possible")
    parser.add_argument("--redeliver", type=float, default=None, metavar="SECONDS",
                        help="post a webhook that failed again until acknowledged, for at most this long")
    parser.add_argument("--redeliver-delay", type=float, default=0.5, metavar="SECONDS")
    args = parser.parse_args(argv)
    if args.redeliver is not None and args.seconds:
        parser.error("--redeliver sends every line once; it does not combine with --seconds")
    if args.rate is not None and args.redeliver is None:
        parser.error("--rate is for --redeliver runs")

    with open(args.requests_file, "rb") as source:
        records = [line.rstrip(b"\n").split(b"\t", 1) for line in source if line.strip()]
    target = urlsplit(args.url)
    schedule: Once | Redelivering = (
        Once(records, cycle=bool(args.seconds)) if args.redeliver is None
        else Redelivering(records, rate=args.rate, delay=args.redeliver_delay, window=args.redeliver))
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    start = threading.Barrier(args.connections + 1)

    def connection_loop() -> None:
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=args.timeout)
        mine: list[float] = []
        seen: dict[str, int] = {}
        start.wait()
        while (delivery := schedule.take()) is not None:
            began = time.perf_counter()
            outcome, connection = post(connection, target, delivery.record, args.timeout)
            mine.append(time.perf_counter() - began)
            seen[outcome] = seen.get(outcome, 0) + 1
            schedule.settle(delivery, outcome.startswith("2"))
        connection.close()
        with lock:
            latencies.extend(mine)
            for outcome, count in seen.items():
                statuses[outcome] = statuses.get(outcome, 0) + count

    threads = [threading.Thread(target=connection_loop, daemon=True) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    if isinstance(schedule, Once) and args.seconds:
        schedule.deadline = began + args.seconds
    if isinstance(schedule, Redelivering):
        schedule.start(began)
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ok = statuses.get("200", 0)
    json.dump({"client": "python", "sent": len(latencies), "ok": ok, "statuses": statuses,
               "elapsed_s": elapsed, "rate": ok / elapsed if elapsed else 0.0,
               "p50_ms": percentile(latencies, 0.50) * 1000, "p99_ms": percentile(latencies, 0.99) * 1000,
               "max_ms": max(latencies, default=float("nan")) * 1000, **schedule.summary()}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
