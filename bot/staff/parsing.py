"""Reading what staff type: the command word, references, dates, key=value pairs and --options."""

from __future__ import annotations

import re
import shlex
from datetime import date, datetime, time
from typing import Any

from storage import refs

_COMMAND = re.compile(r"^\s*[/／](\S+)\s*(.*)$", re.DOTALL)
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_NUMERIC_DAY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{2}|\d{4}))?$")  # 20/1/2570, 20/1/70, 20/1
_WORDED_DAY = re.compile(r"^(\d{1,2}) ([^\d\s]\S*)(?: (\d{2}|\d{4}))?$")  # 20 ม.ค. 70, 20 มกราคม 2570, 20 ม.ค.
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


def day(text: str, today: date) -> date:
    """A date as staff write it: 20/1/2570, 20 ม.ค. 70, 20 มกราคม 2570, 2570-01-20, พรุ่งนี้.

    Years are Buddhist Era when two digits or from 2400, else Common Era; a date without a year is
    its next occurrence from today (29 February aside). pythainlp reads month names and relative words.
    """
    text = " ".join(digits(text).split())
    from pythainlp.util import thaiword_to_date  # imported here: pythainlp adds about a second to every process's start

    relative = thaiword_to_date(text, datetime.combine(today, time()))
    if relative is not None:
        return relative.date()
    match = _DATE.match(text)
    if match:
        year, month, day_of_month = (int(part) for part in match.groups())
        if year >= _BUDDHIST_ERA_FROM:
            year -= 543
        try:
            return date(year, month, day_of_month)
        except ValueError as error:
            raise ParseError(text) from error
    numeric, worded = _NUMERIC_DAY.match(text), _WORDED_DAY.match(text)
    if not numeric and not worded:
        raise ParseError(text)
    day_of_month, month, year = (numeric or worded).groups()  # type: ignore[union-attr]
    era_year = int(year) if year else today.year + 543
    if year and len(year) == 2:
        era_year += 2500
    common_year = era_year - 543 if era_year >= _BUDDHIST_ERA_FROM else era_year
    try:
        if numeric:
            found = date(common_year, int(month), int(day_of_month))
        else:
            # pythainlp knows the month names (มกราคม, ม.ค., มกรา); its pattern is not anchored, so
            # the day it read is checked against the one written.
            from pythainlp.util import thai_strptime

            found = thai_strptime(f"{day_of_month} {month} {common_year}", "%d %B %Y", year="ad").date()
            if found.day != int(day_of_month):
                raise ValueError(text)
        if year is None and found < today:
            found = found.replace(year=found.year + 1)
    except (IndexError, KeyError, ValueError) as error:  # how thai_strptime and date() refuse
        raise ParseError(text) from error
    return found


def leading_day(words: list[str], today: date) -> tuple[date, int]:
    """The date at the start of `words` (written in one to three words) and how many words it took."""
    for count in (3, 2, 1):
        if len(words) > count or (count == 1 and words):
            try:
                return day(" ".join(words[:count]), today), count
            except ParseError:
                continue
    raise ParseError(" ".join(words[:1]))


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
