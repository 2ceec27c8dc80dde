"""Inputs of the mutations on experts and deployments (dates default to today, UTC)."""

from __future__ import annotations

from datetime import date

import strawberry

from gateway.schema.common import CountryCode
from gateway.schema.enums import (
    AdministrationLevel,
    DeclineReason,
    DeploymentCancellationReason,
    ExpertCategory,
    LanguageLevel,
    Sector,
    SuspensionReason,
    ThematicArea,
)

VERSION = "Refuse with CONCURRENT_MODIFICATION unless the expert's stream is at this version."


@strawberry.input(description="Personal data: kept in the experts service only, never published, erasable.")
class PersonalDataInput:
    full_name: str
    email: str
    phone: str | None = None
    organisation: str | None = None
    cv_text: str | None = None


@strawberry.input
class ExpertiseInput:
    thematic_area: ThematicArea
    topics: list[str] = strawberry.field(default_factory=list)


@strawberry.input
class LanguageSkillInput:
    language: str
    level: LanguageLevel


@strawberry.input
class AvailabilityInput:
    available_from: date
    available_to: date


@strawberry.input(description="The published profile; a member state is required for EU_MS_GOVERNMENTAL.")
class ExpertProfileInput:
    category: ExpertCategory
    nationality: CountryCode
    sector: Sector
    member_state: CountryCode | None = None
    administration_level: AdministrationLevel | None = None
    expertise: list[ExpertiseInput] = strawberry.field(default_factory=list)
    languages: list[LanguageSkillInput] = strawberry.field(default_factory=list)
    certifications: list[str] = strawberry.field(default_factory=list)
    availability: list[AvailabilityInput] = strawberry.field(default_factory=list)


@strawberry.input
class RegisterExpertInput:
    personal_data: PersonalDataInput
    profile: ExpertProfileInput
    registered_on: date | None = None
    external_reference: str | None = strawberry.field(default=None, description="Idempotency key.")


@strawberry.input
class UpdateExpertProfileInput:
    expert_id: strawberry.ID
    profile: ExpertProfileInput
    updated_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input
class SuspendExpertInput:
    expert_id: strawberry.ID
    reason: SuspensionReason
    suspended_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(
    description="Record that the expert served as a focal point of a request (one expert per focal point)."
)
class RecordFormerFocalPointInput:
    expert_id: strawberry.ID
    focal_point_id: strawberry.ID = strawberry.field(description="`FocalPoint.focalPointId` on the request.")
    recorded_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input
class ReactivateExpertInput:
    expert_id: strawberry.ID
    reactivated_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Erasure on request: the personal data is deleted for good; deployments still count.")
class EraseExpertInput:
    expert_id: strawberry.ID
    erased_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input
class ProposeDeploymentInput:
    expert_id: strawberry.ID
    activity_id: strawberry.ID
    expected_version: int | None = strawberry.field(
        default=None, description="Refuse with CONCURRENT_MODIFICATION unless the expert is at this version."
    )


@strawberry.input(description="The expert (or a programme manager on its behalf) confirms; overlaps are refused.")
class ConfirmDeploymentInput:
    deployment_id: strawberry.ID
    confirmed_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input
class DeclineDeploymentInput:
    deployment_id: strawberry.ID
    reason: DeclineReason
    declined_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="Only EXPERT_WITHDREW or PROGRAMME_DECISION; the others are recorded by the system.")
class CancelDeploymentInput:
    deployment_id: strawberry.ID
    reason: DeploymentCancellationReason
    cancelled_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)


@strawberry.input(description="After a completed deployment: 1-5 on expertise, communication and preparation.")
class EvaluateExpertInput:
    deployment_id: strawberry.ID
    expertise: int
    communication: int
    preparation: int
    notes: str | None = strawberry.field(default=None, description="Internal: stays in the experts service.")
    evaluated_on: date | None = None
    expected_version: int | None = strawberry.field(default=None, description=VERSION)
