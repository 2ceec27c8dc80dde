"""The gateway app: Strawberry on FastAPI at /graphql, bearer JWT on every operation, limits."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator

import httpx
import strawberry
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from graphql import GraphQLError
from service_core.app import install_request_context, tcp_reachable
from service_core.auth import AuthError, verifier_from
from service_core.metrics import install_http_metrics, metrics_response, new_registry, serve_metrics_port
from service_core.telemetry import tracing_on
from starlette.requests import HTTPConnection
from strawberry.extensions import MaskErrors, SchemaExtension
from strawberry.fastapi import GraphQLRouter

from gateway.clients import ServiceClient, new_http_client
from gateway.consistency import HEADER, BadConsistencyToken, ConsistencyReport, ReadGate, decode_token
from gateway.context import GatewayContext, Services
from gateway.cursors import CursorSigner
from gateway.errors import ErrorCodes, GatewaySchema, should_mask
from gateway.factsheets.routes import factsheet_router
from gateway.fanout import EventHub
from gateway.hygiene import RequestHygiene
from gateway.limits import QueryGuard, QueryLimits, TimeLimit, TrustedOperations, load_trusted
from gateway.metrics import GraphQLMetrics
from gateway.over_http import MediaType, graphql_response_error
from gateway.published import published_routes
from gateway.schema.root import Mutation, Query
from gateway.settings import GatewaySettings
from gateway.subscriptions import Subscription
from gateway.validation_cache import KnownValidDocuments, ValidationByText
from gateway.websocket import GatewayRouter, socket_context


def build_schema(
    limits: QueryLimits | None = None,
    trusted: dict[str, str] | None = None,
    trusted_only: bool = False,
    observed: type[SchemaExtension] | None = None,
) -> strawberry.Schema:
    """`observed`: an extension that sees every operation from start to end (the gateway's metrics)."""
    guard = limits or QueryLimits()
    known_valid = KnownValidDocuments()  # one per schema: validity is the schema's
    return GatewaySchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        extensions=[
            *([observed] if observed else []),
            lambda: TrustedOperations(trusted or {}, trusted_only),
            lambda: QueryGuard(guard),  # parses and measures the document; refuses before validation
            lambda: ValidationByText(known_valid),  # after the guard: a refused document is never "known"
            lambda: MaskErrors(should_mask_error=should_mask),  # no Python internals leak to clients
            ErrorCodes,
            ConsistencyReport,
        ],
    )


def create_gateway_app(
    settings: GatewaySettings, transports: dict[str, httpx.AsyncBaseTransport] | None = None
) -> FastAPI:
    """`transports` lets tests route a service's HTTP to an in-process app instead of a socket."""
    transports = transports or {}
    verifier = verifier_from(settings)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        def client(name: str, url: str) -> ServiceClient:
            http = new_http_client(url, settings.service_timeout_s, transports.get(name))
            return ServiceClient(name, http, settings.read_retries, settings.service_timeout_s)

        app.state.services = Services(**{name: client(name, url) for name, url in settings.service_urls.items()})
        metrics_server = serve_metrics_port(settings.metrics_port, settings.http_host, registry)
        try:
            yield
        finally:
            if metrics_server is not None:
                metrics_server.shutdown()
            await app.state.events.close()
            await app.state.services.close()

    async def context(request: HTTPConnection) -> GatewayContext:
        if request.scope["type"] == "websocket":  # the token may come later, in connection_init
            return socket_context(request, verifier, settings.max_page_size)
        if request.scope["method"] == "GET" and "query" not in request.query_params:  # the IDE page: no token
            return socket_context(request, verifier, settings.max_page_size)
        header = request.headers.get("authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise AuthError("missing bearer token (Authorization: Bearer <token>; `make token ROLE=...`)")
        deadline = time.monotonic() + settings.service_budget_s  # shared by every service call and retry
        consistency = request.headers.get(HEADER)
        gate = ReadGate(decode_token(consistency), settings.consistency_wait_s) if consistency else None
        return GatewayContext(
            principal=verifier.verify(token.strip()),
            token=token.strip(),
            services=request.app.state.services,
            max_page_size=settings.max_page_size,
            gate=gate,
            deadline=deadline,
        )

    docs = settings.api_docs  # off in production: the route list is nobody's business there
    app = FastAPI(
        title="MIEUX GraphQL gateway",
        lifespan=lifespan,
        docs_url="/docs" if docs else None,
        redoc_url="/redoc" if docs else None,
        openapi_url="/openapi.json" if docs else None,
    )
    app.state.verifier = verifier
    install_request_context(app, production=settings.environment == "production")
    registry = new_registry()
    graphql_metrics = GraphQLMetrics(registry)
    install_http_metrics(app, registry)
    # Subscription.regionEvents: one live reader per process, cursors signed for their caller
    app.state.events = EventHub(
        settings.kafka_bootstrap_servers,
        settings.max_subscriptions,
        settings.subscription_queue_size,
        settings.max_subscriptions_per_caller,
    )
    app.state.cursors = CursorSigner(settings.cursor_key)
    router: GraphQLRouter[GatewayContext, None] = GatewayRouter(
        build_schema(
            settings.query_limits(),
            load_trusted(settings.trusted_operations_file) if settings.trusted_operations_file else None,
            settings.trusted_operations_only,
            graphql_metrics.extension(),
        ),
        context_getter=context,
        graphql_ide="graphiql" if settings.graphiql else None,
        allow_queries_via_get=True,  # queries only: strawberry refuses a mutation over GET (405)
        subscription_protocols=settings.subscription_protocols,
    )
    app.include_router(router, prefix="/graphql")
    app.include_router(published_routes(settings))
    app.include_router(factsheet_router(verifier, settings.service_budget_s))

    app.add_middleware(MediaType)
    app.add_middleware(TimeLimit, seconds=settings.request_timeout_s)
    app.add_middleware(  # outermost: nothing reads a request it refuses
        RequestHygiene,
        max_header_bytes=settings.max_header_bytes,
        max_body_bytes=settings.max_body_bytes,
        max_json_depth=settings.max_json_depth,
    )

    @app.exception_handler(BadConsistencyToken)
    async def bad_token(request: Request, exc: BadConsistencyToken) -> JSONResponse:
        error = GraphQLError(str(exc), extensions={"code": exc.code, "field": HEADER})
        body, media = graphql_response_error(request, {"data": None, "errors": [error.formatted]})
        return JSONResponse(body, status_code=400, media_type=media)

    @app.exception_handler(AuthError)
    async def unauthenticated(request: Request, exc: AuthError) -> JSONResponse:
        error = GraphQLError(str(exc), extensions={"code": "UNAUTHENTICATED"})
        body, media = graphql_response_error(request, {"data": None, "errors": [error.formatted]})
        return JSONResponse(body, status_code=401, headers={"WWW-Authenticate": "Bearer"}, media_type=media)

    @app.get("/healthz", tags=["ops"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/metrics", tags=["ops"], response_class=Response, summary="Prometheus metrics (a token in production)")
    async def metrics() -> Response:
        return metrics_response(registry)

    @app.get("/readyz", tags=["ops"])
    async def readyz() -> JSONResponse:
        checks: dict[str, str] = {}
        for name, url in settings.service_urls.items():
            host_port = url.split("://", 1)[-1].split("/", 1)[0]
            try:
                await tcp_reachable(host_port if ":" in host_port else f"{host_port}:80")
                checks[name] = "ok"
            except ConnectionError:
                checks[name] = "unavailable"
        # The gateway is ready to serve even when a service is down (partial data with errors) or the live
        # event reader failed (subscriptions end with STREAM_UNAVAILABLE and resume from their cursor).
        return JSONResponse({"ready": True, "services": checks, "events": app.state.events.status()})

    if tracing_on():
        from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor

        FastAPIInstrumentor.instrument_app(app, excluded_urls="healthz,readyz,metrics")
    return app
