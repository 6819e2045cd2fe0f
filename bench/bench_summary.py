"""Benchmark: building the weekly summary over 10,000 and 1,000,000 requests on PostgreSQL.

Creates a scratch database (lampang_bench), migrates it, fills `request` with one fast
INSERT ... SELECT generate_series, times `summary_data.build` for the busiest week, prints a
table and drops the database. Reports only; asserts nothing.

    .venv/bin/python bench/bench_summary.py [postgresql://root@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, text
from sqlalchemy.orm import sessionmaker

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.summary.data import build, iso_week_of  # noqa: E402
from storage.migrate import upgrade  # noqa: E402

SCRATCH = "lampang_bench"
SIZES = (10_000, 1_000_000)
REPEATS = 5
TZ = ZoneInfo("Asia/Bangkok")
# Requests spread over two years up to NOW; statuses, districts and categories in realistic mixes.
NOW = datetime(2026, 6, 15, 1, 0, tzinfo=UTC)
FILL = """
INSERT INTO request (ref, year_be, seq, text, district_code, category, confidence, status, duplicate_of_id,
                     version, created_at, updated_at, status_changed_at, erased_at)
SELECT 'B-' || g, 2500 + g / 100000, g,
       CASE WHEN g % 50 = 0 THEN NULL ELSE 'ถนนบ้านหมู่ ' || (g % 300) || ' ชำรุดเป็นหลุม' END,
       CASE WHEN g % 20 = 0 THEN NULL ELSE '52' || lpad((1 + g % 13)::text, 2, '0') END,
       (ARRAY['infrastructure','water','electricity','health','education','livelihood','environment',
              'disaster_safety','welfare','culture_sport','other'])[1 + g % 11],
       '{}',
       (ARRAY['new','accepted','rejected','referred','duplicate','planned','not_planned','done'])[1 + g % 8],
       CASE WHEN g % 8 = 4 AND g > 100 THEN g % 100 + 1 ELSE NULL END,
       1, :now - (g * (:span / :n)) * interval '1 second', :now, :now - (g % 1000) * interval '1 hour',
       CASE WHEN g % 50 = 0 THEN :now ELSE NULL END
FROM generate_series(1, :n) AS g
"""


def main(admin_url: str) -> None:
    admin = create_engine(admin_url.replace("postgresql://", "postgresql+psycopg://", 1), isolation_level="AUTOCOMMIT")
    print(f"{'requests':>10} | {'fill s':>7} | {'summary median ms':>17} | {'min ms':>7} | {'new in week':>11}")
    for size in SIZES:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {SCRATCH}"))
            connection.execute(text(f"CREATE DATABASE {SCRATCH}"))
        engine = create_engine(admin.url.set(database=SCRATCH))
        try:
            upgrade(engine)
            started = time.perf_counter()
            with engine.begin() as connection:
                connection.execute(text(FILL), {"n": size, "now": NOW, "span": 2 * 365 * 86400})
                connection.execute(text("ANALYZE request"))
            filled = time.perf_counter() - started
            sessions = sessionmaker(engine)
            week = iso_week_of(NOW, TZ)
            timings = []
            for _ in range(REPEATS):
                with sessions() as session:
                    started = time.perf_counter()
                    summary = build(session, week, tz=TZ, now=NOW)
                    timings.append((time.perf_counter() - started) * 1000)
            print(f"{size:>10,} | {filled:>7.1f} | {statistics.median(timings):>17.1f} | {min(timings):>7.1f} "
                  f"| {summary.new_requests:>11,}")
        finally:
            engine.dispose()
            with admin.connect() as connection:
                connection.execute(text(f"DROP DATABASE IF EXISTS {SCRATCH}"))
    admin.dispose()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "postgresql://root@127.0.0.1:5432/postgres")
