"""What the experts service publishes: experts of the roster (profile, figures, personal data where the reader
may see it), deployments, candidates ranked for an activity with their reasons, and who delivered an Action."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from contracts.events.actions import ActivityType
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
from contracts.events.requests import FocalPointKind, Region, ThematicArea
from contracts.views.actions import ActivityStatus
from contracts.views.common import CountryCode, OpenCodes


class ExpertStatus(StrEnum):
    """Where an expert stands on the roster."""

    ACTIVE = "ACTIVE"
    SUSPENDED = "SUSPENDED"
    ERASED = "ERASED"


class DeploymentStatus(StrEnum):
    """Where a deployment stands: proposed, then confirmed (or declined), then completed; or cancelled."""

    PROPOSED = "PROPOSED"
    CONFIRMED = "CONFIRMED"
    DECLINED = "DECLINED"
    COMPLETED = "COMPLETED"
    CANCELLED = "CANCELLED"


class RankReasonCode(OpenCodes):
    """Why matching ranks a candidate where it does (R18 background first, then expertise, language, time)."""

    EU_MS_PUBLIC_ADMINISTRATION = "EU_MS_PUBLIC_ADMINISTRATION"
    NON_EU_PUBLIC_ADMINISTRATION = "NON_EU_PUBLIC_ADMINISTRATION"
    OTHER_BACKGROUND = "OTHER_BACKGROUND"
    REGIONAL_PEER = "REGIONAL_PEER"
    THEMATIC_AREA_MATCH = "THEMATIC_AREA_MATCH"
    TOPIC_MATCH = "TOPIC_MATCH"
    HORIZONTAL_EXPERTISE = "HORIZONTAL_EXPERTISE"
    NO_THEMATIC_MATCH = "NO_THEMATIC_MATCH"
    LANGUAGE_MATCH = "LANGUAGE_MATCH"
    LANGUAGE_LIMITED = "LANGUAGE_LIMITED"
    LANGUAGE_MISSING = "LANGUAGE_MISSING"
    AVAILABLE = "AVAILABLE"
    PARTLY_AVAILABLE = "PARTLY_AVAILABLE"
    NOT_AVAILABLE = "NOT_AVAILABLE"
    AVAILABILITY_UNKNOWN = "AVAILABILITY_UNKNOWN"
    CONTINUITY = "CONTINUITY"
    OTHER = "OTHER"


class ExpertOrderField(StrEnum):
    """What the roster can be ordered by (`GET /experts?order_by=`); by default newest registered first.
    The figures (`average_score`, `deployments_completed`) order the programme's own figures: not for a
    regional coordinator, who sees them cut to its region. An expert without a score sorts last, either way."""

    REGISTERED_ON = "registered_on"
    UPDATED_AT = "updated_at"
    AVERAGE_SCORE = "average_score"
    DEPLOYMENTS_COMPLETED = "deployments_completed"


class ExclusionReason(OpenCodes):
    """Why matching left an expert out of an activity's candidates."""

    ERASED = "ERASED"
    SUSPENDED = "SUSPENDED"
    ALREADY_ON_ACTIVITY = "ALREADY_ON_ACTIVITY"
    DOUBLE_BOOKED = "DOUBLE_BOOKED"  # confirmed elsewhere on overlapping dates
    OTHER = "OTHER"


class PersonalDataView(BaseModel):
    """Personal data: programme managers and the expert themself only; null once erased."""

    full_name: str
    email: str
    phone: str | None
    organisation: str | None
    cv_text: str | None


class ProfileView(BaseModel):
    """The published profile of an expert (no personal data)."""

    category: ExpertCategory
    nationality: CountryCode
    member_state: CountryCode | None
    governmental: bool
    administration_level: AdministrationLevel | None
    sector: Sector
    expertise: list[ExpertiseArea]
    languages: list[LanguageSkill]
    certifications: list[str]
    availability: list[AvailabilityWindow]


class CandidateProfileView(BaseModel):
    """What a candidate list shows of an expert: the attributes matching weighs, nothing that narrows the roster
    down to a person (no Member State, administration level, sector or certifications, never personal data)."""

    category: ExpertCategory
    nationality: CountryCode
    expertise: list[ExpertiseArea]
    languages: list[LanguageSkill]
    availability: list[AvailabilityWindow]


class FormerFocalPointView(BaseModel):
    """A focal point of a partner institution the expert served as (ids: who it is stays in requests)."""

    focal_point_id: str
    request_id: str
    authority_id: str | None
    kind: FocalPointKind
    recorded_on: date


class ExpertView(ProfileView):
    """An expert of the roster (Expert Management Mechanism)."""

    id: str
    status: ExpertStatus
    suspension_reason: SuspensionReason | None
    erased: bool
    erased_on: date | None
    registered_on: date
    deployment_regions: list[Region] = Field(description="regions of its proposed, confirmed and completed deployments")
    deployments_confirmed: int = Field(description="confirmed, activity not held yet")
    deployments_completed: int
    deployed: bool = Field(description="has a confirmed or completed deployment")
    evaluations_count: int
    average_score: float | None
    personal_data: PersonalDataView | None = Field(
        description="programme managers and the expert itself only; null otherwise and once erased"
    )
    former_focal_points: list[FormerFocalPointView] | None = Field(
        default=None,
        description="the partners' focal points the expert was, in recorded order (not those erased in the requests "
        "service); like personal data, for programme managers and the expert itself only, null otherwise",
    )
    version: int
    registered_at: datetime
    updated_at: datetime


class EvaluationView(BaseModel):
    """The programme team's evaluation of an expert after a deployment (1-5)."""

    evaluation_id: str
    expertise: int
    communication: int
    preparation: int
    evaluated_on: date
    notes: str | None = Field(description="internal notes: programme managers only")


class DeploymentView(BaseModel):
    """An expert proposed for, confirmed on, or deployed to an activity."""

    id: str
    expert_id: str
    activity_id: str
    action_id: str
    status: DeploymentStatus
    category: ExpertCategory
    nationality: CountryCode
    member_state: CountryCode | None
    starts_on: date
    ends_on: date
    region: Region
    thematic_area: ThematicArea
    activity_type: ActivityType
    countries: list[CountryCode]
    proposed_on: date
    confirmed_on: date | None
    declined_on: date | None
    decline_reason: DeclineReason | None
    cancelled_on: date | None
    cancellation_reason: DeploymentCancellationReason | None
    completed_on: date | None
    held_from: date | None
    held_to: date | None
    overlapping_deployment_ids: list[str]
    evaluation: EvaluationView | None
    expert_version: int
    proposed_at: datetime
    updated_at: datetime


class ActivityView(BaseModel):
    """An activity as the experts service knows it from the actions service's events."""

    id: str
    action_id: str
    action_code: str | None
    activity_type: ActivityType
    status: ActivityStatus
    starts_on: date
    ends_on: date
    region: Region
    thematic_area: ThematicArea
    action_topic: str | None
    countries: list[CountryCode]
    remote: bool
    place_country: CountryCode | None
    held_from: date | None
    held_to: date | None
    cancelled_on: date | None


class ReasonView(BaseModel):
    """One reason behind a candidate's rank, with the points it earned."""

    code: RankReasonCode
    message: str
    points: int


class CandidateView(BaseModel):
    """An expert proposed by matching for an activity, with the reasons for its rank."""

    rank: int
    expert_id: str
    score: int
    reasons: list[ReasonView]
    profile: CandidateProfileView


class CategoryCount(BaseModel):
    category: ExpertCategory
    count: int


class CountryCount(BaseModel):
    country: CountryCode
    count: int


class CompositionView(BaseModel):
    """Who delivered an Action: experts by category and nationality; R19 flags."""

    action_id: str
    partner_countries: list[CountryCode]
    experts_count: int = Field(description="distinct experts with a confirmed or completed deployment")
    deployments_count: int = Field(description="confirmed and completed deployments")
    completed_deployments_count: int
    by_category: list[CategoryCount]
    by_nationality: list[CountryCount]
    by_member_state: list[CountryCount]
    eu_ms_governmental_share: float | None = Field(description="R18; null without experts")
    triangular: bool = Field(
        description="R19: an EU Member State expert and one from another non-EU partner country (the partner "
        "country is the beneficiary)"
    )
    south_south: bool = Field(description="R19: a non-EU expert from another partner country")
