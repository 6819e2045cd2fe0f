"""Commands that only look: /help, /queue, /next, /show, /forum, /summary."""

from __future__ import annotations

from datetime import datetime

from bot import areas, texts
from bot.duplicates import likely_duplicates
from bot.line import messages
from bot.outbox import queue
from bot.staff import buttons, parsing, permissions, registry, taps
from bot.staff.context import Context, Refusal, UsageError
from bot.staff.permissions import Permission
from bot.staff.registry import command
from bot.staff.views import Row, card, rows_card
from bot.summary.data import last_complete_week, typed_iso_week
from bot.summary.week import summary_messages
from storage import audit, citizens, forum_dates, request_store
from storage.models import Request, Status

QUEUE_PAGE_SIZE = 10
MAX_PAGE = 100_000  # far beyond any real queue; bounds what a typed page number may be
SNIPPET = 80
TALK_SHOWN = 5  # villagers waiting to talk on the queue card; the rest are counted ("และอีก N คน")
TALK_SCAN = 50  # waiting villagers read to find those a district-limited person may answer


@command("help", Permission.READ)
def show_help(ctx: Context) -> None:
    """One line per command the person may run (its name and Thai word); `/help queue`: how to use one."""
    if ctx.words:
        found = registry.find(ctx.words[0].lstrip("/／"), " ".join(ctx.words[1:]))
        if found is None or not permissions.may_run(ctx.staff, found[0].permission):
            raise Refusal(texts.STAFF_UNKNOWN_COMMAND.format(word=ctx.words[0].lstrip("/／")))
        entry = found[0]
        ctx.answer(card(texts.STAFF_HELP_DETAIL_TITLE.format(name=entry.name),
                        texts.staff_help_detail(entry.name, entry.usage, entry.aliases, entry.purpose)))
        return
    lines = []
    for entry in registry.commands():
        if entry.name != "help" and permissions.may_run(ctx.staff, entry.permission):  # they found /help
            lines.append(texts.staff_help_short_line(entry.name, _thai_name(entry), entry.purpose))
    lines += ["", texts.STAFF_HELP_MORE]
    quick = [item for item in (buttons.queue_item(),) if item is not None]
    ctx.answer(card(texts.STAFF_HELP_SHORT_TITLE.format(role=texts.ROLE_LABELS.get(ctx.staff.role.value, "")),
                    lines, quick_replies=quick or None))


@command("queue", Permission.READ)
def show_queue(ctx: Context) -> None:
    """Requests by status, oldest first, a row with buttons each; above them, who asked to talk to staff."""
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
    rows = [Row(head=texts.staff_queue_row_head(request.ref, areas.district_name(request.district_code),
                                                _age_days(request.created_at, ctx.now)),
                lines=[texts.STAFF_QUEUE_ROW_CATEGORY.format(category=texts.category_label(request.category)),
                       _snippet(request.text)],
                buttons=buttons.on_request(request))
            for request in found.requests]
    title = texts.staff_queue_title([status.value for status in statuses], found.page, found.pages)
    subtitle = texts.staff_queue_counts(found.total, found.by_status)
    quick = []
    if found.page < found.pages:
        filters = [word for word in ctx.words if not parsing.is_number(word)]
        item = taps.quick_reply(texts.STAFF_BUTTON_NEXT_PAGE, "queue", " ".join([*filters, str(found.page + 1)]))
        quick += [item] if item is not None else []
    # Villagers waiting for a person come first, on the first page: they wait for someone, not for a decision.
    talk, talk_total = _waiting_to_talk(ctx) if found.page == 1 else ([], 0)
    ctx.answer(rows_card(title, subtitle, rows, empty=texts.STAFF_QUEUE_EMPTY, quick_replies=quick or None,
                         people=talk, people_title=texts.STAFF_TALK_TITLE.format(count=texts.thai_number(talk_total)),
                         people_more=texts.STAFF_TALK_MORE.format(count=texts.thai_number(talk_total - len(talk)))
                         if talk_total > len(talk) else None))


def _waiting_to_talk(ctx: Context) -> tuple[list[Row], int]:
    """Villagers who asked to talk to staff and whom this person may answer (/reply), longest waiting
    first, each by pseudonymous key with how long they have waited, their newest request and [ตอบ];
    at most TALK_SHOWN rows, and how many there are in all."""
    waiting = citizens.waiting_for_staff(ctx.session, limit=TALK_SCAN)
    latest = request_store.latest_request_of_each(ctx.session, [citizen.id for citizen in waiting])
    # Only those who may answer see who waits; one limited to some districts, the villagers whose newest
    # request lies in them (a villager with no placed request is for unlimited staff, as /reply checks).
    theirs = [citizen for citizen in waiting
              if permissions.may_change(ctx.staff, _district_of(latest.get(citizen.id)))]
    rows = []
    for citizen in theirs[:TALK_SHOWN]:
        request = latest.get(citizen.id)
        waited = texts.staff_waited(_minutes_since(citizen.wants_staff_at, ctx.now))
        rows.append(Row(head=texts.STAFF_TALK_ROW_HEAD.format(key=citizen.key, waited=waited),
                        lines=texts.staff_talk_lines(citizen.key, request.ref if request else None),
                        buttons=[taps.action(texts.BUTTON_STAFF_REPLY, "reply", citizen.key)]))
    return rows, len(theirs)


@command("next", Permission.READ)
def next_request(ctx: Context) -> None:
    """The oldest request still waiting in this person's districts (after the one named), ready to decide."""
    if len(ctx.words) > 1:
        raise UsageError
    after = ctx.request(ctx.words[0]) if ctx.words else None
    following = request_store.next_waiting(ctx.session, district_codes=permissions.visible_districts(ctx.staff),
                                           after=after)
    if following is None:
        quick = [item for item in (buttons.queue_item(),) if item is not None]
        ctx.answer(messages.text(texts.STAFF_NEXT_NONE, quick or None))
        return
    _show(ctx, following)


@command("show", Permission.READ)
def show_request(ctx: Context) -> None:
    if len(ctx.words) != 1:
        raise UsageError
    _show(ctx, ctx.request(ctx.words[0]))


def _show(ctx: Context, request: Request) -> None:
    """The request in full, with the buttons that decide it and [เรื่องถัดไป]."""
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
        quick += [item for other, _ in similar if (item := taps.quick_reply(
            texts.STAFF_BUTTON_DUP.format(ref=other.ref), "dup", f"{request.ref} {other.ref}")) is not None]
    quick += buttons.after_action(request)
    ctx.answer(card(texts.staff_show_title(request.ref, request.status.value),
                    [line for line in lines if line is not None], quick_replies=quick or None,
                    buttons=buttons.on_request(request, show=False)))


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
    """This week so far (or สัปดาห์นี้), last week (สัปดาห์ที่แล้ว), or an ISO week in either era."""
    typed = "".join(ctx.words)  # "สัปดาห์ ที่แล้ว" typed with a space means the same
    runtime = ctx.turn.runtime
    if not typed or typed.lower() in texts.STAFF_THIS_WEEK_WORDS:
        week = None
    elif typed.lower() in texts.STAFF_LAST_WEEK_WORDS:
        week = last_complete_week(ctx.now, runtime.tz)
    else:
        try:
            week = typed_iso_week(typed)
        except ValueError as error:
            raise Refusal(texts.STAFF_BAD_WEEK.format(token=typed[:30])) from error
    # Staff limited to some districts see the summary of those districts only: it quotes villagers.
    districts = permissions.visible_districts(ctx.staff)
    ctx.answer(*summary_messages(runtime, ctx.session, week, districts=districts)[:queue.MAX_MESSAGES_PER_CALL])


def _thai_name(entry: registry.Command) -> str | None:
    """How the command is typed in Thai: its first alias; a subcommand's after its parent's (ประชาคม ตั้ง)."""
    if not entry.aliases:
        return None
    if len(entry.words) == 1:
        return entry.aliases[0]
    parent = texts.STAFF_ALIASES.get(entry.words[0], ())
    return f"{parent[0]} {entry.aliases[0]}" if parent else None


def _attachment_counts(request: Request) -> dict[str, int]:
    counts: dict[str, int] = {}
    for attachment in request.attachments:
        if attachment.state != "removed":
            counts[attachment.kind] = counts.get(attachment.kind, 0) + 1
    return counts


def _district_of(request: Request | None) -> str | None:
    return request.district_code if request else None


def _minutes_since(moment: datetime | None, now: datetime) -> int:
    if moment is None:
        return 0
    return max(0, int((now - moment).total_seconds() // 60))


def _age_days(created_at: datetime, now: datetime) -> int:
    return max(0, (now - created_at).days)


def _snippet(text: str | None) -> str:
    return messages.clip(" ".join((text or "").split()), SNIPPET) if text else texts.ERASED_TEXT
