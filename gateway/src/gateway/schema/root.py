"""Query and Mutation roots, composed from one part per service."""

from __future__ import annotations

import strawberry

from gateway.schema.request_api import RequestMutation, RequestQuery


@strawberry.type
class Query(RequestQuery):
    pass


@strawberry.type
class Mutation(RequestMutation):
    pass
