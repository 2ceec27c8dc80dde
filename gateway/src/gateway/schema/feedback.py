"""Feedback in the graph: activity summaries, Action feedback, completeness and periodic reviews."""

from __future__ import annotations

import strawberry
from contracts.bodies import feedback as bodies
from contracts.events import feedback as events
from contracts.views import feedback as views

from gateway.schema.derive import derived, derived_input
from gateway.schema.enums import FeedbackChannel

SUPPRESSED = "Null when suppressed: fewer than five responses and the reader is below programme_manager."


@derived(events.ParticipantCriterionStats, description="Statistics of one participant criterion.")
class ParticipantCriterionStats:
    responses: int = strawberry.field(
        description="Responses these figures count: below programme_manager only released ones (whole blocks of "
        "five per activity, in the order recorded), so two readings never differ by a single response."
    )
    mean: float | None = strawberry.field(description="Rounded half up to 2 decimals. " + SUPPRESSED)
    distribution: list[int] | None = strawberry.field(description="How many gave 1..5. " + SUPPRESSED)


@derived(events.EvaluationCriterionStats, description="Statistics of one evaluation criterion.")
class EvaluationCriterionStats:
    mean: float | None = strawberry.field(description="Rounded half up to 2 decimals. " + SUPPRESSED)


@derived(events.LevelCount)
class LevelCount:
    pass


@derived(events.FeatureCount)
class FeatureCount:
    pass


@derived(events.EvaluationRatings)
class EvaluationRatings:
    pass


@derived(views.ActivitySummary)
class FeedbackSummary:
    pass


@derived(views.ActionFeedbackItem)
class ActionFeedbackItem:
    id: strawberry.ID = strawberry.field(name="feedbackId", description="Its id within the Action's feedback.")


@derived(views.ActionFeedbackView)
class ActionFeedback:
    pass


@derived(events.ParticipantReview)
class ParticipantReview:
    pass


@derived(events.ActionLevelReview)
class ActionLevelReview:
    pass


@derived(views.PublishedRef)
class PublishedReview:
    pass


@derived(views.ReviewView)
class Review:
    pass


@derived(views.ActivityGaps)
class ActivityGaps:
    pass


@derived(views.ActionGapView)
class ActionGap:
    pass


@derived(views.ActionGaps)
class ActionGaps:
    pass


@derived(views.CompletenessView)
class FeedbackCompleteness:
    pass


@derived_input(events.ParticipantRatings)
class ParticipantRatingsInput:
    pass


@derived_input(
    bodies.ParticipantResponseBody, description="One anonymous participant response; no personal data is asked for."
)
class ParticipantResponseInput:
    pass


@derived_input(bodies.ParticipantFeedbackBody)
class SubmitParticipantFeedbackInput:
    activity_id: strawberry.ID
    channel: FeedbackChannel | None = strawberry.field(default=None, description="How it arrived; ONLINE if null.")


@derived_input(bodies.ParticipantBatchBody, description="A paper form set: validated as a whole, all or nothing.")
class SubmitParticipantFeedbackBatchInput:
    activity_id: strawberry.ID


@derived_input(events.EvaluationRatings)
class EvaluationRatingsInput:
    pass


@derived_input(
    bodies.ActionFeedbackBody,
    description="Action-level feedback from a deployed expert (EXPERT) or the partner (PARTNER).",
)
class SubmitActionFeedbackInput:
    action_id: strawberry.ID
