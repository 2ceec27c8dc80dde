"""The command bodies' shared base and date bounds, defined with the bodies in `contracts.bodies.base`."""

from contracts.bodies.base import (
    EARLIEST_DATE,
    YEARS_AHEAD,
    CommandBody,
    ExpectedVersion,
    ProgrammeDate,
    check_programme_date,
    latest_date,
)

__all__ = [
    "EARLIEST_DATE",
    "YEARS_AHEAD",
    "CommandBody",
    "ExpectedVersion",
    "ProgrammeDate",
    "check_programme_date",
    "latest_date",
]
