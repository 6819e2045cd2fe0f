"""The labelled corpus: read every JSONL file in a folder and split it deterministically."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from nlp.admin_areas import DATA_DIR

CORPUS_DIR = DATA_DIR / "corpus"
HELD_OUT_BUCKETS = 5  # one bucket of five: about 20 % held out


@dataclass(frozen=True)
class Example:
    text: str
    district: str | None
    tambon: str | None
    category: str | None
    category_alt: str | None
    is_request: bool
    intent: str


def parse_example(record: dict) -> Example:
    is_request = bool(record.get("is_request"))
    return Example(
        text=str(record.get("text") or ""),
        district=record.get("district") or None,
        tambon=record.get("tambon") or None,
        category=record.get("category") or None,
        category_alt=record.get("category_alt") or None,
        is_request=is_request,
        intent=record.get("intent") or ("request" if is_request else "other"),
    )


def read_examples(path: Path) -> list[Example]:
    """Examples from one JSONL file; lines that are not JSON objects with a text are skipped."""
    examples = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            record = json.loads(line)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict) and isinstance(record.get("text"), str):
            examples.append(parse_example(record))
    return examples


def read_corpus(directory: Path = CORPUS_DIR) -> list[Example]:
    """Every example in the folder's JSONL files, first occurrence of each text kept."""
    seen: set[str] = set()
    examples = []
    for path in sorted(directory.glob("*.jsonl")):
        for example in read_examples(path):
            if example.text not in seen:
                seen.add(example.text)
                examples.append(example)
    return examples


def is_held_out(text: str) -> bool:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return digest[0] % HELD_OUT_BUCKETS == 0


def split(examples: list[Example]) -> tuple[list[Example], list[Example]]:
    train = [e for e in examples if not is_held_out(e.text)]
    held_out = [e for e in examples if is_held_out(e.text)]
    return train, held_out
