"""Text the graph refuses in arguments and variables, before anything reaches a service: NUL and other control
characters (tab, line feed and carriage return are text), lone UTF-16 surrogates (no valid UTF-8 encodes
them), and lists longer than any filter or batch needs. Refused, not normalised: silently changing what a
caller wrote would store something they did not send."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

from graphql import ArgumentNode, GraphQLError, ListValueNode, ObjectValueNode, StringValueNode, ValueNode

MAX_LIST_ITEMS = 500  # the services' batch size; no filter needs more values
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _refusal(path: str, value: str) -> GraphQLError:
    found = _UNSAFE.search(value)
    char = f"U+{ord(found.group()):04X}" if found else "?"
    return GraphQLError(
        f"`{path}` contains {char}: control characters (other than tab and line breaks) and lone surrogates "
        "are not accepted",
        extensions={"code": "INVALID_CHARACTER", "field": path},
    )


def _too_long(path: str, length: int) -> GraphQLError:
    return GraphQLError(
        f"`{path}` has {length} items; at most {MAX_LIST_ITEMS} are accepted",
        extensions={"code": "TOO_MANY_ITEMS", "field": path, "measured": length, "limit": MAX_LIST_ITEMS},
    )


def unsafe_variable(variables: dict[str, Any]) -> GraphQLError | None:
    """The first refused text or list in the request's variables (JSON), named like `input.topic`."""
    for name, value in variables.items():
        if (error := _check_json(value, name)) is not None:
            return error
    return None


def _check_json(value: Any, path: str) -> GraphQLError | None:
    if isinstance(value, str):
        return _refusal(path, value) if _UNSAFE.search(value) else None
    if isinstance(value, list):
        if len(value) > MAX_LIST_ITEMS:
            return _too_long(path, len(value))
        items: Iterator[tuple[str, Any]] = ((f"{path}[{i}]", item) for i, item in enumerate(value))
    elif isinstance(value, dict):
        items = ((f"{path}.{key}", item) for key, item in value.items())
    else:
        return None
    for inner_path, item in items:
        if (error := _check_json(item, inner_path)) is not None:
            return error
    return None


def unsafe_arguments(arguments: Iterable[ArgumentNode]) -> GraphQLError | None:
    """The first refused text or list written in these arguments, named like `input.topic`."""
    for argument in arguments:
        if (error := unsafe_value(argument.value, argument.name.value)) is not None:
            return error
    return None


def unsafe_value(node: ValueNode, path: str) -> GraphQLError | None:
    if isinstance(node, StringValueNode):
        return _refusal(path, node.value) if _UNSAFE.search(node.value) else None
    if isinstance(node, ListValueNode):
        if len(node.values) > MAX_LIST_ITEMS:
            return _too_long(path, len(node.values))
        pairs: Iterator[tuple[str, ValueNode]] = ((f"{path}[{i}]", v) for i, v in enumerate(node.values))
    elif isinstance(node, ObjectValueNode):
        pairs = ((f"{path}.{f.name.value}", f.value) for f in node.fields)
    else:
        return None
    for inner_path, inner in pairs:
        if (error := unsafe_value(inner, inner_path)) is not None:
            return error
    return None
