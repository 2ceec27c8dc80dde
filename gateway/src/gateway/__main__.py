"""`python -m gateway`: serve the graph (settings from MIEUX_* variables)."""

from __future__ import annotations

import uvicorn
from service_core.observability import configure_logging
from service_core.settings import load_settings

from gateway.app import create_gateway_app
from gateway.settings import GatewaySettings


def main() -> None:
    settings = load_settings(GatewaySettings)  # type: ignore[type-var]
    configure_logging("gateway", settings.log_level)
    uvicorn.run(
        create_gateway_app(settings),
        host=settings.http_host,
        port=settings.http_port,
        log_config=None,
        access_log=False,
        ws="websockets-sansio",  # subscriptions (graphql-transport-ws); the `websockets` package is in the lock
    )


if __name__ == "__main__":
    main()
