"""The processes `make run` starts, by name, module and port. Services not installed yet are skipped."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass

from contracts.topics import SERVICES


@dataclass(frozen=True, slots=True)
class ProcessSpec:
    name: str
    module: str
    port: int
    database: str | None

    @property
    def installed(self) -> bool:
        """Built far enough to run: the package has a `__main__`."""
        try:
            return importlib.util.find_spec(f"{self.module}.__main__") is not None
        except ModuleNotFoundError:
            return False


_SERVICE_PORT_BASE = int(os.environ.get("MIEUX_DEV_SERVICE_PORT_BASE", "8101"))
SERVICE_PROCESSES = tuple(
    ProcessSpec(name, f"{name}_service", _SERVICE_PORT_BASE + i, f"mieux_{name}") for i, name in enumerate(SERVICES)
)
GATEWAY = ProcessSpec("gateway", "gateway", int(os.environ.get("MIEUX_DEV_GATEWAY_PORT", "8000")), None)
