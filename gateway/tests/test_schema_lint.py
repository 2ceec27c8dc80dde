"""Schema lint (CI): the graph follows the conventions Relay and generated clients rely on, checked on the
schema graphql-core builds from the committed SDL and on the live one."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

from gateway.app import build_schema as gateway_schema
from gateway.schema.error_codes import UserErrorCode
from gateway.schema.global_ids import NODE_TYPES
from graphql import (
    DocumentNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    build_schema,
    get_named_type,
    parse,
    validate,
)

SDL = Path(__file__).resolve().parents[1] / "schema.graphql"
CLOSED_SET_FIELDS = re.compile(r"(^status$|^code$|Reason$|^type$|^region$|^thematicArea$|^country$|^countries$)")
# String-typed fields with such names that are not closed sets: identifiers and free text, on purpose.
OPEN_BY_DESIGN = {
    "Action.code",  # the Action's identifier, YYYY-NN
    "ActionGap.code",  # the same identifier
    "RegionEvent.service",
    "ActivityModification.reason",  # free text given with a change
    "SteeringDecision.reason",
    "Withdrawal.reason",
    "ExclusionCount.reason",
    "Action.overrideReason",
    "ActionCompletedPayload.overrideReason",
    "ActionOpenedPayload.code",
    "EligibilityReasonEventPart.code",  # the event's own field: read as EligibilityCode on AssistanceRequest
}
# Lists of nodes bounded by the domain, kept plain: a request's co-requesting institutions.
BOUNDED_NODE_LISTS = {"AssistanceRequest.coRequesters"}


def schemas() -> list[GraphQLSchema]:
    return [gateway_schema()._schema, build_schema(SDL.read_text())]


def is_string(field: GraphQLField) -> bool:
    named = get_named_type(field.type)
    return isinstance(named, GraphQLScalarType) and named.name == "String"


def object_types(schema: GraphQLSchema) -> list[GraphQLObjectType]:
    return [t for name, t in schema.type_map.items() if isinstance(t, GraphQLObjectType) and not name.startswith("__")]


def test_every_type_with_an_id_implements_node_and_node_resolves() -> None:
    for schema in schemas():
        node = schema.get_type("Node")
        assert isinstance(node, GraphQLInterfaceType)
        with_id = set()
        for kind in object_types(schema):
            field = kind.fields.get("id")
            if field is not None and isinstance(field.type, GraphQLNonNull) and str(field.type.of_type) == "ID":
                with_id.add(kind.name)
                assert node in kind.interfaces, f"{kind.name} has `id: ID!` but does not implement Node"
        assert with_id == set(NODE_TYPES)
        query = schema.query_type
        assert query is not None and {"node", "nodes"} <= set(query.fields)
        assert str(query.fields["node"].args["id"].type) == "ID!"


def test_every_connection_pages_both_ways_with_a_total() -> None:
    for schema in schemas():
        connections = {t.name for t in object_types(schema) if t.name.endswith("Connection")}
        assert {"ActionConnection", "ActivityConnection", "DeploymentConnection", "ExpertConnection"} <= connections
        for kind in object_types(schema):
            if kind.name in connections:
                assert {"edges", "pageInfo", "totalCount"} <= set(kind.fields), kind.name
            for name, field in kind.fields.items():
                if get_named_type(field.type).name in connections:
                    assert {"first", "after", "last", "before"} <= set(field.args), f"{kind.name}.{name}"
                named = get_named_type(field.type)
                listed = isinstance(field.type, GraphQLList) or (
                    isinstance(field.type, GraphQLNonNull) and isinstance(field.type.of_type, GraphQLList)
                )
                plain_nodes = listed and isinstance(named, GraphQLObjectType) and named.name in NODE_TYPES
                assert not plain_nodes or f"{kind.name}.{name}" in BOUNDED_NODE_LISTS, (
                    f"{kind.name}.{name} is a plain list of nodes: make it a connection"
                )


def test_no_closed_set_is_a_string() -> None:
    for schema in schemas():
        offenders = [
            f"{kind.name}.{name}"
            for kind in object_types(schema)
            for name, field in kind.fields.items()
            if CLOSED_SET_FIELDS.search(name) and is_string(field) and f"{kind.name}.{name}" not in OPEN_BY_DESIGN
        ]
        assert offenders == []
        user_error = schema.get_type("UserError")
        assert isinstance(user_error, GraphQLObjectType)
        assert isinstance(get_named_type(user_error.fields["code"].type), GraphQLEnumType)


def test_the_documented_example_queries_validate() -> None:
    schema = gateway_schema()._schema
    readme = (SDL.parents[0] / "README.md").read_text() + (SDL.parents[1] / "README.md").read_text()
    blocks = re.findall(r"```graphql\n(.*?)```", readme, flags=re.S)
    assert blocks
    for block in blocks:
        for operation in parse(block).definitions:  # blocks list several anonymous operations
            errors = validate(schema, DocumentNode(definitions=(operation,)))
            assert errors == [], (block, errors)


def test_every_code_a_service_defines_is_a_user_error_code() -> None:
    known = {code.value for code in UserErrorCode}
    for service in ("requests_service", "actions_service", "experts_service", "feedback_service"):
        module = importlib.import_module(f"{service}.domain.errors")
        defined = {v for k, v in vars(module).items() if k.isupper() and isinstance(v, str)}
        assert defined <= known, (service, sorted(defined - known))
