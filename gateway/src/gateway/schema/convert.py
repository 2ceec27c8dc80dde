"""Build GraphQL objects from the services' JSON views by their type hints (one converter, every type)."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Hashable, Mapping
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
    values = {}
    for name, convert, reference, required in _plan(cast(Hashable, cls)):
        if name in data:
            value = convert(data[name])
            values[name] = value if reference is None else _as_global(reference, value)
        elif required:
            values[name] = None
    return cls(**values)


Plan = tuple[tuple[str, Callable[[Any], Any], str | None, bool], ...]


@cache
def _plan(cls: Any) -> Plan:
    """Per data field, once per class: its converter, the node type it references, whether it has no default.
    Reading the hints on every object was about half of the gateway's time on a 100-item list."""
    hints = _hints(cls)
    return tuple(
        (
            field.name,
            _converter(hints[field.name]),
            REFERENCES.get(field.name),
            field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING,
        )
        for field in dataclasses.fields(cls)
        if field.init and field.name in hints
    )


def _as_global(type_name: str, value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, list):
        return [strawberry.ID(global_id_of(type_name, v)) for v in value]
    return strawberry.ID(global_id_of(type_name, value))


def _same(value: Any) -> Any:
    return value


def _converter(hint: Any) -> Callable[[Any], Any]:
    """The function turning a view's JSON value into the value `hint` asks for (None stays None)."""
    convert = _non_null_converter(hint)
    if convert is _same:
        return _same
    return lambda value: None if value is None else convert(value)


def _non_null_converter(hint: Any) -> Callable[[Any], Any]:
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        inner = [arg for arg in get_args(hint) if arg is not type(None)]
        return _converter(inner[0])
    if origin is list:
        (item,) = get_args(hint)
        convert = _converter(item)
        return lambda values: [convert(v) for v in values]
    if hint is strawberry.ID:
        return lambda value: strawberry.ID(str(value))
    if isinstance(hint, type):
        if issubclass(hint, Enum):
            return cast(Callable[[Any], Any], hint)
        if hint is datetime:
            return datetime.fromisoformat
        if hint is date:
            return date.fromisoformat
        if dataclasses.is_dataclass(hint):
            return lambda value: build(hint, value)
    return _same
