"""Find which district and tambon a message talks about, from names, markers, typos, romanisations and landmarks."""

from __future__ import annotations

import json
import re
from collections.abc import Container, Sequence
from dataclasses import dataclass, field, replace
from itertools import accumulate, compress, filterfalse
from operator import attrgetter, itemgetter
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from nlp.admin_areas import Gazetteer
from nlp.phrases import PhraseIndex

_MAX_WINDOW = 4
# Village names are indexed as written after each of these ("บ้านแม่ส้าน", "บ.แม่ส้าน", "หมู่บ้านแม่ส้าน").
_VILLAGE_PREFIXES = ("บ้าน", "บ.", "หมู่บ้าน")
_VILLAGE_PREFIXES_LONGEST_FIRST = sorted(_VILLAGE_PREFIXES, key=len, reverse=True)
# A village whose name after "บ้าน" is a word this short (บ้านนา, บ้านไร่, บ้านดง) reads as an ordinary phrase:
# it places a message only when its district or tambon is named too.
_GENERIC_VILLAGE_CORE = 4
# First elements many Northern place names share; a slip is only evidence in the part after them.
_COMMON_NAME_STARTS = ("บ้าน", "วัง", "แม่", "นา", "ทุ่ง", "ห้วย", "ปง", "เวียง", "หัว", "ท่า", "น้ำ", "ดอน", "ป่า", "สบ", "เมือง")
# Strong markers name a tambon outright; "บ้าน"-style markers may introduce a village of the same name.
_STRONG_TAMBON_MARKERS = frozenset({"ต.", "ต", "ตำบล", "ตําบล", "ทต.", "อบต.", "เทศบาลตำบล"})
_FUZZY_MIN_LENGTH = 6
# After a marker a window of this many letters may be a slip (เทิน for เถิน); shorter ones are too close to
# everything (งาว is exact or nothing).
_MARKED_SLIP_MIN_LENGTH = 4
# Shorter windows (แม่ทา, เถิ่น) may be a name only when they sound exactly like it (_SOUND_ALIKE).
_SOUND_ALIKE_MIN_LENGTH = 4
_SILENT_LETTER = re.compile("[\u0e01-\u0e2e]\u0e4c")
_LATIN_LETTER = re.compile("[A-Za-z]")
_FIRST_LETTER = itemgetter(slice(0, 1))
_POSITION = attrgetter("position")

# Spelling slips that do not change how a name sounds: short and long vowels (ะ/า, ิ/ี, ึ/ื, ุ/ู), ใ/ไ and
# letters that share a sound (ศ/ษ/ซ/ส, ร/ล, ธ/ถ/ท …); sound keys also drop the tone marks, the short
# mark and the silent-letter mark.
_LETTERS_ALIKE = {
    "ะ": "า", "ิ": "ี", "ึ": "ื", "ุ": "ู", "ใ": "ไ",  # ใ and ไ are one sound (ใต้ typed ไต้)
    "ศ": "ส", "ษ": "ส", "ซ": "ส", "ณ": "น", "ญ": "ย", "ข": "ค", "ฆ": "ค", "ภ": "พ", "ผ": "พ", "ฝ": "ฟ",
    "ธ": "ท", "ฑ": "ท", "ฒ": "ท", "ถ": "ท", "ฐ": "ท", "ฏ": "ต", "ฎ": "ด", "ฌ": "ช", "ฉ": "ช",
    "ร": "ล", "ฬ": "ล",
}
_LETTER_ALIKE = str.maketrans(_LETTERS_ALIKE)
# A final consonant is said as one of four sounds whatever letter spells it, and a silent ร after it is
# not heard: ห้างฉัด and ห้างฉัตร end alike. Applied to letter keys (after _LETTER_ALIKE) at the word end
# only, where a consonant not right after a leading vowel is a final.
_FINAL_SOUNDS = {
    "ก": "ก", "ค": "ก", "ด": "ด", "ต": "ด", "ท": "ด", "จ": "ด", "ช": "ด", "ส": "ด",
    "บ": "บ", "ป": "บ", "พ": "บ", "ฟ": "บ", "น": "น", "ล": "น",
}
_LEADING_VOWELS = frozenset("เแโใไ")


def _final_sound(letters: str) -> str:
    # Plain dict lookups rather than a regex: this runs on every window the letter test sees.
    sound = _FINAL_SOUNDS.get(letters[-1:])
    if sound is None:
        return letters
    end = len(letters) - 1
    if letters[-1] == "ล" and _FINAL_SOUNDS.get(letters[-2:-1]) == "ด":
        end, sound = end - 1, "ด"  # ตร (letter key ตล): the ร after a final is silent
    if end > 0 and letters[end - 1] in _LEADING_VOWELS:
        return letters  # right after a leading vowel the consonant begins the syllable
    return letters[:end] + sound

_SOUND_ALIKE = str.maketrans({**_LETTERS_ALIKE, **dict.fromkeys("\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d")})


@dataclass(frozen=True)
class PlaceEntry:
    """One thing a name can mean: a district, a tambon or a landmark."""

    district_code: str
    tambon_code: str | None
    kind: str  # "district" | "tambon" | "village" | "landmark" | "context" (town phrases such as ในเมือง)
    # "district", "tambon" (any tambon marker, or a loose one such as แถว) or "tambon_strict" (a real
    # tambon marker only: ศาลา, สวนดอก are also things one is near) when the name is an ordinary word;
    # "context" (counts only when its district is named too) for villages called like a common phrase.
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
    # A name that means places in several districts (a village name used twice, a shrine on a district
    # line): every reading, so the rest of the message can choose, or the districts become alternatives.
    readings: tuple[PlaceEntry, ...] = ()


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
    # Spelling slips: a window that sounds exactly like a name (sound key -> name); or within a few edits
    # of one ((first character, length) -> names), or one edit of letters that sound alike (letter key ->
    # name, and (first character, length) -> letter keys).
    fuzzy_sounds: dict[str, str]
    # (first character, length) of the raw windows that could sound like a name: the key is only worked
    # out for these, as most windows are far from every name.
    fuzzy_sound_reach: frozenset[tuple[str, int]]
    fuzzy_names: dict[tuple[str, int], tuple[str, ...]]
    fuzzy_letters: dict[str, str]
    fuzzy_letter_buckets: dict[tuple[str, int], tuple[str, ...]]
    fuzzy_letter_reach: frozenset[tuple[str, int]]  # (first character, length) of windows worth a letter key
    fuzzy_longest: int  # no window longer than this can be near any name
    fuzzy_firsts: frozenset[str]  # letters that sound like the first letter of a name slips are looked for
    district_markers: frozenset[str]
    tambon_markers: frozenset[str]
    loose_tambon_markers: frozenset[str]
    dictionary_words: Container[str]

    unmasked_names: frozenset[str]  # names that are also ordinary words or phrases (ศาลา, บ้านนา)
    # Village forms (บ้านหลวง, หมู่บ้านหลวง) are segmenter words, so one can swallow the start of a misspelt
    # name (หมู่บ้านหลวง|ไต้ for หลวงใต้); the slip search splits them back into marker and rest.
    village_forms: frozenset[str] = frozenset()
    # Sound keys of the district names (and aliases) and of the tambon names, for the word after a marker.
    marked_district_keys: dict[str, str] = field(default_factory=dict)
    marked_tambon_keys: dict[str, str] = field(default_factory=dict)
    marker_aliases: dict[str, str] = field(default_factory=dict)  # อ.เมือง -> เมือง: an alias that holds its marker
    # (district keys?, key length) -> the keys of that kind within one letter of that length
    marked_buckets: dict[tuple[bool, int], tuple[str, ...]] = field(default_factory=dict)
    marked_prefixes: frozenset[str] = frozenset()  # names a longer district or tambon name starts with (เมือง)

    def thai_names(self) -> list[str]:
        return list(self.names.keys())

    def maskable_names(self) -> list[str]:
        """Names the features may replace by <place>: not the ones that are also ordinary words, which
        keep their word so a request that says สมัยก่อน or names a man called พิชัย reads as one."""
        return [name for name in self.names.phrases if name not in self.unmasked_names]

    def guess(self, raw_tokens: Sequence[str], normalized_text: str) -> PlaceGuess:
        words = list(filterfalse(str.isspace, raw_tokens))
        # Mentions are positioned by word index, which orders them as well as character offsets do;
        # offsets are only needed (and only computed) to interleave romanised names found in the text.
        mentions = self._exact_mentions(words)
        if mentions and mentions[0].position == 0 and mentions[0].entry.needs_marker == "tambon":
            mentions[0] = self._as_heading(mentions[0], normalized_text)
        if (not self.district_markers.isdisjoint(words) or not _STRONG_TAMBON_MARKERS.isdisjoint(words)
                or not self.marker_aliases.keys().isdisjoint(words)):
            mentions = self._with_marked_slips(words, mentions)
        if _LATIN_LETTER.search(normalized_text):
            latin = self._latin_mentions(normalized_text)
            if latin:
                offsets = self._word_offsets(raw_tokens)
                mentions = [replace(m, position=offsets[m.position]) for m in mentions] + latin
                mentions.sort(key=_POSITION)
        if mentions:
            found = _resolve(mentions)
            if found is not NO_PLACE:
                return found
        # Nothing named outright (or only ordinary words such as เมือง, สมัย): look for a spelling slip.
        mentions = self._fuzzy_mentions(words, "\u0e4c" in normalized_text)
        return _resolve(mentions) if mentions else NO_PLACE

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
        """A name shared by a district and its tambon means the tambon only after ต./ตำบล; a name of
        places in several districts keeps every reading."""
        candidates = [self._mention(words, start, entry) for entry in entries]
        if len(candidates) == 1:
            return candidates[0]
        wants_tambon = candidates[0].strongly_tambon_marked
        if wants_tambon:
            return next((m for m in candidates if m.entry.kind == "tambon"), candidates[0])
        named_district = any(m.entry.kind == "district" for m in candidates)
        if not named_district and len({m.entry.district_code for m in candidates}) > 1:
            return replace(candidates[0], readings=tuple(m.entry for m in candidates))
        return next((m for m in candidates if m.entry.kind != "tambon"), candidates[0])

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
        """Catch spelling slips (เสริมงาน, แจ่ห่ม, วังเหนอ, แม่ทา, เถิ่น) over windows of up to three tokens."""
        # A silent letter typed by habit (เกาะคาร์, ห้างฉัตร์) is not a spelling difference.
        if not self.village_forms.isdisjoint(words):
            words = _split_village_forms(words, self.village_forms)
        plain = words
        if has_silent_letter:
            plain = [_SILENT_LETTER.sub("", word) if "\u0e4c" in word else word for word in words]
        # This runs on every message that names no place exactly, so the loop is kept lean: a window is
        # only tried when its first letter sounds like the start of some name, and only against names of a
        # reachable length.
        sounds, buckets, longest = self.fuzzy_sounds, self.fuzzy_names, self.fuzzy_longest
        ordinary, firsts, reach = self.dictionary_words, self.fuzzy_firsts, self.fuzzy_sound_reach
        mentions: list[Mention] = []
        size = len(plain)
        for start in compress(range(size), map(firsts.__contains__, map(_FIRST_LETTER, plain))):
            joined = ""
            for width in range(min(3, size - start)):
                joined += plain[start + width]
                length = len(joined)
                if length > longest:
                    break  # wider windows are longer still
                sound_alike = (joined[0], length) in reach
                if not sound_alike and length < _FUZZY_MIN_LENGTH or joined in ordinary:
                    continue
                name = sounds.get(joined.translate(_SOUND_ALIKE)) if sound_alike else None
                if name is not None and length < _FUZZY_MIN_LENGTH and not self._stands_alone(plain, start + width):
                    name = None  # แม่ทาสี is "mother paints", not แม่ทะ: the last word runs on into another
                if name is None and length >= _FUZZY_MIN_LENGTH:
                    # Edits relative to length: one in a short name, two in a long one; or one edit once
                    # letters that sound alike are taken as equal (ปงแสนธง: ธ for ท and a missing อ).
                    candidates = buckets.get((joined[0], length))
                    best = candidates and process.extractOne(
                        joined, candidates, scorer=Levenshtein.distance, score_cutoff=_fuzzy_cutoff(length)
                    )
                    if best:
                        name = best[0]
                    elif candidates and (joined[0], length) in self.fuzzy_letter_reach:
                        letters = _final_sound(joined.translate(_LETTER_ALIKE))
                        candidates = self.fuzzy_letter_buckets.get((letters[0], len(letters)))
                        best = candidates and process.extractOne(
                            letters, candidates, scorer=Levenshtein.distance, score_cutoff=1
                        )
                        name = self.fuzzy_letters[best[0]] if best else None
                if name is not None and self._ends_inside_a_word(plain, start, start + width):
                    # ร้อน|หู, ฐา|นา|นุ|ศักดิ์: a word rare on the web is not in the tokenizer's dictionary and
                    # comes out in pieces; a window that stops inside it is part of that word, not a name.
                    name = None
                if name is not None:
                    mentions.append(self._mention(words, start, self.names.phrases[name][0], fuzzy=True))
                    break
        return mentions

    def _ends_inside_a_word(self, words: list[str], start: int, last: int) -> bool:
        """Whether an ordinary word begins inside the window words[start..last] and runs on past its end."""
        ordinary = self.dictionary_words
        for first in range(start, last + 1):
            joined = "".join(words[first : last + 1])
            for following in words[last + 1 : last + _MAX_WINDOW]:
                joined += following
                if joined in ordinary:
                    return True
        return False

    def _as_heading(self, mention: Mention, normalized_text: str) -> Mention:
        """An ordinary-word tambon written alone before the message ("หัวเมือง ครูขอ…", "นิคมพัฒนา ประปา…")
        is the place the villager puts first, as after แถว. Not for the names that are also things one is
        near (ศาลา, พระบาท: tambon_strict), and not for a name that runs on into a word (สมัยก่อน)."""
        head, space, rest = normalized_text.partition(" ")
        if space and rest.strip() and mention.entry in self.names.phrases.get(head, ()):
            return replace(mention, loosely_tambon_marked=True)
        return mention

    def _with_marked_slips(self, words: list[str], mentions: list[Mention]) -> list[Mention]:
        """After อ./อำเภอ a district name is expected and after ต./ตำบล a tambon name, so there a slip is
        looked for even in a short window or a dictionary word (อำเภอเทิน for เถิน, อ.สบปาบ for สบปราบ), and
        a slip over more words beats a shorter exact name (อ.เมือง|ปาร is เมืองปาน, not เมือง)."""
        at = {m.position: m for m in mentions}
        changed = False
        for start in range(len(words)):
            previous = words[start - 1] if start else ""
            if previous in self.district_markers or words[start] in self.marker_aliases:
                keys = self.marked_district_keys
            elif previous in _STRONG_TAMBON_MARKERS:
                keys = self.marked_tambon_keys
            else:
                continue
            exact = at.get(start)
            if exact is not None and self.marker_aliases.get(words[start], words[start]) not in self.marked_prefixes:
                continue  # named outright, and no longer name starts with it: nothing a slip could change
            name = self._marked_slip(words, start, keys, exact)
            if name is not None:
                entry = next(e for e in self.names.phrases[name] if e.kind in ("district", "tambon"))
                at[start] = self._mention(words, start, entry, fuzzy=True)
                changed = True
        return sorted(at.values(), key=_POSITION) if changed else mentions

    def _marked_slip(self, words: list[str], start: int, keys: dict[str, str], exact: Mention | None) -> str | None:
        window = words[start:start + _MAX_WINDOW]
        # อ.เมือง is one word (an alias); what follows it is read as after อ. (อ.เมือง|ปัน is เมืองปาน).
        window[0] = self.marker_aliases.get(window[0], window[0])
        for width, joined in reversed(list(enumerate(accumulate(window), 1))):  # longest window first
            if joined in self.names and (width == 1 or window[0] not in self.names):
                return None  # named outright: the exact match stands
            if len(joined) < _MARKED_SLIP_MIN_LENGTH:
                continue
            key = _final_sound(joined.translate(_SOUND_ALIKE))
            # Keys within one edit are within one letter of its length: only those are compared.
            candidates = self.marked_buckets.get((keys is self.marked_district_keys, len(key)))
            if not candidates:
                continue
            near = process.extract(key, candidates, scorer=Levenshtein.distance, score_cutoff=1, limit=2)
            # One edit on the sound key, and only one name that close: a slip two names share is no evidence.
            if near and (len(near) == 1 or near[0][1] < near[1][1]):
                rest = joined[len(window[0]):]
                if width > 1 and window[0] in self.names and near[0][1] and rest in self.dictionary_words:
                    continue  # อ.เมือง บ้านผม is Mueang and "my house", not a slip of เมืองปาน
                name = keys[near[0][0]]
                if exact is None or exact.entry.district_code != self.names.phrases[name][0].district_code:
                    return name
                return None
        return None

    def _stands_alone(self, words: list[str], last: int) -> bool:
        """Whether the window ending with words[last] ends there, rather than running on into a word."""
        return last + 1 >= len(words) or words[last] + words[last + 1] not in self.dictionary_words


def _split_village_forms(words: list[str], forms: frozenset[str]) -> list[str]:
    """หมู่บ้านหลวง → หมู่บ้าน, หลวง: the rest may begin a name with a slip, and the prefix marks it."""
    split: list[str] = []
    for word in words:
        prefix = next((p for p in _VILLAGE_PREFIXES_LONGEST_FIRST if word.startswith(p)), "") if word in forms else ""
        split += (prefix, word[len(prefix):]) if prefix else (word,)
    return split


def _fuzzy_cutoff(length: int) -> int:
    """Edits allowed in a window of this many characters: one, or two for long names."""
    return 1 if length < 9 else 2


def _fuzzy_buckets(names: list[str]) -> dict[tuple[str, int], tuple[str, ...]]:
    """(first character, window length) -> the names a window of that length could be within reach of."""
    buckets: dict[tuple[str, int], tuple[str, ...]] = {}
    longest = max(map(len, names), default=0)
    for first in {name[0] for name in names}:
        group = [name for name in names if name[0] == first]
        for length in range(1, longest + 3):
            near = tuple(name for name in group if abs(len(name) - length) <= _fuzzy_cutoff(length))
            if near:
                buckets[(first, length)] = near
    return buckets


def _resolve(mentions: list[Mention]) -> PlaceGuess:
    named = [m for m in mentions if m.entry.kind != "context"]
    ambiguous = [m for m in named if m.readings]
    named = [m for m in named if not m.readings]
    district_level = {
        m.entry.district_code for m in named if m.entry.kind in ("district", "landmark") and not m.entry.needs_marker
    }
    # Districts something other than an ordinary word names: these confirm villages called like a phrase.
    plainly_named = {m.entry.district_code for m in named if not m.entry.needs_marker}

    def keep(mention: Mention) -> bool:
        need = mention.entry.needs_marker
        if need == "district" and not mention.district_marked:
            return False
        # An ordinary word (ศาลา, สมัย) without a marker counts only when its district is named elsewhere.
        if need in ("tambon", "tambon_strict") and not mention.tambon_marked:
            loosely = need == "tambon" and mention.loosely_tambon_marked
            if not loosely and mention.entry.district_code not in district_level:
                return False
        if need == "context" and mention.entry.district_code not in plainly_named:
            return False  # บ้านนา, บ้านหลวง: a village only when its tambon or district is named too
        if mention.entry.kind in ("tambon", "village") and district_level and not mention.strongly_tambon_marked:
            # A village called like a tambon of another district: trust the district that was named.
            return mention.entry.district_code in district_level
        return True

    kept = [m for m in named if keep(m)]
    # A name of places in several districts takes the reading whose district the message names otherwise;
    # with none, the districts are alternatives and the message gets no district: not a guess.
    decided = district_level | {m.entry.district_code for m in kept}
    undecided: list[str] = []
    for mention in ambiguous:
        reading = next((entry for entry in mention.readings if entry.district_code in decided), None)
        if reading is not None:
            kept.append(replace(mention, entry=reading, readings=()))
        else:
            undecided += [entry.district_code for entry in mention.readings if entry.district_code not in undecided]
    kept.sort(key=_POSITION)
    if not kept and undecided:
        return PlaceGuess(None, None, 0.0, 0.0, tuple(undecided))
    # Town context (ในเมือง, ตัวเมือง) places a message only when nothing is named outright.
    kept = kept or [m for m in mentions if m.entry.kind == "context"]
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


def _distinctive_length(name: str) -> int:
    """Characters after a common first element (บ้าน, วัง, แม่ …): where a slip must be looked for."""
    return len(name) - max((len(p) for p in _COMMON_NAME_STARTS if name.startswith(p)), default=0)


def _unique_keys(
    names: dict[str, list[PlaceEntry]], table: dict[int, str | None] | None, shortest: int, shortest_tambon: int,
    tambon_rest: int = 0, finals: bool = False,
) -> dict[str, str]:
    """key -> name for the plain district and tambon names long enough to look for slips in; a key two
    names share is left out (a slip that could be either is no evidence for one). Tambon names need
    `tambon_rest` characters after a common first element: บ้านคะ ("home, ma'am") is not บ้านค่า."""
    keys: dict[str, str] = {}
    shared: set[str] = set()
    for name, entries in names.items():
        plain = all(e.kind in ("district", "tambon") and not e.needs_marker for e in entries)
        long_enough = entries[0].kind == "district" or (
            len(name) >= shortest_tambon and _distinctive_length(name) >= tambon_rest
        )
        if plain and len(name) >= shortest and long_enough:
            key = name.translate(table) if table else name
            key = _final_sound(key) if finals else key
            if keys.get(key, name) != name:
                shared.add(key)
            keys[key] = name
    return {key: name for key, name in keys.items() if key not in shared}


def _marked_keys(names: dict[str, list[PlaceEntry]], kind: str) -> dict[str, str]:
    """Sound key -> name for every name of this kind (districts with their aliases, or tambon), including
    the ordinary-word ones: after a marker they are names. A key two names share is left out."""
    keys: dict[str, str] = {}
    shared: set[str] = set()
    for name, entries in names.items():
        if any(e.kind == kind for e in entries) and len(name) >= _MARKED_SLIP_MIN_LENGTH - 1:
            key = _final_sound(name.translate(_SOUND_ALIKE))
            if keys.get(key, name) != name:
                shared.add(key)
            keys[key] = name
    return {key: name for key, name in keys.items() if key not in shared}


def _village_entries(
    gazetteer: Gazetteer, villages: dict, dictionary_words: Container[str]
) -> list[tuple[str, PlaceEntry]]:
    """Every written form of every village (บ้านX, บ.X, หมู่บ้านX) with its district and tambon."""
    needs_context = set(villages.get("needs_context", ()))
    found = []
    for group in villages["villages"]:
        tambon = gazetteer.tambon(group["tambon"])
        if tambon is None:
            continue
        for name in group["names"]:
            core = name.removeprefix("บ้าน")
            generic = name in needs_context or (len(core) <= _GENERIC_VILLAGE_CORE and core in dictionary_words)
            entry = PlaceEntry(tambon.district_code, tambon.code, "village", "context" if generic else None)
            found += [(prefix + core, entry) for prefix in _VILLAGE_PREFIXES]
    return found


def _latin_regex(names: list[str]) -> re.Pattern[str]:
    parts = sorted({r"[\s\-]*".join(map(re.escape, name.lower().split())) for name in names}, key=len, reverse=True)
    return re.compile(r"(?<![a-z])(?:" + "|".join(parts) + r")(?![a-z])")


def build_place_matcher(gazetteer: Gazetteer, data_dir: Path, dictionary_words: Container[str]) -> PlaceMatcher:
    """Index the gazetteer, villages, aliases and landmarks into one immutable matcher."""
    aliases = json.loads((data_dir / "aliases.json").read_text(encoding="utf-8"))
    landmarks = json.loads((data_dir / "landmarks.json").read_text(encoding="utf-8"))
    villages = json.loads((data_dir / "lampang_villages.json").read_text(encoding="utf-8"))
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
        # A landmark on a district line lists every district; each becomes a reading of its names.
        for code in landmark.get("districts") or [landmark["district"]]:
            for name in landmark["names"]:
                add(name, PlaceEntry(code, landmark["tambon"], "landmark"))
    unmasked = set(ordinary)
    village_forms = set()
    for name, entry in _village_entries(gazetteer, villages, dictionary_words):
        village_forms.add(name)
        if entry.needs_marker:
            unmasked.add(name)
        # A village that carries its tambon's own name (บ้านดง in ต.บ้านดง) is that tambon already.
        if not any(e.kind == "tambon" and e.tambon_code == entry.tambon_code for e in names.get(name, ())):
            add(name, entry)
    for context in landmarks["town_context"]:
        for name in context["names"]:
            add(name, PlaceEntry(context["district"], None, "context"))
    latin_sources = [d.name_en for d in gazetteer.districts]
    latin_sources += [n for t in gazetteer.tambons for n in (t.name_en, *t.name_en_variants)]
    latin_sources += [n for group in aliases["district_romanised"].values() for n in group]
    # Slips are looked for in district and tambon names only (villages and landmarks are too many, and
    # too close to ordinary phrases): names of 4-5 characters only when a window sounds exactly like them,
    # longer ones also within an edit or two. A key two names share would be a guess, so it is left out.
    # Windows of six letters and more have the edit tests; sounding alike is for shorter ones, so for
    # names a slip can bring under six letters (แจ้หม for แจ้ห่ม).
    sounds = {
        key: name
        for key, name in _unique_keys(names, _SOUND_ALIKE, _SOUND_ALIKE_MIN_LENGTH, 5, tambon_rest=4).items()
        if len(name) <= _FUZZY_MIN_LENGTH
    }
    editable = list(_unique_keys(names, None, _FUZZY_MIN_LENGTH, 7, tambon_rest=4).values())
    letters = _unique_keys(names, _LETTER_ALIKE, _FUZZY_MIN_LENGTH, 7, tambon_rest=4, finals=True)
    # Windows start where a name could: at the first letter of a name the edit tests look for (they need a
    # window of its first letter), or at a letter that sounds like the first letter of a short name.
    key_firsts = {key[0] for key in sounds}
    thai_letters = [chr(c) for c in range(0x0E01, 0x0E4F)]
    # A window sounds like a name when its key is the name's key: its first letter sounds like the key's,
    # and it is as long as the key plus the marks a key drops (at most a few).
    reach = frozenset(
        (letter, length)
        for key, name in sounds.items()
        for letter in thai_letters
        if letter.translate(_SOUND_ALIKE) == key[0]
        for length in range(len(key), len(name) + 4)
    )
    district_keys, tambon_keys = _marked_keys(names, "district"), _marked_keys(names, "tambon")
    marked_names = [*district_keys.values(), *tambon_keys.values()]
    return PlaceMatcher(
        names=PhraseIndex.build({name: tuple(entries) for name, entries in names.items()}, _MAX_WINDOW),
        latin_pattern=_latin_regex(latin_sources),
        latin_names=latin,
        fuzzy_sounds=sounds,
        fuzzy_sound_reach=reach,
        fuzzy_names=_fuzzy_buckets(editable),
        fuzzy_letters=letters,
        fuzzy_letter_buckets=_fuzzy_buckets(list(letters)),
        # Letter keys keep every character, so a window one edit from a key is within one of its length.
        fuzzy_letter_reach=frozenset(
            (letter, length)
            for key in letters
            for letter in thai_letters
            if letter.translate(_LETTER_ALIKE) == key[0]
            for length in range(len(key) - 1, len(key) + 2)
        ),
        # No window longer than this is near a name: two edits, or the marks a sound key drops.
        fuzzy_longest=max([len(name) + 2 for name in editable] + [len(name) + 3 for name in sounds.values()]),
        fuzzy_firsts=frozenset(
            {name[0] for name in editable} | {c for c in thai_letters if c.translate(_SOUND_ALIKE)[:1] in key_firsts}
        ),
        unmasked_names=frozenset(unmasked),
        village_forms=frozenset(village_forms),
        marked_district_keys=district_keys,
        marked_tambon_keys=tambon_keys,
        marked_buckets={
            (is_district, length): near
            for is_district, keys in ((True, district_keys), (False, tambon_keys))
            for length in range(1, max(map(len, keys), default=0) + 2)
            if (near := tuple(key for key in keys if abs(len(key) - length) <= 1))
        },
        marked_prefixes=frozenset(
            name for name in marked_names for other in marked_names if other != name and other.startswith(name)
        ),
        marker_aliases={
            name: name.removeprefix(marker)
            for name in names
            for marker in sorted(aliases["district_markers"], key=len, reverse=True)
            if name.startswith(marker) and name.removeprefix(marker) in names
        },
        district_markers=frozenset(aliases["district_markers"]),
        tambon_markers=frozenset(aliases["tambon_markers"]),
        loose_tambon_markers=frozenset(aliases["loose_tambon_markers"]),
        dictionary_words=dictionary_words,
    )
