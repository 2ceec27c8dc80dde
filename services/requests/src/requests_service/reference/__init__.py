"""Reference data shipped with the service: partner countries (R01) and regional organisations."""

from requests_service.reference.countries import Country, all_countries, country, is_iso_code
from requests_service.reference.organisations import RegionalOrganisation, organisation, organisations

__all__ = [
    "Country",
    "RegionalOrganisation",
    "all_countries",
    "country",
    "is_iso_code",
    "organisation",
    "organisations",
]
