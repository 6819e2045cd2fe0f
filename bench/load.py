"""Issue 13's table, measured with one command: the Procfile's processes under a burst and sustained load.

    .venv/bin/python bench/load.py [--write docs/benchmarks.md]      (or: make bench-load)

For each database (a fresh PostgreSQL database on 127.0.0.1, trust auth; a temporary SQLite file)
it runs the Procfile's `release:` line, then starts its `web:` line (gunicorn, WEB_CONCURRENCY
workers, bound to 127.0.0.1) and its `worker:` line together, in production mode against the LINE
emulator (linesim's Platform, served from this process on a thread), and measures:

- cold start: from starting the processes to the first acknowledged signed webhook, and to that
  villager's reference arriving in their chat;
- a burst: VILLAGERS distinct villagers each send one request at once over CONNECTIONS client
  connections; the time until every one has a reference in their chat, the pushes that cost,
  the webhook p50/p99;
- sustained ingest: distinct signed webhooks for SECONDS (wrk when installed, else a Python client)
  while the worker drains, as a ratio against a bare signature-checking Flask app (bench/bare_app.py)
  served by gunicorn with the same workers and threads, measured just before the bot starts and
  just after it stops in the same run (their mean: other load on the machine drifts);
- the largest resident set (peak RSS) of any process of the bot;
- PostgreSQL only, between the burst and the sustained run (`--skip-crash` leaves it out): the
  database crashing and restarting mid-stream. CRASH_VILLAGERS new villagers post one request each
  at CRASH_RATE a second, and the client redelivers a failed webhook like LINE (bench/webhook_client.py
  --redeliver); OUTAGE_AFTER seconds in, the scratch database refuses connections and has every one
  terminated, again and again, for OUTAGE seconds (only the scratch database: safe on a shared
  server), or `--crash-command` runs instead (a real crash of the whole server, for example
  `pg_ctlcluster 15 main restart -m immediate`; it sees the scratch database's name in
  $BENCH_DATABASE). Then, read from the database and the emulator: every villager has exactly one
  request and exactly one reference in their chat, no inbox event or outbox message is left pending
  or failed, and neither process died. The seconds until everyone was answered after the database
  came back, the webhooks redelivered and any violation make a row of the table. (SQLite has no
  server to crash: its row says so.)

Everything stays on loopback, every loop is bounded in count and time, and the processes and the
scratch database are removed at the end. It reports; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform as host
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from linesim import Platform  # noqa: E402
from linesim.webhook import encode_body, sign  # noqa: E402

BIN = Path(sys.executable).parent
REFERENCE = re.compile(r"LP-\d{2}-\d{5}")
# Villagers' requests, each naming a district, so the first answer carries the reference.
REQUESTS = (
    "ขอซ่อมถนนหมู่ {n} ตำบลนาแก้ว อำเภอเกาะคา ถนนเป็นหลุมเป็นบ่อ",
    "ไฟฟ้าส่องสว่างดับหลายจุด หมู่ {n} อำเภอแม่ทะ ขอติดตั้งเพิ่ม",
    "น้ำประปาไม่ไหลมาสามวันแล้ว บ้านหมู่ {n} อำเภอเถิน",
    "ขอรางระบายน้ำ น้ำท่วมขังทุกปี หมู่ {n} อำเภอห้างฉัตร",
    "อยากได้ลานกีฬาให้เด็กในหมู่บ้าน หมู่ {n} อำเภอเสริมงาม",
)
MARKERS = ("<!-- bench/load.py results: start -->", "<!-- bench/load.py results: end -->")


@dataclass
class Result:
    database: str
    cold_ack_s: float | None = None
    cold_answer_s: float | None = None
    burst_answered: int = 0
    burst_s: float | None = None
    burst_pushes: int = 0
    burst_replies: int = 0
    burst_p50_ms: float | None = None
    burst_p99_ms: float | None = None
    burst_errors: dict[str, int] = field(default_factory=dict)
    sustained: dict = field(default_factory=dict)
    bare: list[dict] = field(default_factory=list)  # before the bot starts and after it stops
    load_average: list[float] = field(default_factory=list)  # 1-minute, at the start and at the end
    rss_mb: dict[str, float] = field(default_factory=dict)
    died: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    crash: Crash | None = None


@dataclass
class Crash:
    """The database going away and coming back while villagers write: what it cost, and what broke."""

    villagers: int
    how: str
    outage_s: float | None = None
    back_to_answered_s: float | None = None  # from the database back to every villager answered
    pushed: int = 0  # villagers answered by push, not the free reply (their reply token had expired)
    webhooks: dict = field(default_factory=dict)  # the client's statistics, redeliveries among them
    violations: list[str] = field(default_factory=list)


# --- processes -------------------------------------------------------------------------------

def procfile() -> dict[str, str]:
    """The Procfile's lines by name, read now: the benchmark runs whatever the tree holds."""
    lines = {}
    for line in (ROOT / "Procfile").read_text("utf-8").splitlines():
        name, _, command = line.partition(":")
        if command.strip():
            lines[name.strip()] = command.strip()
    return lines


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(command: str, env: dict[str, str], log: Path, cwd: Path = ROOT) -> subprocess.Popen:
    """A Procfile command through the shell (for its ${VAR:-default}), in its own process group."""
    with open(log, "ab") as output:
        return subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=cwd, env=env, stdout=output,
                                stderr=subprocess.STDOUT, start_new_session=True)


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


class PeakMemory:
    """Samples the peak RSS (VmHWM) of every process descended from the given ones, by role."""

    def __init__(self) -> None:
        self.roles: dict[int, str] = {}
        self.peaks: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def watch(self, process: subprocess.Popen, role: str) -> None:
        self.roles[process.pid] = role

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.sample()
        self._stop.set()
        self._thread.join(5)

    def _run(self) -> None:
        while not self._stop.wait(0.2):
            self.sample()

    def sample(self) -> None:
        parents: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with suppress(OSError, IndexError, ValueError):
                    parents[int(entry.name)] = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        for pid in parents:
            role = self._role(pid, parents)
            if role is None:
                continue
            with suppress(OSError):
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        megabytes = int(line.split()[1]) / 1024
                        self.peaks[role] = max(self.peaks.get(role, 0.0), megabytes)

    def _role(self, pid: int, parents: dict[int, int]) -> str | None:
        if pid in self.roles:
            return self.roles[pid] + " (parent)" if self.roles[pid] == "web" else self.roles[pid]
        ancestor = parents.get(pid)
        for _ in range(5):
            if ancestor in self.roles:
                return self.roles[ancestor] + (" (gunicorn worker)" if self.roles[ancestor] == "web" else "")
            ancestor = parents.get(ancestor)
        return None


# --- webhooks --------------------------------------------------------------------------------

def signed(platform: Platform, events: list[dict]) -> tuple[str, bytes]:
    body = encode_body(platform.bot_user_id, events)
    return sign(platform.channel_secret, body), body


def write_requests(path: Path, records: list[tuple[str, bytes]]) -> None:
    with open(path, "wb") as output:
        for signature, body in records:
            output.write(signature.encode("ascii") + b"\t" + body + b"\n")


def post_once(port: int, record: tuple[str, bytes]) -> int | None:
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    try:
        connection.request("POST", "/callback", body=record[1], headers={
            "x-line-signature": record[0], "Content-Type": "application/json; charset=utf-8"})
        response = connection.getresponse()
        response.read()
        return response.status
    except OSError:
        return None
    finally:
        connection.close()


def wait_until(condition, timeout: float, interval: float = 0.01) -> float | None:
    """Seconds until `condition()` held, or None after `timeout`."""
    began = time.perf_counter()
    while time.perf_counter() - began < timeout:
        if condition():
            return time.perf_counter() - began
        time.sleep(interval)
    return None


def has_reference(platform: Platform, user: str) -> bool:
    return any(REFERENCE.search(text) for text in platform.texts(user))


WRK_SCRIPT = """
-- Generated by bench/load.py: each wrk thread cycles through its own share of pre-signed webhooks.
local threads, records, index = 0, {}, 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  local n = 0
  for line in io.lines("%(path)s") do
    if n %% %(threads)d == id then
      local tab = line:find("\\t", 1, true)
      records[#records + 1] = wrk.format("POST", "/callback", {
        ["Content-Type"] = "application/json; charset=utf-8", ["User-Agent"] = "LineBotWebhook/2.0",
        ["x-line-signature"] = line:sub(1, tab - 1)}, line:sub(tab + 1))
    end
    n = n + 1
  end
end
function request()
  index = index %% #records + 1
  return records[index]
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('\\nJSON {"requests":%%d,"duration_us":%%d,"connect":%%d,"read":%%d,"write":%%d,' ..
    '"status":%%d,"timeout":%%d,"p50_us":%%d,"p99_us":%%d,"max_us":%%d}\\n', summary.requests, summary.duration,
    e.connect, e.read, e.write, e.status, e.timeout, latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def sustained_load(port: int, requests_file: Path, seconds: float, connections: int, workdir: Path,
                   client: str) -> dict:
    """Signed webhooks for `seconds` over `connections`: requests per second answered 2xx, p50/p99."""
    url = f"http://127.0.0.1:{port}/callback"
    if client == "wrk":
        threads = min(2, connections)
        script = workdir / "webhooks.lua"
        script.write_text(WRK_SCRIPT % {"path": requests_file, "threads": threads}, "utf-8")
        completed = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds:g}s",
                                    "--timeout", "5s", "-s", str(script), url],
                                   capture_output=True, text=True, timeout=seconds + 60)
        found = re.search(r"^JSON (.*)$", completed.stdout, re.MULTILINE)
        if not found:
            return {"client": "wrk", "error": completed.stderr.strip()[-300:] or completed.stdout[-300:]}
        stats = json.loads(found.group(1))
        errors = sum(stats[key] for key in ("connect", "read", "write", "status", "timeout"))
        elapsed = stats["duration_us"] / 1e6
        return {"client": "wrk", "sent": stats["requests"], "ok": stats["requests"] - stats["status"],
                "errors": errors, "elapsed_s": elapsed, "rate": (stats["requests"] - stats["status"]) / elapsed,
                "p50_ms": stats["p50_us"] / 1000, "p99_ms": stats["p99_us"] / 1000,
                "max_ms": stats["max_us"] / 1000}
    completed = subprocess.run([sys.executable, str(ROOT / "bench" / "webhook_client.py"), url, str(requests_file),
                                "--connections", str(connections), "--seconds", str(seconds)],
                               capture_output=True, text=True, timeout=seconds + 60)
    stats = json.loads(completed.stdout)
    stats["errors"] = stats["sent"] - stats["ok"]
    return stats


# --- databases -------------------------------------------------------------------------------

@contextmanager
def scratch_database(kind: str, admin_url: str, workdir: Path) -> Iterator[str]:
    """A fresh database for one run: a PostgreSQL database of its own, or a new SQLite file."""
    if kind == "sqlite":
        yield f"sqlite:///{workdir / 'bench.sqlite3'}"
        return
    import psycopg

    name = f"lampang_bench_{os.getpid()}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        base = admin_url.rsplit("/", 1)[0]
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def bot_environment(platform: Platform, database_url: str, workdir: Path, port: int,
                    web_concurrency: int) -> dict[str, str]:
    # PYTHONDONTWRITEBYTECODE too: a deployed process starts from compiled bytecode (written by the
    # release step's first import, or at build time), never recompiling the bot's source at each start.
    env = {key: value for key, value in os.environ.items()
           if key not in {"DEVELOPMENT", "DATABASE_URL", "WORKER_THREAD", "INSTANCE_PATH", "PYTHONDONTWRITEBYTECODE"}}
    env.update({
        "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}",
        "LINE_CHANNEL_SECRET": platform.channel_secret,
        "LINE_CHANNEL_ACCESS_TOKEN": platform.access_token,
        "LINE_API_BASE_URL": platform.server.url,  # type: ignore[attr-defined]
        "DATABASE_URL": database_url,
        "INSTANCE_PATH": str(workdir / "instance"),
        "PORT": str(port),
        "WEB_CONCURRENCY": str(web_concurrency),
        "PYTHONUNBUFFERED": "1",
    })
    return env


def loopback_web(command: str) -> str:
    """The Procfile's web line bound to 127.0.0.1: the benchmark never listens beyond this machine."""
    command = command.replace("0.0.0.0", "127.0.0.1")
    if re.search(r"--bind[ =](?!127\.0\.0\.1)", command) or " -b " in command:
        raise SystemExit(f"the Procfile's web line binds somewhere other than 127.0.0.1: {command}")
    if "--bind" not in command:
        # Bound by a config file, perhaps: the command line wins over it in gunicorn.
        command += " --bind 127.0.0.1:${PORT}"
    return command


def gunicorn_shape(command: str, env: dict[str, str]) -> tuple[str, str]:
    """Workers and threads of the web line as the shell expands it, for the bare app to match."""
    expanded = subprocess.run(["bash", "-c", f"printf '%s\\n' {command}"], env=env, capture_output=True,
                              text=True, check=True).stdout.split()
    workers, threads = env.get("WEB_CONCURRENCY", "2"), "1"
    for index, word in enumerate(expanded[:-1]):
        if word in ("--workers", "-w"):
            workers = expanded[index + 1]
        if word == "--threads":
            threads = expanded[index + 1]
    return workers, threads


# --- the database crashing mid-stream --------------------------------------------------------

def measure_crash(args: argparse.Namespace, platform: Platform, port: int, database_url: str, workdir: Path,
                  processes: list[subprocess.Popen]) -> Crash:
    """Distinct new villagers write at a steady pace; about a second in, the database goes away for
    about OUTAGE seconds and comes back. The client redelivers like LINE. Then, read from the
    database and the emulator: was anything lost, processed twice or answered twice, did a process die?"""
    villagers = [platform.add_user(f"crash villager {n}") for n in range(args.crash_villagers)]
    stream_file = workdir / "crash.txt"
    write_requests(stream_file, [signed(platform, [platform.event_text(user, REQUESTS[n % len(REQUESTS)]
                                                                       .format(n=n))]) for n, user
                                 in enumerate(villagers)])
    crash = Crash(len(villagers), how=f"`{args.crash_command}`" if args.crash_command
                  else "scratch database refusing connections, its connections terminated")
    client = subprocess.Popen([sys.executable, str(ROOT / "bench" / "webhook_client.py"),
                               f"http://127.0.0.1:{port}/callback", str(stream_file),
                               "--connections", str(args.crash_connections), "--rate", str(args.crash_rate),
                               "--timeout", "5", "--redeliver", str(args.redeliver_window),
                               "--redeliver-delay", str(args.redeliver_delay)],
                              stdout=subprocess.PIPE, text=True)
    try:
        time.sleep(args.outage_after)
        crash.outage_s = take_database_away(args, database_url, crash)
        if crash.outage_s is None:
            return crash  # it never came back: there is nothing to read
        crash.back_to_answered_s = wait_for_answers(platform, villagers, args.crash_timeout, crash)
        output, _ = client.communicate(timeout=args.redeliver_window + 30)
    finally:
        if client.poll() is None:
            client.kill()
            client.wait()
    crash.webhooks = json.loads(output) if output.strip() else {}
    if crash.webhooks.get("undelivered"):
        crash.violations.append(f"{crash.webhooks['undelivered']} webhooks never acknowledged "
                                f"within {args.redeliver_window:.0f} s of redeliveries")
    # A message delivered but not recorded would go out again when its lease expires: wait for that.
    if wait_until(lambda: not unfinished_work(database_url), timeout=args.crash_timeout, interval=0.25) is None:
        crash.violations.append(f"work still unfinished after {args.crash_timeout:.0f} s: "
                                f"{unfinished_work(database_url)}")
    crash.violations += check_stream(platform, database_url, villagers)
    crash.violations += [f"the {name} process exited ({process.returncode})" for name, process
                         in zip(("web", "worker"), processes, strict=False) if process.poll() is not None]
    crash.pushed = sum(any(entry.via != "reply" for entry in platform.inbox(user)) for user in villagers)
    print(f"  database crash: outage {_seconds(crash.outage_s)} ({crash.how}), all answered "
          f"{_seconds(crash.back_to_answered_s)} after it came back, "
          f"{crash.webhooks.get('redelivered', '?')} webhook redeliveries, {crash.pushed} answered by push; "
          f"{'; '.join(crash.violations) or 'no violations'}")
    return crash


def take_database_away(args: argparse.Namespace, database_url: str, crash: Crash) -> float | None:
    """The outage: `--crash-command` when given, else the scratch database alone refusing connections."""
    if args.crash_command:
        return crash_server(args.crash_command, database_url, crash)
    return refuse_connections(args.postgres_admin_url, database_name(database_url), args.outage)


def wait_for_answers(platform: Platform, villagers: list[str], timeout: float, crash: Crash) -> float | None:
    """Seconds from now until the last villager had a reference in their chat (None: some never did)."""
    began, last = time.perf_counter(), 0.0
    waiting = set(villagers)
    while waiting and time.perf_counter() - began < timeout:
        answered = {user for user in waiting if has_reference(platform, user)}
        if answered:
            last = time.perf_counter() - began
            waiting -= answered
        time.sleep(0.1)
    if waiting:
        crash.violations.append(f"{len(waiting)} of {len(villagers)} villagers had no reference "
                                f"{timeout:.0f} s after the database came back")
        return None
    return last


def database_name(url: str) -> str:
    return url.rsplit("/", 1)[1]


def refuse_connections(admin_url: str, name: str, seconds: float) -> float:
    """The default outage, safe on a shared server because it touches only the scratch database: it
    refuses new connections, every connection it has is terminated again and again for `seconds`
    (so no pooled connection survives it), then it takes connections again. Returns its length."""
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as admin:
        began = time.perf_counter()
        admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS false")
        try:
            while time.perf_counter() - began < seconds:
                admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,))
                time.sleep(0.05)
        finally:
            admin.execute(f"ALTER DATABASE {name} ALLOW_CONNECTIONS true")
        return time.perf_counter() - began


def crash_server(command: str, database_url: str, crash: Crash) -> float | None:
    """`--crash-command`: a real crash and restart of the server, run as given; the outage lasts from
    running it until the scratch database takes a connection again (None when it never does)."""
    began = time.perf_counter()
    # The scratch database's name, for a command that would rather take only it down.
    env = {**os.environ, "BENCH_DATABASE": database_name(database_url)}
    completed = subprocess.run(["bash", "-c", command], env=env, capture_output=True, text=True, timeout=120)
    if completed.returncode != 0:
        crash.violations.append(f"the crash command exited {completed.returncode}: "
                                f"{(completed.stderr or completed.stdout).strip()[-200:]}")
    if wait_until(lambda: accepts_connections(database_url), timeout=120, interval=0.1) is None:
        crash.violations.append("the database did not take connections within 120 s of the crash command")
        return None
    return time.perf_counter() - began


def accepts_connections(database_url: str) -> bool:
    import psycopg

    try:
        with psycopg.connect(database_url, connect_timeout=2):
            return True
    except psycopg.OperationalError:
        return False


def unfinished_work(database_url: str) -> dict[str, int]:
    """Inbox events and outbox messages still waiting or given up, by table and state."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT 'inbound_event ' || state, count(*) FROM inbound_event WHERE state IN ('pending', 'failed')"
            " GROUP BY state UNION ALL "
            "SELECT 'outbound_message ' || state, count(*) FROM outbound_message WHERE state IN ('pending', 'failed')"
            " GROUP BY state").fetchall()
    return dict(rows)


def check_stream(platform: Platform, database_url: str, villagers: list[str]) -> list[str]:
    """Each villager of the stream has exactly one request in the database and exactly one reference
    in their chat; anything else is listed (counts, with a few of the villagers' references)."""
    import psycopg

    with psycopg.connect(database_url) as connection:
        requests = dict(connection.execute(
            "SELECT c.line_user_id, count(r.id) FROM citizen c LEFT JOIN request r ON r.citizen_id = c.id"
            " WHERE c.line_user_id = ANY(%s) GROUP BY c.line_user_id", (villagers,)).fetchall())
    problems = []
    no_request = [user for user in villagers if requests.get(user, 0) == 0]
    twice = [user for user in villagers if requests.get(user, 0) > 1]
    answers = {user: [text for text in platform.texts(user) if REFERENCE.search(text)] for user in villagers}
    answered_twice = [user for user, texts in answers.items() if len(texts) > 1]
    if no_request:
        problems.append(f"{len(no_request)} villagers with no request stored (lost)")
    if twice:
        problems.append(f"{len(twice)} villagers with more than one request (processed twice)")
    if answered_twice:
        examples = ", ".join(sorted({ref for user in answered_twice[:3]
                                     for text in answers[user] for ref in REFERENCE.findall(text)}))
        vias = sorted({entry.via for user in answered_twice for entry in platform.inbox(user)})
        problems.append(f"{len(answered_twice)} villagers sent their reference more than once "
                        f"(via {'/'.join(vias)}; e.g. {examples})")
    return problems


# --- one database ----------------------------------------------------------------------------

def run_database(kind: str, args: argparse.Namespace, platform: Platform, client: str) -> Result:
    result = Result(kind)
    lines = procfile()
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-load-{kind}-"))
    try:
        with scratch_database(kind, args.postgres_admin_url, workdir) as database_url:
            port = free_port()
            env = bot_environment(platform, database_url, workdir, port, args.web_concurrency)
            result.load_average.append(os.getloadavg()[0])
            # Distinct villagers' webhooks for the sustained runs, signed now so both apps get the same.
            senders = [platform.add_user(f"sender {n}") for n in range(200)]
            write_requests(workdir / "sustained.txt", [
                signed(platform, [platform.event_text(senders[n % len(senders)], REQUESTS[n % len(REQUESTS)]
                                                      .format(n=n))]) for n in range(args.sustained_pool)])
            measure_bare(result, args, platform, client, lines, env, workdir)
            if "release" in lines:
                subprocess.run(["bash", "-c", f"exec {lines['release']}"], cwd=ROOT, env=env, check=True,
                               capture_output=True, timeout=120)
            processes: list[subprocess.Popen] = []
            try:
                with PeakMemory() as memory:
                    measure_bot(result, args, platform, client, lines, env, port, workdir, processes, memory,
                                database_url)
                result.rss_mb = memory.peaks
            finally:
                result.died = [f"{name} exited {process.returncode}" for name, process
                               in zip(("web", "worker"), processes, strict=False) if process.poll() is not None]
                stop(processes)
            measure_bare(result, args, platform, client, lines, env, workdir)
            result.load_average.append(os.getloadavg()[0])
    finally:
        if args.keep:
            print(f"  logs and files kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return result


def measure_bot(result: Result, args: argparse.Namespace, platform: Platform, client: str, lines: dict[str, str],
                env: dict[str, str], port: int, workdir: Path, processes: list[subprocess.Popen],
                memory: PeakMemory, database_url: str) -> None:
    first = platform.add_user("cold start")
    first_record = signed(platform, [platform.event_text(first, REQUESTS[0].format(n=1))])

    began = time.perf_counter()
    processes.append(start(loopback_web(lines["web"]), env, workdir / "web.log"))
    memory.watch(processes[-1], "web")
    if "worker" in lines:
        processes.append(start(lines["worker"], env, workdir / "worker.log"))
        memory.watch(processes[-1], "worker")
    acknowledged = wait_until(lambda: post_once(port, first_record) == 200, timeout=60, interval=0.02)
    result.cold_ack_s = None if acknowledged is None else time.perf_counter() - began
    if acknowledged is None:
        result.notes.append("no webhook was acknowledged within 60 s of starting")
        return
    answered = wait_until(lambda: has_reference(platform, first), timeout=120)
    result.cold_answer_s = None if answered is None else time.perf_counter() - began
    print(f"  cold start: acknowledged {result.cold_ack_s:.2f} s, answered "
          f"{'never' if answered is None else f'{result.cold_answer_s:.2f} s'}")

    # The burst: every villager new to the bot, one request each, all at once.
    villagers = [platform.add_user(f"villager {n}") for n in range(args.villagers)]
    burst_file = workdir / "burst.txt"
    write_requests(burst_file, [signed(platform, [platform.event_text(user, REQUESTS[n % len(REQUESTS)]
                                                                      .format(n=n))]) for n, user
                                in enumerate(villagers)])
    pushes_before = len(platform.calls_to("/message/push")) + len(platform.calls_to("/message/multicast"))
    replies_before = len(platform.calls_to("/message/reply"))
    began = time.perf_counter()
    burst = subprocess.Popen([sys.executable, str(ROOT / "bench" / "webhook_client.py"),
                              f"http://127.0.0.1:{port}/callback", str(burst_file),
                              "--connections", str(args.connections)], stdout=subprocess.PIPE, text=True)
    waiting = set(villagers)
    last_answer = None
    while waiting and time.perf_counter() - began < args.burst_timeout:
        done = {user for user in waiting if has_reference(platform, user)}
        if done:
            last_answer = time.perf_counter() - began
            waiting -= done
        time.sleep(0.1)
    output, _ = burst.communicate(timeout=120)
    stats = json.loads(output)
    result.burst_answered = len(villagers) - len(waiting)
    result.burst_s = last_answer if not waiting else None
    result.burst_pushes = (len(platform.calls_to("/message/push")) + len(platform.calls_to("/message/multicast"))
                           - pushes_before)
    result.burst_replies = len(platform.calls_to("/message/reply")) - replies_before
    result.burst_p50_ms, result.burst_p99_ms = stats["p50_ms"], stats["p99_ms"]
    result.burst_errors = {status: count for status, count in stats["statuses"].items() if status != "200"}
    if waiting:
        result.notes.append(f"{len(waiting)} of {len(villagers)} villagers had no reference after "
                            f"{args.burst_timeout:.0f} s")
    print(f"  burst: {result.burst_answered}/{len(villagers)} answered in "
          f"{'—' if result.burst_s is None else f'{result.burst_s:.1f} s'}, webhook p50 {stats['p50_ms']:.0f} ms "
          f"p99 {stats['p99_ms']:.0f} ms, pushes {result.burst_pushes}")

    # Before the sustained run, whose thousands of events the worker drains for minutes after it ends:
    # the stream's villagers would wait behind them.
    if result.database == "postgresql" and not args.skip_crash:
        result.crash = measure_crash(args, platform, port, database_url, workdir, processes)

    # Sustained: distinct villagers' webhooks for a fixed time while the worker drains what arrives.
    result.sustained = sustained_load(port, workdir / "sustained.txt", args.seconds, args.connections, workdir,
                                      client)
    if result.sustained.get("sent", 0) > args.sustained_pool:
        result.notes.append("the sustained pool ran out; later webhooks repeated earlier ones (deduplicated)")
    print(f"  sustained: {result.sustained.get('rate', 0):.0f} webhooks/s, p99 "
          f"{result.sustained.get('p99_ms', float('nan')):.0f} ms ({result.sustained.get('errors', '?')} errors)")


def measure_bare(result: Result, args: argparse.Namespace, platform: Platform, client: str, lines: dict[str, str],
                 env: dict[str, str], workdir: Path) -> None:
    """The bare app with the web line's workers and threads, same client, same duration, same records."""
    workers, threads = gunicorn_shape(loopback_web(lines["web"]), env)
    port = free_port()
    command = (f"gunicorn 'bare_app:create_app()' --pythonpath {shlex.quote(str(ROOT / 'bench'))} "
               f"--bind 127.0.0.1:{port} --workers {workers} --threads {threads} --timeout 30")
    # Started from bench/: in the tree's root gunicorn would read the bot's gunicorn.conf.py, whose
    # hooks expect the bot's app, and the bare app would never start.
    bare = start(command, env, workdir / "bare.log", cwd=ROOT / "bench")
    try:
        probe = signed(platform, [])
        if wait_until(lambda: post_once(port, probe) == 200, timeout=30, interval=0.05) is None:
            result.notes.append("the bare app did not start")
            return
        measured = sustained_load(port, workdir / "sustained.txt", args.seconds, args.connections, workdir, client)
        measured.update(workers=workers, threads=threads)
        result.bare.append(measured)
        print(f"  bare app: {measured.get('rate', 0):.0f} webhooks/s, p99 {measured.get('p99_ms', 0):.0f} ms")
    finally:
        stop([bare])


# --- report ----------------------------------------------------------------------------------

CRASH_TARGET = "nothing lost, nothing processed or answered twice, no process dying"

TARGETS = {
    "postgresql": {"cold": "< 1 s (aim 0.2 s)", "rate": "≥ 100/s (aim 300)", "p99": "≤ 300 ms",
                   "ratio": "≥ 0.35; p99 ≤ 200 ms", "rss": "≤ 200 MB (aim 150)", "crash": CRASH_TARGET},
    "sqlite": {"cold": "< 1 s", "rate": "≥ 50/s (aim 150)", "p99": "≤ 500 ms", "ratio": "≥ 0.20; p99 ≤ 250 ms",
               "rss": "≤ 200 MB", "crash": CRASH_TARGET},
}


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), host.processor() or "?")
    memory = next((int(line.split()[1]) / 1024 / 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    postgres = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip() or "?"
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, {host.system()} {host.release()}, "
            f"Python {host.python_version()}, {postgres.replace('psql (PostgreSQL)', 'PostgreSQL')}")


def tree_state() -> str:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                            text=True).stdout.strip()
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                           capture_output=True, text=True).stdout.strip()
    return f"{commit or '?'}{' with uncommitted changes' if dirty else ''}"


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def table(results: list[Result], args: argparse.Namespace, client: str) -> str:
    by = {result.database: result for result in results}
    order = [name for name in ("postgresql", "sqlite") if name in by]
    titles = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}

    def row(label: str, render, target: str) -> str:
        cells = [f"{render(by[name])}<br>*target {TARGETS[name][target]}*" for name in order]
        return f"| {label} | " + " | ".join(cells) + " |"

    def cold(r: Result) -> str:
        return f"acknowledged after **{_seconds(r.cold_ack_s)}**; first reference after {_seconds(r.cold_answer_s)}"

    def burst(r: Result) -> str:
        if r.burst_s is None:
            return f"{r.burst_answered}/{args.villagers} answered"
        rate = args.villagers / r.burst_s
        return (f"all {args.villagers} answered in {r.burst_s:.1f} s = **{rate:.0f} villagers/s**;"
                f" {r.burst_pushes} pushes, {r.burst_replies} replies")

    def burst_p99(r: Result) -> str:
        errors = f"; non-200: {r.burst_errors}" if r.burst_errors else ""
        return f"p50 {r.burst_p50_ms:.0f} ms, p99 **{r.burst_p99_ms:.0f} ms**{errors}"

    def ratio(r: Result) -> str:
        bot, bare = r.sustained.get("rate"), [run["rate"] for run in r.bare if run.get("rate")]
        if not bot or len(bare) < 2:
            problems = [r.sustained.get("error"), *(run.get("error") for run in r.bare)]
            return f"not measured ({next((p for p in problems if p), 'see notes')})"
        mean = sum(bare) / len(bare)
        bare_p99 = "/".join(f"{run['p99_ms']:.0f}" for run in r.bare)
        return (f"{bot:,.0f} vs {mean:,.0f} req/s = **{bot / mean:.2f}**, p99 **{r.sustained['p99_ms']:.0f} ms** "
                f"(bare before/after {bare[0]:,.0f}/{bare[1]:,.0f} req/s, p99 {bare_p99} ms; "
                f"errors {r.sustained.get('errors', 0)})")

    def crash(r: Result) -> str:
        if r.database == "sqlite":
            return ("not applicable: the database is a file inside the processes, with no server to crash "
                    "(tests/test_delivery.py restarts the app over it)")
        c = r.crash
        if c is None:
            return "not run (--skip-crash)" if args.skip_crash else "not run (see notes)"
        verdict = "violations: " + "; ".join(c.violations) if c.violations else "no violations"
        hooks = c.webhooks
        how = c.how.replace("|", "\\|")  # a shell pipe in --crash-command would end the table cell
        return (f"**{verdict}** ({c.villagers} villagers, each one request and one reference); outage "
                f"{_seconds(c.outage_s)} ({how}); all answered {_seconds(c.back_to_answered_s)} after the "
                f"database came back, {c.pushed} of them by push; {hooks.get('needed_redelivery', '?')} webhooks "
                f"redelivered ({hooks.get('redelivered', '?')} redeliveries)")

    def rss(r: Result) -> str:
        if not r.rss_mb:
            return "—"
        role, peak = max(r.rss_mb.items(), key=lambda item: item[1])
        return f"**{peak:.0f} MB** ({role})"

    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on tree {tree_state()}; {machine()}.",
        f"{args.villagers} villagers, {args.connections} client connections, sustained {args.seconds:g} s with "
        f"{client}, WEB_CONCURRENCY={args.web_concurrency}.",
        "",
        "| what | " + " | ".join(titles[name] for name in order) + " |",
        "|---|" + "---|" * len(order),
        row("first webhook after the processes start", cold, "cold"),
        row(f"{args.villagers} villagers writing at once ({args.connections} client connections)", burst, "rate"),
        row("burst webhook latency", burst_p99, "p99"),
        row("sustained signed webhooks while the worker drains, against the bare app, same run", ratio, "ratio"),
        row("largest process (peak RSS)", rss, "rss"),
        row(f"the database crashed and restarted mid-stream: {args.crash_villagers} new villagers at "
            f"{args.crash_rate:g}/s over {args.crash_connections} connections, LINE redelivering", crash, "crash"),
    ]
    detail = []
    for r in results:
        peaks = ", ".join(f"{role} {peak:.0f} MB" for role, peak in sorted(r.rss_mb.items()))
        detail.append(f"- {titles[r.database]}: peak RSS by process: {peaks or '—'}."
                      + (f" Exited during the run: {', '.join(r.died)}." if r.died else "")
                      + f" Load average (1 min) at start/end: {'/'.join(f'{v:.1f}' for v in r.load_average)}."
                      + "".join(f" {note}." for note in r.notes))
    return "\n".join(lines + [""] + detail)


def write_report(path: Path, report: str) -> None:
    text = path.read_text("utf-8") if path.exists() else f"# Benchmarks\n\n{MARKERS[0]}\n{MARKERS[1]}\n"
    before, _, rest = text.partition(MARKERS[0])
    _, _, after = rest.partition(MARKERS[1])
    path.write_text(f"{before}{MARKERS[0]}\n{report}\n{MARKERS[1]}{after}", "utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Issue 13's load benchmark (see the module docstring).")
    parser.add_argument("--databases", default="postgresql,sqlite")
    parser.add_argument("--postgres-admin-url", default="postgresql://root@127.0.0.1:5432/postgres",
                        help="a loopback PostgreSQL where a scratch database may be created and dropped")
    parser.add_argument("--villagers", type=int, default=600)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each sustained run")
    parser.add_argument("--sustained-pool", type=int, default=20_000, help="distinct webhooks for sustained runs")
    parser.add_argument("--burst-timeout", type=float, default=240.0)
    parser.add_argument("--web-concurrency", type=int, default=2)
    parser.add_argument("--client", choices=("auto", "wrk", "python"), default="auto")
    crash = parser.add_argument_group("the database crashing mid-stream (PostgreSQL)")
    crash.add_argument("--skip-crash", action="store_true", help="leave the scenario out")
    crash.add_argument("--crash-villagers", type=int, default=200, help="villagers new to the bot, one request each")
    crash.add_argument("--crash-rate", type=float, default=40.0, help="their webhooks per second")
    crash.add_argument("--crash-connections", type=int, default=4)
    crash.add_argument("--outage-after", type=float, default=1.0, help="seconds into the stream")
    crash.add_argument("--outage", type=float, default=2.0,
                       help="seconds the scratch database refuses connections (and has them terminated)")
    crash.add_argument("--crash-command", metavar="COMMAND",
                       help="a shell command that crashes and restarts the server instead, e.g. "
                            "'pg_ctlcluster 15 main restart -m immediate' (every database on it goes down)")
    crash.add_argument("--redeliver-window", type=float, default=120.0,
                       help="seconds the client redelivers a failed webhook before giving up")
    crash.add_argument("--redeliver-delay", type=float, default=0.5)
    crash.add_argument("--crash-timeout", type=float, default=240.0,
                       help="seconds to wait, after the database is back, for every answer")
    parser.add_argument("--write", type=Path, help="put the results into this Markdown file, between markers")
    parser.add_argument("--keep", action="store_true", help="keep the logs and temporary files")
    args = parser.parse_args(argv)
    if "127.0.0.1" not in args.postgres_admin_url and "localhost" not in args.postgres_admin_url:
        parser.error("the PostgreSQL server must be on loopback")
    client = ("wrk" if shutil.which("wrk") else "python") if args.client == "auto" else args.client

    platform = Platform(channel_secret=secrets.token_hex(16), access_token=secrets.token_urlsafe(32), quota=None)
    platform.server = platform.serve(port=0)  # type: ignore[attr-defined]
    results = []
    try:
        for kind in args.databases.split(","):
            print(f"== {kind}")
            platform.reset()
            results.append(run_database(kind.strip(), args, platform, client))
    finally:
        platform.server.stop()  # type: ignore[attr-defined]
    report = table(results, args, client)
    print()
    print(report)
    if args.write:
        write_report(args.write, report)
        print(f"\nwritten to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
