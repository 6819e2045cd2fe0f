"""The villager conversation as a state table: named states, the handlers for each event, a timeout.

Every private event from a villager arrives here (staff commands were tried first). The state lives
in the `conversation` table so any worker process can take the next message; "ยกเลิก" (cancel)
works in every state, and a state that times out falls back to idle.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

import nlp
from bot import forums, media, messages, postback, privacy, reporting, texts, tracking
from bot.chat import Chat, State
from storage import queries
from storage.models import Conversation

if TYPE_CHECKING:
    from bot.dispatch import Turn


SHORT_ANSWER = 30  # characters: a district typed in answer to a question, not a new request
REF_ALONE = re.compile(r"^\s*(LP\s*-?\s*\d{2}\s*-?\s*\d{1,5})\s*$", re.IGNORECASE)


def handle(turn: Turn) -> None:
    incoming = turn.incoming
    handler = HANDLERS.get(incoming.kind)
    if handler is None or not incoming.user_id:
        return
    citizen = queries.citizen_for(turn.session, incoming.user_id, turn.now)
    turn.citizen_id = citizen.id
    row = turn.session.get(Conversation, citizen.id)
    if row is None:
        row = Conversation(citizen_id=citizen.id, state=State.IDLE.value, context={})
        turn.session.add(row)
    handler(Chat(turn, citizen, row))


# --- events ------------------------------------------------------------------------------------

def on_follow(chat: Chat) -> None:
    chat.citizen.following = True
    chat.citizen.unfollowed_at = None
    if chat.citizen.consent_at is None:
        chat.citizen.consent_at = chat.turn.now
    if chat.turn.incoming.unblocked:
        chat.say(texts.WELCOME_BACK)
        return
    chat.say(texts.WELCOME)
    chat.say(texts.privacy_notice(_retention_years(chat)), reporting.start_items())


def _retention_years(chat: Chat) -> int:
    return max(1, round(chat.turn.runtime.settings.retention_days / 365))


def on_unfollow(chat: Chat) -> None:
    chat.citizen.following = False
    chat.citizen.unfollowed_at = chat.turn.now
    chat.reset()


def on_text(chat: Chat) -> None:
    text = " ".join((chat.turn.incoming.text or "").split())
    word = text.lower()
    if word in texts.WORDS_CANCEL:
        cancel(chat)
        return
    if chat.state == State.CONFIRM_DELETE:
        if word in texts.WORDS_CONFIRM:
            privacy.erase(chat.turn, chat.citizen)
            return
        chat.reset()
        chat.say(texts.DELETE_KEPT)
    if _answer_fixed_words(chat, word):
        return
    ref = REF_ALONE.match(text)
    if ref:
        tracking.show_detail(chat, ref.group(1))
        return
    analysis = nlp.analyze(text)
    if _answers_the_district_question(chat, text, analysis):
        return
    if analysis.is_request:
        reporting.create_from_text(chat, text, analysis)
        return
    _answer_non_request(chat, text, analysis)


def _answer_fixed_words(chat: Chat, word: str) -> bool:
    """Words with one meaning whatever the state: the rich-menu buttons and the privacy commands."""
    if word in texts.WORDS_DELETE:
        chat.goto(State.CONFIRM_DELETE)
        chat.say(texts.DELETE_CONFIRM, [
            messages.postback_item(texts.BUTTON_CONFIRM, chat.sign("erase"), texts.BUTTON_CONFIRM),
            messages.message_item(texts.BUTTON_CANCEL),
        ])
    elif word in texts.WORDS_TRACK:
        tracking.show_list(chat)
    elif word in texts.WORDS_PRIVACY:
        chat.say(texts.privacy_notice(_retention_years(chat)))
    elif word in texts.WORDS_WHOAMI:
        # New staff cannot see their own LINE id in the app; an admin needs it to enrol them.
        chat.say(texts.YOUR_LINE_ID.format(user_id=chat.turn.incoming.user_id))
    elif word in texts.WORDS_MY_DATA:
        privacy.describe(chat.turn, chat.citizen)
    elif word in texts.WORDS_REPORT:
        chat.say(texts.MENU_REPORT_HELP, reporting.start_items())
    elif word in texts.WORDS_HELP:
        chat.say(texts.WELCOME, reporting.start_items())
    elif word in texts.WORDS_FORUM:
        forums.answer(chat, None)
    else:
        return False
    return True


def _answers_the_district_question(chat: Chat, text: str, analysis: nlp.Analysis) -> bool:
    if chat.state != State.AWAITING_DISTRICT or len(text) > SHORT_ANSWER or not analysis.district_code:
        return False
    if analysis.is_request and analysis.confidence.get("category", 0) >= reporting.CATEGORY_SURE:
        return False  # a short but complete new request ("ไฟดับ อ.งาว"), not an answer
    request = reporting.own_open_request(chat, chat.context.get("request_id"))
    if request is None:
        return False
    if not reporting.still_editable(chat, request):
        chat.reset()  # the question no longer stands: staff decided on the request meanwhile
        return True
    reporting.set_district(chat, request, analysis.district_code, analysis.tambon_code)
    return True


def _answer_non_request(chat: Chat, text: str, analysis: nlp.Analysis) -> None:
    intent = analysis.intent
    if intent == "question_forum":
        forums.answer(chat, analysis.district_code)
    elif intent == "followup":
        tracking.show_list(chat)
    elif intent in SHORT_ANSWERS:
        chat.say(SHORT_ANSWERS[intent])
    else:
        # Unsure: never lose the message. Offer to save it as a request with one tap.
        chat.goto(State.IDLE, unsure_text=text, unsure_message_id=chat.turn.incoming.message_id)
        chat.say(texts.NOT_UNDERSTOOD, [
            messages.postback_item(texts.BUTTON_SAVE_AS_REQUEST, chat.sign("save"), texts.BUTTON_SAVE_AS_REQUEST),
        ])


SHORT_ANSWERS = {
    "greeting": texts.GREETING,
    "thanks": texts.THANKS,
    "test": texts.TEST_ANSWER,
    "laughter": texts.LAUGHTER,
    "sticker": texts.STICKER,
    "question_pao": texts.ABOUT_PAO,
}


def on_sticker(chat: Chat) -> None:
    chat.say(texts.STICKER)


def on_postback(chat: Chat) -> None:
    payload = postback.decode(chat.turn.runtime.postback_secret, chat.citizen.key,
                              chat.turn.incoming.postback_data or "")
    if payload is None:
        chat.say(texts.CHOICE_NOT_YOURS)
        return
    if payload.action == "erase":
        if chat.state == State.CONFIRM_DELETE:
            privacy.erase(chat.turn, chat.citizen)
        else:
            chat.say(texts.NOTHING_TO_CANCEL)
        return
    if payload.action == "forum":
        forums.answer(chat, payload.value or None)
        return
    if payload.action == "save":
        unsure = chat.row.context or {}
        if unsure.get("unsure_text"):
            reporting.create_from_text(chat, unsure["unsure_text"], nlp.analyze(unsure["unsure_text"]),
                                       message_id=unsure.get("unsure_message_id"))
        else:
            chat.say(texts.CHOICE_NOT_YOURS)
        return
    reporting.on_choice(chat, payload)


def on_media(chat: Chat) -> None:
    media.receive(chat)


def on_location(chat: Chat) -> None:
    reporting.receive_location(chat)


def on_unsend(chat: Chat) -> None:
    privacy.forget_message(chat.turn, chat.citizen, chat.turn.incoming.message_id or "")
    context = chat.row.context or {}
    if context.get("unsure_message_id") == chat.turn.incoming.message_id:
        chat.reset()


def cancel(chat: Chat) -> None:
    had_step = chat.state != State.IDLE
    chat.reset()
    chat.say(texts.CANCELLED if had_step else texts.NOTHING_TO_CANCEL)


HANDLERS: dict[str, Callable[[Chat], None]] = {
    "follow": on_follow,
    "unfollow": on_unfollow,
    "text": on_text,
    "sticker": on_sticker,
    "postback": on_postback,
    "image": on_media,
    "video": on_media,
    "audio": on_media,
    "file": on_media,
    "location": on_location,
    "unsend": on_unsend,
}
