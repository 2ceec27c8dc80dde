"""`decide(state, command, now) -> events`: opening, the Action Fiche and completion; activities and
deliverables are decided in `activities.py`."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from contracts.base import DomainEvent
from contracts.completeness import action_feedback_gap
from contracts.events.actions import (
    ActionClassified,
    ActionCompleted,
    ActionFicheAgreed,
    ActionFicheDrafted,
    ActionFicheEndorsed,
    ActionLessonRecorded,
    ActionOpened,
    ActionOutcomeRecorded,
    FicheParty,
)
from contracts.reference.topics import topic
from contracts.views.actions import ActionStatus, ActivityStatus
from service_core.errors import NotFound, check_version

from actions_service.domain import errors as e
from actions_service.domain.activities import co_facilitate, decide_activity, decide_deliverable
from actions_service.domain.aftermath import decide_aftermath
from actions_service.domain.checks import (
    check_not_before,
    check_not_completed,
    check_not_future,
    received_on,
)
from actions_service.domain.commands import (
    ActivityCommand,
    AftermathCommand,
    AgreeFiche,
    CancelActivity,
    ClassifyAction,
    Command,
    CompleteAction,
    DraftFiche,
    EndorseFiche,
    HoldActivity,
    OpenAction,
    PlanActivity,
    RecordCoFacilitation,
    RecordComplementaryActor,
    RecordFollowUp,
    RecordLesson,
    RecordOutcome,
    RecordReplication,
    ReplanActivity,
    RescheduleActivity,
)
from actions_service.domain.state import Action

# A precondition of completion that a programme manager may override with a reason; it returns the
# refusal when not met.
Precondition = Callable[[Action, CompleteAction], e.Refused | None]


def feedback_received(state: Action, command: CompleteAction) -> e.Refused | None:
    """R13 (`contracts.completeness`, the feedback service's definition too): Action-level feedback from
    every expert whose deployment completed, at least one, and from the partner authority."""
    gap = action_feedback_gap(command.deployed_expert_ids, state.experts_with_feedback, state.partner_feedback_received)
    if gap.complete:
        return None
    missing = []
    if gap.experts_without_feedback:
        missing.append(f"no feedback from deployed expert(s) {', '.join(gap.experts_without_feedback)}")
    elif gap.missing_expert_feedback:
        missing.append("no expert feedback")
    if gap.missing_partner_feedback:
        missing.append("no partner feedback")
    return e.Refused(
        e.ACTION_FEEDBACK_MISSING,
        f"{' and '.join(missing)} on this Action yet; a programme manager may complete it anyway with an "
        "override reason",
        "override_reason",
    )


OVERRIDABLE_PRECONDITIONS: tuple[Precondition, ...] = (feedback_received,)
_ACTIVITY_COMMANDS = (PlanActivity, ReplanActivity, RescheduleActivity, CancelActivity, HoldActivity)
_AFTERMATH_COMMANDS = (RecordFollowUp, RecordReplication, RecordComplementaryActor)


def decide(
    state: Action,
    command: Command,
    now: datetime,
    preconditions: Sequence[Precondition] = OVERRIDABLE_PRECONDITIONS,
) -> Sequence[DomainEvent]:
    if isinstance(command, OpenAction):
        return open_action(state, command)
    if not state.exists:
        raise NotFound("action", command.action_id)
    check_version("Action", state.version, command.expected_version)
    if isinstance(command, DraftFiche):
        return draft_fiche(state, command, now)
    if isinstance(command, AgreeFiche):
        return agree_fiche(state, command, now)
    if isinstance(command, EndorseFiche):
        return endorse_fiche(state, command, now)
    if isinstance(command, CompleteAction):
        return complete(state, command, now, preconditions)
    if isinstance(command, ClassifyAction):
        return classify(state, command, now)
    if isinstance(command, RecordLesson | RecordOutcome):
        return follow_up(state, command, now)
    if isinstance(command, RecordCoFacilitation):
        return co_facilitate(state, command, now)
    if isinstance(command, _AFTERMATH_COMMANDS):
        aftermath_command: AftermathCommand = command
        return decide_aftermath(state, aftermath_command, now)
    if isinstance(command, _ACTIVITY_COMMANDS):
        activity_command: ActivityCommand = command
        return decide_activity(state, activity_command, now)
    return decide_deliverable(state, command, now)


def open_action(state: Action, command: OpenAction) -> list[DomainEvent]:
    """Opening twice is a no-op: the Action of a request is opened once, whatever is replayed."""
    if state.exists:
        return []
    return [
        ActionOpened(
            action_id=command.action_id,
            request_id=command.request_id,
            code=command.code,
            ordinal=command.ordinal,
            ordinal_scope=command.ordinal_scope,
            label=command.label,
            region=command.region,
            countries=command.countries,
            regional_organisation=command.regional_organisation,
            thematic_area=command.thematic_area,
            topic=command.topic,
            phase=command.phase,
            authority_id=command.authority_id,
            authority_type=command.authority_type,
            co_requester_ids=command.co_requester_ids,
            follow_up_of=command.follow_up_of,
            received_on=command.received_on,
            approved_on=command.approved_on,
        )
    ]


def draft_fiche(state: Action, command: DraftFiche, now: datetime) -> list[DomainEvent]:
    check_not_completed(state)
    levels = [c.level for c in command.capacity_levels]
    for i, level in enumerate(levels):
        if level in levels[:i]:
            raise e.InvalidCommand(
                e.DUPLICATE_CAPACITY_LEVEL, f"{level} is addressed twice", f"capacity_levels.{i}.level"
            )
    check_not_future(command.drafted_on, now, "drafted_on")
    check_not_before(command.drafted_on, received_on(state), e.DATE_BEFORE_RECEIPT, "the request", "drafted_on")
    return [ActionFicheDrafted.carrying(command, revision=state.fiche_revision + 1)]


def agree_fiche(state: Action, command: AgreeFiche, now: datetime) -> list[DomainEvent]:
    """R05: the MIEUX team, the steering group and the partner authority all agree, or it is not agreed."""
    check_not_completed(state)
    if state.fiche_revision == 0:
        raise e.Refused(e.FICHE_NOT_DRAFTED, "draft the Action Fiche before agreeing it")
    if state.agreed_revision == state.fiche_revision:
        raise e.Refused(e.FICHE_ALREADY_AGREED, f"revision {state.fiche_revision} of the Fiche is already agreed")
    missing = [p for p in FicheParty if p not in command.parties]
    if missing:
        raise e.Refused(
            e.FICHE_PARTIES_INCOMPLETE,
            f"the Fiche is agreed by the MIEUX team, the steering group and the partner authority; missing: "
            f"{', '.join(missing)}",
            "parties",
        )
    check_not_future(command.agreed_on, now, "agreed_on")
    check_not_before(command.agreed_on, state.fiche_drafted_on, e.DATE_BEFORE_PREVIOUS_STEP, "the draft", "agreed_on")
    return [
        ActionFicheAgreed(
            action_id=command.action_id,
            revision=state.fiche_revision,
            parties=tuple(FicheParty),
            agreed_on=command.agreed_on,
        )
    ]


def endorse_fiche(state: Action, command: EndorseFiche, now: datetime) -> list[DomainEvent]:
    """R24: the leadership of the requesting institution endorses the agreed Fiche (recorded once per revision)."""
    if state.agreed_revision is None or state.opened is None:
        raise e.Refused(e.FICHE_NOT_AGREED, "the Fiche must be agreed before it is endorsed")
    if state.endorsed_revision == state.agreed_revision:
        raise e.Refused(e.FICHE_ALREADY_ENDORSED, f"revision {state.agreed_revision} is already endorsed")
    check_not_future(command.endorsed_on, now, "endorsed_on")
    check_not_before(command.endorsed_on, state.agreed_on, e.DATE_BEFORE_PREVIOUS_STEP, "the agreement", "endorsed_on")
    return [
        ActionFicheEndorsed(
            action_id=command.action_id,
            revision=state.agreed_revision,
            authority_id=state.opened.authority_id,
            endorsed_on=command.endorsed_on,
        )
    ]


def complete(
    state: Action, command: CompleteAction, now: datetime, preconditions: Sequence[Precondition]
) -> list[DomainEvent]:
    """Every non-cancelled activity held, at least one; R20: one region, one thematic area, one phase."""
    if state.status is ActionStatus.COMPLETED:
        raise e.Refused(e.ACTION_ALREADY_COMPLETED, f"the Action was completed on {state.completed_on}")
    pending = [a for a in state.activities if a.status is ActivityStatus.PLANNED]
    if pending:
        raise e.Refused(
            e.ACTIVITIES_PENDING,
            f"{len(pending)} planned activit{'y is' if len(pending) == 1 else 'ies are'} neither held nor "
            f"cancelled: {', '.join(a.activity_id for a in pending)}",
        )
    held = [a for a in state.activities if a.status is ActivityStatus.HELD]
    if not held:
        raise e.Refused(e.NO_ACTIVITY_HELD, "an Action with no activity held cannot be completed")
    check_not_future(command.completed_on, now, "completed_on")
    last = max(a.held_to for a in held if a.held_to is not None)
    check_not_before(command.completed_on, last, e.DATE_BEFORE_PREVIOUS_STEP, "its last activity", "completed_on")
    unmet = [refusal for check in preconditions if (refusal := check(state, command)) is not None]
    if unmet and not command.override_reason:
        raise unmet[0]
    opened = state.opened
    assert opened is not None
    return [
        ActionCompleted(
            action_id=command.action_id,
            completed_on=command.completed_on,
            region=opened.region,
            thematic_area=opened.thematic_area,
            phase=opened.phase,
            activities_held=len(held),
            activities_cancelled=state.count(ActivityStatus.CANCELLED),
            deliverables_count=len(state.deliverables),
            override_reason=command.override_reason if unmet else None,
        )
    ]


def classify(state: Action, command: ClassifyAction, now: datetime) -> list[DomainEvent]:
    """Topics of the catalogue, at least one, each once; also after completion (it is how the Action is
    reported on, not part of its course)."""
    if not command.topics:
        raise e.InvalidCommand(e.NO_TOPIC, "an Action works on at least one topic of the catalogue", "topics")
    for i, code in enumerate(command.topics):
        if topic(code) is None:
            raise e.InvalidCommand(e.UNKNOWN_TOPIC, f"{code!r} is not a topic of the catalogue", f"topics.{i}")
        if code in command.topics[:i]:
            raise e.InvalidCommand(e.DUPLICATE_VALUE, f"{code!r} is listed twice", f"topics.{i}")
    if len(set(command.cross_cutting)) != len(command.cross_cutting):
        raise e.InvalidCommand(e.DUPLICATE_VALUE, "a cross-cutting issue is listed twice", "cross_cutting")
    check_not_future(command.classified_on, now, "classified_on")
    check_not_before(command.classified_on, received_on(state), e.DATE_BEFORE_RECEIPT, "the request", "classified_on")
    return [
        ActionClassified(
            action_id=command.action_id,
            topics=command.topics,
            cross_cutting=command.cross_cutting,
            classified_on=command.classified_on,
        )
    ]


def follow_up(state: Action, command: RecordLesson | RecordOutcome, now: datetime) -> list[DomainEvent]:
    """Lessons, good practices and outcomes: during the Action and after it (outcomes come later)."""
    if isinstance(command, RecordLesson):
        on, field = command.recorded_on, "recorded_on"
    else:
        on, field = command.observed_on, "observed_on"
    check_not_future(on, now, field)
    check_not_before(on, received_on(state), e.DATE_BEFORE_RECEIPT, "the request", field)
    if isinstance(command, RecordLesson):
        return [ActionLessonRecorded.carrying(command, recorded_on=on)]
    for i, deliverable_id in enumerate(command.deliverable_ids):
        if state.deliverable(deliverable_id) is None:
            raise e.InvalidCommand(
                e.UNKNOWN_DELIVERABLE, f"{deliverable_id!r} is not a deliverable of this Action", f"deliverable_ids.{i}"
            )
    return [ActionOutcomeRecorded.carrying(command, observed_on=on)]
