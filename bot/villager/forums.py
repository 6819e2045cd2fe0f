"""Answering "when is our forum?": the date and venue of a district's next forum, or a choice of district."""

from __future__ import annotations

from bot import areas, texts
from bot.line import messages
from bot.villager.chat import Chat
from storage import forum_dates, request_store


def answer(chat: Chat, district_code: str | None) -> None:
    session = chat.turn.session
    today = chat.turn.now.astimezone(chat.turn.runtime.tz).date()
    if district_code is None:
        latest, _ = request_store.requests_of(session, chat.citizen.id, 1)
        district_code = latest[0].district_code if latest else None
    if district_code is None:
        items = [messages.postback_item(name, chat.sign("forum", 0, code),
                                        texts.FORUM_CHOSEN.format(name=name))
                 for code, name in areas.districts()]
        chat.say(texts.FORUM_ASK_DISTRICT, items)
        return
    forum = forum_dates.next_forum(session, district_code, today)
    name = None if district_code == areas.PROVINCE else areas.district_name(district_code)
    chat.say(texts.forum_answer_for_villager(name, forum.held_on if forum else None, forum.venue if forum else None))
