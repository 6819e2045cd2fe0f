"""The Lampang gazetteer: districts (amphoe) and subdistricts (tambon) as immutable lookup objects."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

DATA_DIR = Path(__file__).parent / "data"
# Staff type these before a name; they carry no information for the lookup.
_MARKER_PREFIX = re.compile(r"^(อำเภอ|ตำบล|อ\.|ต\.|อ\s|ต\s|amphoe\s+|tambon\s+)\s*", re.IGNORECASE)
_FUZZY_MIN_SCORE = 85.0


@dataclass(frozen=True)
class Tambon:
    code: str
    name_th: str
    name_en: str
    name_en_variants: tuple[str, ...]
    district_code: str
    lat: float
    lon: float


@dataclass(frozen=True)
class District:
    code: str
    name_th: str
    name_en: str
    lat: float
    lon: float
    tambons: tuple[Tambon, ...]


def _fold_latin(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


@dataclass(frozen=True)
class Gazetteer:
    """13 districts ordered by code, their tambons, and name lookups for people typing commands."""

    districts: tuple[District, ...]
    aliases: dict[str, str] = field(default_factory=dict, repr=False)  # alias -> district code
    _by_code: dict[str, District] = field(default_factory=dict, repr=False)
    _tambon_by_code: dict[str, Tambon] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {d.code: d for d in self.districts})
        object.__setattr__(
            self, "_tambon_by_code", {t.code: t for d in self.districts for t in d.tambons}
        )

    @property
    def tambons(self) -> tuple[Tambon, ...]:
        return tuple(self._tambon_by_code.values())

    def district(self, code: str) -> District | None:
        return self._by_code.get(code)

    def tambon(self, code: str) -> Tambon | None:
        return self._tambon_by_code.get(code)

    def find_district(self, query: str) -> District | None:
        """Find a district by code, Thai or English name, abbreviation or a slightly misspelt name."""
        key = _MARKER_PREFIX.sub("", (query or "").strip()).strip()
        if not key:
            return None
        if key in self._by_code:
            return self._by_code[key]
        names = {d.name_th: d.code for d in self.districts}
        names.update({_fold_latin(d.name_en): d.code for d in self.districts})
        names.update({k if re.search("[\u0e00-\u0e7f]", k) else _fold_latin(k): v for k, v in self.aliases.items()})
        folded = key if re.search("[\u0e00-\u0e7f]", key) else _fold_latin(key)
        if folded in names:
            return self._by_code[names[folded]]
        starting = {code for name, code in names.items() if len(folded) >= 2 and name.startswith(folded)}
        if len(starting) == 1:
            return self._by_code[starting.pop()]
        best = process.extractOne(folded, list(names), scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN_SCORE)
        return self._by_code[names[best[0]]] if best else None

    def find_tambon(self, name: str, district_code: str | None = None) -> Tambon | None:
        """Find a tambon by code or (possibly misspelt) Thai or English name, optionally within one district."""
        key = _MARKER_PREFIX.sub("", (name or "").strip()).strip()
        if not key:
            return None
        if key in self._tambon_by_code:
            return self._tambon_by_code[key]
        pool = [t for t in self.tambons if district_code is None or t.district_code == district_code]
        names: dict[str, Tambon] = {}
        for tambon in pool:
            names[tambon.name_th] = tambon
            for english in (tambon.name_en, *tambon.name_en_variants):
                names[_fold_latin(english)] = tambon
        folded = key if re.search("[\u0e00-\u0e7f]", key) else _fold_latin(key)
        if folded in names:
            return names[folded]
        best = process.extractOne(folded, list(names), scorer=fuzz.ratio, score_cutoff=_FUZZY_MIN_SCORE)
        return names[best[0]] if best else None


def load_gazetteer(data_dir: Path = DATA_DIR) -> Gazetteer:
    """Read the shipped gazetteer JSON and the district aliases (abbreviations, romanisations)."""
    raw = json.loads((data_dir / "lampang_gazetteer.json").read_text(encoding="utf-8"))
    aliases_raw = json.loads((data_dir / "aliases.json").read_text(encoding="utf-8"))
    districts = tuple(
        District(
            code=amphoe["code"],
            name_th=amphoe["name_th"],
            name_en=amphoe["name_en"],
            lat=amphoe["lat"],
            lon=amphoe["lon"],
            tambons=tuple(
                Tambon(
                    code=t["code"],
                    name_th=t["name_th"],
                    name_en=t["name_en"],
                    name_en_variants=tuple(t.get("name_en_variants", ())),
                    district_code=amphoe["code"],
                    lat=t["lat"],
                    lon=t["lon"],
                )
                for t in amphoe["tambon"]
            ),
        )
        for amphoe in sorted(raw["amphoe"], key=lambda a: a["code"])
    )
    aliases = {
        alias: code
        for table in ("district_aliases", "district_romanised")
        for code, names in aliases_raw[table].items()
        for alias in names
    }
    aliases.update(aliases_raw["district_names_after_marker_only"])
    return Gazetteer(districts=districts, aliases=aliases)
