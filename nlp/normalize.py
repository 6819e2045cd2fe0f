"""Text normalisation for Thai chat messages: one canonical form before any matching."""

from __future__ import annotations

import re
import unicodedata

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
# Zero-width characters and the BOM survive copy-paste from other apps and split words silently.
_INVISIBLE = re.compile("[\u200b-\u200f\u2028-\u202f\u2060-\u2064\ufeff\u00ad]")
_THAI_CONSONANT = "[\u0e01-\u0e2e]"
_THAI_MARK = "[\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]"
# A consonant drawn out after another consonant may be a real double (ถนนนน -> ถนน); after a vowel it never is.
_CONSONANT_RUN_AFTER_CONSONANT = re.compile(f"(?<={_THAI_CONSONANT})({_THAI_CONSONANT})\\1{{2,}}")
_CONSONANT_RUN = re.compile(f"({_THAI_CONSONANT})\\1{{2,}}")
_LONG_VOWEL_RUN = re.compile("([\u0e30-\u0e45])\\1{2,}")
_MARK_RUN = re.compile(f"({_THAI_MARK})\\1+")
_OTHER_RUN = re.compile("([^\u0e00-\u0e7f\\s])\\1{3,}")
_EMOJI = re.compile(
    "([\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f3fb-\U0001f3ff]+)"
)
_WHITESPACE = re.compile(r"\s+")


def _is_control(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn") and not char.isspace()


def normalize(text: str) -> str:
    """Return `text` in NFC with invisible characters removed, Arabic digits, runs collapsed, tidy spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    text = "".join(char for char in text if not _is_control(char))
    text = text.translate(_THAI_DIGITS)
    # Common keyboard substitutes: two sara e for sara ae, nikhahit + sara aa for sara am.
    text = text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")
    text = _CONSONANT_RUN_AFTER_CONSONANT.sub(r"\1\1", text)
    text = _CONSONANT_RUN.sub(r"\1", text)
    text = _LONG_VOWEL_RUN.sub(r"\1", text)
    text = _MARK_RUN.sub(r"\1", text)
    text = _OTHER_RUN.sub(r"\1\1\1", text)
    text = _EMOJI.sub(r" \1 ", text)
    return _WHITESPACE.sub(" ", text).strip()
