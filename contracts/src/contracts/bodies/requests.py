"""The bodies of the requests service's command routes (snake_case JSON; codes as in the event contracts)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from contracts.bodies.base import CommandBody, CountryCode, ExpectedVersion
from contracts.events.requests import AuthorityType, FocalPointKind, Region, ThematicArea
from contracts.views.requests import Decision

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
    """No unknown fields; dates within the programme's span (contracts.bodies.base)."""


class AuthorityIn(_In):
    name: ShortText
    acronym: Acronym | None = None
    type: AuthorityType
    country: CountryCode | None = Field(default=None, description="defaults to the request's first country")
    identifier: Identifier | None = Field(
        default=None,
        description="an external identifier of the institution (e.g. a registry number): finds it again by that; "
        "otherwise it is found by country and name (case, spacing and invisible characters ignored)",
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
