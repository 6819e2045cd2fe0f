"""Build the immutable NLP objects once, lazily, safely from several threads."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from nlp.admin_areas import DATA_DIR, Gazetteer, load_gazetteer
from nlp.analyzer import Analyzer, Reader
from nlp.features import load_keywords, load_particles
from nlp.geo import TambonLocator, build_locator
from nlp.linear import load_model
from nlp.places import build_place_matcher
from nlp.wordcut import Segmenter, read_vocabulary, standard_words

MODEL_DIR = DATA_DIR / "model"

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


def _build_reader() -> Reader:
    """The model-free half of the pipeline; training uses it too."""
    places_gazetteer = gazetteer()
    standard = standard_words()
    # Windows that are ordinary words are not spelling slips of a place (a set, sharing the strings).
    matcher = build_place_matcher(places_gazetteer, DATA_DIR, frozenset(standard))
    keywords = load_keywords(DATA_DIR / "keywords.json")
    vocabulary = read_vocabulary(DATA_DIR / "vocabulary.txt")
    markers = [*matcher.district_markers, *matcher.tambon_markers, *matcher.loose_tambon_markers]
    # A place name ending in ค่า (ต.บ้านค่า) must not have its end read as the particle ค่ะ.
    particles = load_particles(DATA_DIR / "keywords.json", matcher.thai_names())
    # Particles are words too, so the segmenter keeps ครัช or เน่อ whole and the model can drop them.
    segmenter = Segmenter.build([*standard, *matcher.thai_names(), *vocabulary, *markers, *particles.words])
    # Names that are also ordinary words (สมัย, พิชัย, บ้านนา) keep their word in the features.
    return Reader(places_gazetteer, segmenter, matcher, keywords, frozenset(matcher.maskable_names()), particles)


gazetteer: _BuiltOnce[Gazetteer] = _BuiltOnce(load_gazetteer)
reader: _BuiltOnce[Reader] = _BuiltOnce(_build_reader)
analyzer: _BuiltOnce[Analyzer] = _BuiltOnce(lambda: Analyzer.build(reader(), load_model(MODEL_DIR)))
locator: _BuiltOnce[TambonLocator] = _BuiltOnce(
    lambda: build_locator(gazetteer(), DATA_DIR / "lampang_tambon.geojson"))
