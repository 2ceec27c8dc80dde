"""A domain command built from the body a route received, field by field by name, so a field added to both
needs no line in the route: lists become the command's tuples, nested body models the command's models, a
date the body leaves out (and the command requires) is today's, and a part of the command that is itself a
dataclass (an activity's plan) is filled from the body's fields the same way."""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Hashable
from datetime import date
from functools import cache
from typing import Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

from pydantic import BaseModel

C = TypeVar("C")


@cache
def _hints(command_type: Hashable) -> dict[str, Any]:
    return get_type_hints(command_type)


def command_from(command_type: type[C], body: BaseModel, *, today: date, **given: Any) -> C:
    """`command_type` (a dataclass) from `given` (ids from the path, allocated ids) and then `body`'s fields;
    a command field neither names keeps its default."""
    hints = _hints(cast(Hashable, command_type))
    fields = dataclasses.fields(command_type)  # type: ignore[arg-type]
    if unknown := set(given) - {field.name for field in fields}:
        raise TypeError(f"{command_type.__name__} has no field {', '.join(sorted(unknown))}")  # a route's typo
    values: dict[str, Any] = {}
    for field in fields:
        if field.name in given:
            values[field.name] = given[field.name]
        elif field.name in type(body).model_fields:
            values[field.name] = _converted(hints[field.name], getattr(body, field.name), today)
        elif dataclasses.is_dataclass(part := hints[field.name]) and isinstance(part, type):
            values[field.name] = command_from(part, body, today=today)
    return command_type(**values)


def _converted(hint: Any, value: Any, today: date) -> Any:
    if value is None:
        return today if hint is date else None
    origin = get_origin(hint)
    if origin is Union or origin is types.UnionType:
        inner = [arg for arg in get_args(hint) if arg is not type(None)]
        return _converted(inner[0], value, today) if len(inner) == 1 else value
    if origin is tuple:
        item = get_args(hint)[0]
        return tuple(_converted(item, v, today) for v in value)
    if isinstance(hint, type) and issubclass(hint, BaseModel) and isinstance(value, BaseModel):
        return hint.model_validate(value.model_dump())
    if isinstance(hint, type) and dataclasses.is_dataclass(hint) and isinstance(value, BaseModel):
        return command_from(hint, value, today=today)  # a part of the command given as a nested body
    return value
