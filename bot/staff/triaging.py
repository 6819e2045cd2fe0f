"""Commands that change requests: accept, reject, refer, dup, plan, notplan, done, set and note."""

from __future__ import annotations

from typing import Any

import nlp
from bot import areas, texts
from bot.line import messages
from bot.staff import actions, buttons, parsing, permissions
from bot.staff.actions import Outcome, Result
from bot.staff.context import Context, Refusal, UsageError
from bot.staff.permissions import Permission
from bot.staff.registry import command
from bot.staff.views import card
from storage import request_store
from storage.models import Request, Status

MAX_REFS_AT_ONCE = 20


@command("accept", Permission.TRIAGE)
def accept(ctx: Context) -> None:
    refs = ctx.words
    if not 1 <= len(refs) <= MAX_REFS_AT_ONCE:
        raise UsageError
    lines = []
    last: Request | None = None
    for token in refs:
        try:
            request = ctx.request(token)
        except Refusal as refusal:
            lines.append(refusal.answer)
            continue
        lines.append(_outcome_line(request, _change(ctx, request, Status.ACCEPTED, "accept")))
        last = request
    quick = buttons.after_action(last) if last is not None else None
    if len(lines) == 1:
        ctx.answer(messages.text(lines[0], quick))
    else:
        ctx.answer(card(texts.STAFF_BATCH_TITLE.format(count=len(refs)), lines, quick_replies=quick))


@command("reject", Permission.TRIAGE)
def reject(ctx: Context) -> None:
    """With a reason: reject. With the reference alone: ask why, offering the reasons used before."""
    if len(ctx.words) == 1:
        _pick(ctx, "reject", Status.REJECTED, texts.STAFF_COMMON_REASONS)
        return
    request, reason = _ref_and_text(ctx, Request.status_reason)
    _decided(ctx, request, _change(ctx, request, Status.REJECTED, "reject", reason=reason))


@command("refer", Permission.TRIAGE)
def refer(ctx: Context) -> None:
    """With an agency: refer. With the reference alone: ask to whom, offering the agencies used before."""
    if len(ctx.words) == 1:
        _pick(ctx, "refer", Status.REFERRED, texts.STAFF_COMMON_AGENCIES)
        return
    request, agency = _ref_and_text(ctx, Request.referred_to)
    _decided(ctx, request, _change(ctx, request, Status.REFERRED, "refer", agency=agency))


def _pick(ctx: Context, command_name: str, target: Status, common: tuple[str, ...]) -> None:
    request = ctx.request(ctx.words[0])
    if not actions.allowed(request.status, target):
        ctx.answer(messages.text(_illegal(request), buttons.after_action(request)))
        return
    used = request_store.recent_outcomes(ctx.session, target, buttons.PICKER_CHOICES)
    values = buttons.offerable(command_name, request, [*used, *common])
    usage = texts.staff_usage_for(command_name, request.ref)
    question = texts.staff_pick(command_name, request.ref, values, usage)
    quick = buttons.picker(command_name, request, values)
    quick += [item for item in (buttons.next_item(request),) if item is not None]
    ctx.answer(messages.text(question, quick))


def _decided(ctx: Context, request: Request, result: Result) -> None:
    """The outcome of one decision, with [เรื่องถัดไป] so the next one is a tap away."""
    ctx.answer(messages.text(_outcome_line(request, result), buttons.after_action(request)))


@command("dup", Permission.TRIAGE)
def duplicate(ctx: Context) -> None:
    if len(ctx.words) != 2:
        raise UsageError
    request, original = ctx.request(ctx.words[0]), ctx.request(ctx.words[1])
    while original.duplicate_of is not None:  # fold onto the request that stays on the agenda
        original = original.duplicate_of
    if not permissions.covers(ctx.staff, original.district_code):  # that one must be theirs too
        raise Refusal(texts.STAFF_OUTSIDE_DISTRICTS.format(ref=original.ref))
    if original.id == request.id:
        raise Refusal(texts.STAFF_DUP_SELF.format(ref=request.ref))
    _decided(ctx, request, _change(ctx, request, Status.DUPLICATE, "dup", original=original))


@command("plan", Permission.TRIAGE)
def plan(ctx: Context) -> None:
    request = _ref_only(ctx)
    _decided(ctx, request, _change(ctx, request, Status.PLANNED, "plan"))


@command("notplan", Permission.TRIAGE)
def not_plan(ctx: Context) -> None:
    request, reason = _ref_and_text(ctx, Request.status_reason)
    _decided(ctx, request, _change(ctx, request, Status.NOT_PLANNED, "notplan", reason=reason))


@command("done", Permission.TRIAGE)
def done(ctx: Context) -> None:
    request = _ref_only(ctx)
    _decided(ctx, request, _change(ctx, request, Status.DONE, "done"))


@command("set", Permission.TRIAGE)
def set_fields(ctx: Context) -> None:
    if len(ctx.words) < 2:
        raise UsageError
    request = ctx.request(ctx.words[0])
    pairs = _pairs(ctx.words[1:])
    changes: dict[str, str | None] = {}
    # ctx.request already refused a request outside this person's districts; every district the
    # request ends up in must be theirs too, however it was named (district=, or a tambon's code).
    district = request.district_code
    if "district" in pairs:
        district = areas.district_code(pairs["district"])
        if district is None:
            raise Refusal(texts.STAFF_UNKNOWN_DISTRICT.format(word=pairs["district"]))
        changes["district_code"] = district
        if request.tambon_code and not request.tambon_code.startswith(district):
            changes["tambon_code"] = None  # the old tambon lies in another district
    if "tambon" in pairs:
        tambon = _tambon(pairs["tambon"], district)
        if district is None:  # a request not yet placed: the tambon places it
            district = changes["district_code"] = tambon[:4]
        elif not tambon.startswith(district):  # a code finds a tambon anywhere; it must lie in the district
            raise Refusal(texts.STAFF_TAMBON_OUTSIDE_DISTRICT.format(
                tambon=areas.tambon_name(tambon), district=areas.district_name(district)))
        changes["tambon_code"] = tambon
    if not permissions.covers(ctx.staff, district):
        raise Refusal(texts.STAFF_DISTRICT_OUTSIDE.format(district=areas.district_name(district)))
    if "category" in pairs:
        slug = texts.staff_category_from_word(pairs["category"])
        if slug is None:
            raise Refusal(texts.STAFF_UNKNOWN_CATEGORY.format(word=pairs["category"]))
        changes["category"] = slug
    result = actions.edit(ctx.session, request, changes, staff=ctx.staff, now=ctx.now)
    if result.outcome == Outcome.CONFLICT:
        ctx.answer(messages.text(texts.STAFF_CONFLICT.format(ref=request.ref), buttons.after_action(request)))
        return
    ctx.answer(messages.text(texts.staff_fields_set(request.ref, areas.district_name(request.district_code),
                                                    areas.tambon_name(request.tambon_code), request.category),
                             [*buttons.on_request_quick(request), *buttons.after_action(request)]))


@command("note", Permission.TRIAGE)
def note(ctx: Context) -> None:
    request, text = _ref_and_text(ctx)
    actions.note(ctx.session, request, text, staff=ctx.staff, now=ctx.now)
    ctx.answer(messages.text(texts.STAFF_NOTED.format(ref=request.ref),
                             [*buttons.on_request_quick(request), *buttons.after_action(request)]))


def _change(ctx: Context, request: Request, target: Status, action: str, **details: object) -> Result:
    return actions.change_status(ctx.session, request, target, staff=ctx.staff, now=ctx.now, today=ctx.today,
                                 action=action, **details)  # type: ignore[arg-type]


def _outcome_line(request: Request, result: Result) -> str:
    if result.outcome == Outcome.CONFLICT:
        return texts.STAFF_CONFLICT.format(ref=request.ref)
    if result.outcome == Outcome.ILLEGAL:
        return _illegal(request)
    return "\n".join(actions.told_staff(request, result))


# The command that moves a request to each status, for refusals that name what would work.
COMMAND_FOR_STATUS: dict[Status, str] = {
    Status.ACCEPTED: "accept", Status.REJECTED: "reject", Status.REFERRED: "refer", Status.DUPLICATE: "dup",
    Status.PLANNED: "plan", Status.NOT_PLANNED: "notplan", Status.DONE: "done",
}


def _illegal(request: Request) -> str:
    """Why this change cannot be made now, and the commands (with the reference filled in) that can."""
    names = [COMMAND_FOR_STATUS[status] for status in COMMAND_FOR_STATUS
             if status in actions.TRANSITIONS.get(request.status, ())]
    commands = [(texts.staff_usage_for(name, request.ref), texts.STAFF_PURPOSE[name])
                for name in names]
    return texts.staff_illegal_commands(request.ref, request.status.value, commands)


def _ref_only(ctx: Context) -> Request:
    if len(ctx.words) != 1:
        raise UsageError
    return ctx.request(ctx.words[0])


def _ref_and_text(ctx: Context, column: Any = None) -> tuple[Request, str]:
    """A reference then free text (a reason, an agency, a note), which is required and fits `column`."""
    parts = ctx.rest.split(maxsplit=1)
    if len(parts) != 2 or not parts[1].strip():
        raise UsageError
    text = parts[1].strip()
    return ctx.request(parts[0]), ctx.fit(text, column) if column is not None else text


def _pairs(words: list[str]) -> dict[str, str]:
    try:
        pairs = parsing.key_values(words)
    except parsing.ParseError as error:
        raise UsageError from error
    known = {texts.STAFF_FIELD_WORDS.get(key, key): value for key, value in pairs.items()}
    if not known or set(known) - {"district", "tambon", "category"}:
        raise UsageError
    return known


def _tambon(word: str, district: str | None) -> str:
    tambon = nlp.gazetteer().find_tambon(word, district)
    if tambon is None:
        raise Refusal(texts.STAFF_UNKNOWN_TAMBON.format(word=word))
    return tambon.code
