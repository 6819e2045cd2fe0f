"""The queue (filters, bulk triage) and one request (text, photos, place, confidences, history,
likely duplicates with one-click merge, notes)."""

from __future__ import annotations

from flask import Response, abort, redirect, request, send_file, url_for
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from bot.console import filters, maps, triage
from bot.console.web import choices, console, db, page, require, staff
from bot.duplicates import likely_duplicates
from bot.runtime import current_runtime
from bot.staff import actions, permissions
from bot.staff.permissions import Permission
from storage import audit, request_store
from storage.models import Attachment, Request, Status

QUEUE_LIMIT = 500
# Shown inline only when a browser displays them without running anything (never SVG or HTML).
INLINE_IMAGES = frozenset({"image/jpeg", "image/png", "image/gif", "image/webp"})


@console.get("/")
def home() -> Response:
    return redirect(url_for("console.queue"))


@console.get("/queue")
def queue() -> str:
    require(Permission.READ)
    runtime = current_runtime()
    chosen = filters.read(request.args, staff(), runtime.tz)
    found, total = request_store.search(db(), chosen.search, limit=QUEUE_LIMIT)
    return page("queue.html", requests=found, total=total, limit=QUEUE_LIMIT, filters=chosen,
                choices=choices(), now=runtime.now(), tz=runtime.tz)


@console.post("/queue/bulk")
def bulk() -> Response:
    require(Permission.TRIAGE)
    # Each pick is "reference:version the page showed"; a missing version is not checked here, and the
    # update itself still cannot overwrite a concurrent change (bot.staff.actions locks optimistically).
    targets = []
    for picked in request.form.getlist("pick")[:triage.MAX_AT_ONCE + 1]:
        ref, _, version = picked.partition(":")
        targets.append((ref, filters.small_number(version)))
    order = triage.Order(**{key: request.form.get(key, "") for key in
                            ("action", "reason", "agency", "original", "district", "category")})
    back = request.form.get("back", "")
    return _results_page(_run(order, targets), back if back.startswith("/console/") else url_for("console.queue"))


@console.get("/r/<ref>")
def show(ref: str) -> str:
    require(Permission.READ)
    runtime = current_runtime()
    found = _visible_request(ref)
    similar = likely_duplicates(db(), found) if found.status == Status.NEW else []
    history = audit.history(db(), found)
    photos = [a for a in found.attachments if a.state == "stored" and a.content_type in INLINE_IMAGES]
    others = [a for a in found.attachments if a.state == "stored" and a not in photos]
    return page("request.html", request=found, similar=similar, history=history, photos=photos, others=others,
                supporters=request_store.supporters(db(), found), tz=runtime.tz, choices=choices(),
                may_change=permissions.may_change(staff(), found.district_code),
                spot=maps.spot(found.district_code, found.lat, found.lon),
                next_states=sorted(status.value for status in actions.TRANSITIONS.get(found.status, ())))


@console.post("/r/<ref>/act")
def act(ref: str) -> Response:
    """One request: the same orders as the queue's bulk form, and merge ("dup" onto a likely duplicate)."""
    require(Permission.TRIAGE)
    version = request.form.get("version", "")
    order = triage.Order(**{key: request.form.get(key, "") for key in
                            ("action", "reason", "agency", "original", "district", "category")})
    lines = _run(order, [(ref, filters.small_number(version))])
    return _results_page(lines, url_for("console.show", ref=ref))


@console.post("/r/<ref>/note")
def add_note(ref: str) -> Response:
    require(Permission.TRIAGE)
    try:
        line = triage.note(db(), staff(), ref, request.form.get("text", "")[:2000], now=current_runtime().now())
        db().commit()
    except triage.Refused as refused:
        line = triage.Line(ref, False, refused.message)
    return _results_page([line], url_for("console.show", ref=ref))


@console.get("/media/<int:attachment_id>")
def media(attachment_id: int) -> Response:
    require(Permission.READ)
    attachment = db().get(Attachment, attachment_id)
    if attachment is None or attachment.state != "stored" or attachment.request is None or not attachment.path:
        abort(404)
    _visible_request(attachment.request.ref)
    root = current_runtime().settings.instance_path.resolve()
    path = (root / attachment.path).resolve()
    if root not in path.parents or not path.is_file():
        abort(404)
    inline = attachment.content_type in INLINE_IMAGES
    response = send_file(path, mimetype=attachment.content_type if inline else "application/octet-stream",
                         as_attachment=not inline, download_name=f"{attachment.request.ref}-{attachment.id}")
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _visible_request(ref: str) -> Request:
    found = db().scalar(select(Request).where(Request.ref == ref)
                        .options(selectinload(Request.attachments), selectinload(Request.forum)))
    # Outside the person's districts looks the same as not there, as a typed reference in chat is refused.
    if found is None or found.erased_at is not None or not permissions.covers(staff(), found.district_code):
        abort(404)
    return found


def _run(order: triage.Order, targets: list[tuple[str, int | None]]) -> list[triage.Line]:
    runtime = current_runtime()
    now = runtime.now()
    try:
        lines = triage.run(db(), staff(), order, targets, now=now, today=now.astimezone(runtime.tz).date())
    except triage.Refused as refused:
        lines = [triage.Line("", False, refused.message)]
    db().commit()  # the audit rows and the villagers' notifications (outbox) in the same transaction
    runtime.wake_worker()
    return lines


def _results_page(lines: list[triage.Line], back: str) -> Response:
    # Rendered in answer to the POST (not stored for a redirect): a bulk of 500 outcomes would not fit
    # in a cookie. Posting again is harmless: the versions the page showed have moved on (conflict).
    status = 200 if any(line.changed for line in lines) else 409
    return Response(page("results.html", lines=lines, back=back), status=status)
