"""GraphQL types of the events' payloads, generated from the contracts' event classes (never copied by hand):
one `<Event>Payload` type per event name (its latest version; older records are upcast by the registry), a
`<Model>EventPart` type per model nested in them, the union `EventPayload` of them all, and the enum
`EventType` of the event names. Field names are camelCase like the rest of the graph; fields that name a
node hold its global id."""

from __future__ import annotations

import types
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, Union, get_args, get_origin

import strawberry
from contracts.events import default_registry
from contracts.registry import UnknownEventType
from pydantic import BaseModel, ValidationError
from strawberry.scalars import JSON

from gateway.schema.common import CountryCode
from gateway.schema.convert import build
from gateway.schema.global_ids import REFERENCES

REGISTRY = default_registry()
EVENT_NAMES = sorted({cls.event_name for cls in REGISTRY.classes})

EventType: Any = Enum("EventType", {name: name for name in EVENT_NAMES})  # type: ignore[misc]
strawberry.enum(EventType, description="The name of an event the services publish (its CloudEvents type, unversioned).")

COUNTRY_FIELDS = frozenset({"countries", "country", "nationality", "member_state", "place_country"})
_PARTS: dict[type[BaseModel], type] = {}


def _first_line(text: str | None) -> str | None:
    return text.strip().splitlines()[0] if text and text.strip() else None


def _graphql_type(annotation: Any, field: str) -> Any:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _graphql_type(get_args(annotation)[0], field)
    if origin is Union or origin is types.UnionType:
        inner = [arg for arg in get_args(annotation) if arg is not type(None)]
        return _graphql_type(inner[0], field) | None if len(inner) == 1 else JSON | None
    if origin in (tuple, list, frozenset, set):
        return list[_graphql_type(get_args(annotation)[0], field)]  # type: ignore[misc]
    if field in REFERENCES and annotation is str:
        return strawberry.ID
    if field in COUNTRY_FIELDS and annotation is str:
        return CountryCode
    if annotation in (str, int, float, bool, date, datetime):
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        if not hasattr(annotation, "__strawberry_definition__") and not hasattr(annotation, "_enum_definition"):
            strawberry.enum(annotation)
        return annotation
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _object_type(annotation, f"{annotation.__name__}EventPart")
    return JSON


def _object_type(model: type[BaseModel], name: str) -> type:
    found = _PARTS.get(model)
    if found is not None:
        return found
    annotations = {
        field: _graphql_type(info.annotation, field)
        for field, info in model.model_fields.items()
        if field not in ("event_id",)
    }
    made = strawberry.type(
        type(name, (), {"__annotations__": annotations, "__module__": __name__}),
        description=_first_line(model.__doc__),
    )
    _PARTS[model] = made
    return made


@cache
def payload_types() -> dict[str, type]:
    return {name: _object_type(REGISTRY.latest(name), f"{name}Payload") for name in EVENT_NAMES}


PAYLOAD_TYPES = payload_types()
if TYPE_CHECKING:
    EventPayload = Any
else:
    EventPayload = Annotated[
        Union[tuple(PAYLOAD_TYPES.values())],  # noqa: UP007  # built at import, one member per event name
        strawberry.union("EventPayload", description="The payload of an event, typed by its name."),
    ]


def payload_of(name: str, version: int, data: dict[str, Any]) -> Any:
    """The typed payload of a published event (upcast to its latest version); None if no class reads it."""
    try:
        event = REGISTRY.decode(name, version, data)
    except (UnknownEventType, ValidationError):
        return None
    return build(PAYLOAD_TYPES[name], event.model_dump(mode="json"))
