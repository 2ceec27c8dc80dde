"""Protection of the graph: limits measured on the document before anything runs (size, tokens, depth,
aliases, root fields, directives, introspection, cost), trusted (persisted) operations by hash, and a request
timeout. Every refusal is a GraphQL error with its own code, the measured value and the limit."""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import GraphQLError, GraphQLSyntaxError, Lexer, Source, TokenKind, parse
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from gateway.analysis import Analyser, SeriesRange, Shape, selected_operation
from gateway.inputs import unsafe_variable


@dataclass(frozen=True)
class QueryLimits:
    """What one operation may ask for (README, "Protection"; settings `MIEUX_MAX_*`)."""

    max_document_bytes: int = 32_768
    max_tokens: int = 2_000
    max_depth: int = 10
    max_introspection_depth: int = 15  # GraphiQL's own introspection query is 13 deep
    max_aliases: int = 30
    max_root_fields: int = 20
    max_directives: int = 30
    max_cost: int = 10_000
    max_introspection_cost: int = 100_000  # GraphiQL's introspection query costs about 51,000
    introspection: bool = True
    series: SeriesRange = field(default_factory=SeriesRange)


# The cost the guard measured for the current operation (GraphQL metrics read it when the operation ends).
measured_cost: ContextVar[int | None] = ContextVar("measured_cost", default=None)


def refusal(code: str, message: str, measured: int | None, limit: int, **extra: Any) -> GraphQLError:
    extensions: dict[str, Any] = {"code": code, "measured": measured, "limit": limit, **extra}
    return GraphQLError(message, extensions=extensions)


def shape_refusals(shape: Shape, limits: QueryLimits) -> list[GraphQLError]:
    found: list[GraphQLError] = []

    def over(code: str, what: str, measured: int, limit: int, **extra: Any) -> None:
        if measured > limit:
            found.append(
                refusal(
                    code, f"the operation has {measured} {what}; at most {limit} are allowed", measured, limit, **extra
                )
            )

    if shape.introspection and not limits.introspection:
        found.append(
            refusal(
                "INTROSPECTION_DISABLED",
                "introspection is disabled on this gateway (MIEUX_GRAPHQL_INTROSPECTION)",
                shape.introspection,
                0,
            )
        )
    over("DEPTH_LIMIT_EXCEEDED", "levels of nested fields", shape.depth, limits.max_depth)
    over(
        "DEPTH_LIMIT_EXCEEDED",
        "levels of introspection fields",
        shape.introspection_depth,
        limits.max_introspection_depth,
    )
    over("TOO_MANY_ALIASES", "aliased fields (fragments counted at every spread)", shape.aliases, limits.max_aliases)
    over("TOO_MANY_ROOT_FIELDS", "root fields", shape.root_fields, limits.max_root_fields)
    over(
        "TOO_MANY_DIRECTIVES", "directives (fragments counted at every spread)", shape.directives, limits.max_directives
    )
    if shape.cost > limits.max_cost:
        found.append(
            refusal(
                "COST_LIMIT_EXCEEDED",
                f"query cost {shape.cost} exceeds the limit of {limits.max_cost}: ask for fewer items (`first`), "
                "fewer nested lists or fewer aliased fields (each root field or list is a service call)",
                shape.cost,
                limits.max_cost,
                cost=shape.cost,
                maxCost=limits.max_cost,
            )
        )
    if shape.introspection_cost > limits.max_introspection_cost:
        found.append(
            refusal(
                "COST_LIMIT_EXCEEDED",
                f"the introspection fields cost {shape.introspection_cost}, above the limit of "
                f"{limits.max_introspection_cost}: introspect once, without aliases",
                shape.introspection_cost,
                limits.max_introspection_cost,
            )
        )
    return found


_IGNORED = re.compile(r'"""(?:[^"\\]|\\.|"(?!""))*"""|"(?:[^"\\\n]|\\.)*"|#[^\n]*')


def nesting(query: str) -> int:
    """Deepest bracket nesting outside strings and comments (only to report a document too deep to parse)."""
    deepest = level = 0
    for char in _IGNORED.sub("", query):
        if char in "{[(":
            level += 1
            deepest = max(deepest, level)
        elif char in "}])":
            level -= 1
    return deepest


def token_count(query: str) -> int:
    lexer = Lexer(Source(query))
    count = 0
    try:
        while lexer.advance().kind is not TokenKind.EOF:
            count += 1
    except GraphQLSyntaxError:
        pass
    return count


def parse_within(query: str, limits: QueryLimits) -> Any:
    """Parse with the size and token limits; a document nested beyond Python's stack is QUERY too deep."""
    size = len(query.encode("utf-8", "surrogatepass"))
    if size > limits.max_document_bytes:
        raise refusal(
            "DOCUMENT_TOO_LARGE",
            f"the document has {size} bytes; at most {limits.max_document_bytes} are allowed",
            size,
            limits.max_document_bytes,
        )
    try:
        return parse(query, max_tokens=limits.max_tokens)
    except GraphQLSyntaxError as exc:
        if "tokens" in exc.message:
            count = token_count(query)
            raise refusal(
                "TOO_MANY_TOKENS",
                f"the document has {count} tokens; at most {limits.max_tokens} are allowed",
                count,
                limits.max_tokens,
            ) from None
        if "nested too deeply" not in exc.message:
            exc.extensions = {"code": "GRAPHQL_PARSE_FAILED"}
            raise
    except RecursionError:
        pass
    depth = nesting(query)  # beyond what the parser (or Python's stack) follows
    raise refusal(
        "DEPTH_LIMIT_EXCEEDED",
        f"the document is nested {depth} levels deep; at most {limits.max_depth} are allowed",
        depth,
        limits.max_depth,
    )


class QueryGuard(SchemaExtension):
    """Parses within the size and token limits, then measures the operation in one linear pass and refuses
    it before validation and before any resolver: nothing hostile reaches graphql-core's validation or a
    service."""

    def __init__(self, limits: QueryLimits) -> None:
        self.limits = limits

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.graphql_document is None and context.query:
            context.graphql_document = parse_within(context.query, self.limits)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.pre_execution_errors is None:
            errors = self.refusals(context.schema._schema, document, context.operation_name, context.variables or {})
            if errors:
                context.pre_execution_errors = errors
        yield

    def refusals(
        self, schema: Any, document: Any, operation_name: str | None, variables: dict[str, Any]
    ) -> list[GraphQLError]:
        analyser = Analyser(schema, document, variables, self.limits.series)
        chosen = selected_operation(document, operation_name)
        operations = [chosen] if chosen else [d for d in document.definitions if hasattr(d, "operation")]
        errors: list[GraphQLError] = []
        cost = 0
        for operation in operations:
            shape = analyser.operation(operation)
            cost += shape.cost
            errors += shape_refusals(shape, self.limits)
        measured_cost.set(cost)
        if not errors and (text := analyser.literal_error or unsafe_variable(variables)) is not None:
            errors.append(text)
        return errors


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
