"""`decide(state, command, today) -> events` for participant feedback, Action feedback and reviews."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from contracts.base import DomainEvent
from contracts.events.feedback import (
    ActionFeedbackCorrected,
    ActionFeedbackSubmitted,
    EvaluationRatings,
    FeedbackSource,
    ParticipantFeedbackRecorded,
)
from service_core.errors import NotFound, check_version

from feedback_service.domain import errors as e
from feedback_service.domain.commands import (
    CorrectActionFeedback,
    PublishReview,
    RecordParticipantFeedback,
    SubmitActionFeedback,
)
from feedback_service.domain.state import ActionFeedback, ParticipantFeedback, Review


def record_participant_feedback(
    state: ParticipantFeedback, command: RecordParticipantFeedback, today: date
) -> list[DomainEvent]:
    """R12: only once the activity is held. A batch is validated as a whole: the first bad response refuses all."""
    activity = command.activity
    if activity is None:
        raise NotFound("activity", command.activity_id)
    if activity.status != "HELD" or activity.held_from is None:
        status = activity.status.lower()
        raise e.Refused(e.ACTIVITY_NOT_HELD, f"activity {activity.activity_id!r} is {status}, not held", "activity_id")
    if not command.responses:
        raise e.InvalidCommand(e.NO_RESPONSES, "responses: at least one response is needed", "responses")
    batch = command.batch_id is not None
    events: list[DomainEvent] = []
    for index, response in enumerate(command.responses):
        field = f"responses.{index}.given_on" if batch else "given_on"
        if response.given_on > today:
            raise e.InvalidCommand(e.DATE_IN_FUTURE, f"{field}: {response.given_on} is after today", field)
        if response.given_on < activity.held_from:
            raise e.InvalidCommand(
                e.GIVEN_BEFORE_ACTIVITY, f"{field}: before the activity was held ({activity.held_from})", field
            )
        events.append(
            ParticipantFeedbackRecorded(
                response_id=response.response_id,
                activity_id=activity.activity_id,
                action_id=activity.action_id,
                activity_type=activity.activity_type,
                region=activity.region,
                thematic_area=activity.thematic_area,
                given_on=response.given_on,
                channel=command.channel,
                batch_id=command.batch_id,
            )
        )
    return events


def _check_content(ratings: EvaluationRatings, levels: Sequence[object], features: Sequence[object]) -> None:
    if all(value is None for value in ratings.model_dump().values()):
        raise e.InvalidCommand(e.NO_RATING, "ratings: rate at least one criterion", "ratings")
    for name, values in (("capacity_levels_reached", levels), ("good_practice_features", features)):
        if len(set(values)) != len(values):
            raise e.InvalidCommand(e.DUPLICATE_VALUE, f"{name}: a value is listed twice", name)


def submit_action_feedback(state: ActionFeedback, command: SubmitActionFeedback, today: date) -> list[DomainEvent]:
    """R13: one feedback per deployed expert and one from the partner authority, per Action."""
    action = command.action
    if action is None:
        raise NotFound("action", command.action_id)
    expert_id = command.expert_id
    if command.source is FeedbackSource.EXPERT:
        if expert_id is None:
            raise e.InvalidCommand(e.EXPERT_ID_REQUIRED, "expert_id: required when source is EXPERT", "expert_id")
        if expert_id not in action.deployed_expert_ids:
            raise e.Refused(e.EXPERT_NOT_DEPLOYED, f"expert {expert_id!r} is not deployed on this Action", "expert_id")
    elif expert_id is not None:
        raise e.InvalidCommand(e.EXPERT_ID_NOT_ALLOWED, "expert_id: only when source is EXPERT", "expert_id")
    if command.given_on > today:
        raise e.InvalidCommand(e.DATE_IN_FUTURE, f"given_on: {command.given_on} is after today", "given_on")
    _check_content(command.ratings, command.capacity_levels_reached, command.good_practice_features)
    if (given := state.by_source(command.source, expert_id)) is not None:
        who = "this expert" if expert_id else "the partner authority"
        raise e.Refused(
            e.ACTION_FEEDBACK_ALREADY_GIVEN,
            f"{who} already gave feedback {given.feedback_id!r} on this Action; correct it instead",
            "expert_id" if expert_id else "source",
        )
    return [
        ActionFeedbackSubmitted(
            feedback_id=command.feedback_id,
            action_id=action.action_id,
            source=command.source,
            expert_id=expert_id,
            authority_id=action.authority_id if command.source is FeedbackSource.PARTNER else None,
            ratings=command.ratings,
            capacity_levels_reached=command.capacity_levels_reached,
            good_practice_features=command.good_practice_features,
            region=action.region,
            thematic_area=action.thematic_area,
            given_on=command.given_on,
            on_behalf=command.on_behalf,
        )
    ]


def correct_action_feedback(state: ActionFeedback, command: CorrectActionFeedback, today: date) -> list[DomainEvent]:
    given = state.given.get(command.feedback_id)
    if given is None:
        raise NotFound("action feedback", command.feedback_id)
    check_version("Action feedback", state.version, command.expected_version)
    if command.corrected_on > today:
        raise e.InvalidCommand(e.DATE_IN_FUTURE, f"corrected_on: {command.corrected_on} is after today", "corrected_on")
    _check_content(command.ratings, command.capacity_levels_reached, command.good_practice_features)
    return [
        ActionFeedbackCorrected(
            feedback_id=given.feedback_id,
            action_id=command.action_id,
            source=given.source,
            expert_id=given.expert_id,
            authority_id=given.authority_id,
            ratings=command.ratings,
            capacity_levels_reached=command.capacity_levels_reached,
            good_practice_features=command.good_practice_features,
            corrected_on=command.corrected_on,
        )
    ]


def publish_review(state: Review, command: PublishReview) -> list[DomainEvent]:
    """A review of a period and scope is published once; publishing it again changes nothing."""
    return [] if state.published is not None else [command.review]
