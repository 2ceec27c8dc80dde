"""The HTTP API's bodies and views (snake_case JSON; codes as in contracts, 1:1 with the GraphQL enums)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from contracts.events.requests import AuthorityType, FocalPointKind, Instrument, Region, ThematicArea
from pydantic import BaseModel, Field, StringConstraints
from service_core.inputs import CommandBody
from service_core.openapi import ErrorBody, ErrorDetail, ExpectedVersion

from requests_service.domain.commands import Decision
from requests_service.domain.state import RequestStatus

__all__ = ["ErrorBody", "ErrorDetail", "ExpectedVersion"]  # shared models, part of this API too

CountryCode = Annotated[
    str, StringConstraints(pattern=r"^[A-Z]{2}$"), Field(description="ISO 3166-1 alpha-2", examples=["TH"])
]
OrganisationCode = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Z][A-Z0-9_-]{1,19}$"),
    Field(description="code of a regional organisation (GET /reference/regional-organisations)", examples=["COMESA"]),
]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Acronym = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=32)]
Reference = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Identifier = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class _In(CommandBody):
    """No unknown fields; dates within the programme's span (service_core.inputs)."""


class AuthorityIn(_In):
    name: ShortText
    acronym: Acronym | None = None
    type: AuthorityType
    country: CountryCode | None = Field(default=None, description="defaults to the request's first country")
    identifier: Identifier | None = Field(
        default=None,
        description="an external identifier of the institution (e.g. a registry number): finds it again by that",
    )


class SubmitRequestBody(_In):
    authority: AuthorityIn
    co_requesters: list[AuthorityIn] = Field(default_factory=list, max_length=20, description="joint requests")
    countries: list[CountryCode] = Field(default_factory=list, max_length=30)
    regional_organisation: OrganisationCode | None = None
    region: Region
    thematic_area: ThematicArea
    topic: ShortText
    description: LongText
    received_on: date
    eu_delegation_support: bool = False
    follow_up_of: Reference | None = Field(default=None, description="id or code of an earlier Action")
    external_reference: Reference | None = Field(
        default=None, description="client's idempotency key: a second submission with it is refused (409)"
    )


class DecisionBody(_In):
    decision: Decision
    reason: Reason
    decided_on: date
    expected_version: ExpectedVersion = None


class WithdrawalBody(_In):
    reason: Reason
    withdrawn_on: date | None = Field(default=None, description="defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class AmendmentBody(_In):
    countries: list[CountryCode] = Field(default_factory=list, max_length=30)
    regional_organisation: OrganisationCode | None = None
    region: Region
    thematic_area: ThematicArea
    topic: ShortText
    description: LongText
    reason: Reason
    amended_on: date | None = Field(default=None, description="defaults to today (UTC)")
    expected_version: ExpectedVersion = None


class FocalPointBody(_In):
    kind: FocalPointKind
    authority_id: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = Field(
        default=None, description="the requesting or co-requesting institution (its id) it is a focal point of"
    )
    name: ShortText
    role: ShortText
    institution: ShortText
    replaces: Annotated[str, StringConstraints(min_length=1, max_length=64)] | None = Field(
        default=None, description="id of the active focal point this one replaces"
    )
    expected_version: ExpectedVersion = None


class ErasureBody(_In):
    erased_on: date | None = Field(default=None, description="defaults to today (UTC)")


class BatchBody(_In):
    ids: list[Annotated[str, StringConstraints(max_length=64)]] = Field(max_length=500)


class AuthorityView(BaseModel):
    id: str
    name: str
    acronym: str | None
    type: AuthorityType
    country: str | None


class ReasonView(BaseModel):
    code: str
    message: str


class DecisionView(BaseModel):
    decision: Decision
    reason: str
    decided_on: date


class WithdrawalView(BaseModel):
    reason: str
    withdrawn_on: date


class FocalPointView(BaseModel):
    id: str
    kind: FocalPointKind
    name: str | None = Field(description="personal data (null once erased)")
    role: str | None
    institution: str | None
    nominated_at: datetime
    authority_id: str | None = Field(default=None, description="the institution it is a focal point of (R23)")


class RuleWarningView(BaseModel):
    code: str
    rule: str
    message: str


class RequestView(BaseModel):
    id: str
    external_reference: str | None
    authority: AuthorityView
    co_requesters: list[AuthorityView]
    countries: list[str]
    regional_organisation: str | None
    region: Region
    thematic_area: ThematicArea
    topic: str
    description: str
    received_on: date
    eu_delegation_support: bool
    follow_up_of: str | None
    status: RequestStatus
    eligible: bool
    eligibility_reasons: list[ReasonView]
    eligibility_warnings: list[ReasonView] = Field(
        default_factory=list, description="checks that do not make it ineligible: COUNTRY_OUTSIDE_REGION, ..."
    )
    instruments: list[Instrument]
    decision: DecisionView | None
    withdrawal: WithdrawalView | None
    focal_points: list[FocalPointView]
    warnings: list[RuleWarningView] = Field(
        default_factory=list, description="INSTITUTION_WITHOUT_FOCAL_POINT (R23): a joint request's institution"
    )
    version: int
    submitted_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> RequestView:
        def authority(data: dict[str, Any]) -> dict[str, Any]:
            return {**data, "id": data["authority_id"]}

        return cls.model_validate(
            {
                **row,
                "authority": authority(row["authority"]),
                "co_requesters": [authority(a) for a in row["co_requesters"]],
                "warnings": _without_focal_point(row),
            }
        )


def _without_focal_point(row: dict[str, Any]) -> list[RuleWarningView]:
    """R23: in a request of several institutions, each should have a focal point of its own."""
    if not row["co_requesters"]:
        return []
    covered = {fp.get("authority_id") for fp in row["focal_points"]}
    return [
        RuleWarningView(
            code="INSTITUTION_WITHOUT_FOCAL_POINT", rule="R23", message=f"{a['name']} has no focal point of its own"
        )
        for a in (row["authority"], *row["co_requesters"])
        if a["authority_id"] not in covered
    ]


class CommandResponse(BaseModel):
    request: RequestView
    version: int = Field(description="the request's version after the command")
    position: int = Field(description="store position of the last event appended (consistency token)")


class RequestPage(BaseModel):
    items: list[RequestView]
    cursors: list[str] = Field(description="the cursor of each item, to page on after it")
    total_count: int = Field(description="all matching requests, ignoring paging")
    has_next_page: bool
    has_previous_page: bool = False
    next_cursor: str | None


class BatchResponse(BaseModel):
    items: list[RequestView | None] = Field(description="one per id asked, same order; null if unknown or hidden")


class CountryView(BaseModel):
    code: str
    name: str
    region: Region | None
    instruments: list[Instrument]
    partner: bool


class OrganisationView(BaseModel):
    code: str
    name: str
    region: Region
