"""One pass over a parsed GraphQL document, linear in its size: depth, aliases, directives, root fields,
introspection use and cost (fields and backend calls).

Every fragment is measured once per list size it is seen under (memoised) and its figures multiplied by the
number of times it is spread, so ten spreads of eight nested fragments cost eight measurements, not 10^8
walks. Introspection fields (`__schema`, `__type`, `__typename`) are fields like any other here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    value_from_ast_untyped,
)
from graphql.type.introspection import SchemaMetaFieldDef, TypeMetaFieldDef, TypeNameMetaFieldDef

LIST_SIZE = 10  # assumed length of a list without `first` (an Action's activities, a request's focal points)
PAGE_SIZE = 20  # a connection's default page
BACKEND_CALL = 10  # each root field, list and connection is (at least) one service call
# Fields whose service call does much more than read rows: what one call costs, in fields.
CALL_WEIGHTS = {
    "Query.expertCandidates": 250,  # the experts service ranks the whole roster for the activity
    "Query.portfolio": 40,  # four services aggregate their read models
    "Query.portfolioSeries": 40,  # the same per period (the periods multiply the fields below it)
}
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


MIEUX_START = date(2008, 12, 1)  # MIEUX I ran "since December 2008": no figure is older


@dataclass(frozen=True)
class SeriesRange:
    """The dates a portfolio filter may name; a series without bounds is assumed to span up to today."""

    floor: date = MIEUX_START
    years_ahead: int = 10

    @property
    def ceiling(self) -> date:
        return date(date.today().year + self.years_ahead, 12, 31)

    def periods(self, filter: Any, granularity: Any) -> int:
        start = _as_date(filter.get("from")) if isinstance(filter, dict) else None
        end = _as_date(filter.get("to")) if isinstance(filter, dict) else None
        start = max(start or self.floor, self.floor)
        end = min(end or date.today(), self.ceiling)
        if end < start:
            return 1
        if granularity == "QUARTER":
            return (end.year - start.year) * 4 + (end.month - 1) // 3 - (start.month - 1) // 3 + 1
        return end.year - start.year + 1


def _as_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Figures:
    """What a selection set adds up to. `cost` is multiplied by list sizes; the counts by spreads only."""

    cost: int = 0
    calls: int = 0  # weighted backend calls
    depth: int = 0  # of the data graph
    aliases: int = 0
    directives: int = 0
    introspection: int = 0  # `__schema` and `__type` fields
    introspection_depth: int = 0  # of the selections under them
    introspection_cost: int = 0  # of the selections under them

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.cost + other.cost,
            self.calls + other.calls,
            max(self.depth, other.depth),
            self.aliases + other.aliases,
            self.directives + other.directives,
            self.introspection + other.introspection,
            max(self.introspection_depth, other.introspection_depth),
            self.introspection_cost + other.introspection_cost,
        )


@dataclass(frozen=True)
class Shape:
    """The measured operation."""

    depth: int
    introspection_depth: int
    aliases: int
    directives: int
    root_fields: int
    introspection: int
    introspection_cost: int
    cost: int


class Analyser:
    def __init__(
        self, schema: GraphQLSchema, document: DocumentNode, variables: dict[str, Any], series: SeriesRange
    ) -> None:
        self.schema = schema
        self.variables = variables
        self.series = series
        self.fragments = {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}
        self._memo: dict[tuple[str, int | None], Figures] = {}
        self._open: set[str] = set()  # fragments being measured: a cycle counts once (validation refuses it)

    def operation(self, operation: OperationDefinitionNode) -> Shape:
        root = self.schema.get_root_type(operation.operation)
        figures = self.selections(operation.selection_set, root)
        directives = figures.directives + len(operation.directives or ())
        return Shape(
            depth=figures.depth,
            introspection_depth=figures.introspection_depth,
            aliases=figures.aliases,
            directives=directives,
            root_fields=self._root_fields(operation.selection_set),
            introspection=figures.introspection,
            introspection_cost=figures.introspection_cost,
            cost=figures.cost + figures.calls,
        )

    def selections(self, selection_set: SelectionSetNode | None, parent: Any, page: int | None = None) -> Figures:
        total = Figures()
        if selection_set is None:
            return total
        for selection in selection_set.selections:
            own = Figures(directives=len(selection.directives or ()))
            if isinstance(selection, FieldNode):
                total += own + self._field(selection, parent, page)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total += own + self.selections(selection.selection_set, target, page)
            elif isinstance(selection, FragmentSpreadNode):
                total += own + self._fragment(selection.name.value, page)
        return total

    def _fragment(self, name: str, page: int | None) -> Figures:
        key = (name, page)
        found = self._memo.get(key)
        if found is not None:
            return found
        fragment = self.fragments.get(name)
        if fragment is None or name in self._open:
            return Figures()
        self._open.add(name)
        target = self.schema.get_type(fragment.type_condition.name.value)
        found = self._memo[key] = self.selections(fragment.selection_set, target, page)
        self._open.discard(name)
        return found

    def _field(self, node: FieldNode, parent: Any, page: int | None) -> Figures:
        definition = _definition(self.schema, parent, node.name.value)
        alias = 1 if node.alias is not None else 0
        introspection = 1 if node.name.value in INTROSPECTION_FIELDS else 0
        if definition is None:  # unknown field: validation refuses it; count it so the figures stay honest
            inner = self.selections(node.selection_set, None)
            below = 1 + inner.depth if node.selection_set else 0
            return Figures(1 + inner.cost, inner.calls, below, alias + inner.aliases, inner.directives)
        coordinate = f"{getattr(parent, 'name', '')}.{node.name.value}"
        first = self._first(node, definition)
        listed = _is_list(definition.type)
        size = (page or LIST_SIZE) if listed else 1
        if coordinate == "Query.portfolioSeries":  # one item per period of the range asked for
            size = self.series.periods(self._argument(node, "filter"), self._argument(node, "granularity"))
        inner = self.selections(node.selection_set, get_named_type(definition.type), first)
        calls = 0
        if parent is self.schema.query_type or parent is self.schema.mutation_type or listed or first is not None:
            calls = CALL_WEIGHTS.get(coordinate, BACKEND_CALL)
        below = 1 + inner.depth if node.selection_set else 0  # levels of selections under the root (a leaf: none)
        if introspection:  # measured against the introspection limits (no service call; GraphiQL needs one)
            return Figures(
                aliases=alias + inner.aliases,
                directives=inner.directives,
                introspection=1 + inner.introspection,
                introspection_depth=below,
                introspection_cost=size * (1 + inner.cost + inner.introspection_cost),
            )
        return Figures(
            cost=size * (1 + inner.cost),
            calls=calls + inner.calls,
            depth=below,
            aliases=alias + inner.aliases,
            directives=inner.directives,
            introspection=inner.introspection,
            introspection_depth=inner.introspection_depth,
            introspection_cost=size * inner.introspection_cost,
        )

    def _argument(self, node: FieldNode, name: str) -> Any:
        for argument in node.arguments or ():
            if argument.name.value == name:
                return value_from_ast_untyped(argument.value, self.variables)
        return None

    def _first(self, node: FieldNode, definition: GraphQLField) -> int | None:
        if "first" not in definition.args:
            return None
        value = self._argument(node, "first")
        return value if isinstance(value, int) and value >= 0 else PAGE_SIZE

    def _root_fields(self, selection_set: SelectionSetNode) -> int:
        """Fields at the root, through fragments (each spread counted, each fragment walked once)."""
        counted: dict[str, int] = {}

        def count(selections: SelectionSetNode, seen: frozenset[str]) -> int:
            total = 0
            for selection in selections.selections:
                if isinstance(selection, FieldNode):
                    total += 1
                elif isinstance(selection, InlineFragmentNode):
                    total += count(selection.selection_set, seen)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.fragments.get(name)
                    if fragment is None or name in seen:
                        continue
                    if name not in counted:
                        counted[name] = count(fragment.selection_set, seen | {name})
                    total += counted[name]
            return total

        return count(selection_set, frozenset())


def _definition(schema: GraphQLSchema, parent: Any, name: str) -> GraphQLField | None:
    if name == "__typename":
        return TypeNameMetaFieldDef
    if parent is schema.query_type and name == "__schema":
        return SchemaMetaFieldDef
    if parent is schema.query_type and name == "__type":
        return TypeMetaFieldDef
    if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType):
        found: GraphQLField | None = parent.fields.get(name)
        return found
    return None


def _is_list(output_type: GraphQLOutputType) -> bool:
    unwrapped = output_type.of_type if isinstance(output_type, GraphQLNonNull) else output_type
    return isinstance(unwrapped, GraphQLList)


def selected_operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        return next((o for o in operations if o.name is not None and o.name.value == operation_name), None)
    return operations[0] if len(operations) == 1 else None
