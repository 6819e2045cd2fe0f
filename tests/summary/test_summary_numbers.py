"""The weekly summary's numbers over fixed data, checked one by one, and its Flex within LINE's rules."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import linesim
from bot import texts
from bot.areas import districts
from bot.summary.data import last_complete_week, week_bounds
from bot.summary.week import summary_messages, week_summary
from storage.db import transaction
from storage.models import Status
from tests.harness import Bot
from tests.summary.helpers import BANGKOK, NOW, WEEK, add_forum, add_request, at, seed_week


def _fixed(bot: Bot) -> None:
    bot.runtime.clock = lambda: NOW
    with transaction(bot.runtime.sessions) as session:
        seed_week(session)


def test_a_week_runs_from_monday_midnight_to_monday_midnight_in_bangkok() -> None:
    start, end = week_bounds(WEEK, BANGKOK)
    assert (start.isoformat(), end.isoformat()) == ("2026-01-05T00:00:00+07:00", "2026-01-12T00:00:00+07:00")
    assert last_complete_week(NOW, BANGKOK) == WEEK


def test_the_summary_counts_new_requests_and_the_change_from_the_week_before(bot: Bot) -> None:
    _fixed(bot)
    with bot.session() as session:
        summary = week_summary(bot.runtime, session, WEEK)
    assert (summary.starts_on, summary.ends_on) == (date(2026, 1, 5), date(2026, 1, 11))
    assert summary.new_requests == 5
    assert summary.new_previous_week == 2
    assert summary.change == 3


def test_the_district_table_has_all_thirteen_districts_with_zeros_and_the_unknown_ones(bot: Bot) -> None:
    _fixed(bot)
    with bot.session() as session:
        summary = week_summary(bot.runtime, session, WEEK)
    assert len([code for code in summary.new_by_district if code is not None]) == 13
    assert summary.new_by_district["5203"]["infrastructure"] == 2
    assert summary.new_by_district["5205"]["electricity"] == 1
    assert summary.new_by_district["5205"]["environment"] == 1
    assert summary.new_by_district["5201"]["infrastructure"] == 0
    assert summary.district_total("5208") == 0
    assert summary.new_by_district[None]["water"] == 1  # the erased villager's request still counts
    assert summary.category_total("infrastructure") == 2
    assert sum(summary.district_total(code) for code in summary.new_by_district) == summary.new_requests


def test_waiting_requests_and_the_oldest_ones_age_are_counted_at_the_time_of_the_summary(bot: Bot) -> None:
    _fixed(bot)
    with bot.session() as session:
        summary = week_summary(bot.runtime, session, WEEK)
    # 2 from the week before, 2 this week, 1 this Monday; this week's erased one has left the queue
    assert summary.waiting == 5
    assert summary.oldest_waiting_days == 13  # 29 Dec 10:00 to 12 Jan 08:00


def test_planned_and_done_count_only_decisions_made_this_week(bot: Bot) -> None:
    _fixed(bot)
    with bot.session() as session:
        summary = week_summary(bot.runtime, session, WEEK)
    assert (summary.planned, summary.done) == (1, 1)


def test_accepted_requests_are_counted_per_upcoming_forum_with_its_date(bot: Bot) -> None:
    bot.runtime.clock = lambda: NOW
    with transaction(bot.runtime.sessions) as session:
        past = add_forum(session, "5205", date(2026, 1, 2))
        soon = add_forum(session, "5205", date(2026, 2, 3))
        add_forum(session, "52", date(2026, 3, 1))
        for _ in range(3):
            add_request(session, at(6), district="5205", status=Status.ACCEPTED, forum_id=soon.id)
        add_request(session, at(6), district="5205", status=Status.ACCEPTED, forum_id=past.id)
        add_request(session, at(6), district="5205", status=Status.PLANNED, forum_id=soon.id)
        add_request(session, at(6), district="5201", status=Status.ACCEPTED)
    with bot.session() as session:
        summary = week_summary(bot.runtime, session, WEEK)
    assert [(f.district_code, f.held_on, f.accepted) for f in summary.forums] == [
        ("5205", date(2026, 2, 3), 3), ("52", date(2026, 3, 1), 0)]
    assert summary.accepted_without_forum == 1


def test_repeated_issues_fold_marked_duplicates_and_near_duplicates_with_supporter_counts(bot: Bot) -> None:
    bot.runtime.clock = lambda: NOW
    with transaction(bot.runtime.sessions) as session:
        road = add_request(session, at(5), text="ถนนบ้านนาแก้วเป็นหลุมเป็นบ่อ", district="5203")
        for day in (6, 7):
            add_request(session, at(day), text="ถนนนาแก้วพัง", district="5203", status=Status.DUPLICATE,
                        duplicate_of=road)
        erased = add_request(session, at(5), text=None, district="5205", category="water", erased_at=at(9))
        add_request(session, at(6), text=None, district="5205", category="water", status=Status.DUPLICATE,
                    duplicate_of=erased)
        add_request(session, at(8), text="ไฟส่องทางหน้าวัดดับหลายดวง", district="5210", category="electricity")
        add_request(session, at(9), text="ไฟส่องทางหน้าวัดดับหลายดวง ช่วยด้วย", district="5210",
                    category="electricity")
        add_request(session, at(9), text="ไฟส่องทางหน้าวัดดับหลายดวง", district="5211", category="electricity")
    with bot.session() as session:
        repeated = week_summary(bot.runtime, session, WEEK).repeated
    assert [(issue.ref, issue.supporters) for issue in repeated] == [
        (road.ref, 3), (erased.ref, 2), ("LP-69-00006", 2)]
    assert repeated[0].text == "ถนนบ้านนาแก้วเป็นหลุมเป็นบ่อ"
    assert repeated[1].text is None


def test_the_alt_text_states_the_headline_numbers_in_thai(bot: Bot) -> None:
    _fixed(bot)
    with bot.session() as session:
        message = summary_messages(bot.runtime, session, WEEK)[0]
    alt = message["altText"]
    assert alt.startswith("สรุปประจำสัปดาห์ 5 ม.ค. 2569 – 11 ม.ค. 2569")
    for fragment in ("เรื่องใหม่ 5 เรื่อง", "เพิ่มขึ้น 3 จากสัปดาห์ก่อน", "รอพิจารณา 5 เรื่อง", "นานสุด 13 วัน",
                     "บรรจุในแผน 1 เรื่อง", "เสร็จ 1 เรื่อง"):
        assert fragment in alt
    assert len(alt) <= 1500


def test_an_erased_villagers_text_never_appears_in_the_summary(bot: Bot) -> None:
    bot.runtime.clock = lambda: NOW
    with transaction(bot.runtime.sessions) as session:
        gone = add_request(session, at(5), text="บ้านเลขที่ 12 ของป้าศรี", district="5205", erased_at=at(9))
        add_request(session, at(6), district="5205", status=Status.DUPLICATE, duplicate_of=gone)
    with bot.session() as session:
        body = json.dumps(summary_messages(bot.runtime, session, WEEK), ensure_ascii=False)
    assert "ป้าศรี" not in body
    assert texts.ERASED_TEXT in body


# --- the Flex message against LINE's limits and the schema's shapes ---------------------------

FLEX_COMPONENTS = {"box", "text", "separator", "filler", "image", "button", "icon", "span", "video"}
BOX_LAYOUTS = {"horizontal", "vertical", "baseline"}
BUBBLE_BLOCKS = {"header", "hero", "body", "footer"}


def _shape_errors(node: dict[str, Any], where: str) -> list[str]:
    """The few structural rules of the Messaging API schema this summary relies on."""
    errors = []
    kind = node.get("type")
    if kind not in FLEX_COMPONENTS:
        errors.append(f"{where}: unknown component {kind!r}")
    if kind == "box":
        if node.get("layout") not in BOX_LAYOUTS:
            errors.append(f"{where}: box without a valid layout")
        if not isinstance(node.get("contents"), list):
            errors.append(f"{where}: box contents must be a list")
        for i, child in enumerate(node.get("contents", [])):
            errors.extend(_shape_errors(child, f"{where}.contents[{i}]"))
    if kind == "text" and not (isinstance(node.get("text"), str) and node["text"]):
        errors.append(f"{where}: text must be a non-empty string")
    return errors


def _carousel_errors(message: dict[str, Any]) -> list[str]:
    errors = []
    if message.get("type") != "flex" or not isinstance(message.get("altText"), str):
        errors.append("not a flex message with an altText")
    carousel = message["contents"]
    if carousel.get("type") != "carousel":
        errors.append("contents is not a carousel")
    for i, bubble in enumerate(carousel["contents"]):
        if bubble.get("type") != "bubble" or not set(bubble) - {"type", "size"} <= BUBBLE_BLOCKS:
            errors.append(f"bubble {i}: unexpected keys {sorted(bubble)}")
        for block in BUBBLE_BLOCKS & set(bubble):
            if bubble[block].get("type") != "box":
                errors.append(f"bubble {i}: {block} must be a box")
            errors.extend(_shape_errors(bubble[block], f"bubble[{i}].{block}"))
    return errors


def test_the_summary_flex_is_within_lines_limits_and_the_schemas_shapes(bot: Bot) -> None:
    _fixed(bot)
    with bot.session() as session:
        messages = summary_messages(bot.runtime, session, WEEK)
    assert linesim.validate_messages(messages) == []
    assert _carousel_errors(messages[0]) == []


def test_a_busy_week_still_fits_lines_size_limits(bot: Bot) -> None:
    """Every district and category non-zero, long texts, many forums: the largest summary we make."""
    bot.runtime.clock = lambda: NOW
    long_text = "ถนนลาดยางชำรุดเป็นหลุมลึกหลายจุด " * 20
    with transaction(bot.runtime.sessions) as session:
        for index, (code, _) in enumerate(districts()):
            add_forum(session, code, date(2026, 2, 1 + index))
            for slug in texts.CATEGORY_LABELS:
                first = add_request(session, at(6), text=long_text + slug, district=code, category=slug)
                add_request(session, at(7), text=long_text, district=code, category=slug,
                            status=Status.DUPLICATE, duplicate_of=first)
        add_request(session, at(7), text=long_text, district=None, category=None)
    with bot.session() as session:
        messages = summary_messages(bot.runtime, session, WEEK)
    carousel = messages[0]["contents"]
    assert linesim.validate_messages(messages) == []
    assert _carousel_errors(messages[0]) == []
    assert len(carousel["contents"]) <= 12
    assert len({bubble["size"] for bubble in carousel["contents"]}) == 1
    assert len(json.dumps(carousel, ensure_ascii=False, separators=(",", ":")).encode()) <= 50 * 1024
