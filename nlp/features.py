"""Sparse features of one message, shared by training and inference so they can never drift apart."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

_NUMBER = re.compile(r"^[\d.,:/]+$")
_LAUGHTER = re.compile(r"(555|ฮ่า+|ฮ่าฮ่า|haha|lol|อิอิ|คิคิ)", re.IGNORECASE)
_QUESTION = re.compile(r"(\?|ไหม|มั้ย|มั๊ย|หรือเปล่า|รึเปล่า|เมื่อไหร่|เมื่อไร|กี่โมง|ที่ไหน|ยังไง|อย่างไร|อะหยัง|ก่อ$|บ่$)")
_SHORT_KEYWORD = 3
_LATIN_OR_THAI = re.compile("[A-Za-z\u0e01-\u0e4e]")


@dataclass(frozen=True)
class KeywordIndex:
    """Category keywords from data: one regex finds them all, a dict says which category each means."""

    pattern: re.Pattern[str]
    category_of: dict[str, str]
    categories: tuple[str, ...]

    def hits(self, normalized_text: str, tokens: list[str]) -> Counter[str]:
        """Long keywords anywhere in the text; short ones (วัด, ยา, ถนน) only as whole tokens (not in ตรวจวัด)."""
        found = Counter(self.category_of[m.group(0)] for m in self.pattern.finditer(normalized_text.lower()))
        for token in tokens:
            if len(token) <= _SHORT_KEYWORD and token in self.category_of:
                found[self.category_of[token]] += 1
        return found


def load_keywords(path: Path) -> KeywordIndex:
    raw = json.loads(path.read_text(encoding="utf-8"))["categories"]
    category_of = {word.lower(): slug for slug, words in raw.items() for word in words}
    long_words = sorted((word for word in category_of if len(word) > _SHORT_KEYWORD), key=len, reverse=True)
    pattern = re.compile("|".join(map(re.escape, long_words)))
    return KeywordIndex(pattern, category_of, tuple(raw))


def message_features(
    tokens: list[str], normalized_text: str, place_names: frozenset[str], keyword_hits: Counter[str], has_place: bool
) -> dict[str, float]:
    """Word, bigram, character-trigram, keyword and cue features; place names and numbers are masked."""
    masked = ["<place>" if t in place_names else "<num>" if _NUMBER.match(t) else t for t in tokens]
    features: Counter[str] = Counter()
    for token in masked:
        features["w:" + token] += 1
        if len(token) > 1 and token[0] != "<":
            padded = f"_{token}_"
            for start in range(len(padded) - 2):
                features["c:" + padded[start : start + 3]] += 1
    for first, second in zip(masked, masked[1:], strict=False):
        features[f"b:{first}|{second}"] += 1
    for slug, count in keyword_hits.items():
        features["kw:" + slug] += count
    count = len(tokens)
    length = "0" if count == 0 else "1" if count == 1 else "2-3" if count <= 3 else "4-8" if count <= 8 else "9+"
    features["len:" + length] = 1
    if _QUESTION.search(normalized_text):
        features["cue:question"] = 1
    if _LAUGHTER.search(normalized_text):
        features["cue:laughter"] = 1
    if has_place:
        features["cue:place"] = 1
    if not _LATIN_OR_THAI.search(normalized_text):
        features["cue:no-letters"] = 1
    return dict(features)
