"""The processes `make run` starts, by name, module and port. Services not installed yet are skipped."""

from __future__ import annotations

import importlib.util
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
        return importlib.util.find_spec(self.module) is not None


SERVICE_PROCESSES = tuple(
    ProcessSpec(name, f"{name}_service", 8101 + i, f"mieux_{name}") for i, name in enumerate(SERVICES)
)
GATEWAY = ProcessSpec("gateway", "gateway", 8000, None)
