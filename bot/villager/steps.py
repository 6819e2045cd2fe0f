"""The conversation's steps: each handles one event in one state, answers, and returns the next state.

Steps call `reporting` (which stores) and then answer from what it returns, so one message is
stored and answered in a single pass. The table in `conversation` decides which step runs.
"""

from __future__ import annotations

import logging

import nlp
from bot import areas, texts
from bot.line import messages
from bot.villager import answers, forums, media, privacy, reporting, tracking
from bot.villager.chat import IDLE, Chat, Next, State
from storage import citizens
from storage.models import Request

log = logging.getLogger(__name__)

SHORT_ANSWER = 30  # characters: a district typed in answer to "where?", not a new request
DRAFT_LIMIT = 8  # unsure messages kept together; older ones drop off (a draft is a few short lines)
EXCERPT = 40  # characters of a draft quoted back ("เรื่อง "น้ำบ่ไหลมาสามวัน…" ใช่ไหมคะ")
# In an UNSURE draft's context: the kind of message that asks for nothing (advert, forward …) it holds.
NOT_A_REQUEST = "not_a_request"

SHORT_ANSWERS = {
    "greeting": texts.GREETING,
    "thanks": texts.THANKS,
    "test": texts.TEST_ANSWER,
    "laughter": texts.LAUGHTER,
    "sticker": texts.STICKER,
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
        # The greeting first, the privacy notice as one short line: the full notice is a tap away.
        chat.say(texts.WELCOME)
        chat.say(texts.WELCOME_PRIVACY, [answers.privacy_item(), *answers.start_items()])
    return chat.stay()


def farewell(chat: Chat) -> Next:
    chat.citizen.following = False
    chat.citizen.unfollowed_at = chat.turn.now
    return IDLE


# --- words with one meaning in every state -----------------------------------------------------

def cancel(chat: Chat) -> Next:
    """"ยกเลิก" drops what the bot was waiting for, and says honestly what that was."""
    state = chat.state
    if state == State.UNSURE:
        chat.say(texts.UNSURE_DROPPED)
    elif state == State.HOLDING_LOCATION:
        chat.say(texts.LOCATION_DROPPED)
    elif state == State.CONFIRM_DELETE:
        chat.say(texts.DELETE_KEPT)
    elif state in (State.AWAITING_DISTRICT, State.AWAITING_CATEGORY):
        request = reporting.own_request(chat, chat.context.get("request_id"))
        if request is not None and reporting.still_open(request):
            # Only the question goes: the request stays in the queue, and the villager is told so.
            chat.say(texts.QUESTION_DROPPED.format(ref=request.ref), [answers.withdraw_item(chat, request)])
        else:
            chat.say(texts.CANCELLED)
    else:
        chat.say(texts.CANCELLED)
    return IDLE


def nothing_to_cancel(chat: Chat) -> Next:
    recent = reporting.request_for_extras(chat)
    if recent is not None and reporting.still_open(recent):
        chat.say(texts.NOTHING_TO_CANCEL_BUT_REQUEST.format(ref=recent.ref), [answers.withdraw_item(chat, recent)])
    else:
        chat.say(texts.NOTHING_TO_CANCEL)
    return IDLE


def yes_or_no_without_a_question(chat: Chat) -> Next:
    """"ใช่" or "ไม่ใช่" that answers no yes-or-no question: never a request; repeat what is open, if anything."""
    if chat.state == State.HOLDING_LOCATION:
        chat.say(texts.LOCATION_WAITING)
        return chat.stay()
    request = reporting.own_request(chat, chat.context.get("request_id"))
    if chat.state == State.AWAITING_CATEGORY and request is not None and reporting.still_open(request):
        chat.say(texts.ASK_CATEGORY, answers.category_items(chat, request, []))
        return chat.stay()
    chat.say(texts.NOTHING_TO_CANCEL)  # the question timed out, or its words were unsent
    return IDLE


def wait(chat: Chat) -> Next:
    """"เดี๋ยวก่อน": conversation, not a request; whatever the bot was waiting for still stands."""
    chat.say(texts.WAIT_OK)
    return chat.stay()


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


def contact(chat: Chat) -> Next:
    settings = chat.turn.runtime.settings
    chat.say(texts.contact_card(settings.office_hours, settings.contact_phone, settings.contact_address,
                                settings.urgent_numbers), [answers.talk_to_staff_item(chat)])
    return chat.stay()


def talk_to_staff(chat: Chat) -> Next:
    """Flag the chat for staff (shown in their queue) instead of turning the wish into a request."""
    settings = chat.turn.runtime.settings
    hours = settings.office_hours or texts.DEFAULT_OFFICE_HOURS
    if citizens.ask_for_staff(chat.citizen, chat.turn.now):
        log.info("citizen %d asked to talk to staff", chat.citizen.id)
        chat.say(texts.TALK_TO_STAFF_FLAGGED.format(hours=hours, urgent=texts.urgent_numbers(settings.urgent_numbers)))
    else:
        chat.say(texts.TALK_TO_STAFF_ALREADY.format(hours=hours))
    return chat.stay()


def send_media_help(chat: Chat) -> Next:
    chat.say(texts.SEND_PHOTO_OR_LOCATION, answers.start_items())
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
    chat.say(texts.HOW_TO_USE, [answers.privacy_item(), *answers.start_items(),
                                messages.message_item(texts.MENU_CONTACT)])
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
                                    areas.tambon_name(request.tambon_code), request.category, number=request.seq))
    if request.district_code is None:
        chat.say(texts.ASK_DISTRICT, answers.district_items(chat, request))
        return Next(State.AWAITING_DISTRICT, {"request_id": request.id, "ask_category": saved.category_unsure,
                                              "categories": saved.likely_categories})
    if saved.category_unsure:
        chat.say(texts.ASK_CATEGORY, answers.category_items(chat, request, saved.likely_categories))
        return Next(State.AWAITING_CATEGORY, {"request_id": request.id})
    chat.say(texts.FIX_PROMPT, answers.fix_items(chat, request, photo_needed=not saved.attached,
                                                  location_needed=request.lat is None))
    return IDLE


# --- the unsure draft ------------------------------------------------------------------------------
# Short messages the bot is not sure about are kept together (the UNSURE state's context, for the
# state's half hour) and saved as one request on "ใช่ บันทึกเลย": the first message is never replaced.

def _draft(chat: Chat) -> list[str]:
    return [str(text) for text in chat.context.get("texts", [])]


def _caught(texts_: list[str], district_code: str | None) -> str:
    whole = " ".join(texts_)
    excerpt = whole if len(whole) <= EXCERPT else whole[: EXCERPT - 1] + "…"
    district = areas.district_name(district_code)
    if district:
        return texts.UNSURE_CAUGHT_WHERE.format(excerpt=excerpt, district=district)
    return texts.UNSURE_CAUGHT.format(excerpt=excerpt)


def _unsure(chat: Chat, draft: list[str], message_ids: list[str], question: str) -> Next:
    draft, message_ids = draft[-DRAFT_LIMIT:], message_ids[-DRAFT_LIMIT:]
    district = nlp.analyze(" ".join(draft)).district_code
    chat.say(question.format(caught=_caught(draft, district)), answers.unsure_items(chat))
    return Next(State.UNSURE, {"texts": draft, "message_ids": message_ids})


def add_to_draft(chat: Chat) -> Next:
    """Another message while the bot waits for "is this a request?": it joins the draft.

    A held advert, forward and the like joins nothing: the villager moved on without saving it, so it
    is let go and the new message is understood on its own (an advert never rides into the queue
    inside a real request).
    """
    if chat.context.get(NOT_A_REQUEST):
        return Next(State.IDLE, again=True)
    draft, ids = _draft(chat), [str(i) for i in chat.context.get("message_ids", [])]
    message_id = chat.turn.incoming.message_id
    if chat.analysis.intent in SHORT_ANSWERS and not chat.analysis.district_code:
        chat.say(SHORT_ANSWERS[chat.analysis.intent])  # small talk is answered, not added to the draft
        return chat.stay()
    draft.append(chat.text)
    ids.extend([message_id] if message_id else [])
    whole = nlp.analyze(" ".join(draft))
    if whole.is_request and chat.analysis.is_request:
        # The new message is a request in its own right: save it with what came before, at once.
        return _report(chat, " ".join(draft), whole, message_id=ids[0] if ids else None)
    if chat.analysis.district_code and len(chat.text) <= SHORT_ANSWER:
        return _unsure(chat, draft, ids, texts.UNSURE_ASK_WHERE)  # "อยู่แม่ทะเจ้า" answers where
    return _unsure(chat, draft, ids, texts.UNSURE_ASK_MORE)


def save_unsure(chat: Chat) -> Next:
    """The "ใช่ บันทึกเลย" tap (or word): the whole draft becomes one request."""
    text = " ".join(_draft(chat))
    if not text:
        return not_yours(chat)
    ids = chat.context.get("message_ids") or [None]
    return _report(chat, text, nlp.analyze(text), message_id=ids[0])


def drop_unsure(chat: Chat) -> Next:
    chat.say(texts.UNSURE_DROPPED)
    return IDLE


def _answer_non_request(chat: Chat) -> Next:
    intent = chat.analysis.intent
    if intent == "question_forum":
        forums.answer(chat, chat.analysis.district_code)
        return chat.stay()
    if intent == "followup":
        tracking.show_list(chat)
        return chat.stay()
    if intent == "question_pao":  # "เปิดกี่โมง", "เบอร์โทร อบจ.": the practical facts, not a paragraph
        return contact(chat)
    if intent in SHORT_ANSWERS:
        chat.say(SHORT_ANSWERS[intent])
        return chat.stay()
    # Unsure: never lose the message. Say what was caught and offer to save it with one tap.
    message_id = chat.turn.incoming.message_id
    return _unsure(chat, [chat.text], [message_id] if message_id else [], texts.UNSURE_ASK)


def asks_for_nothing(chat: Chat) -> bool:
    """An advert, a forward, an announcement, political talk or a complaint (the NLP says which)."""
    return not chat.analysis.is_request and chat.analysis.intent in texts.NOT_A_REQUEST_ANSWERS


def answer_not_a_request(chat: Chat) -> Next:
    """Thank the person without judging and keep the message out of the staff queue, but hold it as a
    draft (the UNSURE state) so that one tap on [ใช่ บันทึกเลย] still saves it as a request.

    Chat.say gives the answer other words when the same kind of message comes twice in a row.
    """
    message_id = chat.turn.incoming.message_id
    chat.say(texts.NOT_A_REQUEST_ANSWERS[chat.analysis.intent], answers.unsure_items(chat))
    return Next(State.UNSURE, {"texts": [chat.text], "message_ids": [message_id] if message_id else [],
                               NOT_A_REQUEST: chat.analysis.intent})


# --- answering the bot's questions ---------------------------------------------------------------

def answers_where(chat: Chat) -> bool:
    """A short text naming a district, in answer to "which district?" (not a complete new request)."""
    analysis = chat.analysis
    if len(chat.text) > SHORT_ANSWER or not analysis.district_code:
        return False
    return not (analysis.is_request and analysis.confidence.get("category", 0) >= reporting.CATEGORY_SURE)


def answer_district(chat: Chat) -> Next:
    request = _asked_about(chat)
    if isinstance(request, Next):
        return request
    return _set_district(chat, request, chat.analysis.district_code, chat.analysis.tambon_code)


def _asked_about(chat: Chat) -> Request | Next:
    """The request the open question is about, or what to do instead: the question is gone (handle the
    words as usual), or staff decided on the request meanwhile (say so)."""
    request = reporting.own_request(chat, chat.context.get("request_id"))
    if request is None:
        return Next(State.IDLE, again=True)
    if not reporting.still_open(request):
        return _already_handled(chat, request)
    return request


def answers_which_category(chat: Chat) -> bool:
    return answers.category_typed(chat.text) is not None


def ask_district_again(chat: Chat) -> Next:
    """Words that do not answer "which district?": handle them, then ask the open question again."""
    pending = reporting.own_request(chat, chat.context.get("request_id"))
    context = chat.context
    if chat.analysis.is_request:
        following = understand(chat)
        if following.state != State.IDLE:
            return following  # the new request asks its own question now
    elif chat.analysis.intent in SHORT_ANSWERS or chat.analysis.intent in ("question_forum", "followup",
                                                                            "question_pao"):
        _answer_non_request(chat)
    if pending is None or not reporting.still_open(pending) or pending.district_code:
        return IDLE
    chat.say(texts.ASK_DISTRICT_AGAIN.format(ref=pending.ref), answers.district_items(chat, pending))
    return Next(State.AWAITING_DISTRICT, context)


def answer_category(chat: Chat) -> Next:
    request = _asked_about(chat)
    if isinstance(request, Next):
        return request
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
        return _ask_fix(chat, request, "fd")
    if payload.action == "fc":
        return _ask_fix(chat, request, "fc")
    chat.say(texts.CHOICE_NOT_YOURS)
    return chat.stay()


def _ask_fix(chat: Chat, request, action: str) -> Next:  # noqa: ANN001
    if action == "fd":
        chat.say(texts.ASK_DISTRICT, answers.district_items(chat, request))
        return Next(State.AWAITING_DISTRICT, {"request_id": request.id})
    chat.say(texts.ASK_CATEGORY, answers.category_items(chat, request, []))
    return Next(State.AWAITING_CATEGORY, {"request_id": request.id})


def fix_district_typed(chat: Chat) -> Next:
    """Typed "แก้อำเภอ": the same as the button, for the request it must mean."""
    return _fix_typed(chat, "fd")


def fix_category_typed(chat: Chat) -> Next:
    return _fix_typed(chat, "fc")


def _fix_typed(chat: Chat, action: str) -> Next:
    request = reporting.request_to_fix(chat)
    if request is None:
        chat.say(texts.NOTHING_TO_FIX)
        return IDLE
    return _ask_fix(chat, request, action)


# --- withdrawing one request -------------------------------------------------------------------------

def ask_withdraw(chat: Chat) -> Next:
    """[ยกเลิกเรื่องนี้] on a receipt or a detail (or typed): confirm first, it cannot be undone."""
    payload = chat.payload if chat.turn.incoming.kind == "postback" else None
    request = (reporting.own_request(chat, payload.request_id) if payload is not None
               else reporting.request_to_fix(chat))
    if request is None or request.erased_at is not None:
        chat.say(texts.NOTHING_TO_WITHDRAW)
        return chat.stay()
    if not reporting.still_open(request):
        chat.say(texts.WITHDRAW_TOO_LATE.format(ref=request.ref))
        return chat.stay()
    chat.say(texts.WITHDRAW_CONFIRM.format(about=texts.request_about(request.ref, tracking.snippet(request))), [
        messages.postback_item(texts.BUTTON_WITHDRAW_YES, chat.sign("wy", request.id), texts.BUTTON_WITHDRAW_YES),
        messages.postback_item(texts.BUTTON_WITHDRAW_NO, chat.sign("wn", request.id), texts.BUTTON_WITHDRAW_NO),
    ])
    return chat.stay()


def withdraw(chat: Chat) -> Next:
    request = reporting.own_request(chat, chat.payload.request_id if chat.payload else None)
    if request is None or request.erased_at is not None:
        chat.say(texts.NOTHING_TO_WITHDRAW)
        return chat.stay()
    if not reporting.still_open(request):
        chat.say(texts.WITHDRAW_TOO_LATE.format(ref=request.ref))
        return chat.stay()
    ref, request_id = request.ref, request.id
    reporting.withdraw(chat, request)
    log.info("request %d withdrawn by citizen %d", request_id, chat.citizen.id)
    chat.say(texts.WITHDRAWN.format(ref=ref))
    # A question about the withdrawn request no longer stands; any other does.
    return IDLE if chat.context.get("request_id") == request_id else chat.stay()


def keep_request(chat: Chat) -> Next:
    request = reporting.own_request(chat, chat.payload.request_id if chat.payload else None)
    if request is None:
        return not_yours(chat)
    chat.say(texts.WITHDRAW_KEPT.format(ref=request.ref))
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
    if received is None or not received.answer:
        return chat.stay()
    request = received.request
    if request is None:
        chat.say(texts.media_waiting(chat.turn.incoming.kind))
        return chat.stay()
    chat.turn.request_id = request.id
    if chat.state == State.AWAITING_DISTRICT and request.district_code is None:
        # The question is still open: acknowledge, then ask it again (its buttons go on the last bubble).
        chat.say(texts.media_attached(chat.turn.incoming.kind, request.ref))
        chat.say(texts.ASK_DISTRICT_AGAIN.format(ref=request.ref), answers.district_items(chat, request))
        return chat.stay()
    # The fix buttons come again with every acknowledgement, not only on the first receipt.
    items = (answers.fix_items(chat, request, photo_needed=False, location_needed=request.lat is None)
             if reporting.still_open(request) else None)
    chat.say(texts.media_attached(chat.turn.incoming.kind, request.ref), items)
    return chat.stay()


def receive_location(chat: Chat) -> Next:
    _, following = _locate(chat)
    return following or chat.stay()


def answer_where_by_location(chat: Chat) -> Next:
    """A location in answer to "which district?": once the point placed the request, the question is done."""
    request, following = _locate(chat)
    if following is not None:
        return following
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
    """Put the point on the request it belongs to: (the request or None when staff already acted on it,
    the next state when the point raised a question)."""
    incoming = chat.turn.incoming
    request = reporting.request_for_extras(chat)
    if not reporting.still_open(request):
        chat.say(texts.ALREADY_HANDLED.format(ref=request.ref))
        return None, None
    chat.turn.request_id = request.id
    elsewhere = reporting.location_disagrees(request, incoming.latitude, incoming.longitude)
    place = reporting.set_location(chat, request, incoming.latitude, incoming.longitude)
    if elsewhere is not None:
        # The point is in another district than the words named: ask rather than pick one silently.
        written = request.district_code or ""
        chat.say(texts.ASK_DISTRICT_DISAGREES.format(
            located=elsewhere.district_name, written=areas.district_name(written), ref=request.ref), [
            messages.postback_item(name, chat.sign("d", request.id, code), texts.DISTRICT_CHOSEN.format(name=name))
            for code, name in ((elsewhere.district_code, elsewhere.district_name),
                               (written, areas.district_name(written) or ""))])
        return request, Next(State.AWAITING_DISTRICT, {"request_id": request.id})
    body = (texts.LOCATION_SET_WITH_PLACE.format(ref=request.ref, tambon=place.tambon_name,
                                                 district=place.district_name)
            if place is not None else texts.LOCATION_SET.format(ref=request.ref))
    attached = media.attachment_count(chat, request)
    chat.say(body, answers.fix_items(chat, request, photo_needed=not attached, location_needed=False))
    return request, None


def forget_unsent(chat: Chat) -> Next:
    """LINE's unsend: the message's text or file goes wherever the bot kept it."""
    privacy.forget_message(chat.turn, chat.citizen, chat.turn.incoming.message_id or "")
    return chat.stay()


def unsends_the_unsure_text(chat: Chat) -> bool:
    return bool(chat.turn.incoming.message_id) and chat.turn.incoming.message_id in chat.context.get("message_ids", [])


def forget_unsure(chat: Chat) -> Next:
    """A text of the unsure draft was unsent: LINE does not say which words it was, so the draft goes."""
    forget_unsent(chat)
    return IDLE


def _retention_years(chat: Chat) -> int:
    return max(1, round(chat.turn.runtime.settings.retention_days / 365))
