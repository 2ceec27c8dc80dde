"""The HTTP API's views: the published read models (`contracts.views.experts`) filled from the projections'
rows and the domain's figures (ranking, composition), and the pages, batches and answers around them."""

from __future__ import annotations

from typing import Any

from contracts.events.experts import ExpertProfile
from contracts.views import experts as published
from contracts.views.experts import CandidateProfileView, CategoryCount, CountryCount, ReasonView
from pydantic import BaseModel, Field

from experts_service.domain.composition import Composition
from experts_service.domain.matching import Ranked

Row = dict[str, Any]
_EXPERT_FIELDS = ("id", "suspension_reason", "erased", "erased_on", "registered_on", "deployment_regions",
                  "deployments_confirmed", "deployments_completed", "evaluations_count", "personal_data", "version",
                  "registered_at", "updated_at")  # fmt: skip


def candidate_profile(profile: ExpertProfile) -> CandidateProfileView:
    return CandidateProfileView.model_validate(profile.model_dump(include=set(CandidateProfileView.model_fields)))


class ExpertView(published.ExpertView):
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


class DeploymentView(published.DeploymentView):
    @classmethod
    def from_row(cls, row: Row) -> DeploymentView:
        return cls.model_validate(row)


class DeploymentCommandResponse(BaseModel):
    deployment: DeploymentView
    version: int = Field(description="the expert's stream version (deployments live in the expert's stream)")
    position: int


class DeploymentLists(BaseModel):
    items: list[list[DeploymentView]] = Field(description="one list per id asked for, in the same order")


class ActivityView(published.ActivityView):
    @classmethod
    def from_row(cls, row: Row) -> ActivityView:
        return cls.model_validate(row)


class CandidateView(published.CandidateView):
    @classmethod
    def of(cls, ranked: Ranked) -> CandidateView:
        reasons = [ReasonView(code=r.code, message=r.message, points=r.points) for r in ranked.reasons]
        return cls(rank=ranked.rank, expert_id=ranked.expert_id, score=ranked.score, reasons=reasons,
                   profile=candidate_profile(ranked.profile))  # fmt: skip


class CandidateList(BaseModel):
    activity: ActivityView
    languages: list[str]
    items: list[CandidateView]
    total_count: int = Field(description="eligible candidates (items are the best `limit` of them)")
    excluded: dict[str, int] = Field(description="experts left out, by reason: SUSPENDED, ERASED, DOUBLE_BOOKED, …")


class CompositionView(published.CompositionView):
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
