"""Pure domain: activities (R04, R07, R09, R11), launch (R10), deliverables (R26), completion (R20), warnings."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from actions_service.domain import errors as e
from actions_service.domain.commands import (
    ActivityPlan,
    CancelActivity,
    ChangeDeliverableStatus,
    Command,
    CompleteAction,
    RecordDeliverable,
    ReplanActivity,
    RescheduleActivity,
)
from actions_service.domain.decide import decide
from actions_service.domain.state import Action, evolve
from actions_service.domain.warnings import launch, warnings
from contracts.events.actions import (
    ActionCompleted,
    ActionFeedbackReceived,
    ActionLaunched,
    ActivityHeld,
    ActivityPlanned,
    ActivityType,
    CapacityLevel,
    DeliverableKind,
    DeliverableLevel,
    DeliverableStatus,
    DeliverableStatusChanged,
    FeedbackSource,
    Phase,
)
from contracts.events.requests import ThematicArea
from contracts.views.actions import ActionStatus, ActivityStatus
from service_core.errors import DomainError, NotFound

from .domain_helpers import ACTION, NOW, agree, draft, given, hold, opening, plan, ready, run


def refusal(state: Action, command: object) -> DomainError:
    with pytest.raises(DomainError) as refused:
        decide(state, command, NOW)  # type: ignore[arg-type]
    return refused.value


def test_a_planned_activity_carries_the_action_scope_for_consumers() -> None:
    _, events = run(ready(), plan("f1"))
    [planned] = events
    assert isinstance(planned, ActivityPlanned)
    assert (planned.sequence, planned.region, planned.thematic_area, planned.countries) == (
        1,
        "AFRICA",
        ThematicArea.MIGRATION_DEVELOPMENT,
        ("CV",),
    )


def test_an_activity_ending_before_it_starts_is_bad_input() -> None:
    refused = refusal(ready(), plan("f1", starts_on=date(2016, 6, 5), ends_on=date(2016, 6, 1)))
    assert (refused.code, refused.field, refused.status) == (e.ENDS_BEFORE_STARTS, "ends_on", 422)


def test_an_activity_on_site_needs_a_known_country_unless_remote() -> None:
    assert refusal(ready(), plan("f1", place_country=None)).code == e.PLACE_REQUIRED
    assert refusal(ready(), plan("f1", place_country="XX")).code == e.UNKNOWN_COUNTRY
    _, events = run(ready(), plan("r1", ActivityType.REMOTE_SUPPORT, remote=True, place_country=None))
    assert len(events) == 1


def test_no_activity_is_planned_before_the_approval() -> None:
    refused = refusal(ready(), plan("f1", starts_on=date(2016, 4, 1)))
    assert (refused.code, refused.field) == (e.DATE_BEFORE_APPROVAL, "starts_on")


def test_holding_needs_an_agreed_fiche() -> None:
    state = given(opening(), plan("f1"))
    assert refusal(state, hold("f1")).code == e.FICHE_NOT_AGREED


def test_the_first_activity_held_launches_the_action_and_measures_the_rapid_reaction() -> None:
    state, events = run(given(*_ready_commands(), plan("f1"), plan("w1", ActivityType.WORKSHOP)), hold("f1"))
    held, launched = events
    assert isinstance(held, ActivityHeld) and held.participants_count == 25
    assert isinstance(launched, ActionLaunched)
    assert (launched.launched_on, launched.days_from_request, launched.days_from_approval) == (date(2016, 6, 1), 92, 47)
    assert launched.launched_late is False
    assert state.status is ActionStatus.ONGOING

    _, later = run(state, hold("w1", date(2016, 7, 1), date(2016, 7, 2)))
    assert [type(x) for x in later] == [ActivityHeld]


def test_a_launch_more_than_90_days_after_approval_is_late() -> None:
    state = given(*_ready_commands(), plan("f1", starts_on=date(2016, 8, 1), ends_on=date(2016, 8, 2)))
    _, events = run(state, hold("f1", date(2016, 8, 1), date(2016, 8, 2)))
    assert isinstance(events[1], ActionLaunched) and events[1].launched_late is True


def test_holding_a_cancelled_activity_is_refused() -> None:
    state = given(*_ready_commands(), plan("f1"), CancelActivity(ACTION, "f1", date(2016, 5, 20), "new need"))
    assert refusal(state, hold("f1")).code == e.ACTIVITY_CANCELLED


def test_cancelling_a_held_activity_is_refused_and_cancelling_twice_too() -> None:
    state = given(*_ready_commands(), plan("f1"), hold("f1"), plan("w1", ActivityType.WORKSHOP))
    assert refusal(state, CancelActivity(ACTION, "f1", date(2016, 6, 10), "x")).code == e.ACTIVITY_ALREADY_HELD
    state, _ = run(state, CancelActivity(ACTION, "w1", date(2016, 6, 10), "duplicates another donor"))
    assert refusal(state, CancelActivity(ACTION, "w1", date(2016, 6, 11), "x")).code == e.ACTIVITY_CANCELLED


def test_holding_twice_is_refused() -> None:
    state = given(*_ready_commands(), plan("f1"), hold("f1"))
    assert refusal(state, hold("f1")).code == e.ACTIVITY_ALREADY_HELD


def test_held_dates_are_checked() -> None:
    state = given(*_ready_commands(), plan("f1"))
    assert refusal(state, hold("f1", date(2016, 6, 5), date(2016, 6, 1))).field == "held_to"
    assert refusal(state, hold("f1", date(2016, 4, 1), date(2016, 4, 2))).code == e.DATE_BEFORE_APPROVAL
    assert refusal(state, hold("f1", date(2017, 6, 1), date(2030, 1, 1))).code == e.DATE_IN_FUTURE


def test_replanning_and_rescheduling_change_a_planned_activity_with_a_reason() -> None:
    state = given(*_ready_commands(), plan("f1"))
    new_plan = ActivityPlan(ActivityType.THEMATIC_SESSION, date(2016, 9, 1), date(2016, 9, 2), remote=True)
    state, _ = run(state, ReplanActivity(ACTION, "f1", new_plan, "refocused to avoid duplication"))
    state, _ = run(state, RescheduleActivity(ACTION, "f1", date(2016, 10, 1), date(2016, 10, 3), "partner asked"))
    activity = state.activity("f1")
    assert activity is not None
    assert (activity.activity_type, activity.starts_on, activity.ends_on) == (
        ActivityType.THEMATIC_SESSION,
        date(2016, 10, 1),
        date(2016, 10, 3),
    )


def test_a_held_activity_cannot_be_rescheduled() -> None:
    state = given(*_ready_commands(), plan("f1"), hold("f1"))
    command = RescheduleActivity(ACTION, "f1", date(2016, 10, 1), date(2016, 10, 3), "late")
    assert refusal(state, command).code == e.ACTIVITY_ALREADY_HELD


def test_an_unknown_activity_is_not_found() -> None:
    with pytest.raises(NotFound):
        decide(ready(), hold("nope"), NOW)


def test_completing_with_activities_pending_is_refused() -> None:
    state = given(*_ready_commands(), plan("f1"), hold("f1"), plan("w1", ActivityType.WORKSHOP))
    assert refusal(state, CompleteAction(ACTION, date(2017, 1, 1))).code == e.ACTIVITIES_PENDING


def test_completing_without_any_activity_held_is_refused() -> None:
    state = given(*_ready_commands(), plan("f1"), CancelActivity(ACTION, "f1", date(2016, 5, 20), "x"))
    assert refusal(state, CompleteAction(ACTION, date(2017, 1, 1))).code == e.NO_ACTIVITY_HELD


def test_completion_counts_in_one_region_one_area_one_phase_and_closes_the_action() -> None:
    state = given(
        *_ready_commands(),
        plan("f1"),
        plan("w1", ActivityType.WORKSHOP),
        hold("f1"),
        CancelActivity(ACTION, "w1", date(2016, 6, 10), "merged with the next one"),
    )
    state, events = run(state, CompleteAction(ACTION, date(2016, 12, 1), override_reason="not needed"))
    [completed] = events
    assert isinstance(completed, ActionCompleted)
    assert (completed.region, completed.thematic_area, completed.phase) == (
        "AFRICA",
        ThematicArea.MIGRATION_DEVELOPMENT,
        Phase.MIEUX_III,
    )
    assert (completed.activities_held, completed.activities_cancelled, completed.override_reason) == (
        1,
        1,
        "not needed",
    )
    assert refusal(state, CompleteAction(ACTION, date(2016, 12, 2))).code == e.ACTION_ALREADY_COMPLETED
    assert refusal(state, plan("x1")).code == e.ACTION_COMPLETED


def test_completion_may_not_precede_the_last_activity() -> None:
    state = given(*_ready_commands(), plan("f1"), hold("f1"))
    refused = refusal(state, CompleteAction(ACTION, date(2016, 6, 2)))
    assert (refused.code, refused.field) == (e.DATE_BEFORE_PREVIOUS_STEP, "completed_on")


def test_completion_needs_expert_and_partner_feedback_unless_a_reason_overrides_it() -> None:
    state = given(*_ready_commands(), plan("f1"), hold("f1"))
    with pytest.raises(DomainError) as refused:
        decide(state, CompleteAction(ACTION, date(2016, 12, 1)), NOW)
    assert (refused.value.code, refused.value.field) == (e.ACTION_FEEDBACK_MISSING, "override_reason")
    assert "no expert feedback and no partner feedback" in refused.value.message

    [completed] = decide(state, CompleteAction(ACTION, date(2016, 12, 1), "partner unreachable"), NOW)
    assert isinstance(completed, ActionCompleted) and completed.override_reason == "partner unreachable"

    only_expert = evolve(state, feedback_from(FeedbackSource.EXPERT))
    with pytest.raises(DomainError) as still:
        decide(only_expert, CompleteAction(ACTION, date(2016, 12, 1)), NOW)
    assert "no partner feedback" in still.value.message
    fed = evolve(only_expert, feedback_from(FeedbackSource.PARTNER))
    [done] = decide(fed, CompleteAction(ACTION, date(2016, 12, 1)), NOW)
    assert isinstance(done, ActionCompleted) and done.override_reason is None


def test_completion_needs_feedback_from_every_deployed_expert() -> None:
    """One definition with the feedback service's completeness: every expert whose deployment completed."""
    state = given(*_ready_commands(), plan("f1"), hold("f1"))
    state = evolve(evolve(state, feedback_from(FeedbackSource.EXPERT, "ie")), feedback_from(FeedbackSource.PARTNER))
    both = CompleteAction(ACTION, date(2016, 12, 1), deployed_expert_ids=frozenset({"ie", "et"}))
    with pytest.raises(DomainError) as refused:
        decide(state, both, NOW)
    assert refused.value.code == e.ACTION_FEEDBACK_MISSING and "deployed expert(s) et" in refused.value.message
    [done] = decide(evolve(state, feedback_from(FeedbackSource.EXPERT, "et")), both, NOW)
    assert isinstance(done, ActionCompleted)


def feedback_from(source: FeedbackSource, expert_id: str | None = "x") -> ActionFeedbackReceived:
    return ActionFeedbackReceived(
        action_id=ACTION, source=source, feedback_id=f"fb-{source}-{expert_id}", received_on=date(2016, 11, 1),
        expert_id=expert_id if source is FeedbackSource.EXPERT else None,
    )  # fmt: skip


def test_deliverables_move_forward_only_with_skips_and_also_after_completion() -> None:
    state = given(*_ready_commands(), plan("f1"), hold("f1"), CompleteAction(ACTION, date(2016, 12, 1), "test"))
    state, _ = run(state, RecordDeliverable(ACTION, "d1", DeliverableKind.POLICY, "National policy", date(2017, 1, 5)))
    adopt = ChangeDeliverableStatus(
        ACTION, "d1", DeliverableStatus.ADOPTED, DeliverableLevel.GOVERNMENTAL, date(2017, 2, 1)
    )
    state, events = run(state, adopt)
    [changed] = events
    assert isinstance(changed, DeliverableStatusChanged)
    assert (changed.previous_status, changed.status) == (DeliverableStatus.DRAFTED, DeliverableStatus.ADOPTED)

    back = ChangeDeliverableStatus(
        ACTION, "d1", DeliverableStatus.VALIDATED, DeliverableLevel.TECHNICAL, date(2017, 3, 1)
    )
    refused = refusal(state, back)
    assert (refused.code, refused.field) == (e.DELIVERABLE_STATUS_NOT_FORWARD, "status")
    assert refusal(state, replace(adopt, status=DeliverableStatus.ADOPTED)).code == e.DELIVERABLE_STATUS_NOT_FORWARD
    earlier = replace(adopt, status=DeliverableStatus.LAUNCHED, changed_on=date(2017, 1, 20))
    assert refusal(state, earlier).code == e.DATE_BEFORE_PREVIOUS_STEP


def test_an_unknown_deliverable_is_not_found() -> None:
    change = ChangeDeliverableStatus(
        ACTION, "d9", DeliverableStatus.ADOPTED, DeliverableLevel.NATIONAL, date(2017, 2, 1)
    )
    with pytest.raises(NotFound):
        decide(ready(), change, NOW)


def test_warnings_for_more_than_seven_activities_and_a_first_activity_other_than_fact_finding() -> None:
    found = warnings(
        active_activities=8,
        first_activity_type=ActivityType.WORKSHOP,
        capacity_levels=frozenset({CapacityLevel.INDIVIDUAL}),
        phase=Phase.MIEUX_I,
        thematic_area=ThematicArea.HORIZONTAL,
        launch_late=True,
        launched=False,
    )
    assert [(w.code, w.rule) for w in found] == [
        ("TOO_MANY_ACTIVITIES", "R08"),
        ("FIRST_ACTIVITY_NOT_FACT_FINDING", "R28"),
        ("CAPACITY_LEVELS_NOT_ADDRESSED", "R06"),
        ("MIEUX_I_OUTSIDE_IRREGULAR_MIGRATION", "R22"),
        ("LAUNCHED_LATE", "R10"),
    ]
    seven_from_a_mission = warnings(
        active_activities=7,
        first_activity_type=ActivityType.FACT_FINDING_MISSION,
        capacity_levels=frozenset(CapacityLevel),
        phase=Phase.MIEUX_III,
        thematic_area=ThematicArea.HORIZONTAL,
        launch_late=False,
        launched=True,
        endorsed=True,
    )
    assert seven_from_a_mission == []


def test_warnings_for_drift_from_the_fiche_a_long_fact_finding_mission_and_no_endorsement() -> None:
    """Brazil II (2019): its fact-finding mission took two weeks, double the usual week (L5619-5621)."""
    fiche = [ActivityType.FACT_FINDING_MISSION, ActivityType.WORKSHOP, ActivityType.STUDY_VISIT]
    common: dict[str, Any] = {"active_activities": 4, "first_activity_type": ActivityType.FACT_FINDING_MISSION,
                              "capacity_levels": frozenset(CapacityLevel), "phase": Phase.MIEUX_III,
                              "thematic_area": ThematicArea.INTERNATIONAL_PROTECTION_ASYLUM, "launch_late": False,
                              "launched": True, "planned_sequence": fiche}  # fmt: skip
    brazil = warnings(
        **common, unmodified_activity_types=[*fiche, ActivityType.WORKSHOP], fact_finding_days=14, endorsed=False
    )
    assert [(w.code, w.rule) for w in brazil] == [
        ("ACTIVITIES_OFF_PLAN", "R07"), ("FACT_FINDING_LONGER_THAN_USUAL", "R28"), ("NOT_ENDORSED", "R24"),
    ]  # fmt: skip
    assert "1 workshop" in brazil[0].message and "14 days" in brazil[1].message
    as_planned = warnings(**common, unmodified_activity_types=fiche[:2], fact_finding_days=5, endorsed=True)
    assert as_planned == []
    assert warnings(**{**common, "launched": False}, unmodified_activity_types=(), endorsed=False) == []


def test_the_launch_clock_runs_out_90_days_after_approval_even_without_a_launch() -> None:
    approved = date(2016, 4, 15)
    assert launch(date(2016, 3, 1), approved, None, today=date(2016, 7, 14)).late is False
    overdue = launch(date(2016, 3, 1), approved, None, today=date(2016, 7, 15))
    assert (overdue.due_on, overdue.late, overdue.days_from_approval) == (date(2016, 7, 14), True, None)
    on_time = launch(date(2016, 3, 1), approved, date(2016, 7, 14), today=date(2020, 1, 1))
    assert (on_time.late, on_time.days_from_request, on_time.days_from_approval) == (False, 135, 90)


def test_activity_statuses_fold_from_events() -> None:
    state = given(*_ready_commands(), plan("f1"), plan("w1", ActivityType.WORKSHOP), hold("f1"))
    assert [a.status for a in state.activities] == [ActivityStatus.HELD, ActivityStatus.PLANNED]


def _ready_commands() -> tuple[Command, ...]:
    return (opening(), draft(), agree())
