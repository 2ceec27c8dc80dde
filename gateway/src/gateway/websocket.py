"""Authentication on the GraphQL websocket (graphql-transport-ws).

Browsers cannot set headers on a websocket, so the bearer token comes in the `connection_init` payload
(`{"Authorization": "Bearer <token>"}`); an `Authorization` header on the upgrade request works too (the
payload wins when both are given). The connection is always acknowledged: every operation on a socket
without a valid token is refused with `extensions.code = UNAUTHENTICATED` and the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from cross_web import HTTPException
from service_core.auth import AuthError, Principal, TokenVerifier
from starlette.requests import HTTPConnection, Request
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse
from strawberry.schema.exceptions import InvalidOperationTypeError
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from gateway.context import GatewayContext
from gateway.over_http import shape

ANONYMOUS = Principal(sub="", roles=frozenset())
NO_TOKEN = 'missing bearer token: send {"Authorization": "Bearer <token>"} as the connection_init payload'


@dataclass
class SocketContext(GatewayContext):
    """One per websocket; `token` stays empty (and `principal` ANONYMOUS) until a valid token arrives."""

    verifier: TokenVerifier | None = None
    auth_error: str = NO_TOKEN

    @property
    def authenticated(self) -> bool:
        return bool(self.token)

    def authenticate(self, authorization: str) -> None:
        scheme, _, token = authorization.partition(" ")
        self.principal, self.token = ANONYMOUS, ""
        if scheme.lower() != "bearer" or not token.strip():
            self.auth_error = NO_TOKEN
            return
        if self.verifier is None:  # pragma: no cover - always set by socket_context
            raise RuntimeError("SocketContext without a verifier")
        try:
            self.principal = self.verifier.verify(token.strip())
        except AuthError as exc:
            self.auth_error = str(exc)
            return
        self.token = token.strip()


def socket_context(connection: HTTPConnection, verifier: TokenVerifier, max_page_size: int) -> SocketContext:
    context = SocketContext(
        principal=ANONYMOUS,
        token="",
        services=connection.app.state.services,
        max_page_size=max_page_size,
        verifier=verifier,
    )
    if header := connection.headers.get("authorization"):
        context.authenticate(header)
    return context


def authorization_in(params: Any) -> str | None:
    if not isinstance(params, dict):
        return None
    value = params.get("Authorization", params.get("authorization"))
    return value if isinstance(value, str) else None


class GatewayRouter(GraphQLRouter[GatewayContext, None]):
    """Strawberry's FastAPI router, reading the token from `connection_init` on websockets and answering in
    the media type the client asked for (over_http.py)."""

    async def execute_single(self, *args: Any, **kwargs: Any) -> ExecutionResult:
        try:
            return await super().execute_single(*args, **kwargs)
        except HTTPException as exc:  # a mutation over GET: 405 (GraphQL over HTTP), not strawberry's 400
            if isinstance(exc.__cause__, InvalidOperationTypeError):
                raise HTTPException(405, exc.reason) from exc
            raise

    async def process_result(self, request: Request, result: ExecutionResult) -> GraphQLHTTPResponse:
        body = await super().process_result(request, result)
        return cast(GraphQLHTTPResponse, shape(request, result, cast(dict[str, Any], body)))

    async def on_ws_connect(self, context: GatewayContext) -> UnsetType | dict[str, object] | None:
        if isinstance(context, SocketContext) and (authorization := authorization_in(context.connection_params)):
            context.authenticate(authorization)
        acknowledged: UnsetType = UNSET  # a plain connection_ack
        return acknowledged
