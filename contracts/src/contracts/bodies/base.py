"""What every service's command bodies share: no unknown fields, and dates inside the programme's span.

MIEUX I began in December 2008 (R21: "since December 2008"; its first requests arrived in 2009), so no
request, decision, activity, deployment or feedback can be dated earlier; nothing is planned more than ten
years ahead. The bounds are here once; every service's bodies and the portfolio filters use them.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from contracts.views.common import COUNTRY

EARLIEST_DATE = date(2008, 12, 1)
YEARS_AHEAD = 10


def latest_date() -> date:
    today = datetime.now(UTC).date()
    if (today.month, today.day) == (2, 29):  # ten years on is not a leap year
        today = today.replace(day=28)
    return today.replace(year=today.year + YEARS_AHEAD)


def check_programme_date(day: date) -> date:
    """`day` itself, or ValueError saying which bound it crosses."""
    if day < EARLIEST_DATE:
        raise ValueError(f"{day.isoformat()} is before MIEUX began ({EARLIEST_DATE.isoformat()})")
    if day > (latest := latest_date()):
        raise ValueError(f"{day.isoformat()} is more than {YEARS_AHEAD} years ahead (latest {latest.isoformat()})")
    return day


# An ISO 3166-1 alpha-2 code: two capital letters (whether a country has it, the service checks).
CountryCode = Annotated[
    str, COUNTRY, StringConstraints(pattern=r"^[A-Z]{2}$"), Field(description="ISO 3166-1 alpha-2", examples=["CV"])
]

ExpectedVersion = Annotated[
    int | None,
    Field(default=None, ge=0, description="refuse with CONCURRENT_MODIFICATION (HTTP 409) unless at this version"),
]

ProgrammeDate = Annotated[date, AfterValidator(check_programme_date)]
"""A date parameter (query filters) held to the same bounds as the bodies' dates."""


def _dates_in(value: Any, path: str = "") -> Iterator[tuple[str, date]]:
    """Every date in a validated value: itself, in lists and tuples, or in nested models (the contracts' too)."""
    if isinstance(value, datetime):
        yield path, value.date()
    elif isinstance(value, date):
        yield path, value
    elif isinstance(value, list | tuple | set | frozenset):
        for index, item in enumerate(value):
            yield from _dates_in(item, f"{path}.{index}" if path else str(index))
    elif isinstance(value, BaseModel) and not isinstance(value, CommandBody):  # a CommandBody checks itself
        for name in type(value).model_fields:
            yield from _dates_in(getattr(value, name), f"{path}.{name}" if path else name)


class CommandBody(BaseModel):
    """Base of every service's request bodies."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @field_validator("*", mode="after")
    @classmethod
    def _dates_within_the_programme(cls, value: Any) -> Any:
        for path, day in _dates_in(value):
            try:
                check_programme_date(day)
            except ValueError as exc:
                raise ValueError(f"{path}: {exc}" if path else str(exc)) from None
        return value
