"""Posts pre-signed LINE webhooks over N keep-alive connections; prints one JSON line of timings.

Run by bench/load.py as its own process, so the client's Python never shares a GIL with the LINE
emulator or the bot. Each line of the input file is `signature<TAB>body`.

    python bench/webhook_client.py http://127.0.0.1:8000/callback FILE --connections 16
        send every line once (a burst), as fast as the connections allow
    python bench/webhook_client.py URL FILE --connections 16 --seconds 10
        cycle through the lines for that long (sustained load, when wrk is not installed)
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import sys
import threading
import time
from urllib.parse import urlsplit


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url")
    parser.add_argument("requests_file")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args(argv)

    with open(args.requests_file, "rb") as source:
        records = [line.rstrip(b"\n").split(b"\t", 1) for line in source if line.strip()]
    target = urlsplit(args.url)
    lock = threading.Lock()
    pending = itertools.cycle(records) if args.seconds else iter(records)
    latencies: list[float] = []
    statuses: dict[str, int] = {}
    start = threading.Barrier(args.connections + 1)
    deadline = [float("inf")]

    def next_record() -> list[bytes] | None:
        with lock:
            if time.perf_counter() >= deadline[0]:
                return None
            return next(pending, None)

    def connection_loop() -> None:
        connection = http.client.HTTPConnection(target.hostname, target.port, timeout=args.timeout)
        mine: list[float] = []
        seen: dict[str, int] = {}
        start.wait()
        while (record := next_record()) is not None:
            signature, body = record
            headers = {"x-line-signature": signature.decode("ascii"), "User-Agent": "LineBotWebhook/2.0",
                       "Content-Type": "application/json; charset=utf-8"}
            began = time.perf_counter()
            try:
                connection.request("POST", target.path, body=body, headers=headers)
                response = connection.getresponse()
                response.read()
                outcome = str(response.status)
            except (OSError, http.client.HTTPException) as error:
                outcome = type(error).__name__
                connection.close()
                connection = http.client.HTTPConnection(target.hostname, target.port, timeout=args.timeout)
            mine.append(time.perf_counter() - began)
            seen[outcome] = seen.get(outcome, 0) + 1
        connection.close()
        with lock:
            latencies.extend(mine)
            for outcome, count in seen.items():
                statuses[outcome] = statuses.get(outcome, 0) + count

    threads = [threading.Thread(target=connection_loop, daemon=True) for _ in range(args.connections)]
    for thread in threads:
        thread.start()
    began = time.perf_counter()
    if args.seconds:
        deadline[0] = began + args.seconds
    start.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    ok = statuses.get("200", 0)
    json.dump({"client": "python", "sent": len(latencies), "ok": ok, "statuses": statuses,
               "elapsed_s": elapsed, "rate": ok / elapsed if elapsed else 0.0,
               "p50_ms": percentile(latencies, 0.50) * 1000, "p99_ms": percentile(latencies, 0.99) * 1000,
               "max_ms": max(latencies, default=float("nan")) * 1000}, sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
