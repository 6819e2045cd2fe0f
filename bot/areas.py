"""Names and codes of Lampang's districts and tambon for the bot, from the NLP package's gazetteer."""

from __future__ import annotations

import nlp
from bot import texts

PROVINCE = "52"  # the provincial forum's area code: Lampang province in DOPA's numbering


def district_name(code: str | None) -> str | None:
    if not code:
        return None
    district = nlp.gazetteer().district(code)
    return district.name_th if district else None


def tambon_name(code: str | None) -> str | None:
    if not code:
        return None
    tambon = nlp.gazetteer().tambon(code)
    return tambon.name_th if tambon else None


def district_code(name_or_code: str) -> str | None:
    """A district typed by staff or a villager: "5203", "เกาะคา", "อ.เกาะคา", "Ko Kha"."""
    district = nlp.gazetteer().find_district(name_or_code.strip())
    return district.code if district else None


def districts() -> list[tuple[str, str]]:
    """(code, Thai name) of the 13 districts, in code order."""
    return [(d.code, d.name_th) for d in nlp.gazetteer().districts]


def forum_area(word: str) -> str | None:
    """A forum's area typed by staff: a district, or PROVINCE for the provincial forum ("52", "จังหวัด"…)."""
    if word.strip().lower() in {PROVINCE, *texts.STAFF_PROVINCE_WORDS}:
        return PROVINCE
    return district_code(word)


def forum_name(code: str) -> str:
    return texts.PROVINCE_FORUM if code == PROVINCE else texts.forum_where(district_name(code))
