"""The state of one expert, folded from its stream (`evolve`): profile, status and deployments."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from contracts.base import DomainEvent
from contracts.events.actions import ActivityType
from contracts.events.experts import (
    DeploymentCancelled,
    DeploymentCompleted,
    DeploymentConfirmed,
    DeploymentDeclined,
    DeploymentProposed,
    DeploymentRescheduled,
    ExpertEvaluated,
    ExpertPersonalDataErased,
    ExpertProfile,
    ExpertProfileUpdated,
    ExpertReactivated,
    ExpertRegistered,
    ExpertServedAsFocalPoint,
    ExpertSuspended,
)
from contracts.events.requests import Region, ThematicArea
from contracts.views.experts import DeploymentStatus, ExpertStatus  # ERASED is the erased flag, not a state here

OPEN = frozenset({DeploymentStatus.PROPOSED, DeploymentStatus.CONFIRMED})


@dataclass(frozen=True, slots=True)
class Deployment:
    deployment_id: str
    activity_id: str
    action_id: str
    activity_type: ActivityType
    starts_on: date
    ends_on: date
    region: Region
    thematic_area: ThematicArea
    countries: tuple[str, ...]
    status: DeploymentStatus = DeploymentStatus.PROPOSED
    evaluated: bool = False

    @property
    def is_open(self) -> bool:
        return self.status in OPEN

    def overlaps(self, starts_on: date, ends_on: date) -> bool:
        return self.starts_on <= ends_on and starts_on <= self.ends_on


@dataclass(frozen=True, slots=True)
class Expert:
    expert_id: str | None = None
    profile: ExpertProfile | None = None
    status: ExpertStatus = ExpertStatus.ACTIVE
    erased: bool = False
    deployments: tuple[Deployment, ...] = ()
    former_focal_points: tuple[str, ...] = ()  # focal point ids of partner institutions the expert served as
    version: int = 0

    @property
    def exists(self) -> bool:
        return self.profile is not None

    def deployment(self, deployment_id: str) -> Deployment | None:
        return next((d for d in self.deployments if d.deployment_id == deployment_id), None)

    def confirmed_overlapping(self, starts_on: date, ends_on: date, besides: str | None = None) -> list[Deployment]:
        """The expert's confirmed deployments whose dates overlap [starts_on, ends_on] (both inclusive)."""
        return [
            d
            for d in self.deployments
            if d.status is DeploymentStatus.CONFIRMED and d.deployment_id != besides and d.overlaps(starts_on, ends_on)
        ]

    def _with(self, deployment_id: str, **changes: object) -> Expert:
        updated = tuple(replace(d, **changes) if d.deployment_id == deployment_id else d for d in self.deployments)  # type: ignore[arg-type]
        return replace(self, deployments=updated)


def evolve(state: Expert, event: DomainEvent) -> Expert:
    return _apply(replace(state, version=state.version + 1), event)


def _apply(state: Expert, event: DomainEvent) -> Expert:
    match event:
        case ExpertRegistered():
            return replace(state, expert_id=event.expert_id, profile=event.profile)
        case ExpertProfileUpdated():
            return replace(state, profile=event.profile)
        case ExpertSuspended():
            return replace(state, status=ExpertStatus.SUSPENDED)
        case ExpertReactivated():
            return replace(state, status=ExpertStatus.ACTIVE)
        case ExpertPersonalDataErased():
            return replace(state, erased=True)
        case DeploymentProposed():
            deployment = Deployment(
                deployment_id=event.deployment_id,
                activity_id=event.activity_id,
                action_id=event.action_id,
                activity_type=event.activity_type,
                starts_on=event.starts_on,
                ends_on=event.ends_on,
                region=event.region,
                thematic_area=event.thematic_area,
                countries=event.countries,
            )
            return replace(state, deployments=(*state.deployments, deployment))
        case DeploymentConfirmed():
            return state._with(event.deployment_id, status=DeploymentStatus.CONFIRMED)
        case DeploymentDeclined():
            return state._with(event.deployment_id, status=DeploymentStatus.DECLINED)
        case DeploymentRescheduled():
            return state._with(event.deployment_id, starts_on=event.starts_on, ends_on=event.ends_on)
        case DeploymentCompleted():
            return state._with(
                event.deployment_id, status=DeploymentStatus.COMPLETED, starts_on=event.held_from, ends_on=event.held_to
            )
        case DeploymentCancelled():
            return state._with(event.deployment_id, status=DeploymentStatus.CANCELLED)
        case ExpertEvaluated():
            return state._with(event.deployment_id, evaluated=True)
        case ExpertServedAsFocalPoint():
            return replace(state, former_focal_points=(*state.former_focal_points, event.focal_point_id))
    return state
