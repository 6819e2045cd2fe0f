"""The villager conversation as a table: (state, event kind, condition) → step.

Every private event from a villager arrives here (staff commands were tried first). The state
lives in the `conversation` table, so any worker process can take the next message, and each
state times out back to idle (`chat.TIMEOUTS`). Routes are tried in order, as aiogram's handlers
are: cancelling first, then what the current state waits for, then words that mean the same in
every state, then the default for the kind. Each step answers and returns the next state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bot import texts
from bot.turn import Turn
from bot.villager import steps
from bot.villager.chat import Chat, Next, State
from storage import citizens, refs
from storage.models import Conversation

Condition = Callable[[Chat], bool]
Step = Callable[[Chat], Next]

MEDIA = ("image", "video", "audio", "file")


@dataclass(frozen=True)
class Route:
    states: frozenset[State] | None  # None: every state
    kinds: tuple[str, ...]
    when: Condition | None
    step: Step

    def applies(self, chat: Chat, kind: str) -> bool:
        return ((self.states is None or chat.state in self.states) and kind in self.kinds
                and (self.when is None or self.when(chat)))


# Longest first, sorted once: `plain` runs for nearly every route of every text.
_ENDINGS = tuple(sorted(texts.POLITE_ENDINGS, key=len, reverse=True))


def plain(text: str) -> str:
    """The words without polite endings: "ขอคุยกับเจ้าหน้าที่ค่ะ" means "ขอคุยกับเจ้าหน้าที่"."""
    words = text.lower().strip()
    stripped = True
    while stripped:
        stripped = False
        for ending in _ENDINGS:
            if words.endswith(ending) and len(words) > len(ending):
                words, stripped = words[: -len(ending)].strip(), True
    return words


def said(words: frozenset[str] | set[str] | tuple[str, ...]) -> Condition:
    return lambda chat: chat.text.lower() in words or plain(chat.text) in words


def tapped(*actions: str) -> Condition:
    return lambda chat: chat.payload is not None and chat.payload.action in actions


def _forged(chat: Chat) -> bool:
    return chat.payload is None


def _reference_alone(chat: Chat) -> bool:
    return refs.parse(chat.text) is not None or refs.bare_number(chat.text) is not None


def when_in(*states: State) -> frozenset[State]:
    return frozenset(states)


ANY = None

ROUTES: tuple[Route, ...] = (
    # Cancelling works whatever the bot is waiting for, and says what it dropped.
    Route(when_in(State.IDLE), ("text",), said(texts.WORDS_CANCEL), steps.nothing_to_cancel),
    Route(ANY, ("text",), said(texts.WORDS_CANCEL), steps.cancel),
    # What each state waits for.
    Route(when_in(State.CONFIRM_DELETE), ("text",), said(texts.WORDS_CONFIRM), steps.erase),
    Route(when_in(State.CONFIRM_DELETE), ("text",), None, steps.keep_data),
    Route(when_in(State.AWAITING_DISTRICT), ("text",), steps.answers_where, steps.answer_district),
    Route(when_in(State.AWAITING_CATEGORY), ("text",), steps.answers_which_category, steps.answer_category),
    Route(when_in(State.UNSURE), ("text",), said(texts.WORDS_YES_SAVE), steps.save_unsure),
    Route(when_in(State.UNSURE), ("text",), said(texts.WORDS_NOT_A_REQUEST), steps.drop_unsure),
    # Words with one meaning in every state: the rich-menu buttons, corrections, the privacy commands.
    # None of them is ever offered to be saved as a request.
    Route(ANY, ("text",), said(texts.WORDS_WAIT), steps.wait),
    Route(when_in(State.IDLE, State.AWAITING_CATEGORY, State.HOLDING_LOCATION), ("text",),
          said(texts.WORDS_YES_SAVE + texts.WORDS_NOT_A_REQUEST), steps.yes_or_no_without_a_question),
    Route(ANY, ("text",), said(texts.WORDS_WITHDRAW), steps.ask_withdraw),
    Route(ANY, ("text",), said(texts.WORDS_FIX_DISTRICT), steps.fix_district_typed),
    Route(ANY, ("text",), said(texts.WORDS_FIX_CATEGORY), steps.fix_category_typed),
    Route(ANY, ("text",), said(texts.WORDS_DELETE), steps.ask_to_erase),
    Route(ANY, ("text",), said(texts.WORDS_TRACK), steps.list_requests),
    Route(ANY, ("text",), said(texts.WORDS_PRIVACY), steps.privacy_notice),
    Route(ANY, ("text",), said(texts.WORDS_WHOAMI), steps.tell_line_id),
    Route(ANY, ("text",), said(texts.WORDS_MY_DATA), steps.describe_data),
    Route(ANY, ("text",), said(texts.WORDS_REPORT), steps.how_to_report),
    Route(ANY, ("text",), said(texts.WORDS_SEND_MEDIA), steps.send_media_help),
    Route(ANY, ("text",), said(texts.WORDS_HELP), steps.help_text),
    Route(ANY, ("text",), said(texts.WORDS_FORUM), steps.forum_dates),
    Route(ANY, ("text",), said(texts.WORDS_TALK_TO_STAFF), steps.talk_to_staff),
    Route(ANY, ("text",), said(texts.WORDS_CONTACT), steps.contact),
    Route(ANY, ("text",), _reference_alone, steps.request_detail),
    Route(when_in(State.HOLDING_LOCATION), ("text",), steps.is_request, steps.report_where_held),
    Route(when_in(State.UNSURE), ("text",), None, steps.add_to_draft),
    Route(when_in(State.AWAITING_DISTRICT), ("text",), None, steps.ask_district_again),
    # Adverts, forwards, announcements, politics, complaints: a polite answer, never a request by itself.
    Route(ANY, ("text",), steps.asks_for_nothing, steps.answer_not_a_request),
    Route(ANY, ("text",), None, steps.understand),
    # Buttons: each is signed for this villager; a forged or someone else's does nothing.
    Route(ANY, ("postback",), _forged, steps.not_yours),
    Route(when_in(State.CONFIRM_DELETE), ("postback",), tapped("erase"), steps.erase),
    Route(ANY, ("postback",), tapped("erase"), steps.nothing_to_erase),
    Route(when_in(State.UNSURE), ("postback",), tapped("save"), steps.save_unsure),
    Route(when_in(State.UNSURE), ("postback",), tapped("nosave"), steps.drop_unsure),
    Route(ANY, ("postback",), tapped("w"), steps.ask_withdraw),
    Route(ANY, ("postback",), tapped("wy"), steps.withdraw),
    Route(ANY, ("postback",), tapped("wn"), steps.keep_request),
    Route(ANY, ("postback",), tapped("staff"), steps.talk_to_staff),
    Route(ANY, ("postback",), tapped("forum"), steps.forum_of_district),
    Route(ANY, ("postback",), tapped("d", "c", "fd", "fc"), steps.choose),
    Route(ANY, ("postback",), None, steps.not_yours),
    # Everything else a villager can send.
    Route(ANY, ("follow",), None, steps.welcome),
    Route(ANY, ("unfollow",), None, steps.farewell),
    Route(ANY, ("sticker",), None, steps.sticker),
    Route(ANY, MEDIA, None, steps.receive_media),
    Route(ANY, ("location",), lambda chat: not steps.inside_lampang(chat), steps.location_outside),
    Route(ANY, ("location",), lambda chat: not steps.has_request_for_extras(chat), steps.hold_location),
    Route(when_in(State.AWAITING_DISTRICT), ("location",), None, steps.answer_where_by_location),
    Route(ANY, ("location",), None, steps.receive_location),
    Route(when_in(State.UNSURE), ("unsend",), steps.unsends_the_unsure_text, steps.forget_unsure),
    Route(ANY, ("unsend",), None, steps.forget_unsent),
)

HANDLED_KINDS = frozenset(kind for route in ROUTES for kind in route.kinds)


def handle(turn: Turn) -> None:
    incoming = turn.incoming
    if incoming.kind not in HANDLED_KINDS or not incoming.user_id:
        return
    citizen, first_contact = citizens.seen(turn.session, incoming.user_id, turn.now)
    turn.citizen_id = citizen.id
    # Locked until the turn commits: two events of one villager never read the same state
    # (the inbox already hands one chat's events out one at a time; this holds even if not).
    # A villager met just now has none to read.
    row = None if first_contact else turn.session.get(Conversation, citizen.id, with_for_update=True)
    if row is None:
        row = Conversation(citizen_id=citizen.id, state=State.IDLE.value, context={})
    chat = Chat(turn, citizen, row)
    _converse(chat, incoming.kind)
    if chat.citizen.line_user_id is not None and row not in turn.session:
        # A new row is added once the turn is over, so it is inserted once, with the state the turn
        # chose: added at once, the step's first flush inserted it and the end of the turn updated it.
        turn.session.add(row)


def _converse(chat: Chat, kind: str) -> None:
    for _ in range(2):  # a step may hand the same event back once, in the state it moved to
        route = next(route for route in ROUTES if route.applies(chat, kind))
        following = route.step(chat)
        if chat.citizen.line_user_id is None:  # erased: nothing about this person is kept, not even a state
            return
        chat.enter(following)
        if not following.again:
            return
