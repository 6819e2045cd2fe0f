"""Exports of requests for staff and tooling: jsonl (every field), and the forum agenda as csv or xlsx.

Requesters appear only by their pseudonymous key, never by LINE id. Villagers' text is data, never
a spreadsheet formula: cells that a spreadsheet would evaluate are neutralised.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session, selectinload

from bot import areas, duplicates, texts
from storage import forum_dates, request_store
from storage.models import Request

FORMATS = ("jsonl", "csv", "xlsx")
# A cell starting with one of these is a formula (or can become one) in Excel, LibreOffice and Sheets;
# NFKC folds the full-width forms (＝ ＋ － ＠) onto them.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Characters a reader does not see but a spreadsheet skips before deciding a cell is a formula:
# zero-width spaces and joiners, the word joiner, soft hyphen and the byte-order mark.
INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff"
AGENDA_COLUMNS: tuple[tuple[str, int], ...] = (  # (field, width in characters)
    ("ref", 14), ("status", 20), ("district", 14), ("tambon", 14), ("category", 22), ("text", 60),
    ("supporters", 10), ("duplicate_of", 14), ("similar", 28), ("forum", 14), ("reason", 30),
    ("referred_to", 24), ("created_at", 20), ("attachments", 9), ("lat", 11), ("lon", 11), ("requester", 16),
)
MAX_SHEET_TITLE = 31  # Excel's limit


@dataclass(frozen=True)
class Selection:
    """Which requests an export holds; `forum_district` narrows it to that district's next forum agenda."""

    district: str | None = None
    statuses: Sequence[str] = ()
    forum_district: str | None = None


def load(session: Session, tz: ZoneInfo, selection: Selection, today: date) -> list[Request]:
    district_code = _district(selection.district) if selection.district else None
    forum_id = None
    if selection.forum_district:
        forum_code = _forum_district(selection.forum_district)
        forum = forum_dates.next_forum(session, forum_code, today)
        if forum is None:
            raise ValueError(f"no forum scheduled for {forum_code} from {today}")
        forum_id, district_code = forum.id, (None if forum_code == areas.PROVINCE else forum_code)
    requests = request_store.requests_for_export(session, district_code=district_code, statuses=selection.statuses,
                                           options=[selectinload(Request.attachments),
                                                    selectinload(Request.citizen),
                                                    selectinload(Request.duplicate_of),
                                                    selectinload(Request.forum)])
    if forum_id is not None:
        on_agenda = {r.id for r in requests if r.forum_id == forum_id}
        requests = [r for r in requests if r.id in on_agenda or r.duplicate_of_id in on_agenda]
    return requests


def row(request: Request, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "ref": request.ref,
        "status": request.status.value,
        "district_code": request.district_code,
        "district_name": areas.district_name(request.district_code),
        "tambon_code": request.tambon_code,
        "tambon_name": areas.tambon_name(request.tambon_code),
        "category": request.category,
        "confidence": request.confidence or {},
        "text": request.text,
        "created_at": _iso(request.created_at, tz),
        "updated_at": _iso(request.updated_at, tz),
        "lat": request.lat,
        "lon": request.lon,
        "attachments": sum(1 for a in request.attachments if a.state != "removed"),
        "duplicate_of": request.duplicate_of.ref if request.duplicate_of else None,
        "requester": request.citizen.key if request.citizen else None,
        "reason": request.status_reason,
        "referred_to": request.referred_to,
    }


@dataclass(frozen=True)
class AgendaLine:
    """One request on the agenda; folded duplicates follow their original (`folded` True)."""

    district: str
    tambon: str
    category: str
    folded: bool
    cells: dict[str, Any]


def agenda(requests: Sequence[Request], tz: ZoneInfo) -> list[AgendaLine]:
    """Requests by district, tambon and category; each duplicate right under its original."""
    by_id = {request.id: request for request in requests}
    folded: dict[int, list[Request]] = {}
    for request in requests:
        if request.duplicate_of_id in by_id:
            folded.setdefault(request.duplicate_of_id, []).append(request)
    similar = duplicates.similar_groups([r for r in requests if r.duplicate_of_id is None])
    heads = [r for r in requests if r.duplicate_of_id not in by_id]
    heads.sort(key=lambda r: (r.district_code or "9999", r.tambon_code or "999999", r.category or "~",
                              r.created_at, r.id))
    lines = []
    for head in heads:
        followers = folded.get(head.id, [])
        lines.append(_agenda_line(head, tz, supporters=1 + len(followers),
                                  similar=[by_id[i].ref for i, _ in similar.get(head.id, [])], folded=False))
        lines += [_agenda_line(f, tz, supporters=None, similar=[], folded=True) for f in followers]
    return lines


def _agenda_line(request: Request, tz: ZoneInfo, *, supporters: int | None, similar: list[str],
                 folded: bool) -> AgendaLine:
    district = areas.district_name(request.district_code) or texts.EXPORT_NO_DISTRICT
    tambon = areas.tambon_name(request.tambon_code) or texts.EXPORT_NO_TAMBON
    category = texts.category_label(request.category)
    cells = {
        "ref": (texts.EXPORT_FOLDED if folded else "") + request.ref,
        "status": texts.status_label(request.status.value),
        "district": district,
        "tambon": tambon,
        "category": category,
        "text": request.text if request.text is not None else texts.ERASED_TEXT,
        "supporters": supporters,
        "duplicate_of": request.duplicate_of.ref if request.duplicate_of else None,
        "similar": ", ".join(similar) or None,
        "forum": request.forum.held_on.isoformat() if request.forum else None,
        "reason": request.status_reason,
        "referred_to": request.referred_to,
        "created_at": request.created_at.astimezone(tz).strftime("%Y-%m-%d %H:%M"),
        "attachments": sum(1 for a in request.attachments if a.state != "removed"),
        "lat": request.lat,
        "lon": request.lon,
        "requester": request.citizen.key if request.citizen else None,
    }
    return AgendaLine(district, tambon, category, folded, cells)


def looks_like_formula(value: Any) -> bool:
    """Whether a spreadsheet could read this text as a formula: judged on what a reader sees first."""
    if not isinstance(value, str):
        return False
    return unicodedata.normalize("NFKC", value.lstrip(INVISIBLE)).startswith(FORMULA_TRIGGERS)


def neutralise(value: Any) -> Any:
    """For CSV, which has no cell types: text a spreadsheet would run as a formula gets a leading apostrophe."""
    return "'" + value if looks_like_formula(value) else value


def write(fmt: str, requests: Sequence[Request], tz: ZoneInfo, target: IO[bytes], *,
          sheet_title: str | None = None) -> None:
    if fmt == "jsonl":
        for request in requests:
            target.write(json.dumps(row(request, tz), ensure_ascii=False).encode("utf-8") + b"\n")
    elif fmt == "csv":
        _write_csv(agenda(requests, tz), target)
    elif fmt == "xlsx":
        _write_xlsx(agenda(requests, tz), target, sheet_title)
    else:
        raise ValueError(f"unknown format {fmt}")


def _write_csv(lines: Sequence[AgendaLine], target: IO[bytes]) -> None:
    buffer = io.StringIO(newline="")
    out = csv.writer(buffer)
    out.writerow([texts.EXPORT_HEADERS[field] for field, _ in AGENDA_COLUMNS])
    for line in lines:
        out.writerow(["" if line.cells[field] is None else neutralise(line.cells[field])
                      for field, _ in AGENDA_COLUMNS])
    target.write(buffer.getvalue().encode("utf-8-sig"))  # the BOM makes Excel read Thai as UTF-8


def _write_xlsx(lines: Sequence[AgendaLine], target: IO[bytes], sheet_title: str | None) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    sheets: dict[str, list[AgendaLine]] = {}
    for line in lines:
        sheets.setdefault(sheet_title or line.district, []).append(line)
    for title, members in (sheets or {sheet_title or texts.EXPORT_NO_DISTRICT: []}).items():
        sheet = workbook.create_sheet(_sheet_name(title))
        sheet.append([texts.EXPORT_HEADERS[field] for field, _ in AGENDA_COLUMNS])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDEBF7")
        sheet.freeze_panes = "A2"
        for index, (_, width) in enumerate(AGENDA_COLUMNS, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        group = None
        for line in members:
            if (line.tambon, line.category) != group and not line.folded:
                group = (line.tambon, line.category)
                sheet.append([f"{line.tambon} · {line.category}"])
                sheet.cell(sheet.max_row, 1).font = Font(bold=True)
                _as_text(sheet[sheet.max_row])
            sheet.append([line.cells[field] for field, _ in AGENDA_COLUMNS])
            _as_text(sheet[sheet.max_row])
            sheet.cell(sheet.max_row, 6).alignment = Alignment(wrap_text=True, vertical="top")
    workbook.save(target)


def _as_text(cells: Sequence[Any]) -> None:
    """XLSX has cell types: text openpyxl would store as a formula is stored as a string instead.

    openpyxl makes a formula only of text starting with "=", so a prefix would show in the sheet
    ('- ถนนพัง…); typing the cell as a string keeps exactly what the villager wrote and runs nothing.
    """
    for cell in cells:
        if cell.data_type == "f":
            cell.data_type = "s"


def _sheet_name(title: str) -> str:
    for char in "[]:*?/\\":
        title = title.replace(char, " ")
    return title[:MAX_SHEET_TITLE]


def _district(value: str) -> str:
    code = areas.district_code(value)
    if code is None:
        raise ValueError(f"unknown district {value!r}")
    return code


def _forum_district(value: str) -> str:
    code = areas.forum_area(value)
    if code is None:
        raise ValueError(f"unknown district {value!r}")
    return code


def _iso(moment: datetime | None, tz: ZoneInfo) -> str | None:
    return moment.astimezone(tz).isoformat(timespec="seconds") if moment else None


def forum_sheet_title(forum_district: str) -> str:
    return areas.forum_name(_forum_district(forum_district))
