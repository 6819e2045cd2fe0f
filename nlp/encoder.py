"""Turn a read message into TF-IDF indices and values for one trained vocabulary, fast (inference only)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import chain
from operator import is_not

import numpy as np

from nlp.features import BIGRAM_FORMAT, cue_features, token_features
from nlp.linear import Vectorizer

_TOKEN_CACHE_SIZE = 50_000
_KNOWN = partial(is_not, None)  # filter(_KNOWN, ...) drops the unknown features in C (position 0 is falsy)
_BIGRAM = BIGRAM_FORMAT.format


@dataclass(frozen=True)
class Encoder:
    """The same features as features.message_features, but counted as vocabulary positions.

    Building feature-name strings and looking each one up was the costliest step after segmentation;
    a token's word and trigram features always map to the same positions, so those are cached per
    token. A test checks that this agrees with Vectorizer.transform(message_features(...)).
    """

    vectorizer: Vectorizer
    token_positions: Callable[[str], tuple[int, ...]] = field(compare=False, repr=False)

    @classmethod
    def build(cls, vectorizer: Vectorizer) -> Encoder:
        index = vectorizer.index

        @lru_cache(maxsize=_TOKEN_CACHE_SIZE)
        def token_positions(token: str) -> tuple[int, ...]:
            return tuple(index[name] for name in token_features(token) if name in index)

        return cls(vectorizer, token_positions)

    def clear_cache(self) -> None:
        self.token_positions.cache_clear()  # type: ignore[attr-defined]
        token_features.cache_clear()

    def count(
        self, masked: list[str], normalized_text: str, keyword_hits: Counter[str], has_place: bool
    ) -> Counter[int]:
        """How often each known feature occurs, by vocabulary position."""
        lookup = self.vectorizer.index.get
        # map/chain run in C over the cached per-token tuples: no Python-level loop per token.
        positions = list(chain.from_iterable(map(self.token_positions, masked)))
        positions += filter(_KNOWN, map(lookup, map(_BIGRAM, masked, masked[1:])))
        for name, count in cue_features(len(masked), normalized_text, keyword_hits, has_place).items():
            position = lookup(name)
            if position is not None:
                positions += [position] * count
        return Counter(positions)

    def encode(
        self, masked: list[str], normalized_text: str, keyword_hits: Counter[str], has_place: bool
    ) -> tuple[np.ndarray, np.ndarray]:
        """Vocabulary positions and their TF-IDF values, as Vectorizer.transform(message_features(...))."""
        return self.vectorizer.weigh(self.count(masked, normalized_text, keyword_hits, has_place))
