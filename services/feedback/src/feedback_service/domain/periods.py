"""Review periods (R14): quarters (`2019-Q3`), half-years (`2019-H2`) and years (`2019`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from contracts.events.feedback import PeriodKind

_PERIOD = re.compile(r"^(?P<year>\d{4})(?:-(?P<part>Q[1-4]|H[12]))?$")
_MONTHS = {PeriodKind.QUARTER: 3, PeriodKind.HALF_YEAR: 6, PeriodKind.YEAR: 12}


@dataclass(frozen=True, slots=True, order=True)
class Period:
    start: date
    end: date  # last day, inclusive
    kind: PeriodKind
    id: str

    @classmethod
    def parse(cls, text: str) -> Period:
        """`2019-Q3`, `2019-H2` or `2019`; ValueError otherwise."""
        match = _PERIOD.match(text)
        if match is None or not 1900 <= int(match["year"]) <= 2999:
            raise ValueError(f"{text!r} is not a period: use 2019-Q3, 2019-H2 or 2019")
        year, part = int(match["year"]), match["part"]
        if part is None:
            return cls.of(PeriodKind.YEAR, year, 1)
        kind = PeriodKind.QUARTER if part[0] == "Q" else PeriodKind.HALF_YEAR
        return cls.of(kind, year, int(part[1]))

    @classmethod
    def of(cls, kind: PeriodKind, year: int, number: int) -> Period:
        months = _MONTHS[kind]
        first_month = (number - 1) * months + 1
        start = date(year, first_month, 1)
        after = date(year + 1, 1, 1) if first_month + months > 12 else date(year, first_month + months, 1)
        suffix = {PeriodKind.QUARTER: f"-Q{number}", PeriodKind.HALF_YEAR: f"-H{number}", PeriodKind.YEAR: ""}[kind]
        return cls(start, after - timedelta(days=1), kind, f"{year}{suffix}")

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


def periods_of_year(year: int) -> list[Period]:
    return [
        *(Period.of(PeriodKind.QUARTER, year, n) for n in range(1, 5)),
        *(Period.of(PeriodKind.HALF_YEAR, year, n) for n in range(1, 3)),
        Period.of(PeriodKind.YEAR, year, 1),
    ]


def closed_periods(first_day: date, today: date) -> list[Period]:
    """Every period that ended before `today` and did not end before `first_day`, by end date then length."""
    found = [
        period
        for year in range(first_day.year, today.year + 1)
        for period in periods_of_year(year)
        if first_day <= period.end < today
    ]
    return sorted(found, key=lambda p: (p.end, _MONTHS[p.kind]))
