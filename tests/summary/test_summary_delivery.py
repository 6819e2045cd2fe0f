"""Delivering the weekly summary exactly once per (week, recipient), through re-runs, races and faults."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import requests
from sqlalchemy import func, select

import linesim
from bot.jobs import timetable
from bot.runtime import Runtime
from bot.summary import job
from linesim import Platform
from storage.db import transaction
from storage.models import OutboundMessage, Purpose, Role, SummaryDelivery
from tests.harness import Bot, make_app, serve
from tests.summary.helpers import BANGKOK, NOW, WEEK, add_official, add_official_group, seed_week


def _officials(bot: Bot) -> list[str]:
    """Two officials and an official group receive it; a triager and a staff group do not."""
    bot.runtime.clock = lambda: NOW
    people = [bot.line.add_user(display_name="นายก"), bot.line.add_user(display_name="ปลัด")]
    group = bot.line.add_group(people)
    triager, staff_group = bot.line.add_user(display_name="เจ้าหน้าที่"), bot.line.add_group()
    with transaction(bot.runtime.sessions) as session:
        seed_week(session)
        for person in people:
            add_official(session, person)
        add_official(session, triager, role=Role.TRIAGER)
        add_official_group(session, group)
        add_official_group(session, staff_group, kind="staff")
    return [*people, group]


def _pushes(bot: Bot) -> list[linesim.records.ApiCall]:
    return [call for call in bot.line.api_calls if call.path.endswith("/message/push")]


def _retry_key(call: linesim.records.ApiCall) -> str | None:
    return {name.lower(): value for name, value in call.headers.items()}.get("x-line-retry-key")


def _deliveries(bot: Bot) -> int:
    with bot.session() as session:
        return session.scalar(select(func.count()).select_from(SummaryDelivery).where(SummaryDelivery.iso_week == WEEK))


def _later(bot: Bot, minutes: int) -> None:
    moved = NOW + timedelta(minutes=minutes)
    bot.runtime.clock = lambda: moved


def test_every_official_and_official_group_gets_the_summary_once(bot: Bot) -> None:
    recipients = _officials(bot)

    result = job.run(bot.runtime)

    assert (result.iso_week, result.recipients, result.recorded, result.sent, result.pending) == (WEEK, 3, 3, 3, 0)
    for recipient in recipients:
        inbox = bot.line.inbox(recipient)
        assert [delivered.message["type"] for delivered in inbox] == ["flex"]
        assert "เรื่องใหม่ 5 เรื่อง" in inbox[0].message["altText"]
        assert inbox[0].via == "push"
    assert len(_pushes(bot)) == 3


def test_a_second_run_records_and_sends_nothing(bot: Bot) -> None:
    recipients = _officials(bot)
    job.run(bot.runtime)

    again = job.run(bot.runtime)

    assert (again.recorded, again.sent) == (0, 3)
    assert len(_pushes(bot)) == 3
    assert _deliveries(bot) == 3
    assert all(len(bot.line.inbox(recipient)) == 1 for recipient in recipients)


def test_each_delivery_is_recorded_with_its_summary_outbox_row_and_retry_key(bot: Bot) -> None:
    _officials(bot)
    job.run(bot.runtime)
    with bot.session() as session:
        rows = session.execute(select(SummaryDelivery, OutboundMessage)
                               .join(OutboundMessage, SummaryDelivery.outbound_message_id == OutboundMessage.id)).all()
    assert len(rows) == 3
    assert all(message.purpose == Purpose.SUMMARY for _, message in rows)
    # Each row's retry key went to that delivery's recipient; the delivered row itself keeps neither
    # recipient nor content (the outbox is a transport, not an archive).
    pushed_to = {_retry_key(call): call.json["to"] for call in _pushes(bot)}
    assert pushed_to == {message.retry_key: delivery.recipient for delivery, message in rows}
    assert all(message.recipient is None and message.messages is None and message.message_count
               for _, message in rows)


def test_two_concurrent_runs_deliver_once_per_recipient(bot: Bot) -> None:
    recipients = _officials(bot)
    results: list[job.RunResult] = []
    barrier = threading.Barrier(2)

    def one_run() -> None:
        barrier.wait()
        results.append(job.run(bot.runtime))

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert len(results) == 2
    assert sum(result.recorded for result in results) == 3
    assert _deliveries(bot) == 3
    assert all(len(bot.line.inbox(recipient)) == 1 for recipient in recipients)


def test_concurrent_recording_without_the_lock_still_records_each_recipient_once(bot: Bot) -> None:
    """The unique (week, recipient) row alone holds, should the lock ever be lost or expire."""
    _officials(bot)
    counts: list[int] = []
    barrier = threading.Barrier(3)

    def record() -> None:
        barrier.wait()
        counts.append(job._record_deliveries(bot.runtime, WEEK))

    threads = [threading.Thread(target=record) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    assert sum(counts) == 3
    with bot.session() as session:
        assert session.scalar(select(func.count()).select_from(OutboundMessage)
                              .where(OutboundMessage.purpose == Purpose.SUMMARY)) == 3


def test_a_push_failing_with_a_5xx_is_retried_by_the_next_run_with_the_same_key(bot: Bot) -> None:
    recipients = _officials(bot)
    bot.line.faults.add(endpoint="push", status=500, times=1)

    first = job.run(bot.runtime)
    assert (first.sent, first.pending) == (2, 1)

    _later(bot, 5)
    second = job.run(bot.runtime)

    assert (second.recorded, second.sent, second.pending) == (0, 3, 0)
    assert all(len(bot.line.inbox(recipient)) == 1 for recipient in recipients)
    keys = [_retry_key(call) for call in _pushes(bot)]
    assert len(keys) == 4 and len(set(keys)) == 3  # the failed push was retried with its own key


def test_a_push_accepted_but_whose_answer_was_lost_is_not_delivered_twice(bot: Bot) -> None:
    recipients = _officials(bot)
    bot.line.faults.add(endpoint="push", drop_after_accept=True, times=1)

    first = job.run(bot.runtime)
    assert first.pending == 1
    _later(bot, 5)
    second = job.run(bot.runtime)

    assert second.sent == 3
    assert [call.status for call in _pushes(bot)].count(409) == 1
    assert all(len(bot.line.inbox(recipient)) == 1 for recipient in recipients)


def test_a_run_that_stopped_after_recording_is_completed_by_the_next_run(bot: Bot) -> None:
    recipients = _officials(bot)
    job._record_deliveries(bot.runtime, WEEK)  # as if the process died right after committing
    assert all(bot.line.inbox(recipient) == [] for recipient in recipients)

    result = job.run(bot.runtime)

    assert (result.recorded, result.sent) == (0, 3)
    assert all(len(bot.line.inbox(recipient)) == 1 for recipient in recipients)


def test_summary_pushes_go_out_even_when_the_quota_is_down_to_the_reserve(bot: Bot) -> None:
    recipients = _officials(bot)
    bot.line.quota_limit = 100
    bot.line.consumption = 100 - bot.runtime.settings.push_reserve

    result = job.run(bot.runtime)

    assert result.sent == 3
    assert all(len(bot.line.inbox(recipient)) == 1 for recipient in recipients)


def test_the_dry_run_command_prints_the_summary_and_sends_nothing(bot: Bot) -> None:
    _officials(bot)
    output = bot.app.test_cli_runner().invoke(args=["summary", "--week", WEEK])
    assert output.exit_code == 0, output.output
    assert "เรื่องใหม่ 5 เรื่อง" in output.output and '"type": "carousel"' in output.output
    assert _pushes(bot) == [] and _deliveries(bot) == 0


def test_the_push_command_delivers_and_reports_counts(bot: Bot) -> None:
    _officials(bot)
    output = bot.app.test_cli_runner().invoke(args=["summary", "--week", WEEK, "--push"])
    assert output.exit_code == 0, output.output
    assert f"{WEEK}: 3 recipients, 3 recorded now, 3 sent" in output.output
    assert len(_pushes(bot)) == 3


def test_the_command_rejects_a_week_that_is_not_iso(bot: Bot) -> None:
    output = bot.app.test_cli_runner().invoke(args=["summary", "--week", "2026-02"])
    assert output.exit_code != 0 and "YYYY-Www" in output.output


def test_the_clock_catches_up_a_missed_week_and_then_has_nothing_to_do(bot: Bot) -> None:
    recipients = _officials(bot)
    caught_up = timetable.catch_up(bot.runtime)
    assert caught_up is not None and caught_up.sent == 3
    assert timetable.catch_up(bot.runtime) is None
    assert all(len(bot.line.inbox(recipient)) == 1 for recipient in recipients)


def test_the_clock_fires_on_monday_at_eight_in_bangkok(bot: Bot) -> None:
    trigger = timetable.weekly_trigger(bot.runtime)
    sunday = datetime(2026, 1, 11, 12, 0, tzinfo=BANGKOK)
    fire = trigger.get_next_fire_time(None, sunday)
    assert fire.astimezone(UTC) == datetime(2026, 1, 12, 1, 0, tzinfo=UTC)


def test_with_an_https_public_url_a_chart_image_follows_and_is_served_as_png(
        database_url: str, line_platform: Platform, tmp_path: Path) -> None:
    app = make_app(database_url, line_platform, tmp_path / "instance", public_base_url="https://pao.example")
    runtime: Runtime = app.extensions["lampang"]
    with serve(app) as url:
        bot = Bot(app=app, runtime=runtime, url=url, line=line_platform)
        recipients = _officials(bot)
        job.run(runtime)
        inbox = line_platform.inbox(recipients[0])
        assert [delivered.message["type"] for delivered in inbox] == ["flex", "image"]
        image_url = inbox[1].message["originalContentUrl"]
        assert image_url.startswith("https://pao.example/charts/") and image_url.endswith(".png")
        token_path = image_url.removeprefix("https://pao.example")
        chart = requests.get(url + token_path, timeout=30)
        assert chart.status_code == 200 and chart.headers["Content-Type"] == "image/png"
        assert chart.content.startswith(b"\x89PNG")
        assert requests.get(url + "/charts/" + "x" * 32 + ".png", timeout=5).status_code == 404
        other_image = line_platform.inbox(recipients[1])[1].message["originalContentUrl"]
        assert other_image != image_url  # each recipient's link is its own
    runtime.engine.dispose()


def test_without_https_the_chart_is_skipped(database_url: str, line_platform: Platform, tmp_path: Path) -> None:
    app = make_app(database_url, line_platform, tmp_path / "instance", public_base_url="http://pao.example")
    runtime: Runtime = app.extensions["lampang"]
    with serve(app) as url:
        bot = Bot(app=app, runtime=runtime, url=url, line=line_platform)
        recipients = _officials(bot)
        job.run(runtime)
        assert [delivered.message["type"] for delivered in line_platform.inbox(recipients[0])] == ["flex"]
    runtime.engine.dispose()
