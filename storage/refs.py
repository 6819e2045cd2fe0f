"""Reference codes (`LP-YY-NNNNN`, taxonomy.md): the one formatter and the one parser of what people type."""

from __future__ import annotations

import re
import unicodedata

# "LP-69-00012", "lp 69 12", "LP6900012", "LP-๖๙-๑๒": letters, then two year digits, then the number.
_FULL = re.compile(r"LP\s*-?\s*(\d{2})\s*-?\s*(\d{1,5})", re.IGNORECASE)
_BARE = re.compile(r"#?(\d{1,5})")
# How villagers write a bare number: "50", "#50", "เลขที่ 50", "เรื่อง 50", "เรื่องที่ 50".
_SPOKEN = re.compile(r"(?:เลขที่|เรื่องเลขที่|เรื่องที่|เรื่อง|ที่)?\s*#?\s*(\d{1,5})")


def format_ref(year_be: int, seq: int) -> str:
    """The reference of the `seq`-th request of Buddhist Era year `year_be`."""
    return f"LP-{year_be % 100:02d}-{seq:05d}"


def ascii_digits(value: str) -> str:
    """Thai digits (๐–๙, and any other Unicode decimal digits) as ASCII 0–9."""
    return "".join(str(unicodedata.decimal(char)) if char.isdecimal() else char for char in value)


def parse(typed: str, *, year_be: int | None = None) -> str | None:
    """The canonical reference `typed` names on its own, or None.

    A bare sequence number ("12", "#12") names a request of `year_be` when one is given (staff type
    them); without it only a full reference counts.
    """
    text = ascii_digits(typed.strip())
    full = _FULL.fullmatch(text)
    if full:
        year, number = int(full.group(1)), int(full.group(2))
        return format_ref(year, number) if number > 0 else None
    bare = _BARE.fullmatch(text)
    if bare and year_be is not None and int(bare.group(1)) > 0:
        return format_ref(year_be, int(bare.group(1)))
    return None


def bare_number(typed: str) -> int | None:
    """The sequence number in "50", "#50", "เลขที่ 50" or "เรื่อง ๕๐" typed on its own, or None.

    Villagers cannot type "LP-69-00050"; the caller decides whose request and which year it means.
    """
    spoken = _SPOKEN.fullmatch(ascii_digits(" ".join(typed.split())))
    if spoken is None or int(spoken.group(1)) == 0:
        return None
    return int(spoken.group(1))
