"""Commands: what a user asks the requests service to do (imperative, frozen; ids and dates given)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from contracts.events.requests import AuthorityType, FocalPointKind, Region, ThematicArea
from contracts.views.requests import Decision as Decision  # the domain's word for it, published with the views


@dataclass(frozen=True, slots=True)
class Requester:
    """An authority as typed in a submission. `authority_id` is the id issued to the institution, filled in
    by the handler from the authority register (`adapters.authorities`) before the domain decides."""

    name: str
    type: AuthorityType
    acronym: str | None = None
    country: str | None = None
    authority_id: str | None = None
    identifier: str | None = None  # an external identifier of the institution (e.g. a registry number)


@dataclass(frozen=True, slots=True)
class SubmitRequest:
    request_id: str
    authority: Requester
    region: Region
    thematic_area: ThematicArea
    topic: str
    description: str
    received_on: date
    countries: tuple[str, ...] = ()
    regional_organisation: str | None = None
    co_requesters: tuple[Requester, ...] = ()
    eu_delegation_support: bool = False
    follow_up_of: str | None = None
    external_reference: str | None = None


@dataclass(frozen=True, slots=True)
class DecideRequest:
    """The steering group's decision: approve, reject or defer, with a reason and the date decided."""

    request_id: str
    decision: Decision
    reason: str
    decided_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class WithdrawRequest:
    request_id: str
    reason: str
    withdrawn_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class AmendRequest:
    """Correct a request not yet decided (open, deferred or ineligible): its places and subject; it is
    assessed again."""

    request_id: str
    countries: tuple[str, ...]
    regional_organisation: str | None
    region: Region
    thematic_area: ThematicArea
    topic: str
    description: str
    reason: str
    amended_on: date
    expected_version: int | None = None


@dataclass(frozen=True, slots=True)
class NominateFocalPoint:
    """Nominate a focal point (R23), or replace an active one (`replaces`). Name, role and institution are
    personal data: the service keeps them in its own table, the event carries the id and kind only."""

    request_id: str
    focal_point_id: str
    kind: FocalPointKind
    name: str
    role: str
    institution: str
    replaces: str | None = None
    expected_version: int | None = None
    authority_id: str | None = None  # which of the request's institutions (R23)


@dataclass(frozen=True, slots=True)
class EraseFocalPoint:
    """Erase a focal point's personal data (name, role, institution) on request; the id and kind stay."""

    request_id: str
    focal_point_id: str
    erased_on: date


Command = SubmitRequest | DecideRequest | WithdrawRequest | AmendRequest | NominateFocalPoint | EraseFocalPoint
