"""A forum's agenda: accepted requests grouped by tambon and category, duplicates folded under their
original with supporter counts, printable on A4, and the same XLSX/CSV as `flask export`."""

from __future__ import annotations

import io
from itertools import groupby

from flask import Response, abort, send_file
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot import areas
from bot.console.web import console, db, page, require, staff
from bot.jobs import export
from bot.runtime import current_runtime
from bot.staff import permissions
from bot.staff.permissions import Permission
from storage.models import Forum, Request

DOWNLOADS = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "csv": "text/csv; charset=utf-8"}


@console.get("/agenda")
def agendas() -> str:
    require(Permission.READ)
    today = current_runtime().now().astimezone(current_runtime().tz).date()
    forums = [f for f in db().scalars(select(Forum).order_by(Forum.held_on.desc(), Forum.district_code))
              if _may_see(f)]
    return page("agendas.html", upcoming=[f for f in reversed(forums) if f.held_on >= today],
                past=[f for f in forums if f.held_on < today], forum_name=areas.forum_name)


@console.get("/agenda/<int:forum_id>")
def agenda(forum_id: int) -> str:
    require(Permission.READ)
    forum = _forum(forum_id)
    lines = export.agenda(_requests(forum), current_runtime().tz)
    groups = [(place, list(members))
              for place, members in groupby(lines, key=lambda line: (line.district, line.tambon, line.category))]
    heads = sum(1 for line in lines if not line.folded)
    return page("agenda.html", forum=forum, forum_name=areas.forum_name(forum.district_code), groups=groups,
                heads=heads, supporters=sum(line.cells["supporters"] or 0 for line in lines))


@console.get("/agenda/<int:forum_id>.<fmt>")
def download(forum_id: int, fmt: str) -> Response:
    require(Permission.READ)
    if fmt not in DOWNLOADS:
        abort(404)
    forum = _forum(forum_id)
    buffer = io.BytesIO()
    export.write(fmt, _requests(forum), current_runtime().tz, buffer,
                 sheet_title=export.forum_sheet_title(forum.district_code))
    buffer.seek(0)
    return send_file(buffer, mimetype=DOWNLOADS[fmt], as_attachment=True,
                     download_name=f"agenda-{forum.district_code}-{forum.held_on.isoformat()}.{fmt}")


def _may_see(forum: Forum) -> bool:
    return forum.district_code == areas.PROVINCE or permissions.covers(staff(), forum.district_code)


def _forum(forum_id: int) -> Forum:
    forum = db().get(Forum, forum_id)
    if forum is None or not _may_see(forum):
        abort(404)
    return forum


def _requests(forum: Forum) -> list[Request]:
    """On the agenda: the forum's requests and the duplicates folded onto them, within the person's districts."""
    options = [selectinload(Request.attachments), selectinload(Request.citizen), selectinload(Request.duplicate_of),
               selectinload(Request.forum)]
    heads = list(db().scalars(select(Request).where(Request.forum_id == forum.id, Request.erased_at.is_(None))
                              .options(*options).order_by(Request.created_at, Request.id)))
    ids = [head.id for head in heads]
    folded = list(db().scalars(select(Request).where(Request.duplicate_of_id.in_(ids), Request.erased_at.is_(None))
                               .options(*options).order_by(Request.created_at, Request.id))) if ids else []
    visible = permissions.visible_districts(staff())
    return [r for r in heads + folded if not visible or r.district_code in visible]
