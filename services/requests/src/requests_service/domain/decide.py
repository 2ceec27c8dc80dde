"""`decide(state, command, now) -> events`: every rule of the request lifecycle, nothing else."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from contracts.base import DomainEvent
from contracts.events.requests import (
    FocalPointNominated,
    FocalPointPersonalDataErased,
    FocalPointReplaced,
    RequestAmended,
    RequestApproved,
    RequestDeferred,
    RequestingAuthority,
    RequestRejected,
    RequestSubmitted,
    RequestWithdrawn,
)
from service_core.errors import NotFound, check_version

from requests_service.domain import errors as e
from requests_service.domain.authorities import registered_name
from requests_service.domain.commands import (
    AmendRequest,
    Command,
    DecideRequest,
    Decision,
    EraseFocalPoint,
    NominateFocalPoint,
    Requester,
    SubmitRequest,
    WithdrawRequest,
)
from requests_service.domain.eligibility import assess
from requests_service.domain.state import AssistanceRequest, RequestStatus
from requests_service.reference import country, organisation

# Dates may run one day ahead of UTC: a user east of Greenwich is already on tomorrow's date.
DATE_LEEWAY = timedelta(days=1)


def decide(state: AssistanceRequest, command: Command, now: datetime) -> Sequence[DomainEvent]:
    if isinstance(command, SubmitRequest):
        return submit(state, command, now)
    if not state.exists:
        raise NotFound("request", command.request_id)
    if isinstance(command, EraseFocalPoint):
        return erase_focal_point(state, command, now)
    check_version("request", state.version, command.expected_version)
    if isinstance(command, DecideRequest):
        return decide_request(state, command, now)
    if isinstance(command, WithdrawRequest):
        return withdraw(state, command, now)
    if isinstance(command, AmendRequest):
        return amend(state, command, now)
    return nominate(state, command)


def submit(state: AssistanceRequest, command: SubmitRequest, now: datetime) -> list[DomainEvent]:
    if state.exists:
        raise e.Refused(e.REQUEST_ALREADY_EXISTS, f"request {command.request_id} was already submitted", "id")
    _check_not_future(command.received_on, now, "received_on")
    check_places(command)
    authority, *co_requesters = (_authority(r, path, command.countries) for path, r in requesters(command))
    submitted = RequestSubmitted(
        request_id=command.request_id,
        authority=authority,
        co_requesters=tuple(co_requesters),
        countries=command.countries,
        regional_organisation=command.regional_organisation,
        region=command.region,
        thematic_area=command.thematic_area,
        topic=command.topic,
        description=command.description,
        received_on=command.received_on,
        eu_delegation_support=command.eu_delegation_support,
        follow_up_of=command.follow_up_of,
        external_reference=command.external_reference,
    )
    return [submitted, assess(submitted)]


def decide_request(state: AssistanceRequest, command: DecideRequest, now: datetime) -> list[DomainEvent]:
    _check_not_closed(state)
    if state.status is RequestStatus.INELIGIBLE and command.decision is not Decision.REJECT:
        raise e.Refused(e.REQUEST_NOT_ELIGIBLE, "an ineligible request can only be rejected or withdrawn", "decision")
    _check_after_receipt(state, command.decided_on, e.DECISION_BEFORE_RECEIPT, "decided_on")
    _check_not_future(command.decided_on, now, "decided_on")
    submitted = state.submitted
    assert submitted is not None
    if command.decision is Decision.APPROVE:
        return [
            RequestApproved(
                request_id=submitted.request_id,
                region=submitted.region,
                countries=submitted.countries,
                regional_organisation=submitted.regional_organisation,
                thematic_area=submitted.thematic_area,
                topic=submitted.topic,
                authority_id=submitted.authority.authority_id,
                authority_type=submitted.authority.type,
                co_requester_ids=tuple(a.authority_id for a in submitted.co_requesters),
                received_on=submitted.received_on,
                approved_on=command.decided_on,
                follow_up_of=submitted.follow_up_of,
                reason=command.reason,
            )
        ]
    if command.decision is Decision.REJECT:
        return [RequestRejected(request_id=command.request_id, rejected_on=command.decided_on, reason=command.reason)]
    return [RequestDeferred(request_id=command.request_id, deferred_on=command.decided_on, reason=command.reason)]


def withdraw(state: AssistanceRequest, command: WithdrawRequest, now: datetime) -> list[DomainEvent]:
    _check_not_closed(state)
    _check_after_receipt(state, command.withdrawn_on, e.WITHDRAWAL_BEFORE_RECEIPT, "withdrawn_on")
    _check_not_future(command.withdrawn_on, now, "withdrawn_on")
    return [RequestWithdrawn(request_id=command.request_id, withdrawn_on=command.withdrawn_on, reason=command.reason)]


def amend(state: AssistanceRequest, command: AmendRequest, now: datetime) -> list[DomainEvent]:
    """Until the steering group decides (or the request is withdrawn); an ineligible request amended into
    an eligible one is open again."""
    _check_not_closed(state)
    _check_after_receipt(state, command.amended_on, e.AMENDMENT_BEFORE_RECEIPT, "amended_on")
    _check_not_future(command.amended_on, now, "amended_on")
    _check_countries(command.countries, command.regional_organisation)
    submitted = state.submitted
    assert submitted is not None
    fields = {"countries": command.countries, "regional_organisation": command.regional_organisation,
              "region": command.region, "thematic_area": command.thematic_area, "topic": command.topic,
              "description": command.description}  # fmt: skip
    amended = RequestAmended(request_id=command.request_id, amended_on=command.amended_on, reason=command.reason,
                             **fields)  # fmt: skip
    return [amended, assess(submitted.model_copy(update=fields))]


def nominate(state: AssistanceRequest, command: NominateFocalPoint) -> list[DomainEvent]:
    """R23: focal points while the request is open (submitted or deferred) or after its approval."""
    if state.status is RequestStatus.REJECTED:
        raise e.Refused(e.REQUEST_REJECTED, "the request was rejected: no focal points can be nominated")
    if state.status is RequestStatus.WITHDRAWN:
        raise e.Refused(e.REQUEST_WITHDRAWN, "the request was withdrawn: no focal points can be nominated")
    if state.status is RequestStatus.INELIGIBLE:
        raise e.Refused(e.REQUEST_NOT_ELIGIBLE, "the request is not eligible: no focal points can be nominated")
    if command.authority_id is not None and command.authority_id not in state.authority_ids:
        raise e.InvalidCommand(
            e.UNKNOWN_AUTHORITY, "authority_id is not the requesting or a co-requesting institution", "authority_id"
        )
    if command.replaces is None:
        return [
            FocalPointNominated(
                request_id=command.request_id,
                focal_point_id=command.focal_point_id,
                kind=command.kind,
                authority_id=command.authority_id,
            )
        ]
    if state.focal_point(command.replaces) is None:
        raise e.Refused(
            e.FOCAL_POINT_NOT_ACTIVE, f"{command.replaces} is not an active focal point of this request", "replaces"
        )
    return [
        FocalPointReplaced(
            request_id=command.request_id,
            focal_point_id=command.replaces,
            replacement_id=command.focal_point_id,
            kind=command.kind,
            authority_id=command.authority_id,
        )
    ]


def erase_focal_point(state: AssistanceRequest, command: EraseFocalPoint, now: datetime) -> list[DomainEvent]:
    """Allowed whatever the request's status (the right to erasure does not end with the request)."""
    fid = command.focal_point_id
    if fid not in state.nominated:
        raise NotFound("focal point", fid)
    if fid in state.erased:
        raise e.Refused(e.FOCAL_POINT_ALREADY_ERASED, f"focal point {fid!r} was already erased", "focal_point_id")
    _check_not_future(command.erased_on, now, "erased_on")
    return [
        FocalPointPersonalDataErased(request_id=command.request_id, focal_point_id=fid, erased_on=command.erased_on)
    ]


def home_of(command: SubmitRequest, requester: Requester) -> str:
    """The country (or regional organisation) an authority belongs to: its own, else the request's first."""
    return requester.country or (command.countries[0] if command.countries else command.regional_organisation or "")


def requesters(command: SubmitRequest) -> tuple[tuple[str, Requester], ...]:
    """Every requester of a submission with the field it was given in."""
    return (
        ("authority", command.authority),
        *((f"co_requesters.{i}", r) for i, r in enumerate(command.co_requesters)),
    )


def _authority(requester: Requester, path: str, countries: tuple[str, ...]) -> RequestingAuthority:
    if requester.authority_id is None:
        raise ValueError(f"{path}: the authority's id is issued by the register before deciding")
    return RequestingAuthority(
        authority_id=requester.authority_id,
        name=registered_name(requester.name, f"{path}.name"),
        acronym=requester.acronym,
        type=requester.type,
        country=requester.country or (countries[0] if countries else None),
    )


def _check_countries(countries: tuple[str, ...], org: str | None) -> None:
    if not countries and org is None:
        raise e.InvalidCommand(
            e.COUNTRY_OR_ORGANISATION_REQUIRED,
            "give one or more partner countries or a regional organisation",
            "countries",
        )
    for i, code in enumerate(countries):
        if country(code) is None:
            raise e.InvalidCommand(e.UNKNOWN_COUNTRY, f"{code!r} is not an ISO 3166-1 alpha-2 code", f"countries.{i}")
        if code in countries[:i]:
            raise e.InvalidCommand(e.DUPLICATE_COUNTRY, f"{code} is listed twice", f"countries.{i}")
    if org is not None and organisation(org) is None:
        raise e.InvalidCommand(
            e.UNKNOWN_REGIONAL_ORGANISATION, f"{org!r} is not a known regional organisation", "regional_organisation"
        )


def check_places(command: SubmitRequest) -> None:
    """Countries, organisation and requesters' names and countries are known codes and real names."""
    _check_countries(command.countries, command.regional_organisation)
    for path, requester in requesters(command):
        registered_name(requester.name, f"{path}.name")
        if requester.country is not None and country(requester.country) is None:
            raise e.InvalidCommand(
                e.UNKNOWN_COUNTRY, f"{requester.country!r} is not an ISO 3166-1 alpha-2 code", f"{path}.country"
            )


def _check_not_closed(state: AssistanceRequest) -> None:
    if state.status in (RequestStatus.APPROVED, RequestStatus.REJECTED):
        raise e.Refused(e.REQUEST_ALREADY_DECIDED, f"the request was already decided ({state.status})")
    if state.status is RequestStatus.WITHDRAWN:
        raise e.Refused(e.REQUEST_WITHDRAWN, "the request was withdrawn")


def _check_after_receipt(state: AssistanceRequest, on: date, code: str, field: str) -> None:
    if state.received_on is not None and on < state.received_on:
        raise e.Refused(
            code,
            f"{field} {on.isoformat()} precedes the receipt of the request ({state.received_on.isoformat()})",
            field,
        )


def _check_not_future(on: date, now: datetime, field: str) -> None:
    if on > now.date() + DATE_LEEWAY:
        raise e.InvalidCommand(e.DATE_IN_FUTURE, f"{field} {on.isoformat()} is in the future", field)
