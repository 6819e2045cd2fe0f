"""Word segmentation with pythainlp newmm over a project trie (never pythainlp's global dictionary)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from pythainlp.tokenize.newmm import segment as newmm_segment
from pythainlp.util.trie import Trie

_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")


def read_vocabulary(path: Path) -> list[str]:
    """Read one word per line, ignoring blank lines and `#` comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


def build_trie(extra_words: Iterable[str]) -> Trie:
    """A fresh trie over pythainlp's Thai word list plus place names and domain words."""
    from pythainlp.corpus import thai_words

    return Trie([*thai_words(), *extra_words])


def segment(normalized_text: str, trie: Trie) -> list[str]:
    """Split already-normalised text into tokens whose concatenation is the text itself."""
    if not normalized_text:
        return []
    return newmm_segment(normalized_text, custom_dict=trie)


def content_tokens(raw_tokens: Iterable[str]) -> list[str]:
    """Drop whitespace and punctuation-only tokens; lower-case Latin ones."""
    tokens = []
    for token in raw_tokens:
        token = token.strip()
        if token and not _PUNCTUATION_ONLY.match(token):
            tokens.append(token.lower())
    return tokens
