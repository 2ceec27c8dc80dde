"""Every GraphQL error carries `extensions.code`; input errors also name the offending `field`."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.schema.config import StrawberryConfig
from strawberry.utils.logging import StrawberryLogger

from gateway.schema.common import SCALARS

logger = logging.getLogger("gateway.graphql")

# graphql-core words variable coercion failures like
#   Variable '$input' has invalid value at .region: Value 'X' does not exist in 'Region' enum.
#   Variable '$input' got invalid value 'X' at 'input.region'; ...
_VARIABLE_PATH = re.compile(r"Variable '\$([A-Za-z0-9_]+)' has invalid value at \.([A-Za-z0-9_.\[\]]+)")
_VARIABLE_MISSING = re.compile(r"Variable '\$([A-Za-z0-9_]+)' has invalid value: .*required field '([A-Za-z0-9_]+)'")
_VARIABLE_ITEM = re.compile(r"Variable '\$([A-Za-z0-9_]+)' (?:has|got) invalid value(?: at \[\d+\])?[:;]")
_AT_PATH = re.compile(r"at '([A-Za-z0-9_.\[\]]+)'")
_ARGUMENT = re.compile(r"[Aa]rgument '([A-Za-z0-9_]+)'")
_FIELD = re.compile(r"[Ff]ield '([A-Za-z0-9_.]+)'")
_LITERAL_REFUSED = "Expected value of type '"
_INPUT_REFUSED = ("invalid value", "Expected value of type", "of required type", "cannot represent")


def should_mask(error: GraphQLError) -> bool:
    """Hide unexpected Python exceptions; keep GraphQL's own validation messages and our coded errors.

    A literal a scalar's parser refused (`country: "xx"`, `on: "tomorrow"`) is reported by validation with
    the parser's exception attached: its message is about the caller's input, so it is shown."""
    original = error.original_error
    if original is None or isinstance(original, GraphQLError):
        return False
    return not (error.path is None and error.message.startswith(_LITERAL_REFUSED))


def classify(error: GraphQLError) -> tuple[str, str | None]:
    message = error.message
    if any(words in message for words in _INPUT_REFUSED):
        code = "BAD_USER_INPUT"
    elif message.startswith("Syntax Error"):
        code = "GRAPHQL_PARSE_FAILED"
    else:
        code = "GRAPHQL_VALIDATION_FAILED"
    for variable_pattern in (_VARIABLE_PATH, _VARIABLE_MISSING):
        if match := variable_pattern.search(message):
            return code, f"{match.group(1)}.{match.group(2)}"
    for pattern in (_AT_PATH, _VARIABLE_ITEM, _ARGUMENT, _FIELD):
        if match := pattern.search(message):
            return code, match.group(1)
    return code, None


class ErrorCodes(SchemaExtension):
    """Adds a code (and the field, when the message names one) to errors that have none."""

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is None or not result.errors:
            return
        for error in result.errors:
            add_code(error)


def add_code(error: GraphQLError) -> None:
    extensions = error.extensions if error.extensions is not None else {}
    if "code" not in extensions:
        code, field = classify(error)
        extensions["code"] = "INTERNAL" if error.message == "Unexpected error." else code
        if field and "field" not in extensions:
            extensions["field"] = field
        error.extensions = extensions


class GatewaySchema(strawberry.Schema):
    """Logs the caller's mistakes (refusals, invalid input) at INFO, a service that failed at WARNING, and only
    unexpected faults at ERROR with their stack: an attacker's thousand refusals do not page anyone. Knows the
    graph's custom scalars (`SCALARS`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("config", StrawberryConfig(scalar_map=SCALARS))
        super().__init__(*args, **kwargs)

    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        for error in errors:
            add_code(error)  # also the errors of a subscription refused before it starts (no operation hook)
            if should_mask(error):
                StrawberryLogger.error(error, execution_context)
                continue
            code = (error.extensions or {}).get("code")
            level = logging.WARNING if code == "SERVICE_UNAVAILABLE" else logging.INFO
            logger.log(level, "%s: %s", code or "GRAPHQL_ERROR", error.message)
