"""`python -m gateway`: serve the graph (settings from MIEUX_* variables)."""

from __future__ import annotations

import uvicorn
from fastapi import FastAPI
from service_core import hygiene
from service_core.modes import start_telemetry
from service_core.observability import configure_logging
from service_core.settings import load_settings

from gateway.app import create_gateway_app
from gateway.settings import GatewaySettings


def server_config(app: FastAPI, settings: GatewaySettings, port: int | None = None) -> uvicorn.Config:
    return hygiene.server_config(
        app,
        settings.http_host,
        settings.http_port if port is None else port,
        ws="websockets-sansio",  # subscriptions (graphql-transport-ws); the `websockets` package is in the lock
        # h11 answers a plain 400 past this; up to it, oversized headers reach RequestHygiene: 431 with a code
        h11_max_incomplete_event_size=max(1_048_576, 4 * settings.max_header_bytes),
    )


def main() -> None:
    settings = load_settings(GatewaySettings)
    configure_logging("gateway", settings.log_level)
    start_telemetry("gateway")
    uvicorn.Server(server_config(create_gateway_app(settings), settings)).run()


if __name__ == "__main__":
    main()
