"""Every ISO 3166-1 alpha-2 country (code and English short name), and for partner countries their MIEUX
region and EU instrument(s). Shared by every service: events carry the codes, this table gives their names.

`countries.csv` lists all 249 ISO codes; a country with a region and at least one instrument (DCI, EDF,
ENI, OAD) is a partner country (R01). A code missing from the file is not a country at all (bad input);
a listed country without instruments (an EU Member State, say) is a country that cannot request.
Instruments per country are a documented reading (domain-model §2.2 leaves it open): ENI for the
Eastern and Southern Neighbourhood, EDF for ACP states, DCI for Asia, Latin America, Central Asia and
the Middle East (graduated countries such as Brazil, Mexico and Peru are kept under DCI), OAD for
overseas countries and territories.

`subregion` is the country's UN M49 geographic sub-region ("Western Africa", "South-eastern Asia"; UN
Statistics Division, https://unstats.un.org/unsd/methodology/m49/): multi-country Actions are named after it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import cache
from importlib import resources

from contracts.events.requests import Instrument, Region


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    region: Region | None
    instruments: tuple[Instrument, ...]
    subregion: str | None = None  # UN M49 sub-region

    @property
    def is_partner(self) -> bool:
        return self.region is not None and bool(self.instruments)


@cache
def _table() -> dict[str, Country]:
    text = (resources.files("contracts.reference") / "countries.csv").read_text(encoding="utf-8")
    table: dict[str, Country] = {}
    for row in csv.DictReader(io.StringIO(text)):
        table[row["code"]] = Country(
            code=row["code"],
            name=row["name"],
            region=Region(row["region"]) if row["region"] else None,
            instruments=tuple(Instrument(i) for i in row["instruments"].split()),
            subregion=row["subregion"] or None,
        )
    return table


def all_countries() -> list[Country]:
    return list(_table().values())


def country(code: str) -> Country | None:
    return _table().get(code)


def is_iso_code(code: str) -> bool:
    return code in _table()
