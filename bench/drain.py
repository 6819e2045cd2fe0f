"""Where a burst's time goes: the Procfile's processes taking 600 new villagers, sampled as they drain.

    .venv/bin/python bench/drain.py [--database postgresql|sqlite] [--villagers 600]

bench/load.py times the whole burst; this shows its inside. It runs the Procfile's `web:` and
`worker:` lines against the LINE emulator on a scratch database (as load.py does), answers one
villager first so both are warm, then posts the burst and every 0.2 s samples the events still
pending, the replies still unsent and the replies delivered. It prints the timeline and the rate
from the first reply of the burst to the last. A worker whose replies lag far behind its processing
is short of something other than the database (round three found the interpreter lock so).
It reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import load
from sqlalchemy import create_engine, text

PENDING = text("SELECT (SELECT count(*) FROM inbound_event WHERE state = 'pending'),"
               " (SELECT count(*) FROM outbound_message WHERE state = 'pending')")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--villagers", type=int, default=600)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--postgres-admin-url", default="postgresql://root@127.0.0.1:5432/postgres")
    args = parser.parse_args(argv)

    platform = load.Platform(channel_secret=secrets.token_hex(16), access_token=secrets.token_urlsafe(32), quota=None)
    platform.server = platform.serve(port=0)  # type: ignore[attr-defined]
    workdir = Path(tempfile.mkdtemp(prefix="bench-drain-"))
    lines = load.procfile()
    try:
        with load.scratch_database(args.database, args.postgres_admin_url, workdir) as url:
            port = load.free_port()
            env = load.bot_environment(platform, url, workdir, port, 2)
            subprocess.run(["bash", "-c", f"exec {lines['release']}"], cwd=load.ROOT, env=env, check=True,
                           capture_output=True, timeout=120)
            processes = [load.start(load.loopback_web(lines["web"]), env, workdir / "web.log"),
                         load.start(lines["worker"], env, workdir / "worker.log")]
            try:
                warm = platform.add_user("warm-up")
                record = load.signed(platform, [platform.event_text(warm, load.REQUESTS[0].format(n=0))])
                load.wait_until(lambda: load.post_once(port, record) == 200, timeout=60)
                load.wait_until(lambda: load.has_reference(platform, warm), timeout=120)
                timeline = burst(platform, port, url, args, workdir)
            finally:
                load.stop(processes)
    finally:
        platform.server.stop()  # type: ignore[attr-defined]
    report(timeline, args.villagers)
    return 0


def burst(platform: load.Platform, port: int, url: str, args: argparse.Namespace,
          workdir: Path) -> list[tuple[float, int, int, int]]:
    """(seconds since the burst began, events pending, replies unsent, replies delivered), every 0.2 s."""
    villagers = [platform.add_user(f"villager {n}") for n in range(args.villagers)]
    requests_file = workdir / "burst.txt"
    load.write_requests(requests_file, [load.signed(platform, [platform.event_text(
        user, load.REQUESTS[n % len(load.REQUESTS)].format(n=n))]) for n, user in enumerate(villagers)])
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    replies_before = len(platform.calls_to("/message/reply"))
    began = time.perf_counter()
    client = subprocess.Popen([sys.executable, str(load.ROOT / "bench" / "webhook_client.py"),
                               f"http://127.0.0.1:{port}/callback", str(requests_file),
                               "--connections", str(args.connections)], stdout=subprocess.DEVNULL)
    timeline = []
    try:
        while time.perf_counter() - began < 240:
            with engine.connect() as connection:
                pending, unsent = connection.execute(PENDING).one()
            delivered = len(platform.calls_to("/message/reply")) - replies_before
            timeline.append((time.perf_counter() - began, pending, unsent, delivered))
            if delivered >= args.villagers and client.poll() is not None:
                break
            time.sleep(0.2)
    finally:
        client.wait(60)
        engine.dispose()
    return timeline


def report(timeline: list[tuple[float, int, int, int]], villagers: int) -> None:
    print("   s  events pending  replies unsent  replies delivered")
    for seconds, pending, unsent, delivered in timeline:
        print(f"{seconds:4.1f}  {pending:14d}  {unsent:14d}  {delivered:17d}")
    replying = [row for row in timeline if row[3] > 0]
    if not replying:
        print("no reply was delivered")
        return
    first, last = replying[0], replying[-1]
    emptied = next((row[0] for row in timeline if row[0] > first[0] and row[1] == 0), None)
    rate = (last[3] - first[3]) / (last[0] - first[0]) if last[0] > first[0] else float("nan")
    print(f"{last[3]} of {villagers} answered by {last[0]:.1f} s; from the first reply on, {rate:.0f} replies/s; "
          f"inbox empty at {'—' if emptied is None else f'{emptied:.1f} s'}")


if __name__ == "__main__":
    sys.exit(main())
