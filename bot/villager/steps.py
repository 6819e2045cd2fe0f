"""The conversation's steps: each handles one event in one state, answers, and returns the next state.

Steps call `reporting` (which stores) and then answer from what it returns, so one message is
stored and answered in a single pass. The table in `conversation` decides which step runs.
"""

from __future__ import annotations

import nlp
from bot import areas, texts
from bot.line import messages
from bot.villager import answers, forums, media, privacy, reporting, tracking
from bot.villager.chat import IDLE, Chat, Next, State

SHORT_ANSWER = 30  # characters: a district typed in answer to "where?", not a new request

SHORT_ANSWERS = {
    "greeting": texts.GREETING,
    "thanks": texts.THANKS,
    "test": texts.TEST_ANSWER,
    "laughter": texts.LAUGHTER,
    "sticker": texts.STICKER,
    "question_pao": texts.ABOUT_PAO,
}


# --- following ---------------------------------------------------------------------------------

def welcome(chat: Chat) -> Next:
    chat.citizen.following = True
    chat.citizen.unfollowed_at = None
    if chat.citizen.consent_at is None:
        chat.citizen.consent_at = chat.turn.now
    if chat.turn.incoming.unblocked:
        chat.say(texts.WELCOME_BACK)
    else:
        chat.say(texts.WELCOME)
        chat.say(texts.privacy_notice(_retention_years(chat)), answers.start_items())
    return chat.stay()


def farewell(chat: Chat) -> Next:
    chat.citizen.following = False
    chat.citizen.unfollowed_at = chat.turn.now
    return IDLE


# --- words with one meaning in every state -----------------------------------------------------

def cancel(chat: Chat) -> Next:
    chat.say(texts.CANCELLED)
    return IDLE


def nothing_to_cancel(chat: Chat) -> Next:
    chat.say(texts.NOTHING_TO_CANCEL)
    return IDLE


def ask_to_erase(chat: Chat) -> Next:
    chat.say(texts.DELETE_CONFIRM, [
        messages.postback_item(texts.BUTTON_CONFIRM, chat.sign("erase"), texts.BUTTON_CONFIRM),
        messages.message_item(texts.BUTTON_CANCEL),
    ])
    return Next(State.CONFIRM_DELETE)


def list_requests(chat: Chat) -> Next:
    tracking.show_list(chat)
    return chat.stay()


def request_detail(chat: Chat) -> Next:
    tracking.show_detail(chat, chat.text)
    return chat.stay()


def privacy_notice(chat: Chat) -> Next:
    chat.say(texts.privacy_notice(_retention_years(chat)))
    return chat.stay()


def tell_line_id(chat: Chat) -> Next:
    # New staff cannot see their own LINE id in the app; an admin needs it to enrol them.
    chat.say(texts.YOUR_LINE_ID.format(user_id=chat.turn.incoming.user_id))
    return chat.stay()


def describe_data(chat: Chat) -> Next:
    privacy.describe(chat.turn, chat.citizen)
    return chat.stay()


def how_to_report(chat: Chat) -> Next:
    chat.say(texts.MENU_REPORT_HELP, answers.start_items())
    return chat.stay()


def help_text(chat: Chat) -> Next:
    chat.say(texts.WELCOME, answers.start_items())
    return chat.stay()


def forum_dates(chat: Chat) -> Next:
    forums.answer(chat, None)
    return chat.stay()


# --- erasing -------------------------------------------------------------------------------------

def erase(chat: Chat) -> Next:
    privacy.erase(chat.turn, chat.citizen)
    chat.say(texts.DELETED)
    return IDLE


def keep_data(chat: Chat) -> Next:
    """Anything but "ยืนยัน" keeps the data; the words are then understood as usual."""
    chat.say(texts.DELETE_KEPT)
    return Next(State.IDLE, again=True)


# --- reporting -----------------------------------------------------------------------------------

def understand(chat: Chat) -> Next:
    """A text that no question was waiting for: a request, or something else to answer."""
    if chat.analysis.is_request:
        return _report(chat, chat.text, chat.analysis)
    return _answer_non_request(chat)


def is_request(chat: Chat) -> bool:
    return chat.analysis.is_request


def report_where_held(chat: Chat) -> Next:
    """The words for a location sent first: the request is stored at that point."""
    lat, lon = chat.context["location"]
    return _report(chat, chat.text, chat.analysis, location=(float(lat), float(lon)))


def _report(chat: Chat, text: str, analysis: nlp.Analysis, message_id: str | None = None,
            location: tuple[float, float] | None = None) -> Next:
    saved = reporting.create_request(chat, text, analysis, message_id=message_id, location=location)
    request = saved.request
    chat.turn.request_id = request.id
    chat.say(texts.request_received(request.ref, areas.district_name(request.district_code),
                                    areas.tambon_name(request.tambon_code), request.category))
    if request.district_code is None:
        chat.say(texts.ASK_DISTRICT, answers.district_items(chat, request))
        return Next(State.AWAITING_DISTRICT, {"request_id": request.id, "ask_category": saved.category_unsure,
                                              "categories": saved.likely_categories})
    if saved.category_unsure:
        chat.say(texts.ASK_CATEGORY, answers.category_items(chat, request, saved.likely_categories))
        return Next(State.AWAITING_CATEGORY, {"request_id": request.id})
    chat.say(texts.FIX_PROMPT, answers.fix_items(chat, request, photo_needed=not saved.attached))
    return IDLE


def save_unsure(chat: Chat) -> Next:
    """The "save it as a request" tap on a text the bot was not sure about."""
    text = chat.context.get("text", "")
    return _report(chat, text, nlp.analyze(text), message_id=chat.context.get("message_id"))


def _answer_non_request(chat: Chat) -> Next:
    intent = chat.analysis.intent
    if intent == "question_forum":
        forums.answer(chat, chat.analysis.district_code)
        return chat.stay()
    if intent == "followup":
        tracking.show_list(chat)
        return chat.stay()
    if intent in SHORT_ANSWERS:
        chat.say(SHORT_ANSWERS[intent])
        return chat.stay()
    # Unsure: never lose the message. Offer to save it as a request with one tap.
    chat.say(texts.NOT_UNDERSTOOD, [
        messages.postback_item(texts.BUTTON_SAVE_AS_REQUEST, chat.sign("save"), texts.BUTTON_SAVE_AS_REQUEST),
    ])
    return Next(State.UNSURE, {"text": chat.text, "message_id": chat.turn.incoming.message_id})


# --- answering the bot's questions ---------------------------------------------------------------

def answers_where(chat: Chat) -> bool:
    """A short text naming a district, in answer to "which district?" (not a complete new request)."""
    analysis = chat.analysis
    if len(chat.text) > SHORT_ANSWER or not analysis.district_code:
        return False
    return not (analysis.is_request and analysis.confidence.get("category", 0) >= reporting.CATEGORY_SURE)


def answer_district(chat: Chat) -> Next:
    request = reporting.own_request(chat, chat.context.get("request_id"))
    if request is None:
        return Next(State.IDLE, again=True)
    if not reporting.still_open(request):
        return _already_handled(chat, request)
    return _set_district(chat, request, chat.analysis.district_code, chat.analysis.tambon_code)


def answers_which_category(chat: Chat) -> bool:
    return answers.category_typed(chat.text) is not None


def answer_category(chat: Chat) -> Next:
    request = reporting.own_request(chat, chat.context.get("request_id"))
    if request is None:
        return Next(State.IDLE, again=True)
    if not reporting.still_open(request):
        return _already_handled(chat, request)
    return _set_category(chat, request, answers.category_typed(chat.text) or "other")


def choose(chat: Chat) -> Next:
    """A tapped quick reply about one request: set or fix its district or category."""
    payload = chat.payload
    request = reporting.own_request(chat, payload.request_id) if payload else None
    if payload is None or request is None:
        chat.say(texts.CHOICE_NOT_YOURS)
        return chat.stay()
    if not reporting.still_open(request):  # a tapped button is answered in its own words
        chat.say(texts.CHOICE_TOO_LATE.format(ref=request.ref))
        return IDLE
    if payload.action == "d" and areas.district_name(payload.value):
        return _set_district(chat, request, payload.value, None)
    if payload.action == "c" and payload.value in texts.CATEGORY_LABELS:
        return _set_category(chat, request, payload.value)
    if payload.action == "fd":
        chat.say(texts.ASK_DISTRICT, answers.district_items(chat, request))
        return Next(State.AWAITING_DISTRICT, {"request_id": request.id})
    if payload.action == "fc":
        chat.say(texts.ASK_CATEGORY, answers.category_items(chat, request, []))
        return Next(State.AWAITING_CATEGORY, {"request_id": request.id})
    chat.say(texts.CHOICE_NOT_YOURS)
    return chat.stay()


def _set_district(chat: Chat, request, code: str, tambon_code: str | None) -> Next:  # noqa: ANN001
    reporting.set_district(chat, request, code, tambon_code)
    chat.say(texts.DISTRICT_SET.format(district=areas.district_name(code), ref=request.ref))
    if chat.context.get("ask_category"):
        chat.say(texts.ASK_CATEGORY, answers.category_items(chat, request, chat.context.get("categories", [])))
        return Next(State.AWAITING_CATEGORY, {"request_id": request.id})
    return IDLE


def _set_category(chat: Chat, request, slug: str) -> Next:  # noqa: ANN001
    reporting.set_category(chat, request, slug)
    chat.say(texts.CATEGORY_SET.format(category=texts.category_label(slug), ref=request.ref))
    return IDLE


def _already_handled(chat: Chat, request) -> Next:  # noqa: ANN001
    """Staff decided on the request meanwhile: the question no longer stands."""
    chat.say(texts.ALREADY_HANDLED.format(ref=request.ref))
    return IDLE


# --- buttons that need no request ----------------------------------------------------------------

def not_yours(chat: Chat) -> Next:
    chat.say(texts.CHOICE_NOT_YOURS)
    return chat.stay()


def nothing_to_erase(chat: Chat) -> Next:
    chat.say(texts.NOTHING_TO_CANCEL)
    return chat.stay()


def forum_of_district(chat: Chat) -> Next:
    forums.answer(chat, (chat.payload.value if chat.payload else "") or None)
    return chat.stay()


# --- photos, locations, stickers, unsent messages ------------------------------------------------

def sticker(chat: Chat) -> Next:
    chat.say(texts.STICKER)
    return chat.stay()


def receive_media(chat: Chat) -> Next:
    received = media.receive(chat)
    if received is not None and received.answer:
        if received.request is not None:
            chat.turn.request_id = received.request.id
            chat.say(texts.media_attached(chat.turn.incoming.kind, received.request.ref))
        else:
            chat.say(texts.media_waiting(chat.turn.incoming.kind))
    return chat.stay()


def receive_location(chat: Chat) -> Next:
    _locate(chat)
    return chat.stay()


def answer_where_by_location(chat: Chat) -> Next:
    """A location in answer to "which district?": once the point placed the request, the question is done."""
    request = _locate(chat)
    return IDLE if request is not None and request.district_code else chat.stay()


def hold_location(chat: Chat) -> Next:
    """A location with no request to join: it waits for the words (a state of its own, with a timeout)."""
    incoming = chat.turn.incoming
    chat.say(texts.LOCATION_WAITING)
    return Next(State.HOLDING_LOCATION, {"location": [incoming.latitude, incoming.longitude]})


def inside_lampang(chat: Chat) -> bool:
    incoming = chat.turn.incoming
    return (incoming.latitude is not None and incoming.longitude is not None
            and nlp.locate(incoming.latitude, incoming.longitude) is not None)


def location_outside(chat: Chat) -> Next:
    chat.say(texts.LOCATION_OUTSIDE)
    return chat.stay()


def has_request_for_extras(chat: Chat) -> bool:
    return reporting.request_for_extras(chat) is not None


def _locate(chat: Chat):  # noqa: ANN202
    """Put the point on the request it belongs to; the request, or None when staff already acted on it."""
    incoming = chat.turn.incoming
    request = reporting.request_for_extras(chat)
    if not reporting.still_open(request):
        chat.say(texts.ALREADY_HANDLED.format(ref=request.ref))
        return None
    place = reporting.set_location(chat, request, incoming.latitude, incoming.longitude)
    if place is not None:
        chat.say(texts.LOCATION_SET_WITH_PLACE.format(ref=request.ref, tambon=place.tambon_name,
                                                      district=place.district_name))
    else:
        chat.say(texts.LOCATION_SET.format(ref=request.ref))
    return request


def forget_unsent(chat: Chat) -> Next:
    """LINE's unsend: the message's text or file goes wherever the bot kept it."""
    privacy.forget_message(chat.turn, chat.citizen, chat.turn.incoming.message_id or "")
    return chat.stay()


def unsends_the_unsure_text(chat: Chat) -> bool:
    return bool(chat.turn.incoming.message_id) and chat.context.get("message_id") == chat.turn.incoming.message_id


def forget_unsure(chat: Chat) -> Next:
    """The text the bot offered to save was unsent: forget it, and the offer with it."""
    forget_unsent(chat)
    return IDLE


def _retention_years(chat: Chat) -> int:
    return max(1, round(chat.turn.runtime.settings.retention_days / 365))
