"""Protection of the graph: a cost limit that counts list sizes (refused before execution, with the computed
cost), trusted (persisted) operations by hash, and a request timeout."""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLOutputType,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast_untyped,
)
from graphql.type import GraphQLInterfaceType, GraphQLObjectType, GraphQLSchema
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

LIST_SIZE = 10  # assumed length of a list without `first` (an Action's activities, a request's focal points)
PAGE_SIZE = 20  # a connection's default page


class CostCounter:
    """Cost = 1 per field, times the size of every list it sits in (`first` where given)."""

    def __init__(self, schema: GraphQLSchema, fragments: dict[str, FragmentDefinitionNode], variables: dict[str, Any]):
        self.schema = schema
        self.fragments = fragments
        self.variables = variables

    def of(self, selection_set: SelectionSetNode | None, parent: Any, page: int | None = None) -> int:
        if selection_set is None or not isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
            return 0
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field(selection, parent, page)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += self.of(selection.selection_set, target, page)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = self.fragments.get(selection.name.value)
                if fragment is not None:
                    target = self.schema.get_type(fragment.type_condition.name.value)
                    total += self.of(fragment.selection_set, target, page)
        return total

    def _field(self, node: FieldNode, parent: GraphQLObjectType | GraphQLInterfaceType, page: int | None) -> int:
        definition = parent.fields.get(node.name.value)
        if definition is None:
            return 0  # __typename and introspection
        first = self._first(node, definition)
        inner = self.of(node.selection_set, get_named_type(definition.type), first if first is not None else None)
        size = (page or LIST_SIZE) if _is_list(definition.type) else 1
        return size * (1 + inner)

    def _first(self, node: FieldNode, definition: Any) -> int | None:
        if "first" not in definition.args:
            return None
        for argument in node.arguments or ():
            if argument.name.value == "first":
                value = value_from_ast_untyped(argument.value, self.variables)
                return int(value) if isinstance(value, int) and value >= 0 else PAGE_SIZE
        return PAGE_SIZE


def _is_list(output_type: GraphQLOutputType) -> bool:
    unwrapped = output_type.of_type if isinstance(output_type, GraphQLNonNull) else output_type
    return isinstance(unwrapped, GraphQLList)


def operation_cost(schema: GraphQLSchema, document: Any, operation_name: str | None, variables: dict[str, Any]) -> int:
    fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
    counter = CostCounter(schema, fragments, variables)
    total = 0
    for definition in document.definitions:
        if not isinstance(definition, OperationDefinitionNode):
            continue
        if operation_name and (definition.name is None or definition.name.value != operation_name):
            continue
        root = schema.get_root_type(definition.operation)
        total += counter.of(definition.selection_set, root)
    return total


class CostLimit(SchemaExtension):
    """Validates first, then refuses an operation whose cost exceeds the limit, before any resolver runs."""

    def __init__(self, max_cost: int) -> None:
        self.max_cost = max_cost

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            errors = validate_document(context.schema._schema, document, context.validation_rules)
            if not errors:
                cost = operation_cost(context.schema._schema, document, context.operation_name, context.variables or {})
                if cost > self.max_cost:
                    errors = [
                        GraphQLError(
                            f"query cost {cost} exceeds the limit of {self.max_cost}: ask for fewer items (`first`) "
                            "or fewer nested lists",
                            extensions={"code": "COST_LIMIT_EXCEEDED", "cost": cost, "maxCost": self.max_cost},
                        )
                    ]
            context.pre_execution_errors = errors
        yield


def operation_hash(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def load_trusted(path: Path) -> dict[str, str]:
    """A JSON list of operation texts (or a {hash: text} map); keys are their SHA-256."""
    raw = json.loads(path.read_text())
    queries = raw.values() if isinstance(raw, dict) else raw
    return {operation_hash(query): query for query in queries}


class TrustedOperations(SchemaExtension):
    """Persisted operations: `extensions.persistedQuery.sha256Hash` names a registered operation. With
    `only=True` nothing else runs (OPERATION_NOT_TRUSTED)."""

    def __init__(self, registry: dict[str, str], only: bool) -> None:
        self.registry = registry
        self.only = only

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        persisted = (context.operation_extensions or {}).get("persistedQuery") or {}
        wanted = persisted.get("sha256Hash") if isinstance(persisted, dict) else None
        if wanted:
            query = self.registry.get(str(wanted))
            if query is None:
                raise GraphQLError(
                    "no persisted operation has this hash",
                    extensions={"code": "PERSISTED_QUERY_NOT_FOUND", "field": "extensions"},
                )
            if context.query and context.query != query:
                raise GraphQLError(
                    "the query does not match its hash",
                    extensions={"code": "PERSISTED_QUERY_MISMATCH", "field": "query"},
                )
            context.query = query
        elif self.only and context.query and operation_hash(context.query) not in self.registry:
            raise GraphQLError(
                "only registered (persisted) operations are accepted here",
                extensions={"code": "OPERATION_NOT_TRUSTED", "field": "query"},
            )
        yield


class TimeLimit:
    """ASGI middleware: an HTTP request still running after `seconds` is cancelled and answered 504."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracked), timeout=self.seconds)
        except TimeoutError:
            if started:
                return  # the answer was already on its way; nothing more can be said
            error = GraphQLError(
                f"the request took longer than {self.seconds:g} s and was stopped",
                extensions={"code": "REQUEST_TIMEOUT"},
            )
            response = JSONResponse({"data": None, "errors": [error.formatted]}, status_code=504)
            await response(scope, receive, send)
