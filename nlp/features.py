"""Sparse features of one message, shared by training and inference so they can never drift apart."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nlp.phrases import PhraseIndex

_NUMBER = re.compile(r"^[\d.,:/]+$")
_LAUGHTER = re.compile(r"(555|ฮ่า+|ฮ่าฮ่า|haha|lol|อิอิ|คิคิ)", re.IGNORECASE)
_QUESTION = re.compile(r"(\?|ไหม|มั้ย|มั๊ย|หรือเปล่า|รึเปล่า|เมื่อไหร่|เมื่อไร|กี่โมง|ที่ไหน|ยังไง|อย่างไร|อะหยัง|ก่อ$|บ่$)")
_LATIN_OR_THAI = re.compile("[A-Za-z\u0e01-\u0e4e]")


@dataclass(frozen=True)
class KeywordIndex:
    """Category keywords from data: one regex finds them all, a dict says which category each means."""

    category_of: PhraseIndex[str]
    categories: tuple[str, ...]

    def hits(self, tokens: list[str]) -> Counter[str]:
        """Keywords as whole words (the tokenizer knows them), so วัด is not found inside ตรวจวัด."""
        return Counter(slug for _, _, slug in self.category_of.find(tokens))


def load_keywords(path: Path) -> KeywordIndex:
    raw = json.loads(path.read_text(encoding="utf-8"))["categories"]
    category_of = {word.lower().replace(" ", ""): slug for slug, words in raw.items() for word in words}
    return KeywordIndex(PhraseIndex.build(category_of), tuple(raw))


@lru_cache(maxsize=50_000)
def _token_features(token: str) -> tuple[str, ...]:
    """The word feature and character trigrams of one token; tokens repeat, so this is cached."""
    if len(token) < 2 or token[0] == "<":
        return ("w:" + token,)
    padded = f"_{token}_"
    return ("w:" + token, *("c:" + padded[start : start + 3] for start in range(len(padded) - 2)))


def message_features(
    tokens: list[str], normalized_text: str, place_names: frozenset[str], keyword_hits: Counter[str], has_place: bool
) -> dict[str, float]:
    """Word, bigram, character-trigram, keyword and cue features; place names and numbers are masked."""
    masked = ["<place>" if t in place_names else "<num>" if _NUMBER.match(t) else t for t in tokens]
    features: Counter[str] = Counter()
    for token in masked:
        features.update(_token_features(token))
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
