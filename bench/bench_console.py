"""Benchmark: the console's queue page rendering 500 requests (target: under 300 ms).

Builds the real app on a scratch database (a temporary SQLite file, or the PostgreSQL URL given),
files 500 new requests across the districts, signs an admin in by writing the console's session
(LINE Login is not what is measured), and times GET /console/queue end to end through Flask's test
client: query, template, response. Reports only; asserts nothing.

    .venv/bin/python bench/bench_console.py [--freeze] [postgresql://root@127.0.0.1:5432/postgres]

`--freeze` calls gc.freeze() once the app is warm: the median is the page's own cost, while the
slowest renders without it are Python's full garbage collections walking every object the NLP
models and libraries keep alive (they show up as ~0.3-0.8 s outliers every few requests).
"""

from __future__ import annotations

import gc
import statistics
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import create_engine, text

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app import create_app  # noqa: E402
from bot.line.messenger import RecordingMessenger  # noqa: E402
from storage.migrate import upgrade  # noqa: E402
from storage.models import Role, Staff  # noqa: E402
from storage.request_store import create_request  # noqa: E402

REQUESTS = 500
REPEATS = 30
CATEGORIES = ("infrastructure", "water", "electricity", "health", "education", "livelihood", "environment",
              "disaster_safety", "welfare", "culture_sport", "other")
TEXT = "ถนนในหมู่บ้านหมู่ {n} ชำรุดเป็นหลุมเป็นบ่อ ฝนตกน้ำขังทุกปี ขอให้ช่วยซ่อมแซมด้วยครับ"


def main(database_url: str | None, freeze: bool) -> None:
    scratch = Path(tempfile.mkdtemp(prefix="bench-console-"))
    schema = None
    if database_url:
        schema = "bench_console"
        admin = create_engine(database_url.replace("postgresql://", "postgresql+psycopg://", 1))
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"))
        url = f"{database_url}{'&' if '?' in database_url else '?'}options=-csearch_path%3D{schema}"
    else:
        url = f"sqlite:///{scratch / 'bench.sqlite3'}"
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    upgrade(engine)
    engine.dispose()
    app = create_app({"development": False, "database_url": url, "instance_path": scratch,
                      "line_channel_secret": "bench", "line_channel_access_token": "bench",
                      "line_login_channel_id": "1", "line_login_channel_secret": "bench", "secret_key": "bench",
                      "worker_thread": False,
                      "log_level": "WARNING"}, messenger=RecordingMessenger())
    runtime = app.extensions["lampang"]
    now = runtime.now()
    with runtime.sessions() as session, session.begin():
        staff = Staff(line_user_id="U" + "1" * 32, name="bench", role=Role.ADMIN, districts=[])
        session.add(staff)
        for n in range(REQUESTS):
            create_request(session, citizen=None, text=TEXT.format(n=n), created_at=now - timedelta(minutes=n),
                           tz=runtime.tz, district_code=f"52{1 + n % 13:02d}", category=CATEGORIES[n % 11],
                           confidence={"district": 0.9, "category": 0.8})
        session.flush()
        staff_id = staff.id
    client = app.test_client()
    with client.session_transaction(base_url="https://localhost") as cookie:
        cookie.update(staff_id=staff_id, line_user_id="U" + "1" * 32, signed_at=time.time())
    timings = []
    if freeze:
        # What a server could do once it has loaded the NLP models: move everything alive into the
        # permanent generation, so full collections stop walking those millions of objects.
        gc.collect()
        gc.freeze()
    for attempt in range(REPEATS + 3):
        started = time.perf_counter()
        response = client.get("/console/queue", base_url="https://localhost")
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200 and response.get_data().count(b'data-testid="row-') == REQUESTS
        if attempt >= 3:  # the first renders load the gazetteer and compile the templates
            timings.append(elapsed)
    timings.sort()
    backend = "PostgreSQL" if database_url else "SQLite"
    print(f"{'database':>10} | {'gc.freeze':>9} | {'rows':>5} | {'median ms':>9} | {'p95 ms':>7} | {'max ms':>7} | "
          f"{'page KB':>7}")
    p95, size_kb = timings[int(len(timings) * 0.95) - 1], len(response.get_data()) / 1024
    print(f"{backend:>10} | {str(freeze):>9} | {REQUESTS:>5} | {statistics.median(timings):>9.1f} | "
          f"{p95:>7.1f} | {timings[-1]:>7.1f} | {size_kb:>7.0f}")
    runtime.engine.dispose()
    if schema:
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


if __name__ == "__main__":
    arguments = [argument for argument in sys.argv[1:] if argument != "--freeze"]
    main(arguments[0] if arguments else None, "--freeze" in sys.argv)
