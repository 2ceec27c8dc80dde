"""FastAPI app factory: health and readiness, JSON errors, request/correlation ids, bearer auth."""

from __future__ import annotations

import asyncio
import logging
import uuid
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from service_core.auth import AuthError, Principal, TokenVerifier
from service_core.errors import DomainError
from service_core.observability import actor_var, correlation_id_var, request_id_var, traceparent_var
from service_core.telemetry import tracing_on

log = logging.getLogger(__name__)
ReadinessCheck = Callable[[], Awaitable[None]]
_bearer = HTTPBearer(auto_error=False)


def error_body(code: str, message: str, field: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "field": field, **extra}}


def create_app(
    *,
    title: str,
    verifier: TokenVerifier,
    readiness: dict[str, ReadinessCheck],
    readiness_details: Callable[[], Awaitable[dict[str, Any]]] | None = None,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]] | None = None,
    description: str = "",
) -> FastAPI:
    app = FastAPI(title=title, description=description, lifespan=lifespan)
    app.state.verifier = verifier

    @app.middleware("http")
    async def carry_ids(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request_id = request.headers.get("x-request-id") or str(uuid.uuid4())
        correlation_id = request.headers.get("x-correlation-id") or request_id
        tokens = [
            request_id_var.set(request_id),
            correlation_id_var.set(correlation_id),
            traceparent_var.set(request.headers.get("traceparent")),
        ]
        try:
            response = await call_next(request)
        finally:
            for var, token in zip((request_id_var, correlation_id_var, traceparent_var), tokens, strict=True):
                var.reset(token)
        response.headers["x-request-id"] = request_id
        response.headers["x-correlation-id"] = correlation_id
        return response

    @app.get("/healthz", tags=["ops"], summary="The process is alive")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"], summary="The database and the broker answer, background tasks are working")
    async def readyz() -> JSONResponse:
        results: dict[str, str] = {}
        for name, check in readiness.items():
            try:
                await asyncio.wait_for(check(), timeout=2.0)
                results[name] = "ok"
            except Exception as exc:  # readiness reports any failure, it never raises
                results[name] = f"unavailable: {type(exc).__name__}: {exc}"[:500]
        ready = all(v == "ok" for v in results.values())
        body: dict[str, Any] = {"ready": ready, "checks": results}
        if readiness_details is not None:
            try:
                body["details"] = await asyncio.wait_for(readiness_details(), timeout=2.0)
            except Exception as exc:
                body["details"] = {"unavailable": type(exc).__name__}
        return JSONResponse(body, status_code=200 if ready else 503)

    install_error_handlers(app)
    if tracing_on():
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz,metrics")
    return app


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(_: Request, exc: DomainError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, exc.message, exc.field), status_code=exc.status)

    @app.exception_handler(AuthError)
    async def auth_error(_: Request, exc: AuthError) -> JSONResponse:
        return JSONResponse(error_body(exc.code, str(exc)), status_code=401, headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "field": ".".join(str(p) for p in e["loc"] if p not in ("body", "query", "path")),
                "message": e["msg"],
            }
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"field": None, "message": "invalid input"}
        body = error_body("VALIDATION_ERROR", f"{first['field']}: {first['message']}", first["field"], errors=errors)
        return JSONResponse(body, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 401: "UNAUTHENTICATED"}.get(exc.status_code, "HTTP_ERROR")
        return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return JSONResponse(error_body("INTERNAL", "internal error; see the service log"), status_code=500)


async def require_principal(
    request: Request, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Principal:
    if credentials is None:
        raise AuthError("missing bearer token")
    verifier: TokenVerifier = request.app.state.verifier
    principal = verifier.verify(credentials.credentials)
    actor_var.set(principal.sub)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(require_principal)]


async def tcp_reachable(bootstrap_servers: str) -> None:
    """Readiness of the broker: one of the bootstrap servers accepts a connection."""
    last: Exception | None = None
    for server in bootstrap_servers.split(","):
        host, _, port = server.strip().rpartition(":")
        try:
            _, writer = await asyncio.open_connection(host, int(port))
            writer.close()
            await writer.wait_closed()
            return
        except OSError as exc:
            last = exc
    raise ConnectionError(f"no broker reachable at {bootstrap_servers}") from last
