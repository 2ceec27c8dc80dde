"""Reference codes the events use: ISO countries (name, MIEUX region, EU instruments), regional organisations.

Requests validate and assess eligibility with them (R01); the actions service names Actions with them
("Cabo Verde IV"); consumers may resolve the codes they receive.
"""

from contracts.reference.countries import Country, all_countries, country, is_iso_code
from contracts.reference.organisations import RegionalOrganisation, organisation, organisations

__all__ = [
    "Country",
    "RegionalOrganisation",
    "all_countries",
    "country",
    "is_iso_code",
    "organisation",
    "organisations",
]
