"""Thai text understanding for the Lampang PAO bot: places, categories, requests; pure and loaded once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from nlp.normalize import normalize

if TYPE_CHECKING:
    from nlp.admin_areas import Gazetteer
    from nlp.analyzer import Analysis
    from nlp.geo import Place

__all__ = ["Analysis", "Gazetteer", "Place", "analyze", "gazetteer", "load", "locate", "normalize", "tokenize"]


def load() -> None:
    """Build every immutable object now (idempotent, thread-safe); otherwise they are built on first use."""
    from nlp import loader

    loader.analyzer()
    loader.locator()
    loader.release_freed_memory()


def analyze(text: str) -> Analysis:
    """Understand one villager message."""
    from nlp import loader

    return loader.analyzer().analyze(text)


def locate(lat: float, lon: float) -> Place | None:
    """The tambon containing (or within about 2 km of) a point; None outside Lampang."""
    from nlp import loader

    return loader.locator().locate(lat, lon)


def gazetteer() -> Gazetteer:
    from nlp import loader

    return loader.gazetteer()


def tokenize(text: str) -> list[str]:
    """Normalised content tokens, for duplicate detection and TF-IDF."""
    from nlp import loader

    return loader.reader().read_tokens(text)


def __getattr__(name: str):
    # Analysis, Place and Gazetteer are importable from here without loading anything heavy at import.
    if name == "Analysis":
        from nlp.analyzer import Analysis

        return Analysis
    if name == "Place":
        from nlp.geo import Place

        return Place
    if name == "Gazetteer":
        from nlp.admin_areas import Gazetteer

        return Gazetteer
    raise AttributeError(name)
