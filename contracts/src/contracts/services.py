"""The one list of the platform's services and where each listens: everything else reads it (the
development launcher, the services' and the gateway's default settings, the demo, the tests).

The order is the order of the event flow; the ports are the HTTP ports in development, in the container
images and on Kubernetes (tests/deploy checks that the compose file and the manifests agree).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True, slots=True)
class Service:
    name: str
    port: int

    @property
    def package(self) -> str:
        return f"{self.name}_service"

    @property
    def database(self) -> str:
        return f"mieux_{self.name}"

    @property
    def local_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


SERVICE_LIST: Final = (
    Service("requests", 8101),
    Service("actions", 8102),
    Service("experts", 8103),
    Service("feedback", 8104),
)
GATEWAY_PORT: Final = 8000
NAMES: Final = tuple(service.name for service in SERVICE_LIST)


def service(name: str) -> Service:
    return next(s for s in SERVICE_LIST if s.name == name)
