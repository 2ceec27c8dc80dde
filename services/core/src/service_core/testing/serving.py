"""An ASGI app served by uvicorn on a free port in a thread of its own (its own event loop, as in production)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import uvicorn
from starlette.types import ASGIApp

from service_core.embedded.errors import free_port
from service_core.hygiene import server_config


@contextmanager
def served(app: ASGIApp, start_timeout_s: float = 30) -> Iterator[str]:
    """Yields the base URL while the app runs (lifespan entered); stops it on exit."""
    port = free_port()
    config = server_config(app, "127.0.0.1", port, lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    deadline = time.monotonic() + start_timeout_s
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"the app did not start on port {port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
