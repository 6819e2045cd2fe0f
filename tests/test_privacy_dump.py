"""Erasure that really erases: after it, a dump of every table (kept media too) holds nothing of the villager.

The dump is generic (every table in the metadata, every column, every file under the media folder),
so a column or a table added later is checked without touching this test. Another villager's data
survives, which proves the erasure is targeted. A message that fails five times is made to fail by
the database itself (a trigger refusing that one text), so no project code is replaced.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from bot import texts
from bot.inbox.worker import MAX_ATTEMPTS, process_pending
from bot.staff import roster
from bot.summary import job
from storage.models import (
    Attachment,
    Base,
    EventState,
    InboundEvent,
    MediaBlob,
    OutboundMessage,
    OutboxState,
    Request,
)
from tests.harness import Bot, tap

NAME = "ป้าบุญเรือนทดสอบ"
FIRST = "ขอให้ซ่อมถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา ถนนพังเป็นหลุมลึกเท่าเข่า รถจักรยานยนต์ล้มทุกวันครับ"
# The same road again, a near-duplicate: the weekly summary then quotes the first one.
SECOND = "ถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา พังเป็นหลุมลึกเท่าเข่า รถจักรยานยนต์ล้มทุกวัน ขอให้ซ่อมด่วนเลยครับ"
UNSURE = "ลุงสมพงษ์ลำบากขนาดเลยเจ้า บ่รู้จะเฮ็ดจะใดแล้ว"  # names no problem: the bot is unsure
FAILING = "ขอให้ซ่อมสะพานไม้ข้ามลำห้วยหมู่ 7 ต.นาแก้ว อ.เกาะคา ไม้ผุพังจนเดินข้ามไม่ได้ครับ"
REFUSED_MARK = "สะพานไม้ข้ามลำห้วย"  # the database refuses a request whose text holds this
POINT = (18.19317, 99.39276)  # in Ko Kha
ORPHAN_PHOTO = b"\xff\xd8\xff\xe0 a photo of the village gate, never followed by a request"
ROAD_PHOTO = b"\xff\xd8\xff\xe0 a photo of the hole in the road"
# What must not survive, besides the LINE id: distinctive pieces of every text, and the point.
NEEDLES = [NAME, "หลุมลึกเท่าเข่า", "รถจักรยานยนต์ล้ม", "ขอให้ซ่อมด่วนเลย", "ส้มจี๊ด", REFUSED_MARK,
           "ไม้ผุพังจนเดินข้าม"]
OTHER_TEXT = "ขอไฟส่องสว่างซอยวัดศรีชุม อ.เมืองลำปาง มืดมากตอนกลางคืนค่ะ"
OTHER_PHOTO = b"\xff\xd8\xff\xe0 the dark lane by the temple"


def _coordinates(lat: float, lon: float) -> list[str]:
    return [f"{value:{form}}" for value in (lat, lon) for form in ("", ".5f", ".4f")] + [
        f"{lat},{lon}", f"{lat}, {lon}"]


@dataclass
class People:
    villager: str
    other: str
    triager: str
    official: str


@contextmanager
def refused_by_the_database(bot: Bot, mark: str) -> Iterator[None]:
    """A trigger makes the database refuse, like a constraint, any request whose text holds `mark`."""
    engine = bot.runtime.engine
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        if postgres:
            connection.execute(text(
                "CREATE FUNCTION refuse_marked() RETURNS trigger AS $$ BEGIN "
                f"IF NEW.text LIKE '%{mark}%' THEN RAISE EXCEPTION 'refused' USING ERRCODE = 'check_violation'; "
                "END IF; "
                "RETURN NEW; END $$ LANGUAGE plpgsql"))
            connection.execute(text("CREATE TRIGGER refuse_marked BEFORE INSERT ON request "
                                    "FOR EACH ROW EXECUTE FUNCTION refuse_marked()"))
        else:
            connection.execute(text(f"CREATE TRIGGER refuse_marked BEFORE INSERT ON request "
                                    f"WHEN NEW.text LIKE '%{mark}%' BEGIN SELECT RAISE(ABORT, 'refused'); END"))
    try:
        yield
    finally:
        with engine.begin() as connection:
            connection.execute(text("DROP TRIGGER refuse_marked" + (" ON request" if postgres else "")))
            if postgres:
                connection.execute(text("DROP FUNCTION refuse_marked()"))


def _enrol(bot: Bot, name: str, role: str) -> str:
    user_id = bot.line.add_user(display_name=name)
    with bot.session() as session, session.begin():
        roster.enrol(session, line_user_id=user_id, role=role, name=name, districts=(), now=bot.runtime.now())
    return user_id


def _say(bot: Bot, user: str, words: str) -> list[dict[str, Any]]:
    before = len(bot.line.inbox(user))
    bot.line.send_text(user, words)
    bot.drain()
    return [d.message for d in bot.line.inbox(user)[before:]]


def _delivered_text(bot: Bot, chat_id: str) -> str:
    return str([d.message for d in bot.line.inbox(chat_id)])


def _story(bot: Bot) -> People:
    """A villager's full story, over the real webhook, worker and emulator; returns who took part."""
    people = People(villager=bot.line.add_user(display_name=NAME), other=bot.line.add_user(display_name="ลุงแก้ว"),
                    triager=_enrol(bot, "สมชาย", "triager"), official=_enrol(bot, "นายก", "official"))
    villager = people.villager
    bot.line.follow(villager)
    bot.drain()
    bot.line.send_image(villager, ORPHAN_PHOTO)  # a photo no request ever follows (within the window)
    bot.drain()
    bot.travel(timedelta(minutes=31))
    _say(bot, villager, FIRST)
    bot.line.send_image(villager, ROAD_PHOTO)
    bot.line.send_location(villager, *POINT)
    bot.drain()
    bot.travel(timedelta(minutes=31))
    _say(bot, villager, SECOND)
    assert texts.BUTTON_YES_SAVE in str(_say(bot, villager, UNSURE)[0]["quickReply"])  # kept as a draft

    with refused_by_the_database(bot, REFUSED_MARK):
        bot.line.send_text(villager, FAILING)
        for _ in range(MAX_ATTEMPTS + 1):
            bot.drain()
            bot.travel(timedelta(minutes=10))
    assert texts.SOMETHING_WENT_WRONG in _delivered_text(bot, villager)

    bot.line.send_text(people.other, OTHER_TEXT)
    bot.line.send_image(people.other, OTHER_PHOTO)
    bot.drain()

    with bot.session() as session:
        requests = list(session.scalars(select(Request).where(Request.text.is_not(None)).order_by(Request.id)))
        stored = session.scalars(select(Attachment).where(Attachment.path.is_not(None))).all()
        failed = session.scalars(select(InboundEvent).where(InboundEvent.state == EventState.FAILED)).one()
    first = next(r for r in requests if "หลุมลึกเท่าเข่า" in (r.text or ""))
    assert (first.lat, first.lon) == POINT and len(stored) == 3
    # The story reached every place the issue found personal data in.
    assert failed.attempts == MAX_ATTEMPTS
    # Given up, the event keeps its type and the exception's type, nothing of the villager or the SQL.
    assert (failed.payload, failed.error) == ({"type": "message"}, "IntegrityError")
    _say(bot, people.triager, "/queue")
    assert "หลุมลึกเท่าเข่า" in _delivered_text(bot, people.triager)
    _say(bot, people.triager, f"/show {first.ref}")
    assert f"{POINT[0]:.5f}" in _delivered_text(bot, people.triager)

    bot.travel(timedelta(days=7))  # the week is complete: its summary goes to the official
    job.run(bot.runtime)
    assert "หลุมลึกเท่าเข่า" in _delivered_text(bot, people.official)

    return people


def first_ref(bot: Bot) -> str:
    with bot.session() as session:
        return session.scalars(select(Request.ref).where(Request.text.like("%หลุมลึกเท่าเข่า%"))
                               .order_by(Request.id)).first()


def _dump(bot: Bot) -> str:
    """Every row of every table (bytes as they are: kept media), and every file under the media folder."""
    lines = []
    with bot.runtime.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            for row in connection.execute(table.select()):
                lines.append(f"{table.name}: " + " | ".join(_shown(value) for value in row))
    media = bot.runtime.settings.instance_path / "media"
    for path in sorted(media.rglob("*")) if media.exists() else []:
        if path.is_file():
            lines.append(f"file {path.relative_to(media)}: {path.read_bytes().decode('latin-1')}")
    return "\n".join(lines)


def _leaks(dump: str, villager: str) -> list[str]:
    needles = [villager, *NEEDLES, *_coordinates(*POINT),
               ORPHAN_PHOTO.decode("latin-1"), ROAD_PHOTO.decode("latin-1")]
    return [needle for needle in needles if needle in dump]


def _shown(value: Any) -> str:
    return bytes(value).decode("latin-1") if isinstance(value, bytes | memoryview) else repr(value)


def _kept_media(bot: Bot) -> list[bytes]:
    """The bytes of every kept photo or file (in the database) and of any under the old media folder."""
    with bot.session() as session:
        kept = [bytes(data) for data in session.scalars(select(MediaBlob.data))]
    media = bot.runtime.settings.instance_path / "media"
    return kept + ([p.read_bytes() for p in media.rglob("*") if p.is_file()] if media.exists() else [])


def test_after_a_villager_erases_their_data_no_table_and_no_file_holds_anything_of_them(bot: Bot) -> None:
    people = _story(bot)
    assert _leaks(_dump(bot), people.villager)  # the dump does see the data while it is there

    _say(bot, people.villager, "ลบข้อมูล")
    # Meanwhile a triager opens the request; the worker has queued the card but not sent it yet.
    seen_by_triager = len(bot.line.inbox(people.triager))
    bot.line.send_text(people.triager, f"/show {first_ref(bot)}")
    process_pending(bot.runtime)
    with bot.session() as session:
        waiting = session.scalars(select(OutboundMessage).where(OutboundMessage.recipient == people.triager)).one()
    assert waiting.state == OutboxState.PENDING and "หลุมลึกเท่าเข่า" in str(waiting.messages)

    tap(bot, people.villager, texts.BUTTON_CONFIRM)
    assert bot.line.inbox(people.villager)[-1].message["text"] == texts.DELETED
    bot.travel(timedelta(hours=1))
    bot.drain()

    dump = _dump(bot)
    assert _leaks(dump, people.villager) == []
    # The staff card that was still waiting was cancelled, not sent after the erasure.
    assert len(bot.line.inbox(people.triager)) == seen_by_triager
    # The other villager is untouched: the erasure is targeted.
    assert people.other in dump and "ซอยวัดศรีชุม" in dump
    assert _kept_media(bot) == [OTHER_PHOTO]


def test_after_the_retention_purge_no_table_and_no_file_holds_anything_of_a_silent_villager(bot: Bot) -> None:
    people = _story(bot)
    bot.travel(timedelta(days=bot.runtime.settings.retention_days + 1))
    # The other villager is still in touch: their recent request must survive the purge.
    recent = "ขอถังขยะให้หมู่บ้านห้วยส้มค่ะ เต็มทุกวัน"
    bot.line.send_text(people.other, recent)
    bot.drain()

    result = bot.app.test_cli_runner().invoke(args=["privacy", "purge", "--commit"])
    assert result.exit_code == 0, result.output

    dump = _dump(bot)
    assert _leaks(dump, people.villager) == []
    assert people.other in dump and "ห้วยส้ม" in dump
    assert "ซอยวัดศรีชุม" not in dump and _kept_media(bot) == []  # their old request and photo are gone


def test_a_database_error_logs_neither_the_villagers_text_nor_their_id(
        bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    villager = bot.line.add_user(display_name=NAME)
    caplog.set_level(logging.INFO)
    with refused_by_the_database(bot, REFUSED_MARK):
        bot.line.send_text(villager, FAILING)
        bot.drain()

    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors  # the failure is logged, by event id and exception type
    assert all(needle not in caplog.text for needle in (villager, REFUSED_MARK, "ไม้ผุพังจนเดินข้าม"))
    with bot.session() as session:
        event = session.scalars(select(InboundEvent)).one()
    assert event.state == EventState.PENDING and event.error == "IntegrityError"


def test_an_unsent_message_also_leaves_no_queued_staff_card_quoting_it(bot: Bot) -> None:
    villager, triager = bot.line.add_user(display_name=NAME), _enrol(bot, "สมชาย", "triager")
    delivery = bot.line.send_text(villager, FIRST)
    bot.drain()
    seen_by_triager = len(bot.line.inbox(triager))
    bot.line.send_text(triager, f"/show {first_ref(bot)}")
    process_pending(bot.runtime)  # the card is queued, not yet sent

    bot.line.unsend(villager, delivery.message_id)
    bot.drain()

    assert len(bot.line.inbox(triager)) == seen_by_triager
    dump = _dump(bot)
    assert "หลุมลึกเท่าเข่า" not in dump and "รถจักรยานยนต์ล้ม" not in dump
    with bot.session() as session:
        assert session.scalars(select(Request)).one().district_code == "5203"  # the request itself stays
