"""Admin commands: /staff (add, list, remove) and /group (register the chat as a staff or official group)."""

from __future__ import annotations

from bot import areas, texts
from bot.staff import parsing, roster
from bot.staff.context import Context, Refusal, UsageError
from bot.staff.permissions import Permission
from bot.staff.registry import command
from bot.staff.views import card
from storage import accounts, audit
from storage.models import Staff

GROUP_KINDS = ("staff", "official")


@command("staff", Permission.ADMIN)
def staff(ctx: Context) -> None:
    try:
        words = parsing.shell_words(ctx.rest)
        action = words[0].lower() if words else "list"
        if action in texts.STAFF_LIST_WORDS:
            _list(ctx)
        elif action in texts.STAFF_ADD_WORDS:
            _add(ctx, words[1:])
        elif action in texts.STAFF_REMOVE_WORDS and len(words) == 2:
            _remove(ctx, words[1])
        else:
            raise UsageError
    except parsing.ParseError as error:
        raise UsageError from error


def _list(ctx: Context) -> None:
    lines = [texts.staff_member_line(member.name, member.role.value,
                                     [areas.district_name(code) or code for code in member.districts or []],
                                     member.line_user_id)
             for member in accounts.all_staff(ctx.session)]
    ctx.answer(card(texts.STAFF_ROSTER_TITLE.format(count=len(lines)), lines))


def _add(ctx: Context, words: list[str]) -> None:
    positional, found = parsing.options(words, repeatable=frozenset({"district"}))
    if len(positional) != 1 or len(found.get("role", [])) != 1:
        raise UsageError
    name = found.get("name", [None])[0]
    if name is not None:
        ctx.fit(name, Staff.name)
    try:
        member, created = roster.enrol(ctx.session, line_user_id=positional[0], role=found["role"][0],
                                       name=name, districts=found.get("district", []),
                                       now=ctx.now)
    except roster.RosterError as error:
        raise Refusal(texts.staff_roster_error(error.field, error.value)) from error
    audit.record(ctx.session, request=None, staff=ctx.staff, action="staff_add", at=ctx.now,
                 after={"staff_id": member.id, "role": member.role.value, "districts": member.districts})
    ctx.say(texts.staff_enrolled(member.name, member.role.value, created))


def _remove(ctx: Context, line_user_id: str) -> None:
    if line_user_id == ctx.staff.line_user_id:
        raise Refusal(texts.STAFF_CANNOT_REMOVE_SELF)
    member = accounts.staff_by_line_id(ctx.session, line_user_id)
    if member is None or not roster.remove(ctx.session, line_user_id, ctx.now):
        raise Refusal(texts.STAFF_NOT_ON_ROSTER)
    audit.record(ctx.session, request=None, staff=ctx.staff, action="staff_remove", at=ctx.now,
                 before={"staff_id": member.id, "role": member.role.value})
    ctx.say(texts.STAFF_REMOVED.format(name=member.name or "-"))


@command("group", Permission.ADMIN, in_unregistered_groups=True)
def group(ctx: Context) -> None:
    incoming = ctx.turn.incoming
    if incoming.is_private or not incoming.chat_id:
        raise Refusal(texts.STAFF_GROUP_ONLY_IN_GROUPS)
    words = ctx.words
    if len(words) != 1:
        raise UsageError
    kind = texts.STAFF_GROUP_KIND_WORDS.get(words[0].lower(), words[0].lower())
    if kind == "off":
        accounts.unregister_group(ctx.session, incoming.chat_id)
        ctx.say(texts.STAFF_GROUP_OFF)
        return
    if kind not in GROUP_KINDS:
        raise UsageError
    accounts.register_group(ctx.session, line_group_id=incoming.chat_id, kind=kind, staff=ctx.staff, now=ctx.now)
    audit.record(ctx.session, request=None, staff=ctx.staff, action="group_register", at=ctx.now,
                 after={"kind": kind})
    ctx.say(texts.staff_group_registered(kind))
