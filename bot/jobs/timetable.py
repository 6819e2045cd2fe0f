"""The `clock:` process: the weekly summary every Monday at 08:00 local time, and the nightly retention purge."""

from __future__ import annotations

import logging

from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.jobs import retention
from bot.runtime import Runtime
from bot.summary import job
from bot.summary.data import last_complete_week

log = logging.getLogger(__name__)

# A clock that was down at 08:00 still runs the job if it is back within the day.
MISFIRE_GRACE_SECONDS = 12 * 3600


def weekly_trigger(runtime: Runtime) -> CronTrigger:
    return CronTrigger(day_of_week="mon", hour=8, minute=0, timezone=runtime.tz)


def catch_up(runtime: Runtime) -> job.RunResult | None:
    """If last week's summary has not reached every official yet, deliver it now."""
    week = last_complete_week(runtime.now(), runtime.tz)
    with runtime.sessions() as session:
        missing = job.undelivered(session, week)
    if not missing:
        return None
    log.info("clock: summary %s missing for %d recipients, catching up", week, len(missing))
    return job.run(runtime, week)


def weekly_job(runtime: Runtime) -> None:
    try:
        job.run(runtime)
    except Exception:  # the scheduler must survive a bad Monday; the next start catches up
        log.exception("weekly summary run failed")


def nightly_purge(runtime: Runtime) -> None:
    try:
        retention.purge(runtime, commit=True)
    except Exception:  # tomorrow night tries again
        log.exception("retention purge failed")


def run_clock(runtime: Runtime) -> None:
    """Block forever. Two clocks by mistake are harmless: the job lock and the exactly-once rows."""
    catch_up(runtime)
    scheduler = BlockingScheduler(timezone=runtime.tz)
    scheduler.add_job(weekly_job, weekly_trigger(runtime), args=[runtime], id="weekly-summary",
                      coalesce=True, max_instances=1, misfire_grace_time=MISFIRE_GRACE_SECONDS)
    scheduler.add_job(nightly_purge, CronTrigger(hour=3, minute=0, timezone=runtime.tz), args=[runtime],
                      id="retention-purge", coalesce=True, max_instances=1)
    log.info("clock: weekly summary scheduled, next run %s",
             weekly_trigger(runtime).get_next_fire_time(None, runtime.now().astimezone(runtime.tz)))
    scheduler.start()
