"""What of a request the public may see: no requester, no photos, text only once staff accepted or
planned it and with phone and ID numbers masked, coordinates rounded to about 100 m."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot import areas, texts
from storage.models import Request, Status

OPEN = frozenset({Status.NEW, Status.ACCEPTED, Status.PLANNED})
# Text staff chose to put before a forum; everything else stays private (it may name people).
TEXT_PUBLISHED = frozenset({Status.ACCEPTED, Status.PLANNED})
# Three decimals of a degree: 111 m north-south, ~105 m east-west at Lampang's latitude.
COORDINATE_DECIMALS = 3
# A run of nine or more digits, separated or not by spaces, dashes or dots: Thai phone numbers
# (9-10 digits, or +66 and 9) and the 13-digit citizen id ("1-2345-67890-12-3"). \d also matches
# Thai digits, which villagers use too.
LONG_NUMBER = re.compile(r"\+?\d(?:[\s.\-]?\d){8,}")


def mask_numbers(text: str) -> str:
    return LONG_NUMBER.sub(lambda match: re.sub(r"\d", "x", match.group(0)), text)


def service(slug: str, label: str) -> dict[str, Any]:
    return {"service_code": slug, "service_name": label, "description": label, "metadata": False,
            "type": "realtime", "keywords": "", "group": texts.OPEN311_GROUP}


def service_request(request: Request, tz: ZoneInfo) -> dict[str, Any]:
    published_text = request.status in TEXT_PUBLISHED and request.text
    return {
        "service_request_id": request.ref,
        "status": "open" if request.status in OPEN else "closed",
        "status_notes": texts.status_label(request.status.value),
        "service_name": texts.category_label(request.category) if request.category else None,
        "service_code": request.category,
        "description": mask_numbers(request.text) if published_text else None,
        "agency_responsible": texts.OPEN311_AGENCY,
        "service_notice": None,
        "requested_datetime": _iso(request.created_at, tz),
        "updated_datetime": _iso(request.updated_at, tz),
        "expected_datetime": None,
        "address": texts.open311_address(areas.tambon_name(request.tambon_code),
                                         areas.district_name(request.district_code)),
        "address_id": None,
        "zipcode": None,
        "lat": round(request.lat, COORDINATE_DECIMALS) if request.lat is not None else None,
        "long": round(request.lon, COORDINATE_DECIMALS) if request.lon is not None else None,
        "media_url": None,  # photos may show faces, houses and number plates: never published
    }


def _iso(moment: datetime | None, tz: ZoneInfo) -> str | None:
    return moment.astimezone(tz).isoformat(timespec="seconds") if moment else None
