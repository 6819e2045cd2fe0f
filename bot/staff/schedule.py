"""/forum set: scheduling the 13 district forums and the provincial one from chat."""

from __future__ import annotations

from bot import areas, texts
from bot.staff import parsing, permissions
from bot.staff.context import Context, Refusal, UsageError
from bot.staff.permissions import Permission
from bot.staff.registry import command
from storage import audit, forum_dates
from storage.models import Forum


@command("forum set", Permission.TRIAGE)
def schedule(ctx: Context) -> None:
    """/forum set DISTRICT DATE venue — needs triage rights over that district (province: all).

    The date is written as people write it (20/1/2570, 20 ม.ค. 70, พรุ่งนี้; see parsing.day).
    """
    words = ctx.words
    if len(words) < 3:
        raise UsageError
    code = areas.forum_area(words[0])
    if code is None:
        raise UsageError
    try:
        held_on, used = parsing.leading_day(words[1:], ctx.today)
    except parsing.ParseError as error:
        raise Refusal(texts.STAFF_BAD_DATE.format(token=words[1][:30])) from error
    if len(words) <= 1 + used:  # the venue is required
        raise UsageError
    venue = ctx.fit(" ".join(words[1 + used:]), Forum.venue)
    if not permissions.covers(ctx.staff, code):  # the provincial forum: only staff without a district limit
        raise Refusal(texts.STAFF_DISTRICT_OUTSIDE.format(district=areas.forum_name(code)))
    if held_on < ctx.today:
        raise Refusal(texts.STAFF_FORUM_IN_PAST)
    forum, created = forum_dates.save_forum(ctx.session, district_code=code, held_on=held_on, venue=venue,
                                       now=ctx.now, today=ctx.today)
    audit.record(ctx.session, request=None, staff=ctx.staff, action="forum_set", at=ctx.now,
                 after={"district_code": code, "held_on": held_on.isoformat(), "venue": venue})
    ctx.say(texts.staff_forum_saved(areas.forum_name(code), forum.held_on, forum.venue, created))
