"""Type registry: CloudEvents type <-> event class, with upcasting of older versions on read."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from contracts.base import DomainEvent

Upcaster = Callable[[dict[str, Any]], dict[str, Any]]
_CE_TYPE = re.compile(r"^eu\.mieux\.(?P<service>[a-z_]+)\.(?P<name>[A-Za-z0-9]+)\.v(?P<version>\d+)$")


class UnknownEventType(LookupError):
    """Raised for an event type (or version) no class and no upcaster chain can read."""


class EventRegistry:
    """Knows every event class by (name, version) and how to lift old versions to the current one."""

    def __init__(self, classes: Iterable[type[DomainEvent]] = ()) -> None:
        self._by_key: dict[tuple[str, int], type[DomainEvent]] = {}
        self._latest: dict[str, int] = {}
        self._upcasters: dict[tuple[str, int], Upcaster] = {}
        for cls in classes:
            self.register(cls)

    def register(self, cls: type[DomainEvent]) -> type[DomainEvent]:
        if not cls.service:
            raise ValueError(f"{cls.__name__} must set `service`")
        key = (cls.event_name, cls.event_version)
        existing = self._by_key.get(key)
        if existing is not None and existing is not cls:
            raise ValueError(f"{key} already registered by {existing.__name__}")
        self._by_key[key] = cls
        self._latest[cls.event_name] = max(self._latest.get(cls.event_name, 0), cls.event_version)
        return cls

    def register_upcaster(self, event_name: str, from_version: int, upcaster: Upcaster) -> None:
        """`upcaster` turns the data of version `from_version` into the data of `from_version + 1`."""
        self._upcasters[(event_name, from_version)] = upcaster

    def has_upcaster(self, event_name: str, from_version: int) -> bool:
        """Whether data of `from_version` can be lifted to `from_version + 1`."""
        return (event_name, from_version) in self._upcasters

    @property
    def classes(self) -> list[type[DomainEvent]]:
        return sorted(self._by_key.values(), key=lambda c: (c.service, c.event_name, c.event_version))

    def latest(self, event_name: str) -> type[DomainEvent]:
        version = self._latest.get(event_name)
        if version is None:
            raise UnknownEventType(event_name)
        return self._by_key[(event_name, version)]

    def decode(self, event_name: str, event_version: int, data: Mapping[str, Any]) -> DomainEvent:
        """Build the current version of an event from stored or received data, upcasting as needed."""
        latest = self._latest.get(event_name)
        if latest is None or event_version > latest or event_version < 1:
            raise UnknownEventType(f"{event_name}.v{event_version}")
        payload = dict(data)
        version = event_version
        while version < latest:
            upcaster = self._upcasters.get((event_name, version))
            if upcaster is None:
                # No chain: the old class itself must still be registered to read it as-is.
                old = self._by_key.get((event_name, version))
                if old is None:
                    raise UnknownEventType(f"{event_name}.v{version} (no upcaster)")
                return old.model_validate(payload)
            payload = upcaster(payload)
            version += 1
        current = self._by_key[(event_name, latest)]
        # Tolerant reader: a producer on a newer minor shape may add optional fields this copy doesn't know.
        return current.model_validate({k: v for k, v in payload.items() if k in current.model_fields})

    def decode_ce_type(self, ce_type: str, data: Mapping[str, Any]) -> DomainEvent:
        match = _CE_TYPE.match(ce_type)
        if match is None:
            raise UnknownEventType(ce_type)
        return self.decode(match["name"], int(match["version"]), data)
