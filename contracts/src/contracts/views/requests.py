"""What the requests service publishes: a request with its eligibility, decision, withdrawal and focal
points, the authorities behind it, the reference lists, and the states and decisions it moves through."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from contracts.events.requests import AuthorityType, FocalPointKind, Instrument, Region, ThematicArea
from contracts.views.common import CountryCode, OpenCodes


class RequestStatus(StrEnum):
    """Where a request stands."""

    OPEN = "OPEN"  # eligible, awaiting the steering group
    INELIGIBLE = "INELIGIBLE"  # stored with its reasons; can be rejected or withdrawn, never approved
    DEFERRED = "DEFERRED"  # the steering group will decide later
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    WITHDRAWN = "WITHDRAWN"


class RequestOrderField(StrEnum):
    """What the request list can be ordered by (`GET /requests?order_by=`); by default newest received first."""

    RECEIVED_ON = "received_on"
    SUBMITTED_AT = "submitted_at"
    UPDATED_AT = "updated_at"
    REGION = "region"
    STATUS = "status"


class EligibilityCode(OpenCodes):
    """Why a request is ineligible (R01 partner country, R02 requester type by date), or what its
    assessment warns of (R31: a country or organisation outside the declared region)."""

    COUNTRY_NOT_PARTNER = "COUNTRY_NOT_PARTNER"
    REQUESTER_COUNTRY_NOT_PARTNER = "REQUESTER_COUNTRY_NOT_PARTNER"
    REQUESTER_TYPE_NOT_YET_ELIGIBLE = "REQUESTER_TYPE_NOT_YET_ELIGIBLE"
    COUNTRY_OUTSIDE_REGION = "COUNTRY_OUTSIDE_REGION"
    ORGANISATION_OUTSIDE_REGION = "ORGANISATION_OUTSIDE_REGION"
    OTHER = "OTHER"


class RequestWarningCode(OpenCodes):
    """A rule a request should follow but does not."""

    INSTITUTION_WITHOUT_FOCAL_POINT = "INSTITUTION_WITHOUT_FOCAL_POINT"  # R23
    OTHER = "OTHER"


class Decision(StrEnum):
    """A steering-group decision on a request."""

    APPROVE = "APPROVE"
    REJECT = "REJECT"
    DEFER = "DEFER"


class AuthorityView(BaseModel):
    """A requesting or co-requesting authority."""

    id: str
    name: str
    acronym: str | None
    type: AuthorityType
    country: CountryCode | None = Field(description="ISO 3166-1 alpha-2 code of the authority's country")


class ReasonView(BaseModel):
    """One reason an eligibility assessment gave (R01 instruments, R02 authority types)."""

    code: EligibilityCode
    message: str


class DecisionView(BaseModel):
    """The steering group's decision."""

    decision: Decision
    reason: str
    decided_on: date


class WithdrawalView(BaseModel):
    """How a request was withdrawn."""

    reason: str
    withdrawn_on: date


class FocalPointView(BaseModel):
    """A focal point of the partner authority. Personal data: never on the event stream."""

    id: str
    kind: FocalPointKind
    name: str | None = Field(description="personal data: null once the person's data was erased")
    role: str | None
    institution: str | None
    nominated_at: datetime
    authority_id: str | None = Field(default=None, description="the institution it is a focal point of (R23)")


class RuleWarningView(BaseModel):
    """A rule the request should follow but does not (not a refusal)."""

    code: RequestWarningCode
    rule: str
    message: str


class RequestView(BaseModel):
    """A request for assistance from a partner authority (aggregate `AssistanceRequest`)."""

    id: str
    external_reference: str | None = Field(description="the submitter's own reference (idempotency key)")
    authority: AuthorityView
    co_requesters: list[AuthorityView]
    countries: list[CountryCode] = Field(description="ISO 3166-1 alpha-2 codes of the partner countries")
    regional_organisation: str | None
    region: Region
    thematic_area: ThematicArea
    topic: str
    description: str
    received_on: date
    eu_delegation_support: bool
    follow_up_of: str | None = Field(description="the earlier Action this request follows up")
    status: RequestStatus
    eligible: bool
    eligibility_reasons: list[ReasonView]
    eligibility_warnings: list[ReasonView] = Field(
        default_factory=list, description="checks that do not make it ineligible: a country outside the region (R31)"
    )
    instruments: list[Instrument] = Field(description="EU instruments (DCI, EDF, ENI, OAD) the countries fall under")
    decision: DecisionView | None
    withdrawal: WithdrawalView | None
    focal_points: list[FocalPointView]
    warnings: list[RuleWarningView] = Field(
        default_factory=list, description="INSTITUTION_WITHOUT_FOCAL_POINT (R23): a joint request's institution"
    )
    version: int = Field(description="stream version; pass it back as the expected version to guard against races")
    submitted_at: datetime
    updated_at: datetime


class CountryView(BaseModel):
    """A country of the reference list, with its region and EU instruments."""

    code: str
    name: str
    region: Region | None
    instruments: list[Instrument]
    partner: bool


class OrganisationView(BaseModel):
    """A regional organisation of the reference list."""

    code: str
    name: str
    region: Region
