"""Cut normalised text into words with pythainlp's nlpO3 over the project's dictionary; content tokens.

The dictionary is pythainlp's Thai words that are common (see common_words) or used by the training
corpus, plus every place name, marker and `data/vocabulary.txt` word. It is loaded into nlpO3 under a
name of its own, so pythainlp's global dictionary and nlpO3's default one stay as they are.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from importlib.util import find_spec
from pathlib import Path

log = logging.getLogger(__name__)

_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
_SPACE_SPLIT = re.compile(r"(\s+)")
_CHUNK_CACHE_SIZE = 30_000
# Punctuation: not Thai, not a Latin letter or digit, not a space.
_PUNCTUATION = "[^\u0e00-\u0e7fA-Za-z0-9\\s]"
# A word with punctuation at either edge: nlpO3 glues punctuation to the Thai word next to it
# ("1.ขอไฟ" -> "1", ".ขอ", "ไฟ"; "/ขอ"; '"ขอ"'), hiding the word; nlpO3 and newmm both keep a hyphen
# on a Latin word ("LP-69-00518" -> "LP-", unlike "LP 69"), and newmm brackets ("(sticker)").
_GLUED = re.compile(f"({_PUNCTUATION}*)(.*?[\u0e00-\u0e7fA-Za-z].*?)({_PUNCTUATION}*)", re.DOTALL)
NLPO3 = "nlpo3"
NEWMM = "newmm"
# nlpO3 keeps each word in a trie with a hash map per node plus a set of every word: about 47 MB for
# pythainlp's 62,000 words, and rare compounds cost the most (the rarest 40 % take 22 MB). Words that
# Phupha, pythainlp's word counts over Common Crawl, counts fewer times than this are left out, unless
# the training corpus or the keywords use them (33,800 of 62,000 kept). 500 kept the added memory at
# 78-82 MB, over the 80 MB budget in a fresh process; 800 gives about 73 MB. Retrained, the eval sets'
# scores moved by at most one or two messages either way (docs/nlp.md).
MIN_WORD_COUNT = 800

# nlpO3 keeps its dictionaries for the life of the process and refuses a name it already holds, so
# each word list is loaded once, under a name made from its content (see _load_nlpo3_dictionary).
_nlpo3_lock = threading.Lock()
_nlpo3_loaded: set[str] = set()


def read_vocabulary(path: Path) -> list[str]:
    """Read one word per line, ignoring blank lines and `#` comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def standard_words() -> frozenset[str]:
    """pythainlp's Thai word list: its own cached frozenset, only ever read here."""
    from pythainlp.corpus import thai_words

    return thai_words()


def common_words(words: Iterable[str], minimum_count: int = MIN_WORD_COUNT) -> list[str]:
    """The words that Phupha counts at least `minimum_count` times, in the order given."""
    # Read here rather than with pythainlp.corpus.phupha.word_freqs(): that goes through get_corpus,
    # which caches the whole file's lines for the life of the process (about 8 MB resident).
    path = files("pythainlp.corpus").joinpath("phupha_word_freqs.txt")
    if not path.is_file():  # a pythainlp without Phupha: every word, as before (more memory, same cuts)
        log.warning("pythainlp has no Phupha word counts: the tokenizer keeps every pythainlp word")
        return list(words)
    frequent = set()
    with path.open(encoding="utf-8") as counts:
        for line in counts:
            word, tab, count = line.partition("\t")
            if tab and int(count) >= minimum_count:
                frequent.add(word)
    # The caller's strings are returned, so Phupha's are all freed with `frequent`.
    return [word for word in words if word in frequent]


def dictionary_words(words: Iterable[str]) -> list[str]:
    """One entry per word, sorted (so equal lists give equal files), without blanks or line breaks."""
    return sorted({word.strip() for word in words if word and word.strip() and "\n" not in word})


def _load_nlpo3_dictionary(words: list[str]) -> str:
    """Load the word list into nlpO3 once per process and return the name it was loaded under."""
    from pythainlp.tokenize import nlpo3

    text = "\n".join(words) + "\n"
    name = "lampang-pao-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:20]
    with _nlpo3_lock:
        if name in _nlpo3_loaded:
            return name
        # load_dict takes only a file path and reads the file into memory: a temporary file, written
        # at load time from the current gazetteer and vocabulary (so it never goes stale), then removed.
        with tempfile.TemporaryDirectory(prefix="nlp-words-") as directory:
            path = Path(directory) / "words.txt"
            path.write_text(text, encoding="utf-8")
            if not nlpo3.load_dict(str(path), name):
                raise RuntimeError(f"nlpO3 could not load the word list ({len(words)} words)")
        _nlpo3_loaded.add(name)
        log.info("nlpO3 dictionary loaded: %d words", len(words))
    return name


def _punctuated_edges(token: str) -> tuple[str, str, str] | None:
    """(leading punctuation, the rest, trailing punctuation) for a word with either; else None."""
    glued = _GLUED.fullmatch(token)
    return glued.groups() if glued is not None and (glued[1] or glued[3]) else None


def _unglue(tokens: list[str], punctuated_words: frozenset[str]) -> list[str]:
    """Cut punctuation off the edges of words, unless the token is a dictionary word as it stands (อ., พ.ศ.)."""
    result: list[str] = []
    for token in tokens:
        edges = _punctuated_edges(token)
        if edges is None or token in punctuated_words:
            result.append(token)
        else:
            result += filter(None, edges)
    return result


def _engine_cutter(words: list[str], engine: str) -> Callable[[str], list[str]]:
    if engine == NLPO3:
        from pythainlp.tokenize.nlpo3 import segment as nlpo3_segment

        name = _load_nlpo3_dictionary(words)
        # Not word_tokenize(engine="nlpo3"): in pythainlp 5.4 it drops custom_dict and cuts with the
        # default dictionary, splitting place names apart.
        return lambda chunk: nlpo3_segment(chunk, custom_dict=name)
    if engine == NEWMM:
        from pythainlp.tokenize.newmm import segment as newmm_segment
        from pythainlp.util import Trie

        # nlpO3 is a port of newmm: the same algorithm in Python, about 3× slower here.
        trie = Trie(words)
        return lambda chunk: newmm_segment(chunk, custom_dict=trie)
    raise ValueError(f"unknown segmentation engine {engine!r}")


def _chunk_cutter(words: list[str], engine: str) -> Callable[[str], list[str]]:
    cut_words = _engine_cutter(words, engine)
    # Only the words _unglue could cut (about a thousand abbreviations), not the whole list again.
    punctuated = frozenset(filter(_punctuated_edges, words))
    has_punctuation = re.compile(_PUNCTUATION).search

    def cut(chunk: str) -> list[str]:
        tokens = cut_words(chunk)
        # Most chunks have no punctuation: one scan saves looking at each token.
        return _unglue(tokens, punctuated) if has_punctuation(chunk) else tokens

    return cut


def default_engine() -> str:
    """nlpO3 wherever its wheel is installed; pythainlp's own newmm where it cannot be."""
    if find_spec("nlpo3") is not None:
        return NLPO3
    log.warning("nlpo3 is not installed: segmenting with pythainlp's newmm (slower)")
    return NEWMM


@dataclass(frozen=True)
class Segmenter:
    """Splits normalised text; chunks between spaces repeat across messages, so their cuts are cached."""

    engine: str
    word_count: int
    cut_chunk: Callable[[str], tuple[str, ...]] = field(compare=False, repr=False)

    @classmethod
    def build(cls, words: Iterable[str], engine: str | None = None) -> Segmenter:
        engine = engine or default_engine()
        unique = dictionary_words(words)
        cut = _chunk_cutter(unique, engine)

        @lru_cache(maxsize=_CHUNK_CACHE_SIZE)
        def cut_chunk(chunk: str) -> tuple[str, ...]:
            return tuple(cut(chunk))

        return cls(engine, len(unique), cut_chunk)

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
                    tokens += cut(piece)
                tokens.append(" ")
            tokens.pop()
            return tokens
        for piece in _SPACE_SPLIT.split(normalized_text):
            if not piece:
                continue
            if piece.isspace():
                tokens.append(piece)
            else:
                tokens += cut(piece)
        return tokens


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
