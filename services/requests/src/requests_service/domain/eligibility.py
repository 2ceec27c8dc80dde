"""Eligibility of a submitted request (R01 partner country, R02 requester type by date).

R01 is about instruments: a country outside the request's declared region (R31 is about regions) is a
warning to check, not a reason for ineligibility (docs/decisions/2026-12-03-region-mismatch-is-a-warning.md).
"""

from __future__ import annotations

from datetime import date

from contracts.events.requests import (
    AuthorityType,
    EligibilityReason,
    Instrument,
    RequestEligibilityAssessed,
    RequestingAuthority,
    RequestSubmitted,
)
from contracts.views.requests import EligibilityCode

from requests_service.reference import country, organisation

R02_FROM = date(2016, 1, 1)
LATE_REQUESTER_TYPES = frozenset(
    {
        AuthorityType.LOCAL_AUTHORITY,
        AuthorityType.OMBUDSPERSON,
        AuthorityType.PARLIAMENT,
        AuthorityType.JUDICIAL_AUTHORITY,
        AuthorityType.CIVIL_SOCIETY,
    }
)

COUNTRY_NOT_PARTNER = EligibilityCode.COUNTRY_NOT_PARTNER
COUNTRY_OUTSIDE_REGION = EligibilityCode.COUNTRY_OUTSIDE_REGION
ORGANISATION_OUTSIDE_REGION = EligibilityCode.ORGANISATION_OUTSIDE_REGION
REQUESTER_COUNTRY_NOT_PARTNER = EligibilityCode.REQUESTER_COUNTRY_NOT_PARTNER
REQUESTER_TYPE_NOT_YET_ELIGIBLE = EligibilityCode.REQUESTER_TYPE_NOT_YET_ELIGIBLE


def assess(request: RequestSubmitted) -> RequestEligibilityAssessed:
    """Every reason that makes the request ineligible (none: eligible), and the instruments it falls under."""
    reasons: list[EligibilityReason] = []
    warnings: list[EligibilityReason] = []
    instruments: set[Instrument] = set()
    for code in request.countries:
        found = country(code)
        if found is None or not found.is_partner:
            name = found.name if found else code
            reasons.append(_reason(COUNTRY_NOT_PARTNER, f"{name} ({code}) is not eligible under DCI, EDF, ENI or OAD"))
            continue
        instruments.update(found.instruments)
        if found.region != request.region:
            warnings.append(
                _reason(
                    COUNTRY_OUTSIDE_REGION,
                    f"{found.name} ({code}) belongs to region {found.region}, not {request.region}",
                )
            )
    if request.regional_organisation is not None:
        org = organisation(request.regional_organisation)
        if org is not None and org.region != request.region:
            warnings.append(
                _reason(ORGANISATION_OUTSIDE_REGION, f"{org.code} belongs to region {org.region}, not {request.region}")
            )
    for authority in (request.authority, *request.co_requesters):
        reasons.extend(_requester_reasons(authority, request))
    return RequestEligibilityAssessed(
        request_id=request.request_id,
        eligible=not reasons,
        reasons=tuple(reasons),
        instruments=tuple(sorted(instruments)),
        warnings=tuple(warnings),
    )


def _requester_reasons(authority: RequestingAuthority, request: RequestSubmitted) -> list[EligibilityReason]:
    reasons: list[EligibilityReason] = []
    received_on = request.received_on
    if authority.type in LATE_REQUESTER_TYPES and received_on < R02_FROM:
        reasons.append(
            _reason(
                REQUESTER_TYPE_NOT_YET_ELIGIBLE,
                f"{authority.name}: {authority.type} requesters are eligible only for requests received on or "
                f"after {R02_FROM.isoformat()} (received {received_on.isoformat()})",
            )
        )
    if authority.country is not None and authority.country not in request.countries:  # those are assessed above
        found = country(authority.country)
        if found is None or not found.is_partner:
            reasons.append(
                _reason(
                    REQUESTER_COUNTRY_NOT_PARTNER,
                    f"{authority.name} is an authority of {authority.country}, not of a partner country",
                )
            )
    return reasons


def _reason(code: str, message: str) -> EligibilityReason:
    return EligibilityReason(code=code, message=message)
