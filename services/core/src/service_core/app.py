"""FastAPI app factory: health and readiness, JSON errors, request/correlation ids, bearer auth, request hygiene.

In production (`production=True`) the OpenAPI document and its pages are not served, and the operations
paths that reveal internals (`/metrics`, `/ops/stats`) need a valid bearer token like every API path.
"""

from __future__ import annotations

import asyncio
import logging
import re
import uuid
from collections.abc import Awaitable, Callable, Mapping
from contextlib import AbstractAsyncContextManager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException as StarletteHTTPException

from service_core.auth import AuthError, Principal, TokenVerifier
from service_core.errors import DomainError, error_body
from service_core.hygiene import RequestHygiene, RequestLimits
from service_core.observability import actor_var, correlation_id_var, request_id_var, traceparent_var
from service_core.telemetry import tracing_on

log = logging.getLogger(__name__)
ReadinessCheck = Callable[[], Awaitable[None]]
_bearer = HTTPBearer(auto_error=False)
GUARDED_IN_PRODUCTION = frozenset({"/metrics", "/ops/stats"})  # counters and lag: for operators, not the public

__all__ = ["CurrentPrincipal", "create_app", "error_body", "require_principal", "tcp_reachable"]


def create_app(
    *,
    title: str,
    verifier: TokenVerifier,
    readiness: dict[str, ReadinessCheck],
    readiness_details: Callable[[], Awaitable[dict[str, Any]]] | None = None,
    lifespan: Callable[[FastAPI], AbstractAsyncContextManager[None]] | None = None,
    description: str = "",
    production: bool = False,
    limits: RequestLimits | None = None,
) -> FastAPI:
    app = FastAPI(
        title=title,
        description=description,
        lifespan=lifespan,
        docs_url=None if production else "/docs",
        redoc_url=None if production else "/redoc",
        openapi_url=None if production else "/openapi.json",
        redirect_slashes=False,  # `/deployments/` (an empty id) is a 404 with a code, not a bodiless 307
    )
    app.state.verifier = verifier
    app.add_middleware(RequestHygiene, limits=limits)

    install_request_context(app, production=production)

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


def install_request_context(app: FastAPI, *, production: bool) -> None:
    """Request and correlation ids (and the caller's traceparent) in context for logs, event metadata and the
    calls this process makes; in production the operators' endpoints want a bearer token (`app.state.verifier`)."""

    @app.middleware("http")
    async def carry_ids(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        request_id = safe_id(request.headers.get("x-request-id")) or str(uuid.uuid4())
        correlation_id = safe_id(request.headers.get("x-correlation-id")) or request_id
        tokens = [
            request_id_var.set(request_id),
            correlation_id_var.set(correlation_id),
            traceparent_var.set(request.headers.get("traceparent")),
        ]
        try:
            if production and request.url.path in GUARDED_IN_PRODUCTION:
                refused = guard(request)
                response = refused if refused is not None else await call_next(request)
            else:
                response = await call_next(request)
        finally:
            for var, token in zip((request_id_var, correlation_id_var, traceparent_var), tokens, strict=True):
                var.reset(token)
        response.headers["x-request-id"] = request_id
        response.headers["x-correlation-id"] = correlation_id
        return response


_SAFE_ID = re.compile(r"[A-Za-z0-9._:/=+-]{1,128}")


def safe_id(value: str | None) -> str | None:
    """A caller's id is carried into logs and event metadata only if it is short and plain."""
    return value if value is not None and _SAFE_ID.fullmatch(value) else None


def guard(request: Request) -> JSONResponse | None:
    """401 unless the request carries a valid bearer token (any role)."""
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    try:
        if scheme.lower() != "bearer" or not token:
            raise AuthError("missing bearer token")
        verifier: TokenVerifier = request.app.state.verifier
        verifier.verify(token)
    except AuthError as exc:
        return refused(request, 401, exc.code, str(exc), headers={"WWW-Authenticate": "Bearer"})
    return None


def refused(
    request: Request,
    status: int,
    code: str,
    message: str,
    field: str | None = None,
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """A 4xx answer, logged at INFO: the caller's mistake, not the service's (faults are logged at ERROR)."""
    log.info("request refused", extra={"status": status, "code": code, "field": field, "path": request.url.path})
    return JSONResponse(error_body(code, message, field, **extra), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def domain_error(request: Request, exc: DomainError) -> JSONResponse:
        return refused(request, exc.status, exc.code, exc.message, exc.field)

    @app.exception_handler(AuthError)
    async def auth_error(request: Request, exc: AuthError) -> JSONResponse:
        return refused(request, 401, exc.code, str(exc), headers={"WWW-Authenticate": "Bearer"})

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {
                "field": ".".join(str(p) for p in e["loc"] if p not in ("body", "query", "path")),
                "message": e["msg"],
            }
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"field": None, "message": "invalid input"}
        message = f"{first['field']}: {first['message']}"
        return refused(request, 422, "VALIDATION_ERROR", message, first["field"], errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED", 401: "UNAUTHENTICATED"}.get(exc.status_code, "HTTP_ERROR")
        if exc.status_code >= 500:
            log.error("server error", extra={"status": exc.status_code, "path": request.url.path})
            return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)
        return refused(request, exc.status_code, code, str(exc.detail), headers=exc.headers)

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
