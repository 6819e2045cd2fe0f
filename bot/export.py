"""Exports of requests for staff and tooling. Requesters appear only by their pseudonymous key."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import IO, Any
from zoneinfo import ZoneInfo

import click
from sqlalchemy.orm import Session, selectinload

from bot import places
from storage import queries
from storage.models import Request

FORMATS = ("jsonl",)


def rows(session: Session, tz: ZoneInfo, *, district: str | None = None,
         statuses: Sequence[str] = ()) -> list[dict[str, Any]]:
    district_code = None
    if district:
        district_code = places.district_code(district)
        if district_code is None:
            raise click.BadParameter(f"unknown district {district!r}", param_hint="--district")
    requests = queries.requests_for_export(session, district_code=district_code, statuses=statuses,
                                           options=[selectinload(Request.attachments),
                                                    selectinload(Request.citizen),
                                                    selectinload(Request.duplicate_of)])
    return [row(request, tz) for request in requests]


def row(request: Request, tz: ZoneInfo) -> dict[str, Any]:
    return {
        "ref": request.ref,
        "status": request.status.value,
        "district_code": request.district_code,
        "district_name": places.district_name(request.district_code),
        "tambon_code": request.tambon_code,
        "tambon_name": places.tambon_name(request.tambon_code),
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


def _iso(moment: datetime | None, tz: ZoneInfo) -> str | None:
    return moment.astimezone(tz).isoformat(timespec="seconds") if moment else None


def write(fmt: str, data: list[dict[str, Any]], target: IO[bytes]) -> None:
    if fmt == "jsonl":
        for item in data:
            target.write(json.dumps(item, ensure_ascii=False).encode("utf-8") + b"\n")
        return
    raise click.BadParameter(f"unknown format {fmt}")
