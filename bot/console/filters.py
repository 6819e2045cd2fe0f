"""The queue's and the map's filters, read from the query string and bounded by the person's districts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import nlp
from bot import areas, texts
from bot.staff import permissions
from storage.models import Staff, Status
from storage.request_store import Search

MAX_TEXT = 100


@dataclass(frozen=True)
class Filters:
    """What the form shows back, and the search it stands for; `outside` names a district not theirs."""

    values: dict[str, str]
    search: Search
    outside: str | None = None


def read(args: Any, staff: Staff, tz: ZoneInfo, *, default_status: str = "new") -> Filters:
    values = {key: (args.get(key) or "").strip()[:MAX_TEXT] for key in
              ("district", "tambon", "category", "status", "forum", "from", "to", "q")}
    if "status" not in args:
        values["status"] = default_status
    limit = permissions.visible_districts(staff)
    districts = list(limit)
    outside = None
    if values["district"]:
        code = values["district"] if areas.district_name(values["district"]) else None
        if code is None or not permissions.covers(staff, code):
            # As /queue in chat: a district outside the person's limit shows nothing, and says so.
            outside = areas.district_name(code) or values["district"]
            districts = ["-"]
        else:
            districts = [code]
    # A tambon by code or by name (within the chosen district when there is one), as chat's /set reads it.
    found = nlp.gazetteer().find_tambon(values["tambon"], districts[0] if len(districts) == 1 else None) \
        if values["tambon"] else None
    tambon = found.code if found else ("-" if values["tambon"] else None)
    statuses = [Status(values["status"])] if values["status"] in {s.value for s in Status} else []
    return Filters(values, Search(
        district_codes=districts,
        tambon_code=tambon,
        category=values["category"] if values["category"] in texts.CATEGORY_LABELS else None,
        statuses=statuses,
        forum_id=small_number(values["forum"]),
        created_from=_day_start(values["from"], tz),
        created_before=_day_start(values["to"], tz, next_day=True),
        text=values["q"] or None,
    ), outside)


def small_number(text: str) -> int | None:
    """An id or version from a form: ASCII digits that fit any integer column, else None."""
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else None


def _day_start(value: str, tz: ZoneInfo, *, next_day: bool = False) -> datetime | None:
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return None
    return datetime.combine(day + timedelta(days=1 if next_day else 0), time(0), tzinfo=tz)
