"""GraphQL types derived from the read models the services publish (`contracts.views`, and the events
some views embed), so a field added to a view is in the graph without a hand edit here.

`@derived(View)` makes a class a strawberry type holding every field of the view it does not declare
itself: the class declares only what the graph does differently (the Node `id`, resolvers that follow a
reference, a connection instead of a list). Field types follow the view's: enums as they are (registered
in `gateway.schema.enums`), nested views as the types derived from them (derive those first), `…_id`/`…_ids`
strings and strings marked `EntityId` as `ID`, strings marked `CountryCode` as the `CountryCode` scalar.
Descriptions are the view's.
"""

from __future__ import annotations

import inspect
import types
from collections.abc import Callable, Collection
from datetime import date, datetime
from enum import Enum
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin, get_type_hints

import strawberry
from contracts.views.common import COUNTRY, IDENTIFIER
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from gateway.schema import enums  # noqa: F401  (registers the contracts' enums the views use)
from gateway.schema.common import CountryCode

T = TypeVar("T")

_SCALARS: tuple[type, ...] = (str, int, float, bool, date, datetime)
# Each published model and the GraphQL type (or input) derived from it, for the models that nest it.
_DERIVED: dict[type[BaseModel], type] = {}
_DERIVED_INPUTS: dict[type[BaseModel], type] = {}


class DerivationError(TypeError):
    """A view field the graph cannot express: a programming error, raised when the schema is built."""


def derived(
    model: type[BaseModel], *, description: str | None = None, exclude: Collection[str] = ()
) -> Callable[[type[T]], type[T]]:
    """Decorate a class to make it the strawberry type of `model`; `exclude` names view fields kept out."""
    return _deriving(model, strawberry.type, _DERIVED, description, exclude)


def derived_input(
    body: type[BaseModel], *, description: str | None = None, exclude: Collection[str] = ()
) -> Callable[[type[T]], type[T]]:
    """Decorate a class to make it the strawberry input of the command body `body` (the service validates it;
    the class declares what travels outside the body, such as the id in the route's path)."""
    return _deriving(body, strawberry.input, _DERIVED_INPUTS, description, exclude)


def _deriving(
    model: type[BaseModel],
    make: Callable[..., Any],
    registry: dict[type[BaseModel], type],
    description: str | None,
    exclude: Collection[str],
) -> Callable[[type[T]], type[T]]:
    def decorate(cls: type[T]) -> type[T]:
        _add_model_fields(cls, model, set(exclude), registry)
        made: type[T] = make(cls, description=description or _docstring(model))
        registry[model] = made
        return made

    return decorate


def _add_model_fields(
    cls: type, model: type[BaseModel], exclude: set[str], nested: dict[type[BaseModel], type]
) -> None:
    hints = get_type_hints(model, include_extras=True)
    declared = dict(inspect.get_annotations(cls))
    # what only the class has (an input's path id) first, then the view's fields in the view's order
    annotations = {name: hint for name, hint in declared.items() if name not in model.model_fields}
    for name, info in model.model_fields.items():
        if name in declared:
            annotations[name] = declared[name]
        if name in exclude or name == "id" or name in cls.__dict__:
            continue  # the class says how the graph shows it (a Node's id, a resolver, its own field)
        if name not in annotations:
            annotations[name] = graph_type(name, hints[name], where=f"{model.__name__}.{name}", nested=nested)
        setattr(cls, name, _field(info))  # a field declared for the type checker keeps the view's description
    cls.__annotations__ = annotations


def _field(info: FieldInfo) -> Any:
    description = _sentence(info.description)
    if info.default_factory is not None:
        return strawberry.field(default_factory=info.default_factory, description=description)
    if info.is_required():
        return strawberry.field(description=description)
    return strawberry.field(default=info.default, description=description)


def graph_type(name: str, hint: Any, *, where: str, nested: dict[type[BaseModel], type] = _DERIVED) -> Any:
    """The GraphQL type of the model field `name` annotated `hint`; nested models as in `nested`."""
    origin = get_origin(hint)
    if origin is Annotated:
        inner, *marks = get_args(hint)
        if COUNTRY in marks:
            return CountryCode
        return strawberry.ID if IDENTIFIER in marks else graph_type(name, inner, where=where, nested=nested)
    if origin is Union or origin is types.UnionType:
        options = [arg for arg in get_args(hint) if arg is not type(None)]
        if len(options) != 1:
            raise DerivationError(f"{where}: a union of several types has no GraphQL field type")
        return graph_type(name, options[0], where=where, nested=nested) | None
    if origin in (list, tuple):
        item = get_args(hint)[0]
        return list[graph_type(name, item, where=where, nested=nested)]  # type: ignore[misc]
    if hint is str and (name.endswith("_id") or name.endswith("_ids")):
        return strawberry.ID
    if isinstance(hint, type) and issubclass(hint, Enum):
        if "__strawberry_definition__" not in vars(hint):
            raise DerivationError(f"{where}: register {hint.__name__} in gateway.schema.enums first")
        return hint
    if isinstance(hint, type) and issubclass(hint, BaseModel):
        if hint not in nested:
            raise DerivationError(f"{where}: derive the type of {hint.__name__} before the types that nest it")
        return nested[hint]
    if hint in _SCALARS:
        return hint
    raise DerivationError(f"{where}: {hint!r} has no GraphQL type")


def _docstring(model: type[BaseModel]) -> str | None:
    doc = model.__dict__.get("__doc__")
    return " ".join(doc.split("\n\n")[0].split()) if doc else None


def _sentence(text: str | None) -> str | None:
    """The services' descriptions are phrases ("the latest revision drafted"); the graph's are sentences."""
    if not text:
        return None
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else f"{text}."
