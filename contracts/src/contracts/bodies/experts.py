"""The bodies of the experts service's command routes (snake_case JSON; codes as in the event contracts)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field, StringConstraints

from contracts.bodies.base import CommandBody, CountryCode, ExpectedVersion
from contracts.events.experts import (
    AdministrationLevel,
    AvailabilityWindow,
    DeclineReason,
    DeploymentCancellationReason,
    ExpertCategory,
    ExpertiseArea,
    LanguageSkill,
    Sector,
    SuspensionReason,
)

Code = Annotated[str, StringConstraints(pattern=r"^[A-Z][A-Z0-9_]{0,63}$"), Field(examples=["EASO_TRAINER"])]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Email = Annotated[
    str,
    StringConstraints(strip_whitespace=True, max_length=254, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"),
    Field(examples=["expert@example.org"]),
]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ().-]{5,32}$")]
Score = Annotated[int, Field(ge=1, le=5)]
Id = Annotated[str, StringConstraints(min_length=1, max_length=64)]
Reference = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
OptionalDate = Annotated[date | None, Field(default=None, description="defaults to today (UTC)")]


class _In(CommandBody):
    """No unknown fields; dates within the programme's span (contracts.bodies.base)."""


class PersonalDataIn(_In):
    """Personal data (R17): kept in the service's own table, never published, erasable."""

    full_name: ShortText
    email: Email
    phone: Phone | None = None
    organisation: ShortText | None = Field(default=None, description="employer or administration")
    cv_text: Annotated[str, StringConstraints(max_length=20000)] | None = None


class ProfileIn(_In):
    """Profile attributes (published): `governmental` follows from the category."""

    category: ExpertCategory
    nationality: CountryCode
    member_state: CountryCode | None = Field(default=None, description="required for EU_MS_GOVERNMENTAL")
    administration_level: AdministrationLevel | None = Field(default=None, description="governmental experts only")
    sector: Sector
    expertise: list[ExpertiseArea] = Field(default_factory=list, max_length=5)
    languages: list[LanguageSkill] = Field(default_factory=list, max_length=20)
    certifications: list[Code] = Field(default_factory=list, max_length=20)
    availability: list[AvailabilityWindow] = Field(default_factory=list, max_length=50)


class RegisterExpertBody(_In):
    personal_data: PersonalDataIn
    profile: ProfileIn
    registered_on: OptionalDate = None
    external_reference: Reference | None = Field(
        default=None, description="client's idempotency key: registering twice with it is refused (409)"
    )


class UpdateProfileBody(_In):
    profile: ProfileIn
    updated_on: OptionalDate = None
    expected_version: ExpectedVersion = None


class SuspensionBody(_In):
    reason: SuspensionReason
    suspended_on: OptionalDate = None
    expected_version: ExpectedVersion = None


class ReactivationBody(_In):
    reactivated_on: OptionalDate = None
    expected_version: ExpectedVersion = None


class ErasureBody(_In):
    erased_on: OptionalDate = None
    expected_version: ExpectedVersion = None


class FormerFocalPointBody(_In):
    focal_point_id: Id = Field(description="the focal point of a request (requests service) the expert was")
    recorded_on: OptionalDate = None
    expected_version: ExpectedVersion = None


class ProposeBody(_In):
    expert_id: Id
    activity_id: Id
    expected_version: int | None = Field(
        default=None, ge=0, description="refuse (409 CONCURRENT_MODIFICATION) unless the expert is at this version"
    )


class ConfirmationBody(_In):
    confirmed_on: OptionalDate = None
    expected_version: ExpectedVersion = None


class DeclineBody(_In):
    reason: DeclineReason
    declined_on: OptionalDate = None
    expected_version: ExpectedVersion = None


class CancellationBody(_In):
    reason: DeploymentCancellationReason = Field(description="EXPERT_WITHDREW or PROGRAMME_DECISION")
    cancelled_on: OptionalDate = None
    expected_version: ExpectedVersion = None


class EvaluationBody(_In):
    expertise: Score
    communication: Score
    preparation: Score
    notes: Annotated[str, StringConstraints(strip_whitespace=True, max_length=5000)] | None = Field(
        default=None, description="internal notes: stay in the service, shown to programme managers only"
    )
    evaluated_on: OptionalDate = None
    expected_version: ExpectedVersion = None


class IdsBody(_In):
    ids: list[Id] = Field(max_length=500)


class ActivityIdsBody(_In):
    activity_ids: list[Id] = Field(max_length=500)


class ExpertIdsBody(_In):
    expert_ids: list[Id] = Field(max_length=500)


class ActionIdsBody(_In):
    action_ids: list[Id] = Field(max_length=500)
