"""A villager asks to talk to staff; staff see it on the queue card and answer through the bot with /reply.

The villager is named by their pseudonymous key only; the answer reaches them as a push in a polite
frame with a next step, the flag is cleared, and the audit trail keeps the key and the length only.
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot import texts
from bot.line.messages import MAX_TEXT
from linesim import validate_messages
from storage import citizens
from storage.models import AuditLog, Citizen, OutboundMessage, Purpose
from tests.harness import Bot
from tests.staff.conftest import actions_in, button, enrol, say, shown, tap

ANSWER = "สวัสดีค่ะ เรื่องน้ำประปาไม่ไหล ทาง อบจ. ประสานการประปาให้แล้ว พรุ่งนี้ช่างเข้าไปดูนะคะ"
ROAD_IN_THOEN = "ขอให้ซ่อมถนนลาดยางหมู่ 4 ต.ล้อมแรด อ.เถิน ถนนพังเป็นหลุมลึกมากครับ"
ROAD_IN_KO_KHA = "ขอให้ซ่อมถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา ถนนพังเป็นหลุมลึกมากครับ"


def _villager_asks(bot: Bot, name: str = "ป้าศรี", first: str | None = ROAD_IN_THOEN) -> tuple[str, str]:
    """A villager (after a request, if `first`) asks to talk to staff; returns their LINE id and key."""
    villager = bot.line.add_user(display_name=name)
    if first:
        say(bot, villager, first)
    say(bot, villager, "ขอคุยกับเจ้าหน้าที่ค่ะ")
    with bot.session() as session:
        key = session.scalars(select(Citizen.key).where(Citizen.line_user_id == villager)).one()
    return villager, key


def _waiting(bot: Bot) -> list[str]:
    with bot.session() as session:
        return [citizen.key for citizen in citizens.waiting_for_staff(session)]


def test_the_queue_card_lists_who_asked_to_talk_by_key_wait_and_latest_request(bot: Bot, triager: str) -> None:
    villager, key = _villager_asks(bot)
    bot.travel(timedelta(hours=2, minutes=5))
    card = say(bot, triager, "/คิว")
    text = shown(card)
    assert texts.STAFF_TALK_TITLE.format(count=1) in text
    assert f"{key} · รอ 2 ชม." in text
    assert "เรื่องล่าสุด LP-" in text and f"/ตอบ {key} ข้อความ" in text
    assert villager not in str(card) and "ป้าศรี" not in str(card)  # never a LINE id or a name
    assert button(card, texts.BUTTON_STAFF_REPLY, key)["text"] == f"/ตอบ {key}"


def test_staff_answer_with_reply_and_the_villager_gets_it_in_a_polite_frame(bot: Bot, triager: str) -> None:
    villager, key = _villager_asks(bot)
    before = len(bot.line.inbox(villager))
    done = shown(say(bot, triager, f"/ตอบ {key} {ANSWER}"))
    assert texts.STAFF_REPLY_SENT.format(key=key, length=len(ANSWER)) in done
    assert texts.STAFF_REPLY_CLEARED in done

    [pushed] = bot.line.inbox(villager)[before:]
    assert pushed.via == "push" and validate_messages([pushed.message]) == []
    assert pushed.message["text"] == texts.STAFF_ANSWER_TO_VILLAGER.format(text=ANSWER)
    assert pushed.message["text"].startswith("เจ้าหน้าที่ อบจ.ลำปาง ตอบว่า:")
    assert _waiting(bot) == []  # the flag is cleared
    assert texts.STAFF_TALK_TITLE.format(count=1) not in shown(say(bot, triager, "/queue"))

    with bot.session() as session:
        [entry] = session.scalars(select(AuditLog).where(AuditLog.action == "staff_reply")).all()
        # Sent and blanked (the outbox keeps no words once delivered), still naming the citizen it was for.
        [row] = session.scalars(select(OutboundMessage).where(OutboundMessage.purpose == Purpose.NOTIFY)).all()
    assert entry.after == {"citizen": key, "length": len(ANSWER), "cleared": True}
    assert entry.note is None and ANSWER not in str(entry.after) and entry.staff_id is not None
    assert row.citizen_id is not None and row.messages is None


def test_the_villager_can_ask_again_with_one_tap_on_the_answer(bot: Bot, triager: str) -> None:
    villager, key = _villager_asks(bot)
    say(bot, triager, f"/reply {key} {ANSWER}")
    [tap_again] = [item["action"] for item in bot.line.inbox(villager)[-1].message["quickReply"]["items"]]
    assert tap_again["label"] == texts.BUTTON_TALK_TO_STAFF
    bot.line.postback(villager, tap_again["data"])
    bot.drain()
    assert "แจ้งเจ้าหน้าที่แล้ว" in bot.line.texts(villager)[-1]
    assert _waiting(bot) == [key]


def test_tapping_reply_on_the_card_gives_the_command_to_copy(bot: Bot, triager: str) -> None:
    _, key = _villager_asks(bot)
    card = say(bot, triager, "/queue")
    [how] = tap(bot, triager, button(card, texts.BUTTON_STAFF_REPLY, key))
    assert how["type"] == "text" and how["text"].endswith(f"/ตอบ {key} ข้อความ")  # a text message can be copied
    assert _waiting(bot) == [key]  # nothing was sent yet


def test_a_missing_key_or_an_unknown_one_is_answered_and_nothing_is_sent(bot: Bot, triager: str) -> None:
    villager, key = _villager_asks(bot)
    before = len(bot.line.inbox(villager))
    assert shown(say(bot, triager, "/ตอบ")) == texts.STAFF_USAGE_ERROR.format(usage=texts.STAFF_USAGE["reply"])
    assert f"/ตอบ {key} ข้อความ" in shown(say(bot, triager, f"/reply {key}   "))
    assert shown(say(bot, triager, f"/reply R000000000000 {ANSWER}")) == texts.STAFF_REPLY_NO_VILLAGER.format(
        key="R000000000000")
    too_long = shown(say(bot, triager, f"/reply {'x' * 400} hi"))  # longer than any key: not looked up
    assert too_long == texts.STAFF_REPLY_NO_VILLAGER.format(key="X" + "x" * 23)
    assert len(bot.line.inbox(villager)) == before and _waiting(bot) == [key]


def test_a_key_typed_in_capitals_still_finds_the_villager(bot: Bot, triager: str) -> None:
    villager, key = _villager_asks(bot)
    say(bot, triager, f"/reply {key.upper()} {ANSWER}")
    assert bot.line.texts(villager)[-1] == texts.STAFF_ANSWER_TO_VILLAGER.format(text=ANSWER)


def test_an_answer_over_lines_limit_with_its_frame_is_refused_not_clipped(bot: Bot, triager: str) -> None:
    villager, key = _villager_asks(bot)
    before = len(bot.line.inbox(villager))
    room = MAX_TEXT - len(texts.STAFF_ANSWER_TO_VILLAGER.format(text=""))
    command = f"/reply {key} "
    refused = shown(say(bot, triager, command + "ก" * (MAX_TEXT - len(command))))  # the most LINE lets staff send
    assert refused == texts.STAFF_TOO_LONG.format(limit=f"{room:,}")
    assert len(bot.line.inbox(villager)) == before and _waiting(bot) == [key]
    say(bot, triager, command + "ก" * room)  # exactly as much as fits
    [pushed] = bot.line.inbox(villager)[before:]
    assert len(pushed.message["text"]) == MAX_TEXT and validate_messages([pushed.message]) == []


def test_officials_neither_see_who_waits_nor_may_reply(bot: Bot, official: str) -> None:
    villager, key = _villager_asks(bot)
    assert "ขอคุยกับเจ้าหน้าที่" not in shown(say(bot, official, "/queue"))
    refused = shown(say(bot, official, f"/reply {key} {ANSWER}"))
    assert refused == texts.staff_not_allowed("reply", ["admin", "triager"])
    assert bot.line.texts(villager)[-1] != texts.STAFF_ANSWER_TO_VILLAGER.format(text=ANSWER)


def test_a_triager_limited_to_districts_answers_only_villagers_of_those_districts(bot: Bot) -> None:
    thoen = enrol(bot, "สมหญิง", "triager", districts=["5208"])
    _, in_thoen = _villager_asks(bot, "ป้าศรี", ROAD_IN_THOEN)
    _, in_ko_kha = _villager_asks(bot, "ลุงมา", ROAD_IN_KO_KHA)
    _, no_request = _villager_asks(bot, "น้าแดง", None)
    card = shown(say(bot, thoen, "/queue"))
    assert in_thoen in card and in_ko_kha not in card and no_request not in card
    assert shown(say(bot, thoen, f"/reply {in_ko_kha} {ANSWER}")) == texts.STAFF_REPLY_OUTSIDE.format(key=in_ko_kha)
    assert "✅" in shown(say(bot, thoen, f"/reply {in_thoen} {ANSWER}"))


def test_many_waiting_villagers_show_five_and_how_many_more(bot: Bot, triager: str) -> None:
    keys = [_villager_asks(bot, f"ชาวบ้าน {n}", None)[1] for n in range(7)]
    card = say(bot, triager, "/queue")
    text = shown(card)
    assert texts.STAFF_TALK_TITLE.format(count=7) in text and texts.STAFF_TALK_MORE.format(count=2) in text
    assert [key for key in keys if key in text] == keys[:5]  # longest waiting first
    assert len([a for a in actions_in(card) if a["label"] == texts.BUTTON_STAFF_REPLY]) == 5


def test_help_lists_reply_with_its_thai_word(bot: Bot, triager: str) -> None:
    assert any(line.startswith("/reply · /ตอบ") for line in shown(say(bot, triager, "/help")).splitlines())
    assert "ตัวอย่าง" in shown(say(bot, triager, "/help reply"))
