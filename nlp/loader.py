"""Build the immutable NLP objects once, lazily, safely from several threads."""

from __future__ import annotations

import threading
from pathlib import Path

from nlp.admin_areas import DATA_DIR, Gazetteer, load_gazetteer
from nlp.analyzer import Analyzer, Reader
from nlp.features import load_keywords
from nlp.geo import TambonLocator, build_locator
from nlp.linear import load_model
from nlp.places import build_place_matcher
from nlp.wordcut import Segmenter, read_vocabulary, standard_words

MODEL_DIR = DATA_DIR / "model"

# Reentrant: building the analyzer asks for the gazetteer while holding the lock.
_lock = threading.RLock()
_gazetteer: Gazetteer | None = None
_reader: Reader | None = None
_analyzer: Analyzer | None = None
_locator: TambonLocator | None = None


def gazetteer() -> Gazetteer:
    global _gazetteer
    if _gazetteer is None:
        with _lock:
            if _gazetteer is None:
                _gazetteer = load_gazetteer()
    return _gazetteer


def reader() -> Reader:
    """The model-free half of the pipeline; training uses it too."""
    global _reader
    if _reader is None:
        with _lock:
            if _reader is None:
                places_gazetteer = gazetteer()
                standard = standard_words()
                # Windows that are ordinary words are not spelling slips of a place (a set, sharing the strings).
                matcher = build_place_matcher(places_gazetteer, DATA_DIR, frozenset(standard))
                place_names = frozenset(matcher.thai_names())
                keywords = load_keywords(DATA_DIR / "keywords.json")
                vocabulary = read_vocabulary(DATA_DIR / "vocabulary.txt")
                markers = [*matcher.district_markers, *matcher.tambon_markers, *matcher.loose_tambon_markers]
                segmenter = Segmenter.build([*standard, *place_names, *vocabulary, *markers])
                _reader = Reader(places_gazetteer, segmenter, matcher, keywords, place_names)
    return _reader


def analyzer(model_dir: Path = MODEL_DIR) -> Analyzer:
    global _analyzer
    if _analyzer is None:
        with _lock:
            if _analyzer is None:
                _analyzer = Analyzer.build(reader(), load_model(model_dir))
    return _analyzer


def locator() -> TambonLocator:
    global _locator
    if _locator is None:
        with _lock:
            if _locator is None:
                _locator = build_locator(gazetteer(), DATA_DIR / "lampang_tambon.geojson")
    return _locator
