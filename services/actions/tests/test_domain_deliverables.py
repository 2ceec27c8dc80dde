"""R26 as the report's cases happened: approval by tiers of level, roll-out on its own track."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from actions_service.domain import errors as e
from actions_service.domain.commands import ChangeDeliverableStatus, RecordDeliverable
from actions_service.domain.state import Action
from contracts.events.actions import DeliverableKind, DeliverableLevel, DeliverableStatus
from service_core.errors import DomainError

from .domain_helpers import ACTION, given, opening, run

LATER = datetime(2021, 1, 1, tzinfo=UTC)
S, L = DeliverableStatus, DeliverableLevel


def _with_policy(title: str, drafted_on: date) -> Action:
    state = given(opening(received_on=date(2014, 1, 6), approved_on=date(2014, 3, 3)))
    state, _ = run(state, RecordDeliverable(ACTION, "d1", DeliverableKind.POLICY, title, drafted_on), LATER)
    return state


def _step(state: Action, status: DeliverableStatus, level: DeliverableLevel, on: date) -> Action:
    state, _ = run(state, ChangeDeliverableStatus(ACTION, "d1", status, level, on), LATER)
    return state


def _history(state: Action) -> tuple[tuple[DeliverableStatus, DeliverableLevel], ...]:
    found = state.deliverable("d1")
    assert found is not None
    return found.steps


def test_ghanas_diaspora_policy_is_launched_then_validated_at_ministerial_level() -> None:
    """Presented at the Ghana Diaspora Homecoming (3-6 July 2019), validated by the ministry in Feb 2020."""
    state = _with_policy("National Diaspora Engagement Policy", date(2019, 5, 1))
    state = _step(state, S.LAUNCHED, L.NATIONAL, date(2019, 7, 3))
    state = _step(state, S.VALIDATED, L.MINISTERIAL, date(2020, 2, 14))
    assert _history(state) == ((S.LAUNCHED, L.NATIONAL), (S.VALIDATED, L.MINISTERIAL))
    assert state.deliverable("d1").status is S.VALIDATED  # type: ignore[union-attr]


def test_cote_divoires_strategy_is_validated_technically_then_endorsed_by_the_government() -> None:
    state = _with_policy("National Strategy and Action Plan against THB", date(2014, 12, 1))
    state = _step(state, S.VALIDATED, L.TECHNICAL, date(2015, 2, 10))
    state = _step(state, S.ENDORSED, L.GOVERNMENTAL, date(2015, 11, 20))
    with pytest.raises(DomainError) as lower:
        run(state, ChangeDeliverableStatus(ACTION, "d1", S.ADOPTED, L.MINISTERIAL, date(2015, 12, 1)), LATER)
    assert (lower.value.code, lower.value.field) == (e.DELIVERABLE_STATUS_NOT_FORWARD, "status")
    assert "higher tier" in lower.value.message
    state = _step(state, S.ADOPTED, L.GOVERNMENTAL, date(2016, 1, 15))  # same tier, later step
    assert [s for s, _ in _history(state)] == [S.VALIDATED, S.ENDORSED, S.ADOPTED]


def test_malawis_policy_is_partly_implemented_before_its_adoption() -> None:
    state = _with_policy("Diaspora Engagement Policy", date(2016, 4, 12))
    state = _step(state, S.IMPLEMENTED, L.NATIONAL, date(2018, 6, 1))
    state = _step(state, S.ADOPTED, L.GOVERNMENTAL, date(2019, 2, 11))
    with pytest.raises(DomainError) as back:
        run(state, ChangeDeliverableStatus(ACTION, "d1", S.LAUNCHED, L.NATIONAL, date(2019, 3, 1)), LATER)
    assert back.value.code == e.DELIVERABLE_STATUS_NOT_FORWARD and "roll-out" in back.value.message
    with pytest.raises(DomainError) as draft:
        run(state, ChangeDeliverableStatus(ACTION, "d1", S.DRAFTED, L.TECHNICAL, date(2019, 3, 1)), LATER)
    assert draft.value.code == e.DELIVERABLE_STATUS_NOT_FORWARD
