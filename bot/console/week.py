"""The weekly summary for any week, as numbers and the same chart the officials' LINE summary carries."""

from __future__ import annotations

from datetime import timedelta

from flask import Response, abort, request

from bot.console.web import console, db, page, require, staff
from bot.runtime import current_runtime
from bot.staff import permissions
from bot.staff.permissions import Permission
from bot.summary import chart
from bot.summary.data import iso_week_of, parse_iso_week, week_bounds
from bot.summary.week import week_summary


@console.get("/week")
def week() -> str:
    require(Permission.READ)
    runtime = current_runtime()
    chosen = request.args.get("w") or iso_week_of(runtime.now(), runtime.tz)
    try:
        parse_iso_week(chosen)
    except ValueError:
        abort(404)
    # Staff limited to some districts see those districts' figures only, as /summary in chat.
    summary = week_summary(runtime, db(), chosen, districts=permissions.visible_districts(staff()))
    start, _ = week_bounds(chosen, runtime.tz)
    return page("week.html", summary=summary, week=chosen,
                previous=iso_week_of(start - timedelta(days=7), runtime.tz),
                following=iso_week_of(start + timedelta(days=7), runtime.tz))


@console.get("/week/<week>.png")
def week_chart(week: str) -> Response:
    require(Permission.READ)
    runtime = current_runtime()
    try:
        parse_iso_week(week)
    except ValueError:
        abort(404)
    summary = week_summary(runtime, db(), week, districts=permissions.visible_districts(staff()))
    return Response(chart.render_png(summary), mimetype="image/png")
