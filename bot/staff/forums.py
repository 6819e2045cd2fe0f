"""The forum schedule: 13 district forums and the provincial one ("52"), and scheduling them from chat."""

from __future__ import annotations

from bot import places, texts
from bot.staff import parsing, permissions
from bot.staff.context import Context, Refusal, UsageError
from bot.staff.registry import Permission
from storage import triage
from storage.models import Forum

PROVINCE = "52"


def district_of(word: str) -> str | None:
    """A district code, or "52" for the provincial forum (typed "52", "จังหวัด", "province"...)."""
    if word.strip().lower() in {PROVINCE, *texts.STAFF_PROVINCE_WORDS}:
        return PROVINCE
    return places.district_code(word)


def name(code: str) -> str:
    return texts.PROVINCE_FORUM if code == PROVINCE else texts.forum_where(places.district_name(code))


def schedule(ctx: Context, words: list[str]) -> None:
    """/forum set DISTRICT YYYY-MM-DD venue — needs triage rights over that district (province: all)."""
    if Permission.TRIAGE not in permissions.ROLE_PERMISSIONS.get(ctx.staff.role, frozenset()):
        raise Refusal(texts.STAFF_NOT_ALLOWED.format(name="forum set"))
    if len(words) < 3:
        raise UsageError
    code = district_of(words[0])
    if code is None:
        raise UsageError
    try:
        held_on = parsing.day(words[1])
    except parsing.ParseError as error:
        raise UsageError from error
    venue = ctx.fit(" ".join(words[2:]), Forum.venue)
    if not permissions.covers(ctx.staff, code):  # the provincial forum: only staff without a district limit
        raise Refusal(texts.STAFF_DISTRICT_OUTSIDE.format(district=name(code)))
    if held_on < ctx.today:
        raise Refusal(texts.STAFF_FORUM_IN_PAST)
    forum, created = triage.save_forum(ctx.session, district_code=code, held_on=held_on, venue=venue,
                                       now=ctx.now, today=ctx.today)
    triage.audit(ctx.session, request=None, staff=ctx.staff, action="forum_set", at=ctx.now,
                 after={"district_code": code, "held_on": held_on.isoformat(), "venue": venue})
    ctx.say(texts.staff_forum_saved(name(code), forum.held_on, forum.venue, created))
