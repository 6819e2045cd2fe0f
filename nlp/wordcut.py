"""Thai word segmentation by maximal matching over a compact sorted word list (no pythainlp import)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
_SPACE_SPLIT = re.compile(r"(\s+)")
# One token for a run that is not Thai: a Latin word, a number, or one other character.
_NON_THAI_RUN = re.compile(r"[A-Za-z]+|\d+(?:[.,:/]\d+)*|[^\u0e00-\u0e7f]")
# Marks and vowels that attach to the preceding character: no word may end just before them.
_ATTACHED = frozenset("\u0e30\u0e31\u0e32\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e45") | frozenset(
    "\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e"
)
# Leading vowels belong to the following consonant: no word may end right after one.
_LEADING = frozenset("\u0e40\u0e41\u0e42\u0e43\u0e44")
_CHUNK_CACHE_SIZE = 30_000


def read_vocabulary(path: Path) -> list[str]:
    """Read one word per line, ignoring blank lines and `#` comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def standard_words() -> list[str]:
    """pythainlp's Thai word list, read straight from its data file so none of pythainlp is imported."""
    spec = find_spec("pythainlp")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        path = Path(location) / "corpus" / "words_th.txt"
        if path.exists():
            # One word a line and no comments: a plain split is several times faster than read_vocabulary.
            return path.read_text(encoding="utf-8").split()
    return []


def _is_boundary(text: str, position: int) -> bool:
    if position >= len(text):
        return True
    if text[position] in _ATTACHED or text[position - 1] in _LEADING:
        return False
    # A consonant silenced by the thanthakhat belongs to the syllable before it (ฉัตร์, จันทร์).
    return position + 1 >= len(text) or text[position + 1] != "\u0e4c"


@dataclass(frozen=True)
class Dictionary:
    """Every prefix of every word maps to whether it is itself a word: one dict lookup per character."""

    prefixes: dict[str, bool]

    @classmethod
    def build(cls, words: Iterable[str]) -> Dictionary:
        kept = [word for word in words if word and not word.isspace()]
        # dict.fromkeys runs in C; words are written last so a word that is also a prefix stays a word.
        prefixes = dict.fromkeys((word[:end] for word in kept for end in range(1, len(word))), False)
        prefixes.update(dict.fromkeys(kept, True))
        return cls(prefixes)

    def __contains__(self, word: object) -> bool:
        return self.prefixes.get(word, False) if isinstance(word, str) else False

    def words_at(self, text: str, start: int) -> list[int]:
        """End positions of every dictionary word that starts at `start` and ends on a cluster boundary."""
        lookup, ends = self.prefixes.get, []
        for end in range(start + 1, len(text) + 1):
            is_word = lookup(text[start:end])
            if is_word is None:
                break
            if is_word and _is_boundary(text, end):
                ends.append(end)
        return ends


def _unknown_end(text: str, start: int) -> int:
    """One character cluster: a character plus whatever must stay attached to it."""
    if text[start] < "\u0e00" or text[start] > "\u0e7f":
        match = _NON_THAI_RUN.match(text, start)
        return match.end() if match else start + 1
    end = start + 1
    while not _is_boundary(text, end):
        end += 1
    return end


def _segment_chunk(chunk: str, dictionary: Dictionary) -> tuple[str, ...]:
    """Fewest unknown characters first, then fewest words; adjacent unknown clusters become one token."""
    size = len(chunk)
    # best[i] = (unknown characters, words) to cover chunk[:i]; back[i] = (start, known)
    best: list[tuple[int, int] | None] = [None] * (size + 1)
    back: list[tuple[int, bool]] = [(0, True)] * (size + 1)
    best[0] = (0, 0)
    for start in range(size):
        here = best[start]
        if here is None:
            continue
        unknown, words = here
        for end in dictionary.words_at(chunk, start):
            candidate = (unknown, words + 1)
            if best[end] is None or candidate < best[end]:
                best[end], back[end] = candidate, (start, True)
        end = _unknown_end(chunk, start)
        known = chunk[start] < "\u0e00" or chunk[start] > "\u0e7f"  # Latin words and numbers are not unknown
        candidate = (unknown + (0 if known else end - start), words + 1)
        if best[end] is None or candidate < best[end]:
            best[end], back[end] = candidate, (start, known)
    pieces: list[tuple[str, bool]] = []
    position = size
    while position > 0:
        start, known = back[position]
        pieces.append((chunk[start:position], known))
        position = start
    pieces.reverse()
    tokens: list[str] = []
    previous_unknown = False
    for piece, known in pieces:
        if not known and previous_unknown:
            tokens[-1] += piece
        else:
            tokens.append(piece)
        previous_unknown = not known
    return tuple(tokens)


@dataclass(frozen=True)
class Segmenter:
    """Splits normalised text; chunks between spaces repeat across messages, so their cuts are cached."""

    dictionary: Dictionary
    cut_chunk: object = field(compare=False, repr=False)

    @classmethod
    def build(cls, words: Iterable[str]) -> Segmenter:
        dictionary = Dictionary.build(words)

        @lru_cache(maxsize=_CHUNK_CACHE_SIZE)
        def cut_chunk(chunk: str) -> tuple[str, ...]:
            return _segment_chunk(chunk, dictionary)

        return cls(dictionary, cut_chunk)

    def clear_cache(self) -> None:
        """Forget cached cuts (benchmarks measure unseen text)."""
        self.cut_chunk.cache_clear()  # type: ignore[attr-defined]

    def segment(self, normalized_text: str) -> list[str]:
        """Tokens whose concatenation is the text itself (spaces are tokens too)."""
        tokens: list[str] = []
        for piece in _SPACE_SPLIT.split(normalized_text):
            if not piece:
                continue
            if piece.isspace():
                tokens.append(piece)
            else:
                tokens.extend(self.cut_chunk(piece))  # type: ignore[operator]
        return tokens


def build_segmenter(extra_words: Iterable[str]) -> Segmenter:
    """A segmenter over pythainlp's Thai word list plus place names, markers and domain words."""
    return Segmenter.build([*standard_words(), *extra_words])


def segment(normalized_text: str, segmenter: Segmenter) -> list[str]:
    """Split already-normalised text into tokens whose concatenation is the text itself."""
    if not normalized_text:
        return []
    return segmenter.segment(normalized_text)


def content_tokens(raw_tokens: Iterable[str]) -> list[str]:
    """Drop whitespace and punctuation-only tokens; lower-case Latin ones."""
    tokens = []
    for token in raw_tokens:
        token = token.strip()
        if token and not _PUNCTUATION_ONLY.match(token):
            tokens.append(token.lower())
    return tokens
