"""The `python -m nlp` command line contract."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIELDS = {"is_request", "intent", "district_code", "district_name", "tambon_code", "tambon_name", "category",
          "confidence", "alternatives"}


def run(*arguments: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "nlp", *arguments], input=stdin.encode(), cwd=ROOT,
                          capture_output=True, timeout=120, check=False)


def test_classify_writes_one_json_object_per_input_line_in_order():
    result = run("classify", stdin="ถนนพัง อ.งาว\nสวัสดีครับ\n\nไฟดับ ต.นาแก้ว\n")
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert len(lines) == 4
    assert all(set(line) >= FIELDS for line in lines)
    assert [line["district_code"] for line in lines] == ["5205", None, None, "5203"]
    assert lines[1]["is_request"] is False


def test_classify_jsonl_reads_the_text_field_and_survives_bad_lines():
    stdin = json.dumps({"text": "ขยะเยอะ อ.เถิน"}, ensure_ascii=False) + "\nnot json\n"
    result = run("classify", "--jsonl", stdin=stdin)
    lines = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [line["district_code"] for line in lines] == ["5208", None]


def test_evaluate_prints_accuracy_per_field(tmp_path):
    labelled = tmp_path / "labelled.jsonl"
    records = [{"text": "ถนนพัง อ.งาว", "district": "5205", "category": "infrastructure", "is_request": True},
               {"text": "สวัสดีครับ", "district": None, "category": None, "is_request": False}]
    labelled.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8")
    result = run("evaluate", str(labelled))
    output = result.stdout.decode()
    assert result.returncode == 0, result.stderr
    assert "district_accuracy                1.000" in output
    assert "is_request_balanced_accuracy" in output
