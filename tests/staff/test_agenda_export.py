"""The forum agenda export, opened back with openpyxl and csv and checked cell by cell."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from openpyxl import load_workbook

from storage.models import Forum
from tests.harness import Bot
from tests.staff.conftest import say


def _agenda(bot: Bot, villager: str, triager: str, file_request) -> dict[str, str]:
    with bot.session() as session, session.begin():
        session.add(Forum(district_code="5208", held_on=date(2099, 1, 10), venue="หอประชุมอำเภอเถิน"))
    refs = {
        "road": file_request(villager, "=HYPERLINK(\"http://x\",\"ถนนพัง\")"),
        "water": file_request(villager, "ประปาหมู่บ้านไม่ไหลมา 3 วันแล้ว", category="water"),
        "water_again": file_request(None, "น้ำประปาหมู่บ้านไม่ไหลเลยค่ะ", category="water"),
        "elsewhere": file_request(None, "-ขอไฟกิ่ง", district="5203", tambon=None, category="electricity"),
    }
    say(bot, triager, f"/accept {refs['road']} {refs['water']} {refs['elsewhere']}")
    say(bot, triager, f"/dup {refs['water_again']} {refs['water']}")
    return refs


def test_the_xlsx_agenda_has_a_sheet_per_district_with_duplicates_folded_and_formulas_neutralised(
        bot: Bot, villager: str, triager: str, file_request, tmp_path) -> None:  # noqa: ANN001
    refs = _agenda(bot, villager, triager, file_request)
    target = tmp_path / "agenda.xlsx"
    result = bot.app.test_cli_runner().invoke(args=["export", "--format", "xlsx", "--output", str(target)])
    assert result.exit_code == 0, result.output

    workbook = load_workbook(target)
    assert workbook.sheetnames == ["เกาะคา", "เถิน"]
    sheet = workbook["เถิน"]
    assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in sheet[1]][:7] == ["เลขที่", "สถานะ", "อำเภอ", "ตำบล", "หมวด", "ข้อความ", "ผู้สนับสนุน"]
    assert sheet.column_dimensions["F"].width == 60
    rows = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][0] == "นาโป่ง · ถนนและสิ่งก่อสร้าง"
    # Exactly what the villager wrote, stored as a string cell: shown as typed, never run.
    assert rows[1][0] == refs["road"] and rows[1][5] == "=HYPERLINK(\"http://x\",\"ถนนพัง\")"
    assert sheet.cell(3, 6).data_type == "s"
    assert rows[2][0] == "นาโป่ง · น้ำ"
    assert rows[3][0] == refs["water"] and rows[3][6] == 2 and rows[3][9] == "2099-01-10"
    assert rows[4][0] == "↳ " + refs["water_again"] and rows[4][7] == refs["water"]
    assert villager not in json.dumps(rows, ensure_ascii=False)
    assert workbook["เกาะคา"].cell(3, 6).value == "-ขอไฟกิ่ง"  # no apostrophe showing in the sheet


def test_the_csv_agenda_is_utf8_with_bom_and_one_row_per_request(
        bot: Bot, villager: str, triager: str, file_request) -> None:
    refs = _agenda(bot, villager, triager, file_request)
    result = bot.app.test_cli_runner().invoke(args=["export", "--format", "csv", "--district", "เถิน"])
    assert result.exit_code == 0, result.output
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert rows[0][0] == "เลขที่" and rows[0][-1] == "รหัสผู้แจ้ง"
    assert [row[0] for row in rows[1:]] == [refs["road"], refs["water"], "↳ " + refs["water_again"]]
    assert rows[1][5].startswith("'=") and rows[2][6] == "2"
    assert rows[1][-1] and villager not in result.stdout_bytes.decode("utf-8-sig")


def test_the_forum_option_exports_only_that_forums_agenda_on_one_sheet(
        bot: Bot, villager: str, triager: str, file_request, tmp_path) -> None:  # noqa: ANN001
    refs = _agenda(bot, villager, triager, file_request)
    file_request(None, "ยังไม่ได้พิจารณา")
    target = tmp_path / "forum.xlsx"
    result = bot.app.test_cli_runner().invoke(args=["export", "--format", "xlsx", "--forum", "เถิน",
                                                    "--output", str(target)])
    assert result.exit_code == 0, result.output
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["อำเภอเถิน"]
    listed = [row[0].value for row in workbook.active.iter_rows(min_row=2) if str(row[0].value).startswith(("LP", "↳"))]
    assert listed == [refs["road"], refs["water"], "↳ " + refs["water_again"]]


def test_the_csv_agenda_neutralises_formulas_hidden_behind_invisible_or_full_width_characters(
        bot: Bot, triager: str, file_request) -> None:
    hidden = {
        "full_width": "＝HYPERLINK(\"http://x\")",
        "zero_width": "\u200b=1+1",
        "bom": "\ufeff+1",
        "joiner_and_at": "\u2060\u200d@SUM(A1)",
        "plain": "ถนนพัง = อันตราย",
    }
    refs = {key: file_request(None, text) for key, text in hidden.items()}
    result = bot.app.test_cli_runner().invoke(args=["export", "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {row[0]: row for row in csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig")))}
    for key in ("full_width", "zero_width", "bom", "joiner_and_at"):
        assert rows[refs[key]][5] == "'" + hidden[key], key
    assert rows[refs["plain"]][5] == hidden["plain"]
