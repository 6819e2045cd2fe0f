"""`flask staff`: the first admin is enrolled from the command line; bad input is refused with a message."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import Role, Staff
from tests.harness import Bot
from tests.staff.conftest import say, shown


def test_the_cli_adds_lists_and_removes_staff(bot: Bot) -> None:
    person = bot.line.add_user("ผู้ดูแล")
    runner = bot.app.test_cli_runner()
    added = runner.invoke(args=["staff", "add", person, "--role", "admin", "--name", "ผู้ดูแล",
                                "--district", "เถิน", "--district", "5203"])
    assert added.exit_code == 0, added.output
    with bot.session() as session:
        staff = session.scalars(select(Staff)).one()
    assert staff.role == Role.ADMIN and staff.districts == ["5203", "5208"]
    assert person in runner.invoke(args=["staff", "list"]).output
    assert "คำสั่งที่ท่านใช้ได้ · ผู้ดูแลระบบ" in shown(say(bot, person, "/help"))
    assert runner.invoke(args=["staff", "remove", person]).exit_code == 0
    assert runner.invoke(args=["staff", "list"]).output.strip() == ""


def test_the_cli_refuses_an_unknown_district_and_a_malformed_user_id(bot: Bot) -> None:
    runner = bot.app.test_cli_runner()
    person = bot.line.add_user("x")
    assert runner.invoke(args=["staff", "add", person, "--role", "triager", "--district", "กรุงเทพ"]).exit_code != 0
    assert runner.invoke(args=["staff", "add", "someone", "--role", "triager"]).exit_code != 0
    with bot.session() as session:
        assert session.scalars(select(Staff)).all() == []
