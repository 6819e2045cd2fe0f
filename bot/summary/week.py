"""The weekly summary for officials: one entry point that builds its LINE messages for any week."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

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
    summary = week_summary(runtime, session, iso_week, districts=districts)
    return [summary_flex(summary, console_week_url(runtime, summary.iso_week))]


def console_week_url(runtime: Runtime, iso_week: str) -> str | None:
    """The console's page for this week, or None when there is no console to open (no button then)."""
    settings = runtime.settings
    if not settings.public_base_url or not settings.console_enabled:
        return None
    return f"{settings.public_base_url}/console/week?{urlencode({'w': iso_week})}"
