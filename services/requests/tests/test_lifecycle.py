"""The steering decision, withdrawal and focal points: every legal and illegal transition (pure domain)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import reduce

import pytest
from contracts.base import DomainEvent
from contracts.events.requests import (
    AuthorityType,
    FocalPointKind,
    FocalPointNominated,
    FocalPointReplaced,
    Region,
    RequestApproved,
    RequestDeferred,
    RequestRejected,
    RequestWithdrawn,
    ThematicArea,
)
from requests_service.domain.commands import (
    Command,
    DecideRequest,
    Decision,
    NominateFocalPoint,
    Requester,
    SubmitRequest,
    WithdrawRequest,
)
from requests_service.domain.decide import decide
from requests_service.domain.state import AssistanceRequest, RequestStatus, evolve
from service_core.errors import DomainError, NotFound

NOW = datetime(2025, 6, 1, 12, tzinfo=UTC)
RECEIVED = date(2017, 2, 1)


def submit(eligible: bool = True) -> SubmitRequest:
    kind = AuthorityType.NATIONAL_GOVERNMENT if eligible else AuthorityType.CIVIL_SOCIETY
    return SubmitRequest(
        request_id="r-1",
        authority=Requester("Ministry of Social Development", kind, "MoSD", authority_id="authority-1"),
        region=Region.EU_NEIGHBOURHOOD,
        thematic_area=ThematicArea.IRREGULAR_MIGRATION_THB,
        topic="Shelter procedures",
        description="SOPs for two shelters",
        received_on=RECEIVED if eligible else date(2015, 3, 1),
        countries=("JO",),
        follow_up_of="2014-05",
    )


def given(*commands: Command) -> AssistanceRequest:
    state = AssistanceRequest()
    for command in commands:
        state = reduce(evolve, decide(state, command, NOW), state)
    return state


def when(state: AssistanceRequest, command: Command) -> Sequence[DomainEvent]:
    return decide(state, command, NOW)


def decision(kind: Decision, on: date = date(2017, 3, 1), expected: int | None = None) -> DecideRequest:
    return DecideRequest("r-1", kind, "steering group meeting", on, expected)


def withdrawal(on: date = date(2017, 3, 1)) -> WithdrawRequest:
    return WithdrawRequest("r-1", "priorities changed", on)


def nomination(fid: str = "fp-1", replaces: str | None = None) -> NominateFocalPoint:
    return NominateFocalPoint("r-1", fid, FocalPointKind.OPERATIONAL, "A. Person", "Head of Unit", "MoSD", replaces)


def refused(state: AssistanceRequest, command: Command) -> DomainError:
    with pytest.raises(DomainError) as caught:
        decide(state, command, NOW)
    return caught.value


def test_approving_an_eligible_open_request_carries_what_an_action_needs() -> None:
    [approved] = when(given(submit()), decision(Decision.APPROVE))
    assert isinstance(approved, RequestApproved)
    assert approved.region is Region.EU_NEIGHBOURHOOD
    assert approved.countries == ("JO",)
    assert approved.authority_id == "authority-1"
    assert approved.authority_type is AuthorityType.NATIONAL_GOVERNMENT
    assert (approved.received_on, approved.approved_on) == (RECEIVED, date(2017, 3, 1))
    assert approved.follow_up_of == "2014-05"
    assert approved.thematic_area is ThematicArea.IRREGULAR_MIGRATION_THB


def test_a_deferred_request_can_be_decided_later() -> None:
    state = given(submit(), decision(Decision.DEFER))
    assert state.status is RequestStatus.DEFERRED
    [approved] = when(state, decision(Decision.APPROVE, date(2017, 6, 1)))
    assert isinstance(approved, RequestApproved)


def test_an_open_request_can_be_rejected_and_deferred() -> None:
    assert isinstance(when(given(submit()), decision(Decision.REJECT))[0], RequestRejected)
    assert isinstance(when(given(submit()), decision(Decision.DEFER))[0], RequestDeferred)


def test_refuses_to_approve_an_ineligible_request() -> None:
    state = given(submit(eligible=False))
    assert state.status is RequestStatus.INELIGIBLE
    assert refused(state, decision(Decision.APPROVE)).code == "REQUEST_NOT_ELIGIBLE"
    assert refused(state, decision(Decision.DEFER)).code == "REQUEST_NOT_ELIGIBLE"


def test_an_ineligible_request_can_be_rejected_or_withdrawn() -> None:
    state = given(submit(eligible=False))
    assert isinstance(when(state, decision(Decision.REJECT))[0], RequestRejected)
    assert isinstance(when(state, withdrawal())[0], RequestWithdrawn)


@pytest.mark.parametrize("first", [Decision.APPROVE, Decision.REJECT])
@pytest.mark.parametrize("then", [Decision.APPROVE, Decision.REJECT, Decision.DEFER])
def test_refuses_a_second_decision_once_decided(first: Decision, then: Decision) -> None:
    error = refused(given(submit(), decision(first)), decision(then))
    assert (error.code, error.status) == ("REQUEST_ALREADY_DECIDED", 409)


def test_refuses_to_withdraw_after_approval_or_rejection() -> None:
    for final in (Decision.APPROVE, Decision.REJECT):
        assert refused(given(submit(), decision(final)), withdrawal()).code == "REQUEST_ALREADY_DECIDED"


def test_withdraw_is_allowed_until_approval() -> None:
    assert isinstance(when(given(submit()), withdrawal())[0], RequestWithdrawn)
    assert isinstance(when(given(submit(), decision(Decision.DEFER)), withdrawal())[0], RequestWithdrawn)


def test_refuses_everything_on_a_withdrawn_request() -> None:
    state = given(submit(), withdrawal())
    for command in (decision(Decision.APPROVE), decision(Decision.REJECT), withdrawal(), nomination()):
        assert refused(state, command).code == "REQUEST_WITHDRAWN"


def test_refuses_a_decision_dated_before_the_request_was_received() -> None:
    error = refused(given(submit()), decision(Decision.APPROVE, date(2017, 1, 31)))
    assert (error.code, error.field) == ("DECISION_BEFORE_RECEIPT", "decided_on")


def test_refuses_a_withdrawal_dated_before_receipt() -> None:
    assert refused(given(submit()), withdrawal(date(2016, 1, 1))).code == "WITHDRAWAL_BEFORE_RECEIPT"


def test_refuses_a_decision_dated_in_the_future() -> None:
    error = refused(given(submit()), decision(Decision.APPROVE, date(2025, 6, 10)))
    assert (error.code, error.status) == ("DATE_IN_FUTURE", 422)


def test_refuses_a_command_at_a_stale_expected_version() -> None:
    state = given(submit())
    assert state.version == 2
    error = refused(state, decision(Decision.APPROVE, expected=1))
    assert (error.code, error.field) == ("CONCURRENT_MODIFICATION", "expected_version")
    assert when(state, decision(Decision.APPROVE, expected=2))


def test_refuses_to_submit_the_same_request_twice() -> None:
    assert refused(given(submit()), submit()).code == "REQUEST_ALREADY_EXISTS"


def test_commands_on_a_request_never_submitted_are_not_found() -> None:
    assert isinstance(refused(AssistanceRequest(), decision(Decision.APPROVE)), NotFound)


def test_focal_points_can_be_nominated_while_open_deferred_or_after_approval() -> None:
    for state in (
        given(submit()),
        given(submit(), decision(Decision.DEFER)),
        given(submit(), decision(Decision.APPROVE)),
    ):
        [event] = when(state, nomination())
        assert event == FocalPointNominated(request_id="r-1", focal_point_id="fp-1", kind=FocalPointKind.OPERATIONAL)


def test_focal_point_events_carry_no_personal_data() -> None:
    [event] = when(given(submit()), nomination())
    assert set(event.model_dump()) == {"request_id", "focal_point_id", "kind", "authority_id"}  # an institution id


def test_refuses_focal_points_on_rejected_or_ineligible_requests() -> None:
    assert refused(given(submit(), decision(Decision.REJECT)), nomination()).code == "REQUEST_REJECTED"
    assert refused(given(submit(eligible=False)), nomination()).code == "REQUEST_NOT_ELIGIBLE"


def test_replacing_a_focal_point_retires_the_old_one() -> None:
    state = given(submit(), nomination("fp-1"))
    [event] = when(state, nomination("fp-2", replaces="fp-1"))
    assert isinstance(event, FocalPointReplaced)
    after = evolve(state, event)
    assert after.focal_points == (("fp-2", FocalPointKind.OPERATIONAL),)
    error = refused(after, nomination("fp-3", replaces="fp-1"))
    assert (error.code, error.field) == ("FOCAL_POINT_NOT_ACTIVE", "replaces")
