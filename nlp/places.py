"""Find which district and tambon a message talks about, from names, markers, typos, romanisations and landmarks."""

from __future__ import annotations

import json
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, replace
from itertools import accumulate, compress, filterfalse
from operator import attrgetter, itemgetter
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from nlp.admin_areas import Gazetteer
from nlp.phrases import PhraseIndex

_MAX_WINDOW = 4
# Strong markers name a tambon outright; "บ้าน"-style markers may introduce a village of the same name.
_STRONG_TAMBON_MARKERS = frozenset({"ต.", "ต", "ตำบล", "ตําบล", "ทต.", "อบต.", "เทศบาลตำบล"})
_FUZZY_MIN_LENGTH = 6
_SILENT_LETTER = re.compile("[\u0e01-\u0e2e]\u0e4c")
_LATIN_LETTER = re.compile("[A-Za-z]")
_FIRST_LETTER = itemgetter(slice(0, 1))
_POSITION = attrgetter("position")


@dataclass(frozen=True)
class PlaceEntry:
    """One thing a name can mean: a district, a tambon or a landmark."""

    district_code: str
    tambon_code: str | None
    kind: str  # "district" | "tambon" | "landmark" | "context" (town phrases such as ในเมือง)
    # "district", "tambon" (any tambon marker, or a loose one such as แถว) or "tambon_strict" (a real
    # tambon marker only: ศาลา, สวนดอก are also things one is near) when the name is an ordinary word.
    needs_marker: str | None = None


@dataclass(frozen=True)
class Mention:
    position: int
    entry: PlaceEntry
    district_marked: bool
    tambon_marked: bool
    strongly_tambon_marked: bool
    fuzzy: bool = False
    loosely_tambon_marked: bool = False  # after แถว / ย่าน ("around"), which names a place only loosely


@dataclass(frozen=True)
class PlaceGuess:
    district_code: str | None
    tambon_code: str | None
    district_confidence: float
    tambon_confidence: float
    other_districts: tuple[str, ...]


NO_PLACE = PlaceGuess(None, None, 0.0, 0.0, ())


def _fold_latin(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


@dataclass(frozen=True)
class PlaceMatcher:
    """Immutable index of every Thai and Latin place name; `guess` reads tokens and returns a PlaceGuess."""

    names: PhraseIndex[tuple[PlaceEntry, ...]]
    latin_pattern: re.Pattern[str]
    latin_names: dict[str, PlaceEntry]
    fuzzy_names: dict[tuple[str, int], tuple[str, ...]]  # (first character, window length) -> candidate names
    fuzzy_longest: int  # no window longer than this can be near any name
    fuzzy_firsts: frozenset[str]  # first letters of the names spelling slips are looked for
    district_markers: frozenset[str]
    tambon_markers: frozenset[str]
    loose_tambon_markers: frozenset[str]
    dictionary_words: Container[str]

    def thai_names(self) -> list[str]:
        return list(self.names.keys())

    def guess(self, raw_tokens: Sequence[str], normalized_text: str) -> PlaceGuess:
        words = list(filterfalse(str.isspace, raw_tokens))
        # Mentions are positioned by word index, which orders them as well as character offsets do;
        # offsets are only needed (and only computed) to interleave romanised names found in the text.
        mentions = self._exact_mentions(words)
        if _LATIN_LETTER.search(normalized_text):
            latin = self._latin_mentions(normalized_text)
            if latin:
                offsets = self._word_offsets(raw_tokens)
                mentions = [replace(m, position=offsets[m.position]) for m in mentions] + latin
                mentions.sort(key=_POSITION)
        if not mentions:
            mentions = self._fuzzy_mentions(words, "\u0e4c" in normalized_text)
            if not mentions:
                return NO_PLACE
        return _resolve(mentions)

    @staticmethod
    def _word_offsets(raw_tokens: Sequence[str]) -> list[int]:
        """Character offsets of the non-space tokens (tokens never mix spaces with other characters)."""
        offsets = accumulate(map(len, raw_tokens), initial=0)
        return [offset for token, offset in zip(raw_tokens, offsets, strict=False) if not token.isspace()]

    def _mention(self, words: list[str], start: int, entry: PlaceEntry, fuzzy: bool = False) -> Mention:
        previous = words[start - 1] if start > 0 else ""
        return Mention(
            position=start,
            entry=entry,
            district_marked=previous in self.district_markers,
            tambon_marked=previous in self.tambon_markers,
            strongly_tambon_marked=previous in _STRONG_TAMBON_MARKERS,
            fuzzy=fuzzy,
            loosely_tambon_marked=previous in self.loose_tambon_markers,
        )

    def _exact_mentions(self, words: list[str]) -> list[Mention]:
        found = self.names.find(words)
        return [self._choose_entry(words, start, entries) for start, _, entries in found]

    def _choose_entry(self, words: list[str], start: int, entries: tuple[PlaceEntry, ...]) -> Mention:
        """A name shared by a district and its tambon means the tambon only after ต./ตำบล."""
        candidates = [self._mention(words, start, entry) for entry in entries]
        if len(candidates) == 1:
            return candidates[0]
        wants_tambon = candidates[0].strongly_tambon_marked
        for mention in candidates:
            if (mention.entry.kind == "tambon") == wants_tambon:
                return mention
        return candidates[0]

    def _latin_mentions(self, normalized_text: str) -> list[Mention]:
        if not re.search("[A-Za-z]", normalized_text):
            return []
        found = []
        for match in self.latin_pattern.finditer(normalized_text.lower()):
            entry = self.latin_names.get(_fold_latin(match.group(0)))
            if entry:
                found.append(Mention(match.start(), entry, True, False, False))
        return found

    def _fuzzy_mentions(self, words: list[str], has_silent_letter: bool) -> list[Mention]:
        """Catch spelling slips (เสริมงาน, แจ่ห่ม, วังเหนอ) over windows of up to three tokens."""
        # A silent letter typed by habit (เกาะคาร์, ห้างฉัตร์) is not a spelling difference.
        plain = words
        if has_silent_letter:
            plain = [_SILENT_LETTER.sub("", word) if "\u0e4c" in word else word for word in words]
        # This runs on every message that names no place exactly, so the loop is kept lean: a window is
        # only tried when its first letter starts some name, and only against names of a reachable length.
        buckets, longest, ordinary = self.fuzzy_names, self.fuzzy_longest, self.dictionary_words
        firsts = self.fuzzy_firsts
        mentions: list[Mention] = []
        size = len(plain)
        for start in compress(range(size), map(firsts.__contains__, map(_FIRST_LETTER, plain))):
            joined = ""
            for width in range(min(3, size - start)):
                joined += plain[start + width]
                length = len(joined)
                if length > longest:
                    break  # wider windows are longer still
                if length < _FUZZY_MIN_LENGTH or joined in ordinary:
                    continue
                candidates = buckets.get((joined[0], length))
                if candidates is None:
                    continue
                best = process.extractOne(
                    joined, candidates, scorer=Levenshtein.distance, score_cutoff=_fuzzy_cutoff(length)
                )
                if best:
                    mentions.append(self._mention(words, start, self.names.phrases[best[0]][0], fuzzy=True))
                    break
        return mentions


def _fuzzy_cutoff(length: int) -> int:
    """Edits allowed in a window of this many characters: one, or two for long names."""
    return 1 if length < 9 else 2


def _fuzzy_buckets(names: list[str]) -> dict[tuple[str, int], tuple[str, ...]]:
    """(first character, window length) -> the names a window of that length could be within reach of."""
    buckets: dict[tuple[str, int], tuple[str, ...]] = {}
    longest = max(map(len, names), default=0)
    for first in {name[0] for name in names}:
        group = [name for name in names if name[0] == first]
        for length in range(_FUZZY_MIN_LENGTH, longest + 3):
            near = tuple(name for name in group if abs(len(name) - length) <= _fuzzy_cutoff(length))
            if near:
                buckets[(first, length)] = near
    return buckets


def _resolve(mentions: list[Mention]) -> PlaceGuess:
    named = [m for m in mentions if m.entry.kind != "context"]
    district_level = {m.entry.district_code for m in named if m.entry.kind != "tambon" and not m.entry.needs_marker}

    def keep(mention: Mention) -> bool:
        need = mention.entry.needs_marker
        if need == "district" and not mention.district_marked:
            return False
        # An ordinary word (ศาลา, สมัย) without a marker counts only when its district is named elsewhere.
        if need in ("tambon", "tambon_strict") and not mention.tambon_marked:
            loosely = need == "tambon" and mention.loosely_tambon_marked
            if not loosely and mention.entry.district_code not in district_level:
                return False
        if mention.entry.kind == "tambon" and district_level and not mention.strongly_tambon_marked:
            # A village called like a tambon of another district: trust the district that was named.
            return mention.entry.district_code in district_level
        return True

    # Town context (ในเมือง, ตัวเมือง) places a message only when nothing is named outright.
    kept = [m for m in named if keep(m)] or [m for m in mentions if m.entry.kind == "context"]
    if not kept:
        return NO_PLACE
    order: list[str] = []
    for mention in kept:
        if mention.entry.district_code not in order:
            order.append(mention.entry.district_code)
    district = order[0]
    own = [m for m in kept if m.entry.district_code == district]
    tambon = next((m.entry.tambon_code for m in own if m.entry.tambon_code), None)
    kinds = {m.entry.kind for m in own}
    if any(m.fuzzy for m in own) and len(own) == 1:
        confidence = 0.75
    elif len(kinds) > 1 or len(own) > 1:
        confidence = 0.99
    elif "district" in kinds:
        confidence = 0.96
    elif any(m.strongly_tambon_marked or m.tambon_marked for m in own):
        confidence = 0.93
    elif kinds == {"context"}:
        confidence = 0.7
    else:
        confidence = 0.85
    confidence = max(0.3, confidence - 0.25 * (len(order) - 1))
    tambon_confidence = 0.0
    if tambon:
        marked = any(m.tambon_marked or m.strongly_tambon_marked for m in own)
        tambon_confidence = min(confidence, 0.95 if marked else 0.8)
    return PlaceGuess(district, tambon, round(confidence, 3), round(tambon_confidence, 3), tuple(order[1:]))


def _latin_regex(names: list[str]) -> re.Pattern[str]:
    parts = sorted({r"[\s\-]*".join(map(re.escape, name.lower().split())) for name in names}, key=len, reverse=True)
    return re.compile(r"(?<![a-z])(?:" + "|".join(parts) + r")(?![a-z])")


def build_place_matcher(gazetteer: Gazetteer, data_dir: Path, dictionary_words: Container[str]) -> PlaceMatcher:
    """Index the gazetteer, aliases and landmarks into one immutable matcher."""
    aliases = json.loads((data_dir / "aliases.json").read_text(encoding="utf-8"))
    landmarks = json.loads((data_dir / "landmarks.json").read_text(encoding="utf-8"))
    ordinary = set(aliases["ordinary_word_tambons"])
    strict = set(aliases["ordinary_word_tambons_needing_a_tambon_marker"])
    names: dict[str, list[PlaceEntry]] = {}
    latin: dict[str, PlaceEntry] = {}

    def add(name: str, entry: PlaceEntry) -> None:
        bucket = names.setdefault(name, [])
        if entry not in bucket:
            bucket.append(entry)

    for district in gazetteer.districts:
        entry = PlaceEntry(district.code, None, "district")
        add(district.name_th, entry)
        latin[_fold_latin(district.name_en)] = entry
        for tambon in district.tambons:
            marker = None
            if tambon.name_th in ordinary:
                marker = "tambon_strict" if tambon.name_th in strict else "tambon"
            tambon_entry = PlaceEntry(district.code, tambon.code, "tambon", marker)
            add(tambon.name_th, tambon_entry)
            for english in (tambon.name_en, *tambon.name_en_variants):
                latin.setdefault(_fold_latin(english), tambon_entry)
    for code, alias_names in aliases["district_aliases"].items():
        for alias in alias_names:
            add(alias, PlaceEntry(code, None, "district"))
    for code, alias_names in aliases["district_romanised"].items():
        for alias in alias_names:
            latin[_fold_latin(alias)] = PlaceEntry(code, None, "district")
    for name, code in aliases["district_names_after_marker_only"].items():
        if name not in names:
            add(name, PlaceEntry(code, None, "district", "district"))
    for landmark in landmarks["landmarks"]:
        for name in landmark["names"]:
            add(name, PlaceEntry(landmark["district"], landmark["tambon"], "landmark"))
    for context in landmarks["town_context"]:
        for name in context["names"]:
            add(name, PlaceEntry(context["district"], None, "context"))
    latin_sources = [d.name_en for d in gazetteer.districts]
    latin_sources += [n for t in gazetteer.tambons for n in (t.name_en, *t.name_en_variants)]
    latin_sources += [n for group in aliases["district_romanised"].values() for n in group]
    fuzzy: list[str] = []
    for name, entries in names.items():
        plain = all(e.kind in ("district", "tambon") and not e.needs_marker for e in entries)
        if plain and len(name) >= _FUZZY_MIN_LENGTH and (entries[0].kind == "district" or len(name) >= 7):
            fuzzy.append(name)
    buckets = _fuzzy_buckets(fuzzy)
    return PlaceMatcher(
        names=PhraseIndex.build({name: tuple(entries) for name, entries in names.items()}, _MAX_WINDOW),
        latin_pattern=_latin_regex(latin_sources),
        latin_names=latin,
        fuzzy_names=buckets,
        fuzzy_longest=max((length for _, length in buckets), default=0),
        fuzzy_firsts=frozenset(first for first, _ in buckets),
        district_markers=frozenset(aliases["district_markers"]),
        tambon_markers=frozenset(aliases["tambon_markers"]),
        loose_tambon_markers=frozenset(aliases["loose_tambon_markers"]),
        dictionary_words=dictionary_words,
    )
