"""The one composition root of the feedback service (nothing connects at import time)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from contracts.events import default_registry
from contracts.services import service
from contracts.topics import ACTIONS, EXPERTS
from pydantic import Field
from service_core.runtime import BackgroundWorker, ServiceContext, ServiceDefinition
from service_core.settings import ServiceSettings

from feedback_service.adapters.views import FeedbackViews
from feedback_service.application.handlers import COMMANDS
from feedback_service.application.policies import POLICIES
from feedback_service.application.queries import FeedbackQueries
from feedback_service.application.reviews import ReviewCloser
from feedback_service.entrypoints.routes import build_router
from feedback_service.projections.evaluation_view import EvaluationView
from feedback_service.projections.feedback_view import FeedbackView


class FeedbackSettings(ServiceSettings):
    service_name: str = "feedback"
    http_port: int = service("feedback").port
    review_close_interval_s: float = Field(
        default=300.0, gt=0, description="how often due review periods are closed (MIEUX_REVIEW_CLOSE_INTERVAL_S)"
    )
    reviews_from: date | None = Field(
        default=None, description="first day to close periods from (MIEUX_REVIEWS_FROM); default: the first feedback"
    )


def workers(ctx: ServiceContext) -> Sequence[BackgroundWorker]:
    settings = ctx.settings
    interval = settings.review_close_interval_s if isinstance(settings, FeedbackSettings) else 300.0
    since = settings.reviews_from if isinstance(settings, FeedbackSettings) else None
    return [ReviewCloser(ctx.app, FeedbackViews(ctx.pool), interval_s=interval, reviews_from=since)]


definition = ServiceDefinition(
    name="feedback",
    package="feedback_service",
    title="MIEUX feedback service",
    description=(
        "Participant feedback on held activities (R12), expert and partner-authority feedback on Actions (R13), "
        "completeness, and quarterly, half-yearly and yearly reviews (R14) with cells of fewer than five responses "
        "suppressed below programme_manager. Learns activities and Actions from mieux.actions.v1 and deployments "
        "from mieux.experts.v1. Every endpoint but /healthz, /readyz and /metrics needs a bearer token. "
        "Errors: {'error': {'code', 'message', 'field'}}."
    ),
    registry=default_registry(),
    settings_class=FeedbackSettings,
    router=build_router,
    commands=COMMANDS,
    policies=POLICIES,
    projections=lambda: (FeedbackView(), EvaluationView()),
    queries=lambda ctx: FeedbackQueries(FeedbackViews(ctx.pool)),
    consumed_topics=(ACTIONS, EXPERTS),
    workers=workers,
)
