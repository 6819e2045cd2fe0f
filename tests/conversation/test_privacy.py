"""PDPA: villagers can see what is held about them, and nothing personal outlives the retention period."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from bot import texts
from storage.models import Attachment, Citizen, Request
from tests.harness import Bot

REQUEST = "ขอให้ซ่อมถนนลาดยางหมู่ 4 ต.นาแก้ว อ.เกาะคา ถนนพังเป็นหลุมลึกมากครับ"


def test_a_villager_can_see_what_the_bot_holds_about_them(bot: Bot, villager: str) -> None:
    bot.line.follow(villager)
    bot.line.send_text(villager, REQUEST)
    bot.line.send_image(villager)
    bot.line.send_location(villager, 18.19, 99.39)
    bot.drain()
    bot.line.send_text(villager, "ข้อมูลของฉัน")
    bot.drain()
    answer = bot.line.texts(villager)[-1]
    assert "เรื่องที่แจ้ง: 1 เรื่อง" in answer and "รูป/ไฟล์: 1 ไฟล์" in answer and "ตำแหน่ง: 1 จุด" in answer


def test_the_retention_purge_dry_runs_unless_told_to_commit_and_keeps_anonymous_counts(
        bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, REQUEST)
    bot.line.send_image(villager)
    bot.drain()
    runner = bot.app.test_cli_runner()

    assert "would erase" in runner.invoke(args=["privacy", "purge"]).output
    bot.travel(timedelta(days=bot.runtime.settings.retention_days + 1))
    dry = runner.invoke(args=["privacy", "purge"])
    assert "1 requests, 1 citizens" in dry.output
    with bot.session() as session:
        assert session.scalars(select(Request)).one().text == REQUEST

    assert runner.invoke(args=["privacy", "purge", "--commit"]).exit_code == 0
    with bot.session() as session:
        request = session.scalars(select(Request)).one()
        citizen = session.scalars(select(Citizen)).one()
        photo = session.scalars(select(Attachment)).one()
    assert request.text is None and request.erased_at is not None
    assert (request.district_code, request.category, request.status.value) == ("5203", "infrastructure", "new")
    assert citizen.line_user_id is None and photo.path is None and photo.state == "removed"
    assert "0 requests, 0 citizens" in runner.invoke(args=["privacy", "purge"]).output


def test_the_privacy_notice_states_the_configured_retention(bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "ความเป็นส่วนตัว")
    bot.drain()
    assert bot.line.texts(villager)[-1] == texts.privacy_notice(2)


def test_anyone_can_ask_for_their_own_line_id_to_be_enrolled_as_staff(bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "/whoami")
    bot.drain()
    assert villager in bot.line.texts(villager)[-1]
    with bot.session() as session:
        assert session.scalars(select(Request)).all() == []
