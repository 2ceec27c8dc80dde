"""States folded from the service's streams (`evolve`): participant feedback, Action feedback, reviews."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from contracts.base import DomainEvent
from contracts.events.feedback import (
    ActionFeedbackCorrected,
    ActionFeedbackSubmitted,
    FeedbackSource,
    ParticipantFeedbackRecorded,
    ReviewPublished,
)


def participant_stream(activity_id: str) -> str:
    return f"participant-feedback:{activity_id}"


def action_stream(action_id: str) -> str:
    return f"action-feedback:{action_id}"


@dataclass(frozen=True, slots=True)
class ParticipantFeedback:
    responses: int = 0


def evolve_participant(state: ParticipantFeedback, event: DomainEvent) -> ParticipantFeedback:
    if isinstance(event, ParticipantFeedbackRecorded):
        return replace(state, responses=state.responses + 1)
    return state


@dataclass(frozen=True, slots=True)
class GivenFeedback:
    feedback_id: str
    source: FeedbackSource
    expert_id: str | None
    authority_id: str | None = None


@dataclass(frozen=True, slots=True)
class ActionFeedback:
    given: dict[str, GivenFeedback] = field(default_factory=dict)  # by feedback id
    version: int = 0

    def by_source(self, source: FeedbackSource, expert_id: str | None) -> GivenFeedback | None:
        """The feedback already given by this expert (EXPERT) or by the partner authority (PARTNER)."""
        for item in self.given.values():
            if item.source is source and (source is FeedbackSource.PARTNER or item.expert_id == expert_id):
                return item
        return None


def evolve_action(state: ActionFeedback, event: DomainEvent) -> ActionFeedback:
    match event:
        case ActionFeedbackSubmitted():
            item = GivenFeedback(event.feedback_id, event.source, event.expert_id, event.authority_id)
            return ActionFeedback({**state.given, event.feedback_id: item}, state.version + 1)
        case ActionFeedbackCorrected():
            return replace(state, version=state.version + 1)
    return state


@dataclass(frozen=True, slots=True)
class Review:
    published: ReviewPublished | None = None


def evolve_review(state: Review, event: DomainEvent) -> Review:
    return Review(event) if isinstance(event, ReviewPublished) else state
