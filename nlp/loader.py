"""Build the immutable NLP objects once, lazily, safely from several threads."""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Iterable
from typing import Generic, TypeVar

from nlp.admin_areas import DATA_DIR, Gazetteer, load_gazetteer
from nlp.analyzer import Analyzer, Reader
from nlp.features import load_keywords, load_particles
from nlp.geo import TambonLocator, build_locator
from nlp.linear import load_model
from nlp.phrases import PhraseIndex
from nlp.places import build_place_matcher
from nlp.tokens import Segmenter, common_words, read_vocabulary, standard_words

MODEL_DIR = DATA_DIR / "model"
# pythainlp's words that the training corpus uses, written by `python -m nlp train` beside the model.
CORPUS_WORDS_FILE = "corpus_words.txt"

# Reentrant: building the analyzer asks for the gazetteer while holding the lock.
_lock = threading.RLock()

T = TypeVar("T")


class _BuiltOnce(Generic[T]):
    """A value built on first use and shared afterwards; the check outside the lock keeps calls cheap."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: T | None = None

    def __call__(self) -> T:
        value = self._value
        if value is None:
            with _lock:
                if self._value is None:
                    self._value = self._build()
                value = self._value
        return value


def build_reader(corpus_words: Iterable[str] | None) -> Reader:
    """The model-free half of the pipeline; training uses it too.

    The tokenizer knows pythainlp's common words, its keywords and `corpus_words` (the training corpus's, so
    it is cut as with the whole list); None gives it pythainlp's whole word list, which training compares with.
    """
    places_gazetteer = gazetteer()
    standard = standard_words()
    # Windows that are ordinary words are not spelling slips of a place (a set, sharing the strings).
    matcher = build_place_matcher(places_gazetteer, DATA_DIR, frozenset(standard))
    keywords = load_keywords(DATA_DIR / "keywords.json")
    vocabulary = read_vocabulary(DATA_DIR / "vocabulary.txt")
    markers = [*matcher.district_markers, *matcher.tambon_markers, *matcher.loose_tambon_markers]
    # A place name ending in ค่า (ต.บ้านค่า) must not have its end read as the particle ค่ะ.
    particles = load_particles(DATA_DIR / "keywords.json", matcher.thai_names())
    # Keywords pythainlp lists are domain words: kept even when rare on the web, so they are cut as before.
    domain = standard.intersection(keywords.category_of.phrases)
    known = standard if corpus_words is None else [*common_words(standard), *corpus_words, *domain]
    # Villages called like an ordinary phrase (บ้านนา, a house by the fields; บ้านหลวง) are no words of the
    # segmenter: it cuts them as any other text (บ้าน|นา, as the features read them, see maskable_names),
    # and the place matcher still finds them over the two tokens.
    phrase_villages = {
        name for name, entries in matcher.names.phrases.items() if all(e.needs_marker == "context" for e in entries)
    }
    names = [name for name in matcher.thai_names() if name not in phrase_villages]
    # Particles are words too, so the segmenter keeps ครัช or เน่อ whole and the model can drop them.
    segmenter = Segmenter.build([*known, *names, *vocabulary, *markers, *particles.words])
    # Names that are also ordinary words (สมัย, พิชัย, บ้านนา) keep their word in the features.
    latin_names = PhraseIndex.build(dict.fromkeys(matcher.latin_names, "<place>"))
    return Reader(
        places_gazetteer, segmenter, matcher, keywords, frozenset(matcher.maskable_names()), particles, latin_names
    )


def release_freed_memory() -> None:
    """Give the C heap's free pages back to the system, where the C library can (glibc's malloc_trim)."""
    # Loading frees ~10 MB of temporaries in the C heap (nlpO3's copy of the word file and its word
    # vectors, JSON, hash tables), scattered between what stays; glibc keeps such pages for reuse unless
    # asked, so they would count as resident for the life of the process.
    try:
        trim = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError, TypeError):  # not glibc (musl, macOS, Windows): nothing to ask
        return
    trim(0)


gazetteer: _BuiltOnce[Gazetteer] = _BuiltOnce(load_gazetteer)
reader: _BuiltOnce[Reader] = _BuiltOnce(lambda: build_reader(read_vocabulary(MODEL_DIR / CORPUS_WORDS_FILE)))
analyzer: _BuiltOnce[Analyzer] = _BuiltOnce(lambda: Analyzer.build(reader(), load_model(MODEL_DIR)))
locator: _BuiltOnce[TambonLocator] = _BuiltOnce(
    lambda: build_locator(gazetteer(), DATA_DIR / "lampang_tambon.geojson"))
