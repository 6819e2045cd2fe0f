"""Group and room chats: the bot collects no requests from group chatter; a mention gets directions."""

from __future__ import annotations

from bot import texts
from bot.line import messages
from bot.turn import Turn


def handle(turn: Turn) -> None:
    incoming = turn.incoming
    if incoming.kind == "join" or (incoming.kind == "text" and incoming.mentions_bot):
        turn.reply(messages.text(texts.GROUP_HOW_TO_REPORT))
