"""The weekly summary for officials: one entry point that builds its LINE messages for any week."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from bot.runtime import Runtime
from bot.summary.data import WeekSummary, build, iso_week_of
from bot.summary.flex import summary_flex


def week_summary(runtime: Runtime, session: Session, iso_week: str | None = None, *,
                 districts: Sequence[str] = ()) -> WeekSummary:
    """The numbers of `iso_week` ("2026-W03"), or of the current week so far; `districts` limits them."""
    now = runtime.now()
    return build(session, iso_week or iso_week_of(now, runtime.tz), tz=runtime.tz, now=now, districts=districts)


def summary_messages(runtime: Runtime, session: Session, iso_week: str | None = None, *,
                     districts: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The summary as LINE messages (one Flex carousel), for `/summary` and the weekly push."""
    return [summary_flex(week_summary(runtime, session, iso_week, districts=districts))]
