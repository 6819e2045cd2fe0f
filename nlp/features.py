"""Sparse features of one message, shared by training and inference so they can never drift apart."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path

from nlp.phrases import PhraseIndex

_NUMBER = re.compile(r"^[\d.,:/]+$")
LAUGHTER = re.compile(r"(555|ฮ่า+|ฮ่าฮ่า|haha|lol|อิอิ|คิคิ)", re.IGNORECASE)
_QUESTION = re.compile(r"(\?|ไหม|มั้ย|มั๊ย|หรือเปล่า|รึเปล่า|เมื่อไหร่|เมื่อไร|กี่โมง|ที่ไหน|ยังไง|อย่างไร|อะหยัง|ก่อ$|บ่$)")
_LATIN_OR_THAI = re.compile("[A-Za-z\u0e01-\u0e4e]")
# What junk carries and requests rarely do: a phone number (mobile or landline, with or without
# dashes), a price, a link or a LINE id to add. Checked on the whole normalised text because the
# tokenizer cuts them apart.
_PHONE = re.compile(r"(?<!\d)0[2-9]\d?[-. ]?\d{3}[-. ]?\d{3,4}(?!\d)")
_PRICE = re.compile(r"\d\s*(?:บาท|บ\.|฿|ล้าน|หมื่น|พัน)|฿|ราคา\s*\d|\d\s*%")
# Letter classes instead of re.IGNORECASE, which made this search five times slower.
_LINK = re.compile(r"[Hh][Tt][Tt][Pp][Ss]?://|[Ww]{3}\.|\.(?:com|co\.th|net|ly|me)\b|[Ll][Ii][Nn][Ee]\s*[Ii][Dd]|ไอดีไลน์|@[A-Za-z0-9]")
# Cheap gates (one C-level scan each) so most messages skip the searches above: a phone number has
# three digits in a row, a price a unit word.
_THREE_DIGITS = re.compile(r"\d\d\d")
_PRICE_WORD = re.compile(r"บาท|บ\.|฿|ราคา|%|ล้าน|หมื่น|พัน")


def _may_hold_a_link(text: str) -> bool:
    # Substring tests run in C and cost far less than the _LINK search they spare.
    return "." in text or "@" in text or "ine" in text or "INE" in text or "ไอดี" in text


@dataclass(frozen=True)
class KeywordIndex:
    """Keywords from data: one phrase scan finds them all, a dict says what each means.

    A phrase means one or more labels: a category slug (its evidence is added to the category
    logits) and/or a cue (advert, forward, announcement, politics, complaint, problem, ask), which
    is only a feature. One scan serves both, so the cues cost nothing extra.
    """

    category_of: PhraseIndex[tuple[str, ...]]
    categories: tuple[str, ...]

    def hits(self, tokens: list[str]) -> Counter[str]:
        """Keywords as whole words (the tokenizer knows them), so วัด is not found inside ตรวจวัด."""
        return Counter(chain.from_iterable(labels for _, _, labels in self.category_of.find(tokens)))


def _phrase(word: str) -> str:
    return word.lower().replace(" ", "")


def load_keywords(path: Path) -> KeywordIndex:
    data = json.loads(path.read_text(encoding="utf-8"))
    raw = data["categories"]
    cues = {cue: {_phrase(word) for word in words} for cue, words in data.get("cues", {}).items()}
    labels_of: dict[str, tuple[str, ...]] = {}
    for slug, words in [*raw.items(), *cues.items()]:
        for phrase in map(_phrase, words):
            if slug not in labels_of.get(phrase, ()):
                labels_of[phrase] = (*labels_of.get(phrase, ()), slug)
    # The scan keeps the longest phrase only, so a category keyword that contains a cue word
    # (น้ำท่วมนา holds ท่วม, ไฟฟ้าดับ holds ดับ) must carry that cue itself, or the cue would be hidden
    # behind it. Phrases that are already a cue (หาเสียง) keep their own meaning.
    categories = set(raw)
    for phrase, labels in list(labels_of.items()):
        if not categories.issuperset(labels):
            continue
        inherited = [cue for cue, words in cues.items() if any(word in phrase for word in words)]
        if inherited:
            labels_of[phrase] = (*labels, *inherited)
    return KeywordIndex(PhraseIndex.build(labels_of), tuple(raw))


_STRETCH_AT_END = re.compile("(.)\\1(?![\u0e01-\u0e4e])")
# Normalisation collapses ค่าาา (a stretched, friendly ค่ะ) to ค่า, the word for a fee; where Thai text
# ends it is the particle (a fee is followed by what it is for: ค่าน้ำ), except in มีค่า (valuable) and in
# a place name that ends so (ต.บ้านค่า, Mueang Lampang), which `load_particles` is told about.
_POLITE_KHA = re.compile("(?<!มี)ค่า(?![\u0e01-\u0e4e])")


def _polite_kha(place_names: Iterable[str]) -> re.Pattern[str]:
    # One fixed-width look-behind per name start. Written บ้านค่า, "home, ma'am" and the tambon look the
    # same; the tambon is the reading that loses nothing (before issue 15 it was the only one).
    starts = sorted({name[: -len("ค่า")] for name in place_names if name.endswith("ค่า") and len(name) > 3})
    if not starts:
        return _POLITE_KHA
    behind = "".join(f"(?<!{re.escape(start)})" for start in starts)
    return re.compile("(?<!มี)" + behind + "ค่า(?![\u0e01-\u0e4e])")


@dataclass(frozen=True)
class Particles:
    """Closing particles (ครับ, ค่ะ, เจ้า, เน้อ, ก่ …) in any elongation (ค่าาา, เน้ออ, คร้าบบ).

    They say who is speaking and how politely, never what is asked, so the model does not see them:
    appending or dropping one can then never flip a verdict.
    """

    words: frozenset[str]
    first_letters: frozenset[str]
    whole: re.Pattern[str]  # one token made only of particles
    elongated: re.Pattern[str]  # a particle stretched by its last letter, in running text
    polite_kha: re.Pattern[str] = _POLITE_KHA  # ค่า where Thai text ends, when it is not a name's end

    def is_particle(self, token: str) -> bool:
        # Most tokens cannot start a particle; checking the first letter spares them the regex.
        return token[:1] in self.first_letters and self.whole.fullmatch(token) is not None

    def shorten(self, normalized_text: str) -> str:
        """เน้ออ → เน้อ: the segmenter would otherwise cut the stretch off as a word of its own (เน้อ|อ)."""
        if "ค่า" in normalized_text:  # a C substring search; the regex runs on few messages
            normalized_text = self.polite_kha.sub("ค่ะ", normalized_text)
        # A doubled letter where Thai text ends is rare; looking for it is much cheaper than the sub.
        if _STRETCH_AT_END.search(normalized_text) is None:
            return normalized_text
        return self.elongated.sub(self._as_listed, normalized_text)

    def _as_listed(self, match: re.Match[str]) -> str:
        # The shortest listed form: ค่าาา becomes ค่าา (listed; plain ค่า is a fee), เน้ออ becomes เน้อ.
        stretched = match.group()
        stem = stretched.rstrip(stretched[-1])
        return next(
            (stem + stretched[-1] * n for n in range(1, 3) if stem + stretched[-1] * n in self.words), stretched
        )


def load_particles(path: Path, place_names: Iterable[str] = ()) -> Particles:
    words = sorted({_phrase(word) for word in json.loads(path.read_text(encoding="utf-8"))["particles"]}, key=len)
    words.reverse()  # longest first, so นะคะ is one particle rather than นะ and a remainder
    # Each particle may repeat its last letter (normalisation keeps runs of two).
    stretchable = "|".join(re.escape(word) + re.escape(word[-1]) + "*" for word in words)
    stretched = "|".join(re.escape(word) + re.escape(word[-1]) + "+" for word in words)
    # Only where Thai text ends (a space, punctuation, an emoji, the end): inside running text the
    # stretch may be the next word's first letter (ครับบ้าน is ครับ + บ้าน, เน้ออยู่ is เน้อ + อยู่).
    ends_thai = "(?![\u0e01-\u0e4e])"
    return Particles(
        frozenset(words),
        frozenset(word[0] for word in words),
        re.compile("(?:" + stretchable + ")+"),
        re.compile("(?:" + stretched + ")" + ends_thai),
        _polite_kha(place_names),
    )


def mask(tokens: list[str], place_names: frozenset[str], particles: Particles | None = None) -> list[str]:
    """Place names and numbers become placeholders: the model should learn what is asked, not where.

    Closing particles become "" (callers drop them): politeness must not change the verdict.
    """
    return [
        "<place>" if t in place_names else "<num>" if _is_number(t) else
        "" if particles is not None and particles.is_particle(t) else t
        for t in tokens
    ]


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
    if LAUGHTER.search(normalized_text):
        features["cue:laughter"] = 1
    if has_place:
        features["cue:place"] = 1
    if not _LATIN_OR_THAI.search(normalized_text):
        features["cue:no-letters"] = 1
    if _THREE_DIGITS.search(normalized_text) and _PHONE.search(normalized_text):
        features["cue:phone"] = 1
    if _PRICE_WORD.search(normalized_text) and _PRICE.search(normalized_text):
        features["cue:price"] = 1
    if _may_hold_a_link(normalized_text) and _LINK.search(normalized_text):
        features["cue:link"] = 1
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
