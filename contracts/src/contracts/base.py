"""Base class for every event the services store and publish."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict


class DomainEvent(BaseModel):
    """A frozen, versioned fact. Subclasses set `service` and may set `event_name`/`event_version`.

    The event name defaults to the class name; an older version kept for upcasting names itself
    explicitly (class `RequestSubmittedV1` with `event_name = "RequestSubmitted"`, `event_version = 1`).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", use_enum_values=False)

    service: ClassVar[str] = ""
    event_name: ClassVar[str] = ""
    event_version: ClassVar[int] = 1

    @classmethod
    def __pydantic_init_subclass__(cls, **kwargs: Any) -> None:
        super().__pydantic_init_subclass__(**kwargs)
        if "event_name" not in cls.__dict__:
            cls.event_name = cls.__name__

    @classmethod
    def carrying(cls, source: object, **given: Any) -> Self:
        """The event recording `source` (a command): each of its fields the event declares, then `given`
        (what the decision adds: a revision, an allocated number)."""
        shared = {name: getattr(source, name) for name in cls.model_fields if hasattr(source, name)}
        return cls(**{**shared, **given})

    @classmethod
    def ce_type(cls) -> str:
        """CloudEvents `type`: eu.mieux.<service>.<Event>.v<N> (docs/architecture.md)."""
        return f"eu.mieux.{cls.service}.{cls.event_name}.v{cls.event_version}"

    @classmethod
    def schema_path(cls) -> str:
        """Path of the committed JSON Schema, relative to contracts/schemas/."""
        return f"{cls.service}/{cls.event_name}.v{cls.event_version}.json"
