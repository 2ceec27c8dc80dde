"""Query and Mutation roots, composed from one part per service."""

from __future__ import annotations

import strawberry

from gateway.schema.action_api import ActionMutation, ActionQuery
from gateway.schema.evaluations import EvaluationMutation, EvaluationQuery
from gateway.schema.expert_api import ExpertMutation, ExpertQuery
from gateway.schema.feedback_api import FeedbackMutation, FeedbackQuery
from gateway.schema.places import PlaceQuery
from gateway.schema.portfolio import PortfolioQuery
from gateway.schema.request_api import RequestMutation, RequestQuery


@strawberry.type
class Query(RequestQuery, ActionQuery, ExpertQuery, FeedbackQuery, EvaluationQuery, PlaceQuery, PortfolioQuery):
    pass


@strawberry.type
class Mutation(RequestMutation, ActionMutation, ExpertMutation, FeedbackMutation, EvaluationMutation):
    pass
