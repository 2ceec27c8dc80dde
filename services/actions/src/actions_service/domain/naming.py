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


def ordinal_scope(countries: tuple[str, ...], regional_organisation: str | None) -> str:
    """What an Action is counted within (R30): its first country, else its regional organisation."""
    if countries:
        return countries[0]
    return regional_organisation or "UNKNOWN"


def roman(number: int) -> str:
    if number < 1:
        raise ValueError("Roman numerals start at 1")
    out = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        out.append(letters * count)
    return "".join(out)


def action_label(scope: str, ordinal: int) -> str:
    """ "Cabo Verde IV": the country's name (an organisation's code) and the ordinal in Roman numerals."""
    known = country(scope)
    return f"{known.name if known else scope} {roman(ordinal)}"
