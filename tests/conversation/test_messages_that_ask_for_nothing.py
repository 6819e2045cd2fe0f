"""Adverts, forwards, announcements, politics and complaints: a polite answer, and the staff queue stays clean.

Each is thanked without judging and ends with what the person can do next, including the one tap
that saves it as a request after all; nothing reaches staff unless that tap is made.
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from bot import texts
from linesim import validate_messages
from storage.models import Request, Status
from tests.harness import Bot, tap

AD = "รับซื้อรถเก่า ให้ราคาดี โทร 0812345678"
FORWARD = "ส่งต่อด่วน! กรมอุตุเตือนพายุเข้าภาคเหนือคืนนี้ แชร์ให้คนที่คุณรัก"
ANNOUNCEMENT = "ขอเชิญร่วมงานประเพณีลอยกระทงวัดพระธาตุลำปางหลวง วันเสาร์นี้"
POLITICS = "นายก อบจ. คนนี้ไม่เห็นทำอะไรเลย เลือกตั้งคราวหน้าไม่เลือกแล้ว"
COMPLAINT = "เจ้าหน้าที่ที่อำเภอพูดจาไม่สุภาพเลย ไม่พอใจมาก"
ROAD = "ขอให้ซ่อมถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา ถนนพังเป็นหลุมลึกมากครับ"


def _say(bot: Bot, user: str, text: str) -> list[dict[str, Any]]:
    before = len(bot.line.inbox(user))
    bot.line.send_text(user, text)
    bot.drain()
    received = [entry.message for entry in bot.line.inbox(user)[before:]]
    assert validate_messages(received) == []
    return received


def _labels(message: dict[str, Any]) -> list[str]:
    return [item["action"]["label"] for item in message.get("quickReply", {}).get("items", [])]


def _requests(bot: Bot) -> list[Request]:
    with bot.session() as session:
        return list(session.scalars(select(Request).order_by(Request.id)))


@pytest.mark.parametrize(("kind", "message"), [
    ("advert", AD), ("forward", FORWARD), ("announcement", ANNOUNCEMENT), ("politics", POLITICS),
    ("complaint", COMPLAINT)], ids=lambda value: value if value in texts.NOT_A_REQUEST_ANSWERS else "")
def test_each_kind_gets_its_own_polite_answer_with_a_next_step_and_no_request(
        bot: Bot, villager: str, kind: str, message: str) -> None:
    [answer] = _say(bot, villager, message)
    assert answer["text"] == texts.NOT_A_REQUEST_ANSWERS[kind]
    assert texts.UNSURE_ASK.split("\n")[0] not in answer["text"]  # not "sorry, I did not understand"
    assert answer["text"].rstrip().endswith("ค่ะ") and texts.BUTTON_YES_SAVE in answer["text"].splitlines()[-1]
    assert _labels(answer) == [texts.BUTTON_YES_SAVE, texts.BUTTON_NOT_A_REQUEST]
    assert _requests(bot) == []


def test_a_complaint_saved_with_one_tap_becomes_a_request_for_staff(bot: Bot, villager: str) -> None:
    _say(bot, villager, COMPLAINT)
    receipt = tap(bot, villager, texts.BUTTON_YES_SAVE)
    [request] = _requests(bot)
    assert request.text == COMPLAINT and request.status == Status.NEW
    assert request.ref in receipt[0]["text"]


def test_the_same_kind_twice_in_a_row_is_answered_in_other_words(bot: Bot, villager: str) -> None:
    first = _say(bot, villager, AD)[-1]
    second = _say(bot, villager, "เงินกู้ด่วน ไม่เช็คบูโร อนุมัติไว โทร 0891112222")[-1]
    assert first["text"] == texts.NOT_A_REQUEST_ANSWERS["advert"]
    assert second["text"] == texts.NOT_A_REQUEST_AGAIN["advert"]
    assert _labels(second) == [texts.BUTTON_YES_SAVE, texts.BUTTON_NOT_A_REQUEST]  # still one tap from saving
    assert _requests(bot) == []


def test_a_real_request_after_an_advert_is_saved_without_the_advert(bot: Bot, villager: str) -> None:
    _say(bot, villager, AD)
    _say(bot, villager, ROAD)
    [request] = _requests(bot)
    assert request.text == ROAD  # the advert never rides into the queue inside a request


def test_no_thanks_drops_the_forward_and_the_queue_stays_empty(bot: Bot, villager: str) -> None:
    _say(bot, villager, FORWARD)
    [dropped] = tap(bot, villager, texts.BUTTON_NOT_A_REQUEST)
    assert dropped["text"] == texts.UNSURE_DROPPED
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(Request)) == 0
