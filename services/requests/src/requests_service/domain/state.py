"""The state of one AssistanceRequest, folded from its events (`evolve`)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from contracts.base import DomainEvent
from contracts.events.requests import (
    FocalPointKind,
    FocalPointNominated,
    FocalPointPersonalDataErased,
    FocalPointReplaced,
    Region,
    RequestAmended,
    RequestApproved,
    RequestDeferred,
    RequestEligibilityAssessed,
    RequestRejected,
    RequestSubmitted,
    RequestWithdrawn,
)
from contracts.views.requests import RequestStatus as RequestStatus  # published with the views

OPEN_STATUSES = frozenset({RequestStatus.OPEN, RequestStatus.DEFERRED})


@dataclass(frozen=True, slots=True)
class AssistanceRequest:
    submitted: RequestSubmitted | None = None
    status: RequestStatus = RequestStatus.OPEN
    eligible: bool = False
    focal_points: tuple[tuple[str, FocalPointKind], ...] = ()  # the active ones
    nominated: frozenset[str] = frozenset()  # every focal point ever nominated, active or replaced
    erased: frozenset[str] = frozenset()  # focal points whose personal data was erased
    version: int = 0

    @property
    def exists(self) -> bool:
        return self.submitted is not None

    @property
    def region(self) -> Region | None:
        return self.submitted.region if self.submitted else None

    @property
    def received_on(self) -> date | None:
        return self.submitted.received_on if self.submitted else None

    @property
    def authority_ids(self) -> tuple[str, ...]:
        if self.submitted is None:
            return ()
        return (self.submitted.authority.authority_id, *(a.authority_id for a in self.submitted.co_requesters))

    def focal_point(self, focal_point_id: str) -> FocalPointKind | None:
        return next((kind for fid, kind in self.focal_points if fid == focal_point_id), None)


def evolve(state: AssistanceRequest, event: DomainEvent) -> AssistanceRequest:
    state = replace(state, version=state.version + 1)
    match event:
        case RequestSubmitted():
            return replace(state, submitted=event, status=RequestStatus.OPEN)
        case RequestAmended() if state.submitted is not None:
            fields = event.model_dump(include={"countries", "regional_organisation", "region", "thematic_area",
                                               "topic", "description"})  # fmt: skip
            reopened = RequestStatus.OPEN if state.status is RequestStatus.INELIGIBLE else state.status
            return replace(state, submitted=state.submitted.model_copy(update=fields), status=reopened)
        case RequestEligibilityAssessed(eligible=eligible):
            status = state.status if eligible else RequestStatus.INELIGIBLE
            return replace(state, eligible=eligible, status=status)
        case RequestApproved():
            return replace(state, status=RequestStatus.APPROVED)
        case RequestRejected():
            return replace(state, status=RequestStatus.REJECTED)
        case RequestDeferred():
            return replace(state, status=RequestStatus.DEFERRED)
        case RequestWithdrawn():
            return replace(state, status=RequestStatus.WITHDRAWN)
        case FocalPointNominated(focal_point_id=fid, kind=kind):
            return replace(state, focal_points=(*state.focal_points, (fid, kind)), nominated=state.nominated | {fid})
        case FocalPointReplaced(focal_point_id=old, replacement_id=new, kind=kind):
            kept = tuple(fp for fp in state.focal_points if fp[0] != old)
            return replace(state, focal_points=(*kept, (new, kind)), nominated=state.nominated | {new})
        case FocalPointPersonalDataErased(focal_point_id=fid):
            return replace(state, erased=state.erased | {fid})
    return state
