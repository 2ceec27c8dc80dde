"""The processes `make run` starts, by name, module and port. Services not installed yet are skipped."""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass

from contracts.services import GATEWAY_PORT, SERVICE_LIST


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


# MIEUX_DEV_SERVICE_PORT_BASE moves every service's port by the same amount (a second stack beside the first)
_SHIFT = int(os.environ.get("MIEUX_DEV_SERVICE_PORT_BASE", str(SERVICE_LIST[0].port))) - SERVICE_LIST[0].port
SERVICE_PROCESSES = tuple(ProcessSpec(s.name, s.package, s.port + _SHIFT, s.database) for s in SERVICE_LIST)
GATEWAY = ProcessSpec("gateway", "gateway", int(os.environ.get("MIEUX_DEV_GATEWAY_PORT", str(GATEWAY_PORT))), None)
