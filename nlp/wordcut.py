"""Thai word segmentation by maximal matching over a compact sorted word list (no pythainlp import)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.util import find_spec
from itertools import accumulate, islice
from pathlib import Path

_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
_SPACE_SPLIT = re.compile(r"(\s+)")
# One token for a run that is not Thai: a Latin word, a number, or one other character.
_NON_THAI_RUN = re.compile(r"[A-Za-z]+|\d+(?:[.,:/]\d+)*|[^\u0e00-\u0e7f]")
_ALL_THAI = re.compile("[\u0e00-\u0e7f]+")
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


# The same rule as _is_boundary, as one cluster at a time: leading vowels with the character they
# precede, then every attached mark and every consonant silenced by the thanthakhat after it.
# findall runs in C; the cluster lengths summed up are the boundaries.
_CLUSTER = re.compile(
    "[" + "".join(sorted(_LEADING)) + "]*.(?:[" + "".join(sorted(_ATTACHED)) + "]|.(?=\u0e4c))*", re.DOTALL
)


def _boundary_ends(text: str) -> list[int]:
    """Every position after 0 where a word may end (see _is_boundary), in order; computed once per chunk."""
    return list(accumulate(map(len, _CLUSTER.findall(text))))


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


def _segment_chunk(chunk: str, prefixes: dict[str, bool]) -> tuple[str, ...]:
    """Fewest unknown characters first, then fewest words; adjacent unknown clusters become one token.

    The hot loop of the whole pipeline, so it is written for CPython: a cost is one int (unknown
    characters weighted above any word count), and words are only looked up at cluster boundaries,
    which is enough because the prefix dict is closed under prefixes (no prefix at one boundary means
    none at any later one either).
    """
    if prefixes.get(chunk):
        return (chunk,)  # one known word: nothing can cost less
    if _ALL_THAI.fullmatch(chunk):
        return _segment_thai(chunk, prefixes)
    return _segment_mixed(chunk, prefixes)


def _segment_thai(chunk: str, prefixes: dict[str, bool]) -> tuple[str, ...]:
    """All-Thai chunks (most of them): the same search over boundary indices only.

    Node 0 is the start of the chunk and node k + 1 the boundary ends[k]; every node is reached,
    at worst by reading the cluster before it as unknown.
    """
    ends = _boundary_ends(chunk)
    count = len(ends)
    weight = len(chunk) + 1  # one unknown character costs more than any number of words
    best = [0] + [weight * weight] * count
    back = [0] * (count + 1)
    known_piece = [True] * (count + 1)
    lookup = prefixes.get
    # (node, end) pairs made once, so the inner loop unpacks a tuple instead of running enumerate.
    targets = list(enumerate(ends, 1))
    start = 0
    for node in range(count):
        step = best[node] + 1
        for target, end in islice(targets, node, None):
            is_word = lookup(chunk[start:end])
            if is_word:
                if step < best[target]:
                    best[target] = step
                    back[target] = node
                    known_piece[target] = True
            elif is_word is None:
                break
        end = ends[node]
        cost = step + weight * (end - start)
        if cost < best[node + 1]:
            best[node + 1] = cost
            back[node + 1] = node
            known_piece[node + 1] = False
        start = end
    pieces: list[tuple[str, bool]] = []
    node = count
    while node > 0:
        previous = back[node]
        pieces.append((chunk[ends[previous - 1] if previous else 0 : ends[node - 1]], known_piece[node]))
        node = previous
    return _join_unknown(pieces)


def _join_unknown(reversed_pieces: list[tuple[str, bool]]) -> tuple[str, ...]:
    """Pieces come last-first from the back-pointers; adjacent unknown pieces become one token."""
    tokens: list[str] = []
    previous_unknown = False
    for piece, known in reversed(reversed_pieces):
        if not known and previous_unknown:
            tokens[-1] += piece
        else:
            tokens.append(piece)
        previous_unknown = not known
    return tuple(tokens)


def _segment_mixed(chunk: str, prefixes: dict[str, bool]) -> tuple[str, ...]:
    """The general case (Latin words, numbers, symbols among the Thai): see _segment_chunk.

    The hot loop of the whole pipeline, so it is written for CPython: a cost is one int (unknown
    characters weighted above any word count), and words are only looked up at cluster boundaries,
    which is enough because the prefix dict is closed under prefixes (no prefix at one boundary means
    none at any later one either).
    """
    size = len(chunk)
    ends = _boundary_ends(chunk)
    # next_end[p]: index in `ends` of the first boundary after position p.
    next_end = [0] * (size + 1)
    k = 0
    for position in range(size):
        while ends[k] <= position:
            k += 1
        next_end[position] = k
    weight = size + 1  # one unknown character costs more than any number of words
    unreached = weight * weight + 1
    best = [unreached] * (size + 1)
    best[0] = 0
    back = [0] * (size + 1)
    known_piece = [True] * (size + 1)
    lookup = prefixes.get
    count = len(ends)
    for start in range(size):
        here = best[start]
        if here == unreached:
            continue
        step = here + 1
        k = next_end[start]
        while k < count:
            end = ends[k]
            is_word = lookup(chunk[start:end])
            if is_word is None:
                break
            if is_word and step < best[end]:
                best[end], back[end], known_piece[end] = step, start, True
            k += 1
        first = chunk[start]
        if "\u0e00" <= first <= "\u0e7f":
            end = ends[next_end[start]]
            cost, known = step + weight * (end - start), False
        else:  # Latin words and numbers are not unknown
            match = _NON_THAI_RUN.match(chunk, start)
            end = match.end() if match else start + 1
            cost, known = step, True
        if cost < best[end]:
            best[end], back[end], known_piece[end] = cost, start, known
    pieces: list[tuple[str, bool]] = []
    position = size
    while position > 0:
        start = back[position]
        pieces.append((chunk[start:position], known_piece[position]))
        position = start
    return _join_unknown(pieces)


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
            return _segment_chunk(chunk, dictionary.prefixes)

        return cls(dictionary, cut_chunk)

    def clear_cache(self) -> None:
        """Forget cached cuts and token forms (benchmarks measure unseen text)."""
        self.cut_chunk.cache_clear()  # type: ignore[attr-defined]
        content_form.cache_clear()

    def segment(self, normalized_text: str) -> list[str]:
        """Tokens whose concatenation is the text itself (spaces are tokens too)."""
        cut = self.cut_chunk
        tokens: list[str] = []
        # Normalised text has single plain spaces only (isprintable is False for every other space):
        # str.split is much cheaper than the regex split the general case needs.
        if normalized_text.isprintable() and "  " not in normalized_text:
            for piece in normalized_text.split(" "):
                if piece:
                    tokens += cut(piece)  # type: ignore[operator]
                tokens.append(" ")
            tokens.pop()
            return tokens
        for piece in _SPACE_SPLIT.split(normalized_text):
            if not piece:
                continue
            if piece.isspace():
                tokens.append(piece)
            else:
                tokens += cut(piece)  # type: ignore[operator]
        return tokens


def build_segmenter(extra_words: Iterable[str]) -> Segmenter:
    """A segmenter over pythainlp's Thai word list plus place names, markers and domain words."""
    return Segmenter.build([*standard_words(), *extra_words])


def segment(normalized_text: str, segmenter: Segmenter) -> list[str]:
    """Split already-normalised text into tokens whose concatenation is the text itself."""
    if not normalized_text:
        return []
    return segmenter.segment(normalized_text)


@lru_cache(maxsize=50_000)
def content_form(token: str) -> str:
    """The token lower-cased, or "" for whitespace and punctuation; tokens repeat, so this is cached."""
    token = token.strip()
    return "" if not token or _PUNCTUATION_ONLY.match(token) else token.lower()


def content_tokens(raw_tokens: Iterable[str]) -> list[str]:
    """Drop whitespace and punctuation-only tokens; lower-case Latin ones."""
    # filter(None, ...) drops the empty forms in C.
    return list(filter(None, map(content_form, raw_tokens)))
