"""Longest-first lookup of known phrases in a word sequence, shared by place and keyword matching."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Generic, TypeVar

Value = TypeVar("Value")


@dataclass(frozen=True)
class PhraseIndex(Generic[Value]):
    """Phrases are matched on whole words joined without spaces, so a name split by the tokenizer still matches."""

    phrases: dict[str, Value]
    prefixes: frozenset[str]  # every leading substring of every phrase, to stop widening a window early
    max_words: int = 4

    @classmethod
    def build(cls, phrases: dict[str, Value], max_words: int = 4) -> PhraseIndex[Value]:
        prefixes = frozenset(phrase[:end] for phrase in phrases for end in range(1, len(phrase) + 1))
        return cls(dict(phrases), prefixes, max_words)

    def __contains__(self, phrase: str) -> bool:
        return phrase in self.phrases

    def keys(self) -> Iterable[str]:
        return self.phrases.keys()

    def find(self, words: Sequence[str]) -> list[tuple[int, int, Value]]:
        """Non-overlapping (start, width, value) matches, scanning left to right, longest phrase first."""
        prefixes, phrases, size = self.prefixes, self.phrases, len(words)
        found: list[tuple[int, int, Value]] = []
        free = 0  # the first word not inside an earlier match
        # Most words start no phrase at all; a C-level filter skips them before any Python loop runs.
        for index in compress(range(size), map(prefixes.__contains__, words)):
            if index < free:
                continue
            joined, longest, phrase = "", 0, ""
            for width in range(1, min(self.max_words, size - index) + 1):
                joined += words[index + width - 1]
                if joined not in prefixes:
                    break
                if joined in phrases:
                    longest, phrase = width, joined
            if longest:
                found.append((index, longest, phrases[phrase]))
                free = index + longest
        return found
