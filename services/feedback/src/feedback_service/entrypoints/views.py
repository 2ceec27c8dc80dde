"""The HTTP API's views: the published read models (`contracts.views.feedback`) filled from the projections'
rows and the figures the domain computes (snake_case JSON; codes as in contracts, 1:1 with the GraphQL enums)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from contracts.events.actions import CapacityLevel
from contracts.events.feedback import EvaluationRatings, FeedbackSource, GoodPracticeFeature, ParticipantReview
from contracts.views.feedback import (
    ActionFeedbackAnswer,
    ActionFeedbackBatch,
    ActionFeedbackItem,
    ActionFeedbackView,
    ActionGaps,
    ActionGapView,
    ActivityGaps,
    ActivitySummary,
    ClosedView,
    Comment,
    CommentList,
    CompletenessView,
    ParticipantFeedbackAnswer,
    PublishedRef,
    ReviewView,
    SummaryBatch,
)

from feedback_service.adapters.completeness import Completeness
from feedback_service.adapters.views import Row
from feedback_service.application.reviews import Closed, ReviewFigures

__all__ = [
    "ActionFeedbackAnswer",
    "ActionFeedbackBatch",
    "ActionFeedbackItem",
    "ActionFeedbackView",
    "ActivitySummary",
    "ClosedView",
    "Comment",
    "CommentList",
    "CompletenessView",
    "ParticipantFeedbackAnswer",
    "ReviewView",
    "SummaryBatch",
    "action_feedback_item",
    "closed_view",
    "completeness_view",
    "review_view",
    "summary_view",
]

Row_ = dict[str, Any]


def summary_view(row: Row, review: ParticipantReview) -> ActivitySummary:
    return ActivitySummary(
        activity_id=row["activity_id"],
        action_id=row["action_id"],
        held=row["status"] == "HELD",
        responses=review.responses,
        criteria=list(review.criteria),
        capacity_levels=list(review.capacity_levels),
        suppressed=review.suppressed,
    )


def action_feedback_item(row: Row, with_note: bool) -> ActionFeedbackItem:
    return ActionFeedbackItem(
        id=row["feedback_id"],
        action_id=row["action_id"],
        source=FeedbackSource(row["source"]),
        expert_id=row["expert_id"],
        authority_id=row["authority_id"],
        ratings=EvaluationRatings(**{k: row[k] for k in EvaluationRatings.model_fields}),
        capacity_levels_reached=[CapacityLevel(v) for v in row["capacity_levels_reached"]],
        good_practice_features=[GoodPracticeFeature(v) for v in row["good_practice_features"]],
        given_on=row["given_on"],
        on_behalf=row["on_behalf"],
        corrected_on=row["corrected_on"],
        note=row["note"] if with_note else None,
    )


def completeness_view(region: str | None, c: Completeness, aggregates_only: bool = False) -> CompletenessView:
    """`aggregates_only` (the reporting role): counts and shares, no ids of activities, Actions or experts."""
    share = round(c.with_feedback / c.held_activities, 4) if c.held_activities else None
    gaps = [ActionGapView.model_validate(asdict(g)) for g in c.gaps]
    return CompletenessView.model_validate(
        {
            "region": region,
            "activities": ActivityGaps(
                held=c.held_activities,
                with_feedback=c.with_feedback,
                share=share,
                without_feedback=[] if aggregates_only else c.without_feedback,
            ),
            "actions": ActionGaps(
                due=c.actions_due,
                missing_expert_feedback=sum(g.missing_expert_feedback for g in gaps),
                missing_partner_feedback=sum(g.missing_partner_feedback for g in gaps),
                items=[] if aggregates_only else gaps,
            ),
        }
    )


def review_view(figures: ReviewFigures, published: Row_ | None) -> ReviewView:
    p = figures.period
    return ReviewView.model_validate(
            {
                "period": p.id, "period_kind": p.kind, "period_start": p.start, "period_end": p.end,
                "region": figures.region, "thematic_area": figures.thematic_area, "participant": figures.participant,
                "action_level": figures.action_level, "suppressed_cells": figures.suppressed_cells,
                "published": PublishedRef(**published) if published else None,
            }
        )  # fmt: skip


def closed_view(closed: Closed) -> ClosedView:
    return ClosedView(period=closed.period.id, published=closed.published, already_published=closed.already_published)
