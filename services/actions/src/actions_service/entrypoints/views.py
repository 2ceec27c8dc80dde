"""The HTTP API's views: the published read models (`contracts.views.actions`) filled from the projections'
rows with the figures and warnings the domain computes, and the pages, batches and answers around them."""

from __future__ import annotations

from datetime import date
from typing import Any

from contracts.events.actions import ActivityType, CapacityLevel, Phase
from contracts.events.requests import ThematicArea
from contracts.reference.topics import TOPICS
from contracts.views import actions as published
from contracts.views.actions import TopicView, WarningView
from pydantic import BaseModel, Field

from actions_service.domain.deliverables import APPROVAL, ROLLOUT
from actions_service.domain.warnings import launch, warnings


class ActionView(published.ActionView):
    @classmethod
    def from_row(cls, row: dict[str, Any], today: date) -> ActionView:
        figures = launch(row["received_on"], row["approved_on"], row["launched_on"], today)
        fiche = row["fiche"]
        first = ActivityType(row["first_activity_type"]) if row["first_activity_type"] else None
        found = warnings(
            active_activities=row["activities_planned"],
            first_activity_type=first,
            capacity_levels=frozenset(CapacityLevel(c["level"]) for c in fiche["capacity_levels"]) if fiche else None,
            phase=Phase(row["phase"]),
            thematic_area=ThematicArea(row["thematic_area"]),
            launch_late=figures.late,
            launched=row["launched_on"] is not None,
            planned_sequence=[ActivityType(t) for t in fiche["planned_sequence"]] if fiche else None,
            unmodified_activity_types=[ActivityType(t) for t in row["unmodified_activity_types"]],
            fact_finding_days=row["fact_finding_days"],
            endorsed=bool(fiche and fiche.get("endorsed_revision")),
        )
        return cls.model_validate(
            {
                **row,
                "launched_late": figures.late,
                "days_to_launch_from_request": figures.days_from_request,
                "days_to_launch_from_approval": figures.days_from_approval,
                "warnings": [WarningView(code=w.code, rule=w.rule, message=w.message) for w in found],
            }
        )


class ActivityView(published.ActivityView):
    @classmethod
    def from_row(cls, row: dict[str, Any]) -> ActivityView:
        return cls.model_validate(row)


class DeliverableView(published.DeliverableView):
    @classmethod
    def from_row(cls, row: dict[str, Any]) -> DeliverableView:
        view = cls.model_validate(row)
        approval = [s for s in view.history if s.status in APPROVAL]
        rollout = [s for s in view.history if s.status in ROLLOUT]
        return view.model_copy(
            update={"approval": approval[-1] if approval else None, "rollout": rollout[-1] if rollout else None}
        )


class CommandResponse(BaseModel):
    """Every command answers with the Action; activity and deliverable commands also with what they changed."""

    action: ActionView
    version: int = Field(description="the Action's version after the command")
    position: int = Field(description="store position of the last event appended (consistency token)")
    activity: ActivityView | None = Field(default=None, description="the activity changed (activity commands)")
    deliverable: DeliverableView | None = Field(default=None, description="the deliverable changed")


class ActionPage(BaseModel):
    items: list[ActionView]
    cursors: list[str] = Field(description="the cursor of each item, to page on after it")
    total_count: int = Field(description="all matching Actions, ignoring paging")
    has_next_page: bool
    has_previous_page: bool = False
    next_cursor: str | None


class ActionBatch(BaseModel):
    items: list[ActionView | None] = Field(description="one per key asked, same order; null if unknown or hidden")


class ActivityBatch(BaseModel):
    items: list[ActivityView | None] = Field(description="one per id asked, same order; null if unknown or hidden")


class ActivityLists(BaseModel):
    items: list[list[ActivityView]] = Field(description="one list per Action id asked, same order; [] if hidden")


class DeliverableLists(BaseModel):
    items: list[list[DeliverableView]] = Field(description="one list per Action id asked, same order; [] if hidden")


class TopicCatalogue(BaseModel):
    items: list[TopicView]

    @classmethod
    def of_catalogue(cls) -> TopicCatalogue:
        return cls(items=[TopicView(code=t.code, name=t.name, thematic_area=t.thematic_area,
                                    families=list(t.families)) for t in TOPICS])  # fmt: skip
