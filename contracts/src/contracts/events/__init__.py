"""Every published event type, by service. Each module lists `EVENTS` and (optionally) `UPCASTERS`.

Add a service's module to `MODULES`; `default_registry()` is what services and consumers decode with.
"""

from __future__ import annotations

from types import ModuleType

from contracts.events import actions, experts, feedback, requests
from contracts.registry import EventRegistry

MODULES: tuple[ModuleType, ...] = (requests, actions, experts, feedback)


def default_registry() -> EventRegistry:
    registry = EventRegistry()
    for module in MODULES:
        for event_class in module.EVENTS:
            registry.register(event_class)
        for event_name, from_version, upcaster in getattr(module, "UPCASTERS", ()):
            registry.register_upcaster(event_name, from_version, upcaster)
    return registry
