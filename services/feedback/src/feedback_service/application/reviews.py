"""Reviews (R14): computed on demand for any period and scope, published once at the close of each period.

A review is published on its own stream `review:<period>:<scope>[:<value>]`, so publishing it twice (two
closers, a closer and `POST /reviews/close`, a restart) appends nothing the second time. Published reviews
carry suppressed cells: the stream feeds reporting systems, which are below programme_manager.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from contracts.events.feedback import ActionLevelReview, ParticipantReview, ReviewPublished, ReviewScope
from contracts.events.requests import Region, ThematicArea
from service_core.commands import Aggregate
from service_core.store.base import ConcurrencyError, EventMetadata

from feedback_service.adapters.views import FeedbackViews, ScopeKey
from feedback_service.application.handlers import App
from feedback_service.domain.commands import PublishReview
from feedback_service.domain.decide import publish_review
from feedback_service.domain.periods import Period, closed_periods
from feedback_service.domain.state import Review, evolve_review
from feedback_service.domain.stats import ActionTally, ParticipantTally, action_level_review, participant_review

REVIEW: Aggregate[Review] = Aggregate("review", Review(), evolve_review)
SCOPES: tuple[ScopeKey, ...] = (
    (ReviewScope.PORTFOLIO, None),
    *((ReviewScope.REGION, str(region)) for region in Region),
    *((ReviewScope.THEMATIC_AREA, str(area)) for area in ThematicArea),
)
log = logging.getLogger(__name__)


def review_id(period: Period, scope: ReviewScope, value: str | None) -> str:
    return f"review:{period.id}:{scope}" + (f":{value}" if value else "")


@dataclass(frozen=True, slots=True)
class ReviewFigures:
    period: Period
    region: str | None
    thematic_area: str | None
    participant: ParticipantReview
    action_level: ActionLevelReview
    suppressed_cells: bool


async def review_of(
    views: FeedbackViews, period: Period, region: str | None, thematic_area: str | None, suppress: bool
) -> ReviewFigures:
    p, a = await views.review_tallies(period, region, thematic_area, suppress)
    return ReviewFigures(
        period, region, thematic_area, participant_review(p, suppress), action_level_review(a, suppress), suppress
    )


@dataclass(frozen=True, slots=True)
class Closed:
    period: Period
    published: list[str]
    already_published: list[str]


async def close_period(app: App, views: FeedbackViews, period: Period, today: date) -> Closed:
    """Publish the period's review for the portfolio, every region and every thematic area (once each)."""
    already = await views.published_review_ids(period.id)
    tallies = await views.review_tallies_by_scope(period)
    published: list[str] = []
    metadata = EventMetadata(actor="review-closer", correlation_id=f"review:{period.id}")
    async with app.store.transaction() as uow:
        for scope, value in SCOPES:
            rid = review_id(period, scope, value)
            if rid in already:
                continue
            p, a = tallies.get((scope, value), (ParticipantTally(), ActionTally()))
            review = ReviewPublished(
                review_id=rid, period_kind=period.kind, period=period.id, period_start=period.start,
                period_end=period.end, scope=scope, scope_value=value, participant=participant_review(p, True),
                action_level=action_level_review(a, True), published_on=today,
            )  # fmt: skip
            command = PublishReview(review)
            outcome = await app.decide(
                uow, REVIEW, rid, lambda state, c=command: publish_review(state, c),  # type: ignore[misc]
                metadata=metadata,
            )  # fmt: skip
            if outcome.recorded:
                published.append(rid)
    return Closed(period, published, sorted(already))


async def close_due(app: App, views: FeedbackViews, today: date, reviews_from: date | None) -> list[Closed]:
    """Close every period that ended before today (from the first feedback, or `reviews_from`) not yet closed."""
    first = reviews_from or await views.first_feedback_day()
    if first is None:
        return []
    closed: list[Closed] = []
    for period in closed_periods(first, today):
        if len(await views.published_review_ids(period.id)) == len(SCOPES):
            continue
        try:
            closed.append(await close_period(app, views, period, today))
        except ConcurrencyError:
            log.info("review period closed concurrently", extra={"period": period.id})
    return closed


class ReviewCloser:
    """Background worker: closes due periods at start and then every `interval_s` seconds."""

    name = "review-closer"

    def __init__(
        self,
        app: App,
        views: FeedbackViews,
        *,
        interval_s: float,
        reviews_from: date | None,
        today: Callable[[], date] | None = None,
    ) -> None:
        self._app = app
        self._views = views
        self._interval = interval_s
        self._reviews_from = reviews_from
        self._today = today or app.today
        self._stopping = asyncio.Event()
        self.published = 0

    async def run(self) -> None:
        while not self._stopping.is_set():
            try:
                for closed in await close_due(self._app, self._views, self._today(), self._reviews_from):
                    self.published += len(closed.published)
            except Exception:  # a failed round is retried at the next tick; the worker keeps running
                log.exception("closing review periods failed")
            try:
                await asyncio.wait_for(self._stopping.wait(), timeout=self._interval)
            except TimeoutError:
                pass

    def stop(self) -> None:
        self._stopping.set()
