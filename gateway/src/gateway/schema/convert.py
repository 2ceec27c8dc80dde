"""Build GraphQL objects from the services' JSON views by their type hints (one converter, every type)."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Hashable, Mapping
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

import strawberry

from gateway.schema.global_ids import REFERENCES, global_id_of

T = TypeVar("T")


@cache
def _hints(cls: Any) -> dict[str, Any]:
    return get_type_hints(cls)  # each base resolved in its own module


def hints_of(cls: type) -> dict[str, Any]:
    """The resolved type hints of a strawberry type or input (cached)."""
    return _hints(cast(Hashable, cls))


def build(cls: type[T], data: Mapping[str, Any]) -> T:
    """`cls` is a strawberry type whose data fields are named like the view's keys (snake_case)."""
    hints = _hints(cast(Hashable, cls))
    values = {}
    for field in dataclasses.fields(cls):  # type: ignore[arg-type]
        if not field.init or field.name not in hints:
            continue
        if field.name in data:
            values[field.name] = _convert(hints[field.name], data[field.name])
            if field.name in REFERENCES:
                values[field.name] = _as_global(REFERENCES[field.name], values[field.name])
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            values[field.name] = None
    return cls(**values)


def _as_global(type_name: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return [strawberry.ID(global_id_of(type_name, v)) for v in value]
    return strawberry.ID(global_id_of(type_name, value))


def _convert(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        inner = [arg for arg in get_args(hint) if arg is not type(None)]
        return _convert(inner[0], value)
    if origin is list:
        (item,) = get_args(hint)
        return [_convert(item, v) for v in value]
    if hint is strawberry.ID:
        return strawberry.ID(str(value))
    if isinstance(hint, type):
        if issubclass(hint, Enum):
            return hint(value)
        if hint is datetime:
            return datetime.fromisoformat(value)
        if hint is date:
            return date.fromisoformat(value)
        if dataclasses.is_dataclass(hint):
            return build(hint, value)
    return value
