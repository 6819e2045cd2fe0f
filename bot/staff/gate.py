"""Staff commands typed in LINE chat: find the staff member, gate by permission, run, answer in Thai.

A button on a staff card is a message action that sends the command as if typed (bot.staff.taps),
so taps and typing pass this one gate alike.

Anyone who is not staff (or staff in a group nobody registered) gets no sign that commands exist:
`handle` returns False and the villager flow, or the group handler, answers as usual.
"""

from __future__ import annotations

import logging

from bot import texts
from bot.line import messages
from bot.staff import admin, parsing, permissions, reading, registry, schedule, triaging, villagers  # noqa: F401  (declare the commands)
from bot.staff.context import Context, Refusal, UsageError
from bot.turn import Turn
from storage import accounts

log = logging.getLogger(__name__)


def handle(turn: Turn) -> bool:
    """Run a staff command if this event is one from staff; False lets the villager flow answer."""
    incoming = turn.incoming
    if incoming.kind != "text" or not incoming.text:
        return False
    typed = parsing.split_command(incoming.text)
    if typed is None:
        return False
    staff = accounts.staff_by_line_id(turn.session, incoming.user_id)
    if staff is None:
        return False
    word, rest = typed
    found = registry.find(word, rest)
    command, rest = found if found else (None, rest)
    unregistered_group = not incoming.is_private and accounts.group_by_line_id(turn.session, incoming.chat_id) is None
    if unregistered_group and (command is None or not command.in_unregistered_groups):
        return False
    if command is None:
        turn.reply(messages.text(texts.STAFF_UNKNOWN_COMMAND.format(word=word)))
        return True
    if not permissions.may_run(staff, command.permission):
        log.info("staff %d refused command %s", staff.id, command.name)
        roles = [role.value for role, allowed in permissions.ROLE_PERMISSIONS.items() if command.permission in allowed]
        turn.reply(messages.text(texts.staff_not_allowed(command.name, roles)))
        return True
    context = Context(turn, staff, command.name, rest)
    try:
        with turn.session.begin_nested():  # a refused command keeps nothing of what it started
            command.run(context)
    except UsageError:
        turn.replies.clear()
        turn.reply(messages.text(texts.STAFF_USAGE_ERROR.format(usage=command.usage)))
    except Refusal as refusal:
        turn.replies.clear()
        turn.reply(messages.text(refusal.answer))
    log.info("staff %d ran %s", staff.id, command.name)
    return True
