"""Events of what an Action taught and what followed it: lessons and good practices, outcomes beyond its
outputs, the follow-up exercise, replication elsewhere and the other actors it complements (R27).

On the Action's own stream, like every actions event; `contracts.events.actions` re-exports them.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from contracts.base import DomainEvent
from contracts.events.action_vocabulary import (
    SERVICE,
    ActorKind,
    CapacityLevel,
    Complementarity,
    FollowUpChannel,
    LearningKind,
    MechanismKind,
    PracticeCategory,
    Sustainability,
)
from contracts.views.common import CountryCode

Summary = Annotated[str, Field(min_length=1, max_length=2000)]


class ActionLessonRecorded(DomainEvent):
    """A lesson learnt or a good practice of the Action, in the programme team's words."""

    service = SERVICE

    action_id: str
    lesson_id: str
    kind: LearningKind
    category: PracticeCategory
    summary: Summary
    recorded_on: date


class ActionOutcomeRecorded(DomainEvent):
    """A result beyond the Action's outputs (a law applied, people reached), with the deliverables it came from."""

    service = SERVICE

    action_id: str
    outcome_id: str
    summary: Summary
    capacity_level: CapacityLevel | None = None
    deliverable_ids: tuple[str, ...] = Field(default=(), description="the outputs this outcome stems from")
    observed_on: date


class SustainedMechanism(BaseModel):
    """One thing the Action set up (a committee, a law, a procedure) and whether it lasted."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: MechanismKind
    description: Summary
    status: Sustainability


class ActionFollowUpRecorded(DomainEvent):
    """What became of an ongoing or completed Action, learnt later from its partners (the follow-up exercise)."""

    service = SERVICE

    action_id: str
    follow_up_id: str
    channel: FollowUpChannel
    summary: Summary
    mechanisms: tuple[SustainedMechanism, ...] = ()
    observed_on: date


class ActionReplicationRecorded(DomainEvent):
    """The Action's practice taken up elsewhere: another country, possibly through a request of its own."""

    service = SERVICE

    action_id: str
    replication_id: str
    country: CountryCode = Field(description="ISO 3166-1 alpha-2 code of the country that took the practice up")
    request_id: str | None = Field(default=None, description="the request it arrived as, when there is one")
    summary: Summary
    observed_on: date


class ComplementaryActorRecorded(DomainEvent):
    """Another actor's initiative the Action complements, and how (R27)."""

    service = SERVICE

    action_id: str
    actor_id: str
    name: Annotated[str, Field(min_length=1, max_length=300, description="an institution or programme, never a person")]
    kind: ActorKind
    relation: Complementarity
    initiative: Summary | None = None
    recorded_on: date
