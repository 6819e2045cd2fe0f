"""`flask demo seed` fills an empty development database with a realistic spread of data."""

from __future__ import annotations

import json

from sqlalchemy import func, select

from storage.models import Forum, Request, Staff
from tests.harness import Bot


def test_seeding_creates_requests_across_districts_and_categories_staff_and_forums(bot: Bot) -> None:
    runner = bot.app.test_cli_runner()
    result = runner.invoke(args=["demo", "seed"])
    assert result.exit_code == 0, result.output
    with bot.session() as session:
        districts = session.scalar(select(func.count(func.distinct(Request.district_code))))
        categories = session.scalar(select(func.count(func.distinct(Request.category))))
        statuses = session.scalar(select(func.count(func.distinct(Request.status))))
        assert session.scalar(select(func.count()).select_from(Forum)) == 14
        assert {s.role.value for s in session.scalars(select(Staff))} == {"admin", "triager", "official"}
    assert districts >= 10 and categories >= 8 and statuses >= 4

    exported = [json.loads(line) for line in runner.invoke(args=["export"]).stdout.splitlines()]
    assert len(exported) == 48 and all(row["ref"].startswith("LP-") for row in exported)


def test_seeding_refuses_a_database_that_already_has_requests(bot: Bot) -> None:
    runner = bot.app.test_cli_runner()
    assert runner.invoke(args=["demo", "seed"]).exit_code == 0
    again = runner.invoke(args=["demo", "seed"])
    assert again.exit_code != 0 and "already" in again.output
