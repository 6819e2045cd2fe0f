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


# A key no cluster can be (every cluster has a character): present in a trie node when its path is a word.
_WORD = ""


@dataclass(frozen=True)
class Dictionary:
    """A trie over character clusters (see _CLUSTER): nested dicts, `_WORD` marks a complete word.

    Walking it with the clusters of a chunk costs one lookup of an already-hashed short string per
    step, where a flat dict of prefixes needed a new slice of the chunk, hashed afresh, per step.
    A word matches a span between two boundaries of a chunk exactly when its clusters are the
    chunk's clusters over that span (a cluster never reaches past a boundary).
    """

    trie: dict

    @classmethod
    def build(cls, words: Iterable[str]) -> Dictionary:
        findall = _CLUSTER.findall
        root: dict = {}
        # The same few thousand clusters recur in every word: one string object each, not one per node.
        interned: dict[str, str] = {}
        for word in words:
            if not word or word.isspace():
                continue
            node = root
            for cluster in findall(word):
                cluster = interned.setdefault(cluster, cluster)
                child = node.get(cluster)
                if child is None:
                    child = node[cluster] = {}
                node = child
            node[_WORD] = True
        # Most nodes are bare word ends: one shared (never modified again) dict instead of one each.
        leaf = {_WORD: True}
        stack = [root]
        while stack:
            node = stack.pop()
            for cluster, child in node.items():
                if cluster == _WORD:
                    continue
                if len(child) == 1 and _WORD in child:
                    node[cluster] = leaf
                else:
                    stack.append(child)
        return cls(root)

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word:
            return False
        node: dict | None = self.trie
        for cluster in _CLUSTER.findall(word):
            node = node.get(cluster)
            if node is None:
                return False
        return _WORD in node


def _segment_chunk(chunk: str, trie: dict) -> tuple[str, ...]:
    """Fewest unknown characters first, then fewest words; adjacent unknown clusters become one token.

    The hot loop of the whole pipeline, so it is written for CPython: a cost is one int (unknown
    characters weighted above any word count), and words are only looked up at cluster boundaries,
    by walking the cluster trie from each one until it has no branch for the next cluster.
    """
    clusters = _CLUSTER.findall(chunk)
    if _ALL_THAI.fullmatch(chunk):
        return _segment_thai(chunk, clusters, trie)
    return _segment_mixed(chunk, clusters, trie)


def _segment_thai(chunk: str, clusters: list[str], trie: dict) -> tuple[str, ...]:
    """All-Thai chunks (most of them): the same search over boundary indices only.

    Node 0 is the start of the chunk and node k + 1 the boundary ends[k]; every node is reached,
    at worst by reading the cluster before it as unknown. A chunk that is one word comes out whole:
    nothing costs less than the single step from node 0, which is found first.
    """
    ends = list(accumulate(map(len, clusters)))
    count = len(ends)
    weight = len(chunk) + 1  # one unknown character costs more than any number of words
    best = [0] + [weight * weight] * count
    back = [0] * (count + 1)
    known_piece = [True] * (count + 1)
    # (node, cluster) pairs made once, so the inner loop unpacks a tuple instead of running enumerate.
    targets = list(enumerate(clusters, 1))
    start = 0
    for node in range(count):
        step = best[node] + 1
        branch = trie
        for target, cluster in islice(targets, node, None):
            branch = branch.get(cluster)
            if branch is None:
                break
            if _WORD in branch and step < best[target]:
                best[target] = step
                back[target] = node
                known_piece[target] = True
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


def _segment_mixed(chunk: str, clusters: list[str], trie: dict) -> tuple[str, ...]:
    """The general case (Latin words, numbers, symbols among the Thai): see _segment_chunk."""
    size = len(chunk)
    ends = list(accumulate(map(len, clusters)))
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
    for start in range(size):
        here = best[start]
        if here == unreached:
            continue
        step = here + 1
        k = next_end[start]
        if start == 0 or ends[k - 1] == start:
            steps = islice(clusters, k, None)
        else:
            # Reached inside a cluster (after a Latin run before a combining mark): the clusters read
            # from here close at the enclosing cluster's end and then follow the chunk's own.
            steps = iter(_CLUSTER.findall(chunk, start))
        branch, end = trie, start
        for cluster in steps:
            branch = branch.get(cluster)
            if branch is None:
                break
            end += len(cluster)
            if _WORD in branch and step < best[end]:
                best[end], back[end], known_piece[end] = step, start, True
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
            return _segment_chunk(chunk, dictionary.trie)

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
