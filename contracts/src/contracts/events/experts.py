"""Events of the experts service: the roster (EAR), deployments on activities and evaluations (EMM).

One stream per expert (stream id = `expert_id`, the Kafka key). Deployments and evaluations are recorded
in the expert's stream too: the expert's confirmed date ranges are one aggregate, so two overlapping
confirmations cannot both be accepted, and consumers see an expert's deployments in order.

**No personal data** (R17, docs/architecture.md): name, e-mail, phone, CV, employer and the evaluators' internal
notes stay in the service's tables; events carry the expert id and non-identifying profile attributes
(category, nationality, member state, sector, expertise, languages, certifications, availability).
When an expert's personal data is erased on request, `ExpertPersonalDataErased` tells downstream systems
to drop any copy they joined from the authorised API; the events themselves stay valid.

Every deployment event carries the deployment, expert, activity and Action ids, the expert's category,
nationality and member state, and the activity's dates, region and thematic area, so consumers need not
call back. Codes are upper snake case and shared 1:1 with the HTTP API and the GraphQL enums.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Annotated, Final

from pydantic import BaseModel, ConfigDict, Field

from contracts.base import DomainEvent
from contracts.events.actions import ActivityType, CountryCode
from contracts.events.requests import FocalPointKind, Region, ThematicArea

SERVICE = "experts"

LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$", description="ISO 639-1 language code")]
Code = Annotated[str, Field(pattern=r"^[A-Z][A-Z0-9_]{0,63}$", description="upper snake case code")]
TopicCode = Annotated[
    str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,79}$", description="topic of the domain catalogue, lower snake case")
]
Score = Annotated[int, Field(ge=1, le=5)]

EU_MEMBER_STATES: Final = frozenset(
    {
        "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU",
        "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
    }
)  # fmt: skip
"""The 27 EU Member States (ISO 3166-1 alpha-2; Greece is GR)."""


class ExpertCategory(StrEnum):
    """The three statistical categories of deployed experts (R16)."""

    EU_MS_GOVERNMENTAL = "EU_MS_GOVERNMENTAL"
    NON_EU_GOVERNMENTAL = "NON_EU_GOVERNMENTAL"
    OTHER = "OTHER"


class AdministrationLevel(StrEnum):
    """For governmental experts: national or local administration."""

    NATIONAL = "NATIONAL"
    LOCAL = "LOCAL"


class Sector(StrEnum):
    PUBLIC = "PUBLIC"
    PRIVATE = "PRIVATE"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"
    ACADEMIA = "ACADEMIA"
    INTERNATIONAL_ORGANISATION = "INTERNATIONAL_ORGANISATION"


class LanguageLevel(StrEnum):
    """CEFR levels, plus native speaker; ordered from lowest to highest."""

    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    NATIVE = "NATIVE"


class SuspensionReason(StrEnum):
    UNAVAILABLE = "UNAVAILABLE"
    AT_EXPERTS_REQUEST = "AT_EXPERTS_REQUEST"
    CONFLICT_OF_INTEREST = "CONFLICT_OF_INTEREST"
    PERFORMANCE = "PERFORMANCE"
    PROFILE_REVIEW = "PROFILE_REVIEW"
    OTHER = "OTHER"


class DeclineReason(StrEnum):
    NOT_AVAILABLE = "NOT_AVAILABLE"
    EXPERTISE_MISMATCH = "EXPERTISE_MISMATCH"
    EMPLOYER_NOT_AUTHORISED = "EMPLOYER_NOT_AUTHORISED"
    CONFLICT_OF_INTEREST = "CONFLICT_OF_INTEREST"
    OTHER = "OTHER"


class DeploymentCancellationReason(StrEnum):
    ACTIVITY_CANCELLED = "ACTIVITY_CANCELLED"
    EXPERT_WITHDREW = "EXPERT_WITHDREW"
    PROGRAMME_DECISION = "PROGRAMME_DECISION"
    EXPERT_SUSPENDED = "EXPERT_SUSPENDED"
    NOT_CONFIRMED_BEFORE_ACTIVITY = "NOT_CONFIRMED_BEFORE_ACTIVITY"


class ExpertiseArea(BaseModel):
    """A thematic area (§2.7) and the topics of its catalogue the expert covers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    thematic_area: ThematicArea
    topics: tuple[TopicCode, ...] = ()


class LanguageSkill(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    language: LanguageCode
    level: LanguageLevel


class AvailabilityWindow(BaseModel):
    """Dates (inclusive) on which the expert said they can be deployed."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    available_from: date
    available_to: date


class ExpertProfile(BaseModel):
    """Non-identifying profile attributes; `member_state` is set for experts from an EU Member State."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    category: ExpertCategory
    nationality: CountryCode
    member_state: CountryCode | None = None
    governmental: bool
    administration_level: AdministrationLevel | None = None
    sector: Sector
    expertise: tuple[ExpertiseArea, ...] = ()
    languages: tuple[LanguageSkill, ...] = ()
    certifications: tuple[Code, ...] = Field(default=(), description='codes, e.g. "EASO_TRAINER"')
    availability: tuple[AvailabilityWindow, ...] = ()


class ExpertRegistered(DomainEvent):
    """An expert joined the roster (EAR)."""

    service = SERVICE

    expert_id: str
    profile: ExpertProfile
    registered_on: date


class ExpertProfileUpdated(DomainEvent):
    """The expert's profile was replaced by this one (the whole profile, not a patch)."""

    service = SERVICE

    expert_id: str
    profile: ExpertProfile
    updated_on: date


class ExpertSuspended(DomainEvent):
    """The expert may not be proposed or confirm deployments until reactivated."""

    service = SERVICE

    expert_id: str
    reason: SuspensionReason
    suspended_on: date


class ExpertReactivated(DomainEvent):
    """A suspended expert may again be proposed and confirm deployments."""

    service = SERVICE

    expert_id: str
    reactivated_on: date


class ExpertPersonalDataErased(DomainEvent):
    """The expert's personal data was deleted on request: drop every copy joined from the authorised API.

    The expert stays in the roster as erased (profile attributes and deployments still count in figures)
    and cannot be proposed again.
    """

    service = SERVICE

    expert_id: str
    erased_on: date


class ExpertServedAsFocalPoint(DomainEvent):
    """The expert is the person who was this focal point of a request (a partner's focal point who later joined
    the roster). Ids only: who the focal point is stays in the requests service; when its personal data is
    erased there, the experts service stops showing the link (the count of such experts stays)."""

    service = SERVICE

    expert_id: str
    focal_point_id: str
    request_id: str
    authority_id: str | None = Field(default=None, description="the institution it was a focal point of")
    kind: FocalPointKind
    recorded_on: date


class DeploymentFacts(DomainEvent):
    """Fields every deployment event carries (not published on its own)."""

    deployment_id: str
    expert_id: str
    activity_id: str
    action_id: str
    category: ExpertCategory
    nationality: CountryCode
    member_state: CountryCode | None = None
    starts_on: date = Field(description="the activity's first day, as known when the event was recorded")
    ends_on: date = Field(description="the activity's last day, as known when the event was recorded")
    region: Region
    thematic_area: ThematicArea
    activity_type: ActivityType
    countries: tuple[CountryCode, ...] = Field(default=(), description="the Action's partner countries")


class DeploymentProposed(DeploymentFacts):
    """The programme team proposed the expert for an activity; the expert is asked to confirm."""

    service = SERVICE

    proposed_on: date


class DeploymentConfirmed(DeploymentFacts):
    """The expert confirmed: from now on no overlapping confirmation of the same expert is accepted."""

    service = SERVICE

    confirmed_on: date


class DeploymentDeclined(DeploymentFacts):
    """The expert (or the programme team on the expert's behalf) declined a proposed deployment."""

    service = SERVICE

    reason: DeclineReason
    declined_on: date


class DeploymentRescheduled(DeploymentFacts):
    """The activity of an open deployment moved (ActivityRescheduled or ActivityReplanned).

    `starts_on`/`ends_on` are the new dates; `overlapping_deployment_ids` lists the expert's other confirmed
    deployments the new dates overlap (the programme team has to resolve them).
    """

    service = SERVICE

    previous_starts_on: date
    previous_ends_on: date
    overlapping_deployment_ids: tuple[str, ...] = ()
    rescheduled_on: date


class DeploymentCompleted(DeploymentFacts):
    """The activity was held (ActivityHeld) with the expert confirmed: the expert counts as deployed (R15)."""

    service = SERVICE

    held_from: date
    held_to: date
    completed_on: date


class DeploymentCancelled(DeploymentFacts):
    """An open (proposed or confirmed) deployment ended without the activity being delivered by the expert."""

    service = SERVICE

    reason: DeploymentCancellationReason
    was_confirmed: bool
    cancelled_on: date


class ExpertEvaluated(DeploymentFacts):
    """EMM evaluation of the expert after a completed deployment; the evaluators' notes stay in the service."""

    service = SERVICE

    evaluation_id: str
    expertise: Score
    communication: Score
    preparation: Score
    evaluated_on: date


EVENTS: tuple[type[DomainEvent], ...] = (
    ExpertRegistered,
    ExpertProfileUpdated,
    ExpertSuspended,
    ExpertReactivated,
    ExpertPersonalDataErased,
    DeploymentProposed,
    DeploymentConfirmed,
    DeploymentDeclined,
    DeploymentRescheduled,
    DeploymentCompleted,
    DeploymentCancelled,
    ExpertEvaluated,
    ExpertServedAsFocalPoint,
)
