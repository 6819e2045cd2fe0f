"""Text normalisation for Thai chat messages: one canonical form before any matching."""

from __future__ import annotations

import re
import unicodedata

_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_HAS_THAI_DIGIT = re.compile("[๐-๙]")
# Zero-width characters and the BOM survive copy-paste from other apps and split words silently.
# Control characters (not whitespace), lone surrogates and private-use code points go too.
_INVISIBLE_OR_CONTROL = re.compile(
    "[\u200b-\u200f\u2028-\u202f\u2060-\u2064\ufeff\u00ad"
    "\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\ud800-\udfff\ue000-\uf8ff]"
)
# One scan for both kinds of run (each regex scan of Thai text costs microseconds): a repeated vowel or
# tone mark (two or more) becomes one; any other character drawn out three times or more is collapsed.
_RUNS = re.compile("([\u0e31\u0e34-\u0e3a\u0e47-\u0e4e])\\1+|(\\S)\\2{2,}")
# Two equal characters in a row: every run _RUNS collapses has them, and this is several times cheaper
# to scan for (most messages have none, and they then skip _RUNS altogether).
_MAYBE_RUN = re.compile(r"(.)\1", re.DOTALL)
# Anything the invisible, Thai-digit or emoji steps would touch: one scan decides whether they run.
_RARE = re.compile(
    "[\u200b-\u200f\u2028-\u202f\u2060-\u2064\u00ad\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f"
    "\u0e50-\u0e59\u2600-\U0010ffff]"
)
_EMOJI = re.compile(
    "([\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\U0001f3fb-\U0001f3ff]+)"
)


def _is_thai_consonant(char: str) -> bool:
    return "\u0e01" <= char <= "\u0e2e"


def _collapse_run(match: re.Match[str]) -> str:
    """ถนนนนน -> ถนน, มากกกก -> มาก, ดีีี -> ดี, 55555 -> 555, !!!!! -> !!!."""
    if match.group(1):
        return match.group(1)
    char = match.group(2)
    if not "\u0e00" <= char <= "\u0e7f":
        return char * 3 if len(match.group(0)) > 3 else match.group(0)
    before = match.string[match.start() - 1] if match.start() else ""
    # A consonant drawn out after another consonant may be a real double (ถนน); after a vowel it never is.
    if _is_thai_consonant(char) and _is_thai_consonant(before) and before != char:
        return char * 2
    return char


def normalize(text: str) -> str:
    """Return `text` in NFC with invisible characters removed, Arabic digits, runs collapsed, tidy spaces."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text)
    rare = _RARE.search(text) is not None
    if rare:
        text = _INVISIBLE_OR_CONTROL.sub("", text)
        if _HAS_THAI_DIGIT.search(text):  # translate with a dict table walks every character: only when needed
            text = text.translate(_THAI_DIGITS)
    # Common keyboard substitutes: two sara e for sara ae, nikhahit + sara aa for sara am.
    text = text.replace("เเ", "แ").replace("\u0e4d\u0e32", "\u0e33")
    if _MAYBE_RUN.search(text):
        text = _RUNS.sub(_collapse_run, text)
    if rare and max(text, default="") >= "\u2600":  # every emoji is above this; most messages have none
        text = _EMOJI.sub(r" \1 ", text)
    # str.split() splits on exactly what \s matches, and is far cheaper than a regex substitution.
    return " ".join(text.split())
