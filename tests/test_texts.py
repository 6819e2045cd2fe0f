"""Thai text is the interface: every sentence lives in bot/texts.py, renders cleanly and fits LINE."""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path

import pytest

from bot import texts
from bot.areas import districts
from bot.line.messages import MAX_LABEL, grapheme_length, label, utf16_length

THAI = re.compile(r"[\u0E00-\u0E7F]")
BOT = Path(__file__).resolve().parent.parent / "bot"
ALLOWED_TO_SPEAK_THAI = {"texts.py"}


def _thai_strings(path: Path) -> list[int]:
    """Line numbers of string literals with Thai in them, docstrings aside (they may quote examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.lineno for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and THAI.search(node.value)
            and id(node) not in docstrings]


def test_no_module_of_the_bot_but_texts_writes_thai() -> None:
    offenders = [f"{path.relative_to(BOT.parent)}:{line}" for path in sorted(BOT.rglob("*.py"))
                 if path.name not in ALLOWED_TO_SPEAK_THAI for line in _thai_strings(path)]
    assert offenders == []


def test_every_button_label_fits_a_quick_reply() -> None:
    labels = [value for name, value in vars(texts).items()
              if (name.startswith("BUTTON_") or name.startswith("MENU_")) and isinstance(value, str)
              and name not in {"MENU_REPORT_HELP"}]
    labels += list(texts.CATEGORY_LABELS.values()) + [name for _, name in districts()]
    too_long = [x for x in labels if grapheme_length(x) > MAX_LABEL]
    assert labels and too_long == []
    assert all(label(x) == x for x in labels)  # none needs shortening


def test_a_long_label_is_shortened_to_twenty_characters_as_line_counts_them() -> None:
    shortened = label("ขอความช่วยเหลือเรื่องถนนในหมู่บ้านด่วน")
    assert grapheme_length(shortened) == MAX_LABEL and shortened.endswith("…")


def test_every_plain_sentence_is_short_enough_for_one_line_message() -> None:
    sentences = [v for k, v in vars(texts).items() if k.isupper() and isinstance(v, str)]
    assert all(0 < utf16_length(s) <= 1000 for s in sentences)


@pytest.mark.parametrize("status", list(texts.STATUS_LABELS))
def test_each_status_notice_renders_without_placeholders(status: str) -> None:
    notice = texts.status_notice(status, "LP-69-00012", reason="งบประมาณไม่พอ", agency="อบต.นาโป่ง",
                                 original="LP-69-00003", forum_when=date(2027, 1, 15))
    assert "LP-69-00012" in notice and "{" not in notice and "}" not in notice


def test_a_request_receipt_names_what_was_understood() -> None:
    receipt = texts.request_received("LP-69-00042", "เกาะคา", "นาแก้ว", "water")
    assert receipt.splitlines()[:5] == ["รับเรื่องแล้วค่ะ 📝", "เลขที่ LP-69-00042", "อำเภอ: เกาะคา",
                                        "ตำบล: นาแก้ว", "เรื่อง: น้ำ"]


def test_dates_are_buddhist_era_with_thai_month_and_weekday() -> None:
    assert texts.thai_date(date(2027, 1, 15)) == "15 ม.ค. 2570"
    assert texts.thai_date(date(2027, 1, 15), with_weekday=True) == "วันศุกร์ที่ 15 ม.ค. 2570"


def test_forum_answers_cover_scheduled_unscheduled_and_provincial() -> None:
    assert texts.forum_answer("งาว", date(2027, 2, 1), "หอประชุม") == \
        "ประชาคมอำเภองาว: วันจันทร์ที่ 1 ก.พ. 2570\nสถานที่: หอประชุม"
    assert "ยังไม่ได้กำหนดวัน" in texts.forum_answer("งาว", None, None)
    assert texts.PROVINCE_FORUM in texts.forum_answer(None, None, None)


def test_the_privacy_notice_says_what_why_who_how_long_and_how_to_delete() -> None:
    notice = texts.privacy_notice(retention_years=2)
    for part in ("เก็บอะไร", "เพื่ออะไร", "ใครเห็น", "2 ปี", "ลบข้อมูล"):
        assert part in notice
