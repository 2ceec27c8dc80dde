"""How an Action is named and placed: its code (R29), its ordinal and label (R30), its phase (R21)."""

from __future__ import annotations

from datetime import date

from contracts.events.actions import Phase
from contracts.reference import country

# R21: phases by date. MIEUX I counts from the programme's start (December 2008) to the end of 2011;
# MIEUX III runs to April 2020, when MIEUX+ started (domain-model §2.1 and §6 on the boundaries).
_PHASES: tuple[tuple[date, Phase], ...] = (
    (date(2011, 12, 31), Phase.MIEUX_I),
    (date(2015, 12, 31), Phase.MIEUX_II),
    (date(2020, 3, 31), Phase.MIEUX_III),
    (date(2023, 4, 30), Phase.MIEUX_PLUS),
)
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))  # fmt: skip


def phase_of(approved_on: date, current: Phase) -> Phase:
    """The phase an Action approved on `approved_on` belongs to; after April 2023, the `current` phase."""
    for last_day, phase in _PHASES:
        if approved_on <= last_day:
            return phase
    return current


def action_code(year: int, sequence: int) -> str:
    """YYYY-NN: the year of the request and the Action's number within that year (R29)."""
    return f"{year:04d}-{sequence:02d}"


# UN M49 sub-regions as the report writes them ("West Africa 2014-2018", "South-East Asia (2012-2013)").
_SUBREGION_NAMES = {
    "Western Africa": "West Africa", "Eastern Africa": "East Africa", "Northern Africa": "North Africa",
    "Middle Africa": "Central Africa", "South-eastern Asia": "South-East Asia", "Southern Asia": "South Asia",
    "Eastern Asia": "East Asia",
}  # fmt: skip
_JOINT = "+"  # the scope of countries that share no sub-region: their codes, sorted, joined


def ordinal_scope(countries: tuple[str, ...], regional_organisation: str | None) -> str:
    """What an Action is counted within (R30): its country; for several countries their common UN M49
    sub-region (the report's "West Africa" Action of Benin, Guinea-Bissau and Togo), or, when they share
    none, the set of countries itself; without countries its regional organisation."""
    partners = tuple(dict.fromkeys(countries))
    if len(partners) == 1:
        return partners[0]
    if partners:
        subregions = {c.subregion if (c := country(code)) else None for code in partners}
        shared = subregions.pop() if len(subregions) == 1 else None
        return shared or _JOINT.join(sorted(partners))
    return regional_organisation or "UNKNOWN"


def scope_name(scope: str) -> str:
    """The name an ordinal scope is shown with: a country's name, a sub-region as the report writes it, the
    countries of a joint scope ("Benin, Guinea-Bissau and Togo"), or an organisation's code."""
    known = country(scope)
    if known is not None:
        return known.name
    if _JOINT in scope:
        names = sorted(c.name if (c := country(code)) else code for code in scope.split(_JOINT))
        return f"{', '.join(names[:-1])} and {names[-1]}"
    return _SUBREGION_NAMES.get(scope, scope)


def roman(number: int) -> str:
    if number < 1:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def action_label(scope: str, ordinal: int) -> str:
    """ "Cabo Verde IV", "West Africa I": the scope's name (`scope_name`) and the ordinal in Roman numerals."""
    return f"{scope_name(scope)} {roman(ordinal)}"
