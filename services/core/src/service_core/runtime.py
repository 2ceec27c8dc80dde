"""The composition root shared by every service process.

A service describes itself once (ServiceDefinition); this module wires settings, the pool, the event
store, projections, the relay, the consumer and the HTTP API. Nothing connects at import time. What each
`python -m <name>_service MODE` runs is in `service_core.modes`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

import asyncpg
from contracts.base import DomainEvent
from contracts.registry import EventRegistry
from contracts.topics import service_topic
from fastapi import APIRouter, FastAPI, Response
from pydantic import BaseModel, Field

from service_core.app import CurrentPrincipal, create_app, tcp_reachable
from service_core.application import Application, Handler
from service_core.auth import Principal, Role, TokenVerifier, verifier_from
from service_core.consistency import ConsistencyAnswer, ConsistencyQuery, caught_up
from service_core.consumer import ConsumerRunner, RedriveInterrupted
from service_core.consumer import Handler as ConsumerHandler
from service_core.dead_letters import DeadLetter, DeadLetters
from service_core.errors import Forbidden, Unavailable
from service_core.metrics import (
    ServiceCollector,
    install_http_metrics,
    metrics_response,
    new_registry,
    serve_metrics_port,
)
from service_core.migrate import migrate
from service_core.policies import When, consumer_handlers
from service_core.ports import Clock, NewId, UnitsOfWork, new_id, utc_now
from service_core.projections import Projection
from service_core.relay import OutboxRelay
from service_core.settings import ServiceSettings
from service_core.store.postgres import PostgresEventStore, PostgresTransaction, create_pool
from service_core.supervisor import Supervised, readiness_of

log = logging.getLogger(__name__)


class BackgroundWorker(Protocol):
    """A service's own long-running task (e.g. closing review periods), run beside the consumer."""

    name: str

    async def run(self) -> None: ...

    def stop(self) -> None: ...


@dataclass
class ServiceContext:
    """What handlers, routes and policies of one service process share."""

    settings: ServiceSettings
    pool: asyncpg.Pool
    store: PostgresEventStore
    projections: Sequence[Projection]
    verifier: TokenVerifier
    app: Application[Any] = field(init=False)  # the command side, with the service's ports
    queries: Any = field(init=False)  # the read side the routes use
    relay: OutboxRelay | None = None
    consumer: ConsumerRunner | None = None
    workers: list[BackgroundWorker] = field(default_factory=list)
    tasks: list[Supervised] = field(default_factory=list)
    extras: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ServiceDefinition:
    """A service declares itself once; the runtime does the rest.

    `commands`: command class -> handler (one signature, service_core.application); `policies`: event class ->
    policy (service_core.policies), run by the consumer on `consumed_topics`; `projections`: the read models
    written in every command's transaction; `queries`: the read side the routes get; `ports`: what the
    service's handlers and policies need beyond the store (built once per process from the context)."""

    name: str
    package: str
    title: str
    registry: EventRegistry
    settings_class: type[ServiceSettings]
    router: Callable[[], APIRouter]
    commands: Mapping[type[Any], Handler[Any, Any]] = field(default_factory=dict)
    policies: Sequence[When[Any, Any]] = ()
    projections: Callable[[], Sequence[Projection]] = lambda: ()
    queries: Callable[[ServiceContext], Any] = lambda _: None
    ports: Callable[[ServiceContext], Any] = lambda _: None
    consumed_topics: tuple[str, ...] = ()
    workers: Callable[[ServiceContext], Sequence[BackgroundWorker]] = lambda _: ()
    description: str = ""

    @property
    def topic(self) -> str:
        return service_topic(self.name)

    def application(
        self, store: UnitsOfWork, ports: Any = None, *, clock: Clock = utc_now, new_id: NewId = new_id
    ) -> Application[Any]:
        """The service's command side on `store` (PostgreSQL in a process, memory in a unit test)."""
        return Application(store, list(self.projections()), ports, commands=self.commands, clock=clock, new_id=new_id)

    def consumer_handlers(self, app: Application[Any]) -> Mapping[type[DomainEvent], ConsumerHandler]:
        """The policies as the consumer runs them: in its inbox transaction, as a unit of work."""
        return consumer_handlers(app, self.policies, self.registry, PostgresTransaction)

    def handlers(self, ctx: ServiceContext) -> Mapping[type[DomainEvent], ConsumerHandler]:
        return self.consumer_handlers(ctx.app)


async def open_context(definition: ServiceDefinition, settings: ServiceSettings) -> ServiceContext:
    await migrate(settings.database_url, definition.package)
    pool = await create_pool(settings.database_url, min_size=2, max_size=20, session_limits=session_limits(settings))
    ctx = ServiceContext(
        settings=settings,
        pool=pool,
        store=PostgresEventStore(pool, definition.registry),
        projections=list(definition.projections()),
        verifier=verifier_from(settings),
    )
    ctx.app = Application(ctx.store, ctx.projections, definition.ports(ctx), commands=definition.commands)  # clock: UTC
    ctx.queries = definition.queries(ctx)
    return ctx


def build_relay(definition: ServiceDefinition, ctx: ServiceContext) -> OutboxRelay:
    s = ctx.settings
    return OutboxRelay(
        service=definition.name,
        topic=definition.topic,
        pool=ctx.pool,
        registry=definition.registry,
        bootstrap_servers=s.kafka_bootstrap_servers,
        partitions=s.topic_partitions,
        batch_size=s.relay_batch_size,
        idle_sleep=s.relay_idle_sleep_ms / 1000,
        poll_interval=s.relay_poll_interval_ms / 1000,
        linger_ms=s.relay_linger_ms,
        broker_check_interval=s.broker_check_interval_s,
        replication_factor=s.topic_replication_factor,
    )


def build_consumer(definition: ServiceDefinition, ctx: ServiceContext) -> ConsumerRunner | None:
    if not definition.consumed_topics:
        return None
    return ConsumerRunner(
        consumer=definition.name,
        topics=list(definition.consumed_topics),
        handlers=definition.handlers(ctx),
        pool=ctx.pool,
        registry=definition.registry,
        bootstrap_servers=ctx.settings.kafka_bootstrap_servers,
        partitions=ctx.settings.topic_partitions,
        replication_factor=ctx.settings.topic_replication_factor,
        max_record_bytes=ctx.settings.consumer_max_record_bytes,
        auto_redrive_interval=ctx.settings.consumer_auto_redrive_interval_s,
        fetch_max_wait_ms=ctx.settings.consumer_fetch_max_wait_ms,
    )


def session_limits(settings: ServiceSettings) -> dict[str, str]:
    """Bounds on the service's own sessions. The relay cannot publish past the oldest transaction still open
    anywhere in the cluster (`pg_snapshot_xmin`), so no session of ours may sit in a transaction for long."""
    return {
        "idle_in_transaction_session_timeout": f"{settings.pg_idle_in_transaction_timeout_s * 1000}",
        "transaction_timeout": f"{settings.pg_transaction_timeout_s * 1000}",
    }


@contextlib.asynccontextmanager
async def background_workers(
    definition: ServiceDefinition, ctx: ServiceContext, *, relay: bool, consume: bool
) -> AsyncIterator[None]:
    if relay:
        ctx.relay = build_relay(definition, ctx)
        ctx.tasks.append(Supervised(ctx.relay))
    if consume and (consumer := build_consumer(definition, ctx)) is not None:
        ctx.consumer = consumer
        ctx.tasks.append(Supervised(consumer))
    if consume:  # a service's own workers run where its consumer runs (`all`, `consume`)
        ctx.workers = list(definition.workers(ctx))
        ctx.tasks.extend(Supervised(w) for w in ctx.workers)
    running = [asyncio.create_task(t.run(), name=t.name) for t in ctx.tasks]
    try:
        yield
    finally:
        for task in ctx.tasks:
            task.stop()
        await asyncio.gather(*running, return_exceptions=True)


def build_app(definition: ServiceDefinition, settings: ServiceSettings, *, relay: bool, consume: bool) -> FastAPI:
    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx = await open_context(definition, settings)
        app.state.context = ctx
        metrics_server = serve_metrics_port(settings.metrics_port, settings.http_host, registry)
        try:
            async with background_workers(definition, ctx, relay=relay, consume=consume):
                yield
        finally:
            if metrics_server is not None:
                metrics_server.shutdown()
            await ctx.pool.close()

    async def database_ready() -> None:
        await app.state.context.pool.fetchval("SELECT 1")

    async def broker_ready() -> None:
        await tcp_reachable(settings.kafka_bootstrap_servers)

    async def readiness_details() -> dict[str, Any]:
        ctx: ServiceContext = app.state.context
        return {
            "dead_letters_parked": await parked_dead_letters(ctx.pool, definition),
            "task_restarts": {t.name: t.restarts for t in ctx.tasks},
        }

    app = create_app(
        title=definition.title,
        description=definition.description,
        verifier=verifier_from(settings),
        readiness={
            "database": database_ready,
            "broker": broker_ready,
            "tasks": readiness_of(lambda: app.state.context.tasks),
        },
        readiness_details=readiness_details,
        lifespan=lifespan,
        production=settings.environment == "production",
    )

    registry = new_registry()
    registry.register(ServiceCollector(definition.name, lambda: getattr(app.state, "context", None)))
    install_http_metrics(app, registry)

    @app.get("/metrics", tags=["ops"], summary="Prometheus metrics (text format)", response_class=Response)
    async def metrics() -> Response:
        return metrics_response(registry)

    @app.get("/ops/stats", tags=["ops"], summary="Relay and consumer counters, consumer lag, tasks (JSON)")
    async def stats() -> dict[str, Any]:
        ctx: ServiceContext = app.state.context
        return {
            "relay": ctx.relay.stats.__dict__ if ctx.relay else None,
            "consumer": ctx.consumer.stats.as_dict() if ctx.consumer else None,
            "dead_letters_parked": await parked_dead_letters(ctx.pool, definition),
            "tasks": {t.name: {"restarts": t.restarts, "problem": t.problem()} for t in ctx.tasks},
        }

    @app.get("/ops/dead-letters", tags=["ops"], summary="Records this service's consumer parked (programme managers)")
    async def dead_letters(principal: CurrentPrincipal) -> list[DeadLetter]:
        require_operator(principal)
        return await DeadLetters(app.state.context.pool, definition.name).listed()

    @app.post(
        "/ops/dead-letters/redrive",
        tags=["ops"],
        summary="Put parked records back through the normal handler (idempotent; programme managers)",
    )
    async def redrive(principal: CurrentPrincipal, body: RedriveRequest | None = None) -> RedriveAnswer:
        require_operator(principal)
        return await redrive_dead_letters(definition, app.state.context, body.ids if body else None)

    @app.post("/consistency", tags=["ops"], summary="Has this service seen these positions of other services?")
    async def consistency(body: ConsistencyQuery, _: CurrentPrincipal) -> ConsistencyAnswer:
        ctx: ServiceContext = app.state.context
        return await caught_up(ctx.pool, definition, body.positions)

    app.include_router(definition.router())
    return app


class RedriveRequest(BaseModel):
    ids: list[int] | None = Field(default=None, max_length=10_000, description="only these (default: all parked)")


class RedriveAnswer(BaseModel):
    redriven: int
    still_parked: int
    reasons: dict[int, str] = Field(description="dead-letter id -> why it is still parked")


def require_operator(principal: Principal) -> None:
    if not principal.has(Role.PROGRAMME_MANAGER):
        raise Forbidden("dead letters are managed by programme managers")


async def parked_dead_letters(pool: asyncpg.Pool, definition: ServiceDefinition) -> int:
    return await DeadLetters(pool, definition.name).count() if definition.consumed_topics else 0


async def redrive_dead_letters(
    definition: ServiceDefinition, ctx: ServiceContext, ids: Sequence[int] | None
) -> RedriveAnswer:
    consumer = ctx.consumer or build_consumer(definition, ctx)
    if consumer is None:
        return RedriveAnswer(redriven=0, still_parked=0, reasons={})
    try:
        report = await consumer.redrive(ids)
    except RedriveInterrupted as exc:
        raise Unavailable("REDRIVE_INTERRUPTED", str(exc)[:500]) from exc
    return RedriveAnswer(**report.as_dict())
