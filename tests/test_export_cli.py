"""The JSON-lines export staff and tooling use: every field, and requesters only by pseudonym."""

from __future__ import annotations

import json
from datetime import datetime

from tests.harness import Bot

EXPECTED_FIELDS = {"ref", "status", "district_code", "district_name", "tambon_code", "tambon_name", "category",
                   "text", "created_at", "updated_at", "lat", "lon", "attachments", "duplicate_of", "requester"}


def test_the_jsonl_export_has_one_object_per_request_and_no_line_ids(bot: Bot, villager: str) -> None:
    bot.line.send_text(villager, "ขอซ่อมถนนหมู่ 3 ต.นาแก้ว อ.เกาะคา ครับ")
    bot.line.send_text(villager, "ขอเครื่องออกกำลังกายที่ลานวัด")
    bot.drain()

    result = bot.app.test_cli_runner().invoke(args=["export", "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]

    assert len(rows) == 2
    assert all(set(row) >= EXPECTED_FIELDS for row in rows)
    assert rows[0]["text"] == "ขอซ่อมถนนหมู่ 3 ต.นาแก้ว อ.เกาะคา ครับ"
    assert rows[0]["requester"] == rows[1]["requester"] and rows[0]["requester"]
    assert villager not in result.stdout
    created = datetime.fromisoformat(rows[0]["created_at"])
    assert created.utcoffset() is not None and created.utcoffset().total_seconds() == 7 * 3600


def test_the_export_can_be_written_to_a_file(bot: Bot, villager: str, tmp_path) -> None:  # noqa: ANN001
    bot.line.send_text(villager, "ขอซ่อมท่อประปาหมู่บ้านที่แตกด้วยครับ")
    bot.drain()
    target = tmp_path / "requests.jsonl"
    result = bot.app.test_cli_runner().invoke(args=["export", "--output", str(target)])
    assert result.exit_code == 0, result.output
    assert len(target.read_text(encoding="utf-8").splitlines()) == 1
