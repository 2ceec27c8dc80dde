"""Events of the requests service: a request for assistance from submission to the steering decision.

No personal data: focal points appear by id and kind only (their names live in the service's tables).
Authorities are institutions (name, acronym and type are institutional, not personal data).
Codes are upper snake case and shared 1:1 with the HTTP API and the GraphQL enums.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from contracts.base import DomainEvent

SERVICE = "requests"


class Region(StrEnum):
    AFRICA = "AFRICA"
    ASIA = "ASIA"
    EU_NEIGHBOURHOOD = "EU_NEIGHBOURHOOD"
    LATIN_AMERICA_CARIBBEAN = "LATIN_AMERICA_CARIBBEAN"


class ThematicArea(StrEnum):
    IRREGULAR_MIGRATION_THB = "IRREGULAR_MIGRATION_THB"
    LEGAL_MIGRATION_MOBILITY = "LEGAL_MIGRATION_MOBILITY"
    MIGRATION_DEVELOPMENT = "MIGRATION_DEVELOPMENT"
    INTERNATIONAL_PROTECTION_ASYLUM = "INTERNATIONAL_PROTECTION_ASYLUM"
    HORIZONTAL = "HORIZONTAL"


class AuthorityType(StrEnum):
    NATIONAL_GOVERNMENT = "NATIONAL_GOVERNMENT"
    REGIONAL_ORGANISATION = "REGIONAL_ORGANISATION"
    LOCAL_AUTHORITY = "LOCAL_AUTHORITY"
    OMBUDSPERSON = "OMBUDSPERSON"
    PARLIAMENT = "PARLIAMENT"
    JUDICIAL_AUTHORITY = "JUDICIAL_AUTHORITY"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"


class Instrument(StrEnum):
    """EU funding instruments under which a country is a partner country (R01)."""

    DCI = "DCI"
    EDF = "EDF"
    ENI = "ENI"
    OAD = "OAD"


class FocalPointKind(StrEnum):
    OPERATIONAL = "OPERATIONAL"
    STRATEGIC = "STRATEGIC"


class RequestingAuthority(BaseModel):
    """An institution that requests (or co-requests) assistance; `authority_id` is stable per institution."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    authority_id: str
    name: str
    acronym: str | None = None
    type: AuthorityType
    country: str | None = None


class EligibilityReason(BaseModel):
    """Why a request is not eligible: a machine-readable code and a sentence."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    message: str


class RequestSubmitted(DomainEvent):
    service = SERVICE

    request_id: str
    authority: RequestingAuthority
    co_requesters: tuple[RequestingAuthority, ...] = ()
    countries: tuple[str, ...] = ()
    regional_organisation: str | None = None
    region: Region
    thematic_area: ThematicArea
    topic: str
    description: str
    received_on: date
    eu_delegation_support: bool = False
    follow_up_of: str | None = None
    external_reference: str | None = None


class RequestEligibilityAssessed(DomainEvent):
    """Recorded with the submission and each amendment: R01 (partner country) and R02 (requester type by
    date) make a request ineligible; a country or organisation outside the declared region is a warning."""

    service = SERVICE

    request_id: str
    eligible: bool
    reasons: tuple[EligibilityReason, ...] = ()
    instruments: tuple[Instrument, ...] = ()
    warnings: tuple[EligibilityReason, ...] = Field(
        default=(), description="what should be checked but does not make the request ineligible (R31 regions)"
    )


class RequestAmended(DomainEvent):
    """The request, not yet decided, was corrected: its places and subject as they now stand (followed by a
    new RequestEligibilityAssessed)."""

    service = SERVICE

    request_id: str
    countries: tuple[str, ...] = ()
    regional_organisation: str | None = None
    region: Region
    thematic_area: ThematicArea
    topic: str
    description: str
    amended_on: date
    reason: str


class RequestApproved(DomainEvent):
    """Everything the actions service needs to open an Action without calling back."""

    service = SERVICE

    request_id: str
    region: Region
    countries: tuple[str, ...] = ()
    regional_organisation: str | None = None
    thematic_area: ThematicArea
    topic: str
    authority_id: str
    authority_type: AuthorityType
    co_requester_ids: tuple[str, ...] = ()
    received_on: date
    approved_on: date
    follow_up_of: str | None = None
    reason: str


class RequestRejected(DomainEvent):
    service = SERVICE

    request_id: str
    rejected_on: date
    reason: str


class RequestDeferred(DomainEvent):
    service = SERVICE

    request_id: str
    deferred_on: date
    reason: str


class RequestWithdrawn(DomainEvent):
    service = SERVICE

    request_id: str
    withdrawn_on: date
    reason: str


class FocalPointNominated(DomainEvent):
    """A focal point was nominated (R23); who it is stays in the requests service."""

    service = SERVICE

    request_id: str
    focal_point_id: str
    kind: FocalPointKind
    authority_id: str | None = Field(
        default=None, description="the requesting or co-requesting institution it is a focal point of (R23)"
    )


class FocalPointReplaced(DomainEvent):
    service = SERVICE

    request_id: str
    focal_point_id: str
    replacement_id: str
    kind: FocalPointKind
    authority_id: str | None = Field(default=None, description="the institution of the replacement (R23)")


class FocalPointPersonalDataErased(DomainEvent):
    """A focal point's personal data (name, role, institution) was erased on request: every system that copied
    it must delete its copy. Carries the ids only; the focal point stays on the request as erased."""

    service = SERVICE

    request_id: str
    focal_point_id: str
    erased_on: date


EVENTS: tuple[type[DomainEvent], ...] = (
    RequestSubmitted,
    RequestEligibilityAssessed,
    RequestAmended,
    RequestApproved,
    RequestRejected,
    RequestDeferred,
    RequestWithdrawn,
    FocalPointNominated,
    FocalPointReplaced,
    FocalPointPersonalDataErased,
)
