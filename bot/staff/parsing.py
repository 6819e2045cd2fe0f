"""Reading what staff type: the command word, references, dates, key=value pairs and --options."""

from __future__ import annotations

import re
import shlex
from datetime import date
from typing import Any

from storage import refs

_COMMAND = re.compile(r"^\s*[/／](\S+)\s*(.*)$", re.DOTALL)
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
# str.isdigit() and \d accept superscripts and other scripts' digits that int() then rejects; a number
# staff type is ASCII 0-9 (after Thai digits are read as such) and short, so int() never sees a huge string.
_NUMBER = re.compile(r"^[0-9]{1,9}$", re.ASCII)
# Staff may type the Buddhist Era year as they do on paper; anything this large cannot be a CE year here.
_BUDDHIST_ERA_FROM = 2400


class ParseError(ValueError):
    """The text does not fit the command's usage line."""


def split_command(text: str) -> tuple[str, str] | None:
    """("queue", "เถิน 2") for "/queue เถิน 2"; None when the text is not a command."""
    match = _COMMAND.match(text)
    if not match:
        return None
    return match.group(1), match.group(2).strip()


def words(rest: str) -> list[str]:
    return rest.split()


def shell_words(rest: str) -> list[str]:
    """Words with quoting, for options whose values may contain spaces ("--name 'สมชาย ใจดี'")."""
    try:
        return shlex.split(rest)
    except ValueError as error:
        raise ParseError(str(error)) from error


digits = refs.ascii_digits


def number(token: str, *, maximum: int) -> int:
    """A whole number from 0 to `maximum`, typed with ASCII or Thai digits; anything else is a ParseError."""
    match = _NUMBER.match(digits(token.strip()))
    if not match or int(match.group(0)) > maximum:
        raise ParseError(token)
    return int(match.group(0))


def is_number(token: str) -> bool:
    """Whether a word is meant as a number (a page, say), however it is written: `number` then judges it."""
    return any(char.isdigit() for char in token) and all(char.isdigit() for char in token.strip())


def too_long(value: str | None, column: Any) -> int | None:
    """The column's length limit when `value` exceeds it (None when it fits or the column is unbounded).

    The limit is read from the model's column, so a migration that widens it needs no change here.
    """
    limit = getattr(column.property.columns[0].type, "length", None)
    return limit if value is not None and limit is not None and len(value) > limit else None


def ref(token: str, year_be: int) -> str | None:
    """LP-YY-NNNNN from a full reference or a bare sequence number of this Buddhist Era year."""
    return refs.parse(token, year_be=year_be)


def looks_like_ref(token: str) -> bool:
    return ref(token, 2500) is not None


def day(token: str) -> date:
    """YYYY-MM-DD in the Common or the Buddhist Era."""
    match = _DATE.match(digits(token.strip()))
    if not match:
        raise ParseError(token)
    year, month, day_of_month = (int(part) for part in match.groups())
    if year >= _BUDDHIST_ERA_FROM:
        year -= 543
    try:
        return date(year, month, day_of_month)
    except ValueError as error:
        raise ParseError(token) from error


def key_values(tokens: list[str]) -> dict[str, str]:
    """{"district": "เถิน"} from ["district=เถิน"]; a token without "=" is a usage error."""
    pairs: dict[str, str] = {}
    for token in tokens:
        key, sep, value = token.partition("=")
        if not sep or not key or not value:
            raise ParseError(token)
        pairs[key.strip().lower()] = value.strip()
    return pairs


def options(tokens: list[str], *, repeatable: frozenset[str] = frozenset()) -> tuple[list[str], dict[str, list[str]]]:
    """Positional words and --option values (each option takes one value)."""
    positional: list[str] = []
    found: dict[str, list[str]] = {}
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.startswith("--"):
            name = token[2:].lower()
            if index + 1 >= len(tokens) or (name in found and name not in repeatable):
                raise ParseError(token)
            found.setdefault(name, []).append(tokens[index + 1])
            index += 2
        else:
            positional.append(token)
            index += 1
    return positional, found
