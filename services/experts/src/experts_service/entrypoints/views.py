"""The HTTP API's answers: experts, deployments, activities, candidates and compositions."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from contracts.events.actions import ActivityType
from contracts.events.experts import (
    AdministrationLevel,
    AvailabilityWindow,
    ExpertCategory,
    ExpertiseArea,
    ExpertProfile,
    LanguageSkill,
    Sector,
)
from contracts.events.requests import FocalPointKind, Region, ThematicArea
from pydantic import BaseModel, Field

from experts_service.domain.composition import Composition
from experts_service.domain.matching import Ranked

Row = dict[str, Any]
_EXPERT_FIELDS = ("id", "suspension_reason", "erased", "erased_on", "registered_on", "deployment_regions",
                  "deployments_confirmed", "deployments_completed", "evaluations_count", "personal_data", "version",
                  "registered_at", "updated_at")  # fmt: skip


class PersonalDataView(BaseModel):
    full_name: str
    email: str
    phone: str | None
    organisation: str | None
    cv_text: str | None


class ProfileView(BaseModel):
    category: ExpertCategory
    nationality: str
    member_state: str | None
    governmental: bool
    administration_level: AdministrationLevel | None
    sector: Sector
    expertise: list[ExpertiseArea]
    languages: list[LanguageSkill]
    certifications: list[str]
    availability: list[AvailabilityWindow]

    @classmethod
    def of(cls, profile: ExpertProfile) -> ProfileView:
        return cls.model_validate(profile.model_dump())


class CandidateProfileView(BaseModel):
    """What a candidate list shows of an expert: the attributes matching weighs, nothing that narrows the roster
    down to a person (no Member State, administration level, sector or certifications, never personal data)."""

    category: ExpertCategory
    nationality: str
    expertise: list[ExpertiseArea]
    languages: list[LanguageSkill]
    availability: list[AvailabilityWindow]

    @classmethod
    def of(cls, profile: ExpertProfile) -> CandidateProfileView:
        return cls.model_validate(profile.model_dump(include=set(cls.model_fields)))


class FormerFocalPointView(BaseModel):
    """A focal point of a partner institution the expert served as (ids: who it is stays in requests)."""

    focal_point_id: str
    request_id: str
    authority_id: str | None
    kind: FocalPointKind
    recorded_on: date


class ExpertView(ProfileView):
    id: str
    status: str = Field(description="ACTIVE | SUSPENDED | ERASED")
    suspension_reason: str | None
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

    @classmethod
    def from_row(cls, row: Row) -> ExpertView:
        profile = ExpertProfile.model_validate(row["profile"]).model_dump()
        status = "ERASED" if row["erased"] else row["status"]
        average = row["average_score"]
        return cls.model_validate(
            {
                **profile,
                **{k: row[k] for k in _EXPERT_FIELDS},
                "status": status,
                "former_focal_points": row.get("former_focal_points"),
                "deployed": row["deployments_confirmed"] + row["deployments_completed"] > 0,
                "average_score": float(average) if average is not None else None,
            }
        )


class ExpertCommandResponse(BaseModel):
    expert: ExpertView
    version: int
    position: int = Field(description="store position of the last event appended: a consistency token")


class ExpertPage(BaseModel):
    items: list[ExpertView]
    cursors: list[str]
    total_count: int
    has_next_page: bool
    has_previous_page: bool = False
    next_cursor: str | None


class ExpertBatch(BaseModel):
    items: list[ExpertView | None]


class EvaluationView(BaseModel):
    evaluation_id: str
    expertise: int
    communication: int
    preparation: int
    evaluated_on: date
    notes: str | None = Field(description="internal notes: programme managers only")


class DeploymentView(BaseModel):
    id: str
    expert_id: str
    activity_id: str
    action_id: str
    status: str = Field(description="PROPOSED | CONFIRMED | DECLINED | COMPLETED | CANCELLED")
    category: ExpertCategory
    nationality: str
    member_state: str | None
    starts_on: date
    ends_on: date
    region: Region
    thematic_area: ThematicArea
    activity_type: ActivityType
    countries: list[str]
    proposed_on: date
    confirmed_on: date | None
    declined_on: date | None
    decline_reason: str | None
    cancelled_on: date | None
    cancellation_reason: str | None
    completed_on: date | None
    held_from: date | None
    held_to: date | None
    overlapping_deployment_ids: list[str]
    evaluation: EvaluationView | None
    expert_version: int
    proposed_at: datetime
    updated_at: datetime

    @classmethod
    def from_row(cls, row: Row) -> DeploymentView:
        return cls.model_validate(row)


class DeploymentCommandResponse(BaseModel):
    deployment: DeploymentView
    version: int = Field(description="the expert's stream version (deployments live in the expert's stream)")
    position: int


class DeploymentLists(BaseModel):
    items: list[list[DeploymentView]] = Field(description="one list per id asked for, in the same order")


class ActivityView(BaseModel):
    id: str
    action_id: str
    action_code: str | None
    activity_type: ActivityType
    status: str = Field(description="PLANNED | CANCELLED | HELD")
    starts_on: date
    ends_on: date
    region: Region
    thematic_area: ThematicArea
    action_topic: str | None
    countries: list[str]
    remote: bool
    place_country: str | None
    held_from: date | None
    held_to: date | None
    cancelled_on: date | None

    @classmethod
    def from_row(cls, row: Row) -> ActivityView:
        return cls.model_validate(row)


class ReasonView(BaseModel):
    code: str
    message: str
    points: int


class CandidateView(BaseModel):
    rank: int
    expert_id: str
    score: int
    reasons: list[ReasonView]
    profile: CandidateProfileView

    @classmethod
    def of(cls, ranked: Ranked) -> CandidateView:
        reasons = [ReasonView(code=r.code, message=r.message, points=r.points) for r in ranked.reasons]
        return cls(rank=ranked.rank, expert_id=ranked.expert_id, score=ranked.score, reasons=reasons,
                   profile=CandidateProfileView.of(ranked.profile))  # fmt: skip


class CandidateList(BaseModel):
    activity: ActivityView
    languages: list[str]
    items: list[CandidateView]
    total_count: int = Field(description="eligible candidates (items are the best `limit` of them)")
    excluded: dict[str, int] = Field(description="experts left out, by reason: SUSPENDED, ERASED, DOUBLE_BOOKED, …")


class CategoryCount(BaseModel):
    category: ExpertCategory
    count: int


class CountryCount(BaseModel):
    country: str
    count: int


class CompositionView(BaseModel):
    action_id: str
    partner_countries: list[str]
    experts_count: int = Field(description="distinct experts with a confirmed or completed deployment")
    deployments_count: int = Field(description="confirmed and completed deployments")
    completed_deployments_count: int
    by_category: list[CategoryCount]
    by_nationality: list[CountryCount]
    by_member_state: list[CountryCount]
    eu_ms_governmental_share: float | None = Field(description="R18; null without experts")
    triangular: bool = Field(
        description="R19: an EU Member State expert and one from another non-EU partner country (the partner country is the beneficiary)"
    )
    south_south: bool = Field(description="R19: a non-EU expert from another partner country")

    @classmethod
    def of(cls, c: Composition) -> CompositionView:
        return cls(
            action_id=c.action_id,
            partner_countries=list(c.partner_countries),
            experts_count=c.experts_count,
            deployments_count=c.deployments_count,
            completed_deployments_count=c.completed_deployments_count,
            by_category=[CategoryCount(category=k, count=n) for k, n in c.by_category],
            by_nationality=[CountryCount(country=k, count=n) for k, n in c.by_nationality],
            by_member_state=[CountryCount(country=k, count=n) for k, n in c.by_member_state],
            eu_ms_governmental_share=c.eu_ms_governmental_share,
            triangular=c.triangular,
            south_south=c.south_south,
        )


class CompositionBatch(BaseModel):
    items: list[CompositionView | None]
