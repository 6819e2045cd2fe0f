"""Commands that only look: /help, /queue, /show, /forum (and /forum set), /summary."""

from __future__ import annotations

from datetime import datetime

from bot import areas, texts
from bot.duplicates import likely_duplicates
from bot.line import messages
from bot.outbox import queue
from bot.staff import parsing, permissions, registry
from bot.staff.context import Context, UsageError
from bot.staff.permissions import Permission
from bot.staff.registry import command
from bot.staff.views import card
from bot.summary.data import parse_iso_week
from bot.summary.week import summary_messages
from storage import audit, forum_dates, request_store
from storage.models import Request, Status

QUEUE_PAGE_SIZE = 10
MAX_PAGE = 100_000  # far beyond any real queue; bounds what a typed page number may be
SNIPPET = 80


@command("help", Permission.READ)
def show_help(ctx: Context) -> None:
    lines = []
    for entry in registry.commands():
        if permissions.may_run(ctx.staff, entry.permission):
            aliases = " ".join(f"/{alias}" for alias in entry.aliases)
            lines.append(texts.staff_help_line(entry.usage, aliases, entry.purpose))
    ctx.answer(card(texts.staff_help_title(ctx.staff.role.value), lines))


@command("queue", Permission.READ)
def show_queue(ctx: Context) -> None:
    statuses: list[Status] = [Status.NEW]
    district_codes = permissions.visible_districts(ctx.staff)
    category: str | None = None
    page = 1
    for word in ctx.words:
        if parsing.is_number(word):
            try:
                page = parsing.number(word, maximum=MAX_PAGE)
            except parsing.ParseError as error:
                raise UsageError from error
        elif (status := texts.staff_status_from_word(word)) is not None:
            statuses = list(Status) if status == "all" else [Status(status)]
        elif (slug := texts.staff_category_from_word(word)) is not None:
            category = slug
        elif (code := areas.district_code(word)) is not None:
            if not permissions.covers(ctx.staff, code):
                ctx.say(texts.STAFF_DISTRICT_OUTSIDE.format(district=areas.district_name(code)))
                return
            district_codes = [code]
        else:
            raise UsageError
    found = request_store.queue(ctx.session, statuses=statuses, district_codes=district_codes, category=category,
                         page=page, per_page=QUEUE_PAGE_SIZE)
    lines = [texts.staff_queue_line(request.ref, areas.district_name(request.district_code), request.category,
                                    _age_days(request.created_at, ctx.now), _snippet(request.text))
             for request in found.requests] or [texts.STAFF_QUEUE_EMPTY]
    title = texts.staff_queue_title([status.value for status in statuses], found.page, found.pages)
    subtitle = texts.staff_queue_counts(found.total, found.by_status)
    quick = [messages.message_item(texts.STAFF_BUTTON_SHOW.format(ref=request.ref), f"/show {request.ref}")
             for request in found.requests[:messages.MAX_QUICK_REPLY_ITEMS - 1]]
    if found.page < found.pages:
        filters = [word for word in ctx.words if not parsing.is_number(word)]
        quick.append(messages.message_item(texts.STAFF_BUTTON_NEXT_PAGE,
                                           " ".join(["/queue", *filters, str(found.page + 1)])))
    ctx.answer(card(title, lines, subtitle=subtitle, quick_replies=quick))


@command("show", Permission.READ)
def show_request(ctx: Context) -> None:
    if len(ctx.words) != 1:
        raise UsageError
    request = ctx.request(ctx.words[0])
    tz = ctx.turn.runtime.tz
    history = [texts.staff_history_line(entry.at.astimezone(tz), entry.action, entry.after, entry.note,
                                        who.name if who else None)
               for entry, who in audit.history(ctx.session, request)]
    lines = [
        texts.staff_place(areas.district_name(request.district_code), areas.tambon_name(request.tambon_code)),
        texts.staff_category(request.category),
        texts.staff_confidence(request.confidence or {}),
        texts.staff_created(request.created_at.astimezone(tz)),
        texts.staff_attachments(_attachment_counts(request)),
        texts.staff_location(request.lat, request.lon),
        texts.STAFF_SUPPORTERS.format(count=request_store.supporters(ctx.session, request)),
        *texts.staff_outcome(request.status_reason, request.referred_to,
                             request.duplicate_of.ref if request.duplicate_of else None,
                             request.forum.held_on if request.forum else None),
        "",
        texts.staff_request_text(request.text),
        "",
        texts.STAFF_HISTORY,
        *(history or [texts.STAFF_NO_HISTORY]),
    ]
    similar = likely_duplicates(ctx.session, request)
    if similar:
        lines += ["", texts.STAFF_LIKELY_DUPLICATES,
                  *[texts.staff_similar_line(other.ref, score, texts.status_label(other.status.value),
                                             _snippet(other.text)) for other, score in similar]]
    quick = []
    if request.status == Status.NEW:
        quick.append(messages.message_item(texts.STAFF_BUTTON_ACCEPT, f"/accept {request.ref}"))
        quick += [messages.message_item(texts.STAFF_BUTTON_DUP.format(ref=other.ref),
                                        f"/dup {request.ref} {other.ref}") for other, _ in similar]
    ctx.answer(card(texts.staff_show_title(request.ref, request.status.value),
                    [line for line in lines if line is not None], quick_replies=quick or None))


@command("forum", Permission.READ)
def forum(ctx: Context) -> None:
    words = ctx.words
    if len(words) > 1:
        raise UsageError
    code = areas.forum_area(words[0]) if words else None
    if words and code is None:
        raise UsageError
    codes = [code] if code else [*(c for c, _ in areas.districts()), areas.PROVINCE]
    upcoming = forum_dates.upcoming_forums(ctx.session, ctx.today, code)
    lines = []
    for district in codes:
        scheduled = [f for f in upcoming if f.district_code == district]
        name = areas.forum_name(district)
        if not scheduled:
            lines.append(texts.staff_forum_line(name, None, None))
        for item in scheduled if code else scheduled[:1]:
            lines.append(texts.staff_forum_line(name, item.held_on, item.venue))
    ctx.answer(card(texts.STAFF_FORUM_TITLE, lines))


@command("summary", Permission.READ)
def summary(ctx: Context) -> None:
    if len(ctx.words) > 1:
        raise UsageError
    week = ctx.words[0] if ctx.words else None
    if week is not None:
        try:
            parse_iso_week(week)
        except ValueError as error:
            raise UsageError from error
    # Staff limited to some districts see the summary of those districts only: it quotes villagers.
    districts = permissions.visible_districts(ctx.staff)
    ctx.answer(*summary_messages(ctx.turn.runtime, ctx.session, week,
                                 districts=districts)[:queue.MAX_MESSAGES_PER_CALL])


def _attachment_counts(request: Request) -> dict[str, int]:
    counts: dict[str, int] = {}
    for attachment in request.attachments:
        if attachment.state != "removed":
            counts[attachment.kind] = counts.get(attachment.kind, 0) + 1
    return counts


def _age_days(created_at: datetime, now: datetime) -> int:
    return max(0, (now - created_at).days)


def _snippet(text: str | None) -> str:
    return messages.clip(" ".join((text or "").split()), SNIPPET) if text else texts.ERASED_TEXT
