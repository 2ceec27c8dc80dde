"""The command line of every service: `python -m <name>_service all|api|relay|consume|migrate|rebuild|redrive`.

`all` and `api` serve the HTTP API (with the relay and the consumer in `all`); `relay` and `consume` run one
background worker with only a metrics port; `migrate`, `rebuild` and `redrive` do one job and exit with its
status.
"""

from __future__ import annotations

import asyncio
import signal
import sys
from collections.abc import Sequence

import asyncpg
import uvicorn
from prometheus_client import REGISTRY

from service_core.errors import DomainError
from service_core.hygiene import server_config
from service_core.metrics import ServiceCollector, new_registry, serve_metrics_port
from service_core.migrate import migrate
from service_core.observability import configure_logging
from service_core.rebuild import RebuildAlreadyRunning, rebuild_projections
from service_core.runtime import (
    ServiceDefinition,
    background_workers,
    build_app,
    open_context,
    redrive_dead_letters,
)
from service_core.settings import ServiceSettings, load_settings
from service_core.store.postgres import create_pool
from service_core.telemetry import TelemetryConfigError, configure_tracing

MODES = ("all", "api", "relay", "consume", "migrate", "rebuild", "redrive")


async def run_workers(definition: ServiceDefinition, settings: ServiceSettings, *, relay: bool, consume: bool) -> None:
    ctx = await open_context(definition, settings)
    registry = new_registry()
    registry.register(ServiceCollector(definition.name, lambda: ctx))
    serve_metrics_port(settings.metrics_port, settings.http_host, registry)  # the only HTTP of these modes
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    try:
        async with background_workers(definition, ctx, relay=relay, consume=consume):
            await stop.wait()
    finally:
        await ctx.pool.close()


async def run_rebuild(definition: ServiceDefinition, settings: ServiceSettings) -> int:
    serve_metrics_port(settings.metrics_port, settings.http_host, REGISTRY)  # progress: mieux_projection_rebuild_events
    await migrate(settings.database_url, definition.package)
    pool = await create_pool(settings.database_url)
    try:
        count = await rebuild_projections(
            pool,
            definition.registry,
            list(definition.projections()),
            on_progress=lambda progress: print(f"{definition.name}: {progress.line()}", flush=True),
        )
    except (RebuildAlreadyRunning, asyncpg.LockNotAvailableError) as exc:  # another rebuild; a swap never let in
        print(f"{definition.name}: {exc}", file=sys.stderr)
        return 1
    finally:
        await pool.close()
    print(f"{definition.name}: projections rebuilt from {count} events and swapped in")
    return 0


async def run_redrive(definition: ServiceDefinition, settings: ServiceSettings) -> int:
    ctx = await open_context(definition, settings)
    try:
        answer = await redrive_dead_letters(definition, ctx, None)
    except DomainError as exc:
        print(f"{definition.name}: {exc.message}", file=sys.stderr)
        return 1
    finally:
        await ctx.pool.close()
    print(f"{definition.name}: {answer.redriven} redriven, {answer.still_parked} still parked")
    for dead_letter_id, reason in answer.reasons.items():
        print(f"  #{dead_letter_id}: {reason}")
    return 0


def start_telemetry(service: str) -> None:
    """Tracing as the OTEL_* variables ask; a value we cannot use stops the start like a bad setting (exit 2)."""
    try:
        configure_tracing(f"mieux-{service}")
    except TelemetryConfigError as exc:
        print(f"invalid configuration: {exc}", file=sys.stderr)
        raise SystemExit(2) from exc


def main(definition: ServiceDefinition, argv: Sequence[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    mode = args[0] if args else "all"
    if mode not in MODES:
        raise SystemExit(f"usage: python -m {definition.package} [{'|'.join(MODES)}]")
    settings = load_settings(definition.settings_class)
    configure_logging(definition.name, settings.log_level)
    start_telemetry(definition.name)
    if mode == "migrate":
        applied = asyncio.run(migrate(settings.database_url, definition.package))
        print(f"{definition.name}: {len(applied)} migration(s) applied")
    elif mode == "rebuild":
        raise SystemExit(asyncio.run(run_rebuild(definition, settings)))
    elif mode == "redrive":
        raise SystemExit(asyncio.run(run_redrive(definition, settings)))
    elif mode in ("relay", "consume"):
        asyncio.run(run_workers(definition, settings, relay=mode == "relay", consume=mode == "consume"))
    else:
        app = build_app(definition, settings, relay=mode == "all", consume=mode == "all")
        uvicorn.Server(server_config(app, settings.http_host, settings.http_port, lifespan="on")).run()
