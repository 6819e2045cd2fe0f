"""The GeoReport v2 endpoints: discovery, services, requests and requests/{id}, as .json or .xml."""

from __future__ import annotations

import json
import logging
from datetime import datetime, timedelta
from typing import Any
from xml.etree import ElementTree

from flask import Blueprint, Response, abort, request, url_for

from bot import texts
from bot.open311 import public
from bot.runtime import current_runtime
from storage import request_store
from storage.models import Status

log = logging.getLogger(__name__)

georeport = Blueprint("open311", __name__, url_prefix="/open311/v2")

FORMATS = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
DEFAULT_DAYS = 90  # GeoReport v2: without dates, the last 90 days
MAX_REQUESTS = 1000  # and at most 1000 of them
STATUS_GROUPS = {"open": sorted(public.OPEN), "closed": sorted(set(Status) - public.OPEN)}


class BadQuery(ValueError):
    pass


@georeport.get("/discovery.<fmt>")
def discovery(fmt: str) -> Response:
    endpoint = {"specification": SPECIFICATION, "url": url_for("open311.discovery", fmt=fmt, _external=True)
                .rsplit("/discovery", 1)[0], "changeset": "2026-12-01T00:00:00Z", "type": "production",
                "formats": ["application/json", "text/xml"]}
    body = {"changeset": "2026-12-01T00:00:00Z", "contact": texts.OPEN311_AGENCY, "key_service": "",
            "endpoints": [endpoint]}
    return _answer(fmt, body, root="discovery")


@georeport.get("/services.<fmt>")
def services(fmt: str) -> Response:
    return _answer(fmt, [public.service(slug, label) for slug, label in texts.CATEGORY_LABELS.items()],
                   root="services", item="service")


@georeport.get("/requests.<fmt>")
def requests(fmt: str) -> Response:
    _format(fmt)
    try:
        query = _query(request.args)
    except BadQuery as error:
        return _error(fmt, 400, str(error))
    return _listing(fmt, query)


@georeport.get("/requests/<ref>.<fmt>")
def one_request(ref: str, fmt: str) -> Response:
    _format(fmt)
    runtime = current_runtime()
    with runtime.sessions() as session:
        found = request_store.published(session, refs=[ref], limit=1)
        if not found:
            return _error(fmt, 404, "service_request_id not found")
        return _answer(fmt, [public.service_request(found[0], runtime.tz)], root="service_requests", item="request")


def _listing(fmt: str, query: dict[str, Any]) -> Response:
    runtime = current_runtime()
    with runtime.sessions() as session:
        found = request_store.published(session, limit=MAX_REQUESTS, **query)
        body = [public.service_request(item, runtime.tz) for item in found]
    log.info("open311 listed %d requests", len(body))
    return _answer(fmt, body, root="service_requests", item="request")


def _query(args: Any) -> dict[str, Any]:
    refs = _list(args.get("service_request_id"))
    categories = _list(args.get("service_code"))
    if set(categories) - set(texts.CATEGORY_LABELS):
        raise BadQuery("unknown service_code")
    statuses: list[Status] = []
    for word in _list(args.get("status")):
        if word not in STATUS_GROUPS:
            raise BadQuery("status must be open or closed")
        statuses += STATUS_GROUPS[word]
    start, end = _moment(args.get("start_date")), _moment(args.get("end_date"))
    if not refs and start is None and end is None:
        start = current_runtime().now() - timedelta(days=DEFAULT_DAYS)
    return {"refs": refs, "categories": categories, "statuses": statuses, "created_from": start,
            "created_before": end}


def _list(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split(",") if part.strip()][:MAX_REQUESTS]


def _moment(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError as error:
        raise BadQuery("dates must be W3C (ISO 8601) date-times") from error
    return moment if moment.tzinfo else moment.replace(tzinfo=current_runtime().tz)


def _format(fmt: str) -> None:
    if fmt not in FORMATS:
        abort(404)


def _answer(fmt: str, body: Any, *, root: str, item: str | None = None, status: int = 200) -> Response:
    _format(fmt)
    text = json.dumps(body, ensure_ascii=False) if fmt == "json" else _xml(root, body, item)
    response = Response(text, status=status, content_type=FORMATS[fmt])
    response.headers["Access-Control-Allow-Origin"] = "*"  # a public, read-only, cookie-free API
    return response


def _error(fmt: str, status: int, description: str) -> Response:
    return _answer(fmt, [{"code": status, "description": description}], root="errors", item="error", status=status)


def _xml(root: str, body: Any, item: str | None) -> str:
    element = ElementTree.Element(root)
    if isinstance(body, list):
        for entry in body:
            _fill(ElementTree.SubElement(element, item or "item"), entry)
    else:
        _fill(element, body)
    return ElementTree.tostring(element, encoding="unicode", xml_declaration=True)


def _fill(element: ElementTree.Element, value: Any) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            _fill(ElementTree.SubElement(element, key), inner)
    elif isinstance(value, list):
        singular = {"endpoints": "endpoint", "formats": "format"}.get(element.tag, "item")
        for inner in value:
            _fill(ElementTree.SubElement(element, singular), inner)
    elif value is not None:
        element.text = str(value).lower() if isinstance(value, bool) else str(value)
