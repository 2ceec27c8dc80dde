"""Query and Mutation roots, composed from one part per service."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry import relay

from gateway.schema.action_api import ActionMutation, ActionQuery
from gateway.schema.evaluations import EvaluationMutation, EvaluationQuery
from gateway.schema.expert_api import ExpertMutation, ExpertQuery
from gateway.schema.feedback_api import FeedbackMutation, FeedbackQuery
from gateway.schema.nodes import require_global_id, resolve_global, settle
from gateway.schema.places import PlaceQuery
from gateway.schema.plumbing import GInfo
from gateway.schema.portfolio import PortfolioQuery
from gateway.schema.request_api import RequestMutation, RequestQuery

MAX_NODES = 100  # as many as one page of a connection


@strawberry.type
class NodeQuery:
    @strawberry.field(
        description="Any object by its global id, as a normalised cache refetches it; null when it does not exist "
        "or is outside your access, FORBIDDEN exactly where the object's own field would be."
    )
    async def node(self, info: GInfo, id: strawberry.ID) -> relay.Node | None:
        found = await resolve_global(info, require_global_id(str(id), "id"))
        if isinstance(found, Exception):
            raise found
        return found  # type: ignore[no-any-return]

    @strawberry.field(description=f"Objects by global id, in order (at most {MAX_NODES}); each one as `node` answers.")
    async def nodes(self, info: GInfo, ids: list[strawberry.ID]) -> list[relay.Node | None]:
        if len(ids) > MAX_NODES:
            raise GraphQLError(f"at most {MAX_NODES} ids", extensions={"code": "TOO_MANY_ITEMS", "field": "ids"})
        global_ids = [require_global_id(str(i), "ids") for i in ids]
        return await settle(resolve_global(info, g) for g in global_ids)


@strawberry.type
class Query(
    NodeQuery, RequestQuery, ActionQuery, ExpertQuery, FeedbackQuery, EvaluationQuery, PlaceQuery, PortfolioQuery
):
    pass


@strawberry.type
class Mutation(RequestMutation, ActionMutation, ExpertMutation, FeedbackMutation, EvaluationMutation):
    pass
