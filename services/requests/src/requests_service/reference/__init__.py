"""Reference data: partner countries (R01) and regional organisations, shared in `contracts.reference`."""

from contracts.reference import (
    Country,
    RegionalOrganisation,
    all_countries,
    country,
    is_iso_code,
    organisation,
    organisations,
)

__all__ = [
    "Country",
    "RegionalOrganisation",
    "all_countries",
    "country",
    "is_iso_code",
    "organisation",
    "organisations",
]
