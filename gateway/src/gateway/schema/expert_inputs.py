"""Inputs of the mutations on experts and deployments: derived from the experts service's command bodies
(`contracts.bodies.experts`), with the id the route takes in its path (dates default to today, UTC)."""

from __future__ import annotations

import strawberry
from contracts.bodies import experts as bodies
from contracts.events import experts as events

from gateway.schema.derive import derived_input


@derived_input(
    bodies.PersonalDataIn, description="Personal data: kept in the experts service only, never published, erasable."
)
class PersonalDataInput:
    pass


@derived_input(events.ExpertiseArea, description="A thematic area and the topics of its catalogue the expert covers.")
class ExpertiseInput:
    pass


@derived_input(events.LanguageSkill)
class LanguageSkillInput:
    pass


@derived_input(events.AvailabilityWindow)
class AvailabilityInput:
    pass


@derived_input(
    bodies.ProfileIn, description="The published profile; a member state is required for EU_MS_GOVERNMENTAL."
)
class ExpertProfileInput:
    pass


@derived_input(bodies.RegisterExpertBody)
class RegisterExpertInput:
    pass


@derived_input(bodies.UpdateProfileBody)
class UpdateExpertProfileInput:
    expert_id: strawberry.ID


@derived_input(bodies.SuspensionBody)
class SuspendExpertInput:
    expert_id: strawberry.ID


@derived_input(
    bodies.FormerFocalPointBody,
    description="Record that the expert served as a focal point of a request (one expert per focal point).",
)
class RecordFormerFocalPointInput:
    expert_id: strawberry.ID
    focal_point_id: strawberry.ID = strawberry.field(description="`FocalPoint.focalPointId` on the request.")


@derived_input(bodies.ReactivationBody)
class ReactivateExpertInput:
    expert_id: strawberry.ID


@derived_input(
    bodies.ErasureBody,
    description="Erasure on request: the personal data is deleted for good; deployments still count.",
)
class EraseExpertInput:
    expert_id: strawberry.ID


@derived_input(bodies.ProposeBody)
class ProposeDeploymentInput:
    pass


@derived_input(
    bodies.ConfirmationBody,
    description="The expert (or a programme manager on its behalf) confirms; overlaps are refused.",
)
class ConfirmDeploymentInput:
    deployment_id: strawberry.ID


@derived_input(bodies.DeclineBody)
class DeclineDeploymentInput:
    deployment_id: strawberry.ID


@derived_input(
    bodies.CancellationBody,
    description="Only EXPERT_WITHDREW or PROGRAMME_DECISION; the others are recorded by the system.",
)
class CancelDeploymentInput:
    deployment_id: strawberry.ID


@derived_input(
    bodies.EvaluationBody,
    description="After a completed deployment: 1-5 on expertise, communication and preparation.",
)
class EvaluateExpertInput:
    deployment_id: strawberry.ID
