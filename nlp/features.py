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


def mask(tokens: list[str], place_names: frozenset[str]) -> list[str]:
    """Place names and numbers become placeholders: the model should learn what is asked, not where."""
    return ["<place>" if t in place_names else "<num>" if _is_number(t) else t for t in tokens]


def _is_number(token: str) -> bool:
    # The first character settles almost every token without running the regex (\d is isdecimal).
    return (token[0].isdecimal() or token[0] in ".,:/") and _NUMBER.match(token) is not None


@lru_cache(maxsize=50_000)
def token_features(token: str) -> tuple[str, ...]:
    """The word feature and character trigrams of one masked token; tokens repeat, so this is cached."""
    if len(token) < 2 or token[0] == "<":
        return ("w:" + token,)
    padded = f"_{token}_"
    return ("w:" + token, *("c:" + padded[start : start + 3] for start in range(len(padded) - 2)))


BIGRAM_FORMAT = "b:{}|{}"


def bigram_feature(first: str, second: str) -> str:
    return BIGRAM_FORMAT.format(first, second)


def cue_features(token_count: int, normalized_text: str, keyword_hits: Counter[str], has_place: bool) -> dict[str, int]:
    """Keyword hits per category, a length bucket, and question / laughter / place / no-letter cues."""
    features = {"kw:" + slug: count for slug, count in keyword_hits.items()}
    n = token_count
    features["len:" + ("0" if n == 0 else "1" if n == 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+")] = 1
    if _QUESTION.search(normalized_text):
        features["cue:question"] = 1
    if _LAUGHTER.search(normalized_text):
        features["cue:laughter"] = 1
    if has_place:
        features["cue:place"] = 1
    if not _LATIN_OR_THAI.search(normalized_text):
        features["cue:no-letters"] = 1
    return features


def message_features(
    masked: list[str], normalized_text: str, keyword_hits: Counter[str], has_place: bool
) -> dict[str, int]:
    """Every feature by name with its count (training reads these; inference uses nlp.encoder, which must agree)."""
    features: Counter[str] = Counter()
    for token in masked:
        features.update(token_features(token))
    for first, second in zip(masked, masked[1:], strict=False):
        features[bigram_feature(first, second)] += 1
    features.update(cue_features(len(masked), normalized_text, keyword_hits, has_place))
    return dict(features)
