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
    GraphQLEnumType,
    GraphQLError,
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

from gateway.inputs import unsafe_arguments, unsafe_value

LIST_SIZE = 10  # assumed length of a plain list of objects without a declared estimate
PAGE_SIZE = 20  # a top-level connection's default page
# Lists under one object, by what the domain bounds them to (their whole list is one row set of the service
# answering the batch): a connection without `first`/`last`, or a plain list of objects.
LIST_ESTIMATES = {
    # averages of the programme's record (the demo portfolio: 3.6 activities per Action, 0.7 deployments per
    # activity), with a margin; R08 warns above seven activities
    "Action.activities": 5,
    "Action.deliverables": 5,
    "Activity.deployments": 2,
    "Expert.deployments": 10,
    "Action.lessons": 5,
    "Action.outcomes": 5,
    "Action.warnings": 3,
    "Activity.modifications": 5,
    "AssistanceRequest.coRequesters": 5,
    "AssistanceRequest.focalPoints": 6,  # one operational and one strategic per institution
    "AssistanceRequest.eligibilityReasons": 4,
    "ActionFeedback.expertFeedback": 4,
    "ActionFiche.capacityLevels": 3,
    "ExpertProfile.expertise": 5,
    "Expert.expertise": 5,
    "Expert.languages": 5,
    "Expert.availability": 5,
    "Deliverable.history": 6,
}
# Relay's wrappers: `edges` of a connection and `node` of an edge are no service work and no data level of
# their own (a connection is three selection levels for one level of data).
WRAPPERS = frozenset({("Connection", "edges"), ("Edge", "node")})
BACKEND_CALL = 10  # each root field, list and connection is (at least) one service call
# Fields whose service call does much more than read rows: what one call costs, in fields.
CALL_WEIGHTS = {
    "Query.expertCandidates": 250,  # the experts service ranks the whole roster for the activity
    "Query.portfolio": 40,  # four services aggregate their read models
    "Query.portfolioSeries": 40,  # the same per period (the periods multiply the fields below it)
}
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})
# (parent type, field name) -> (its definition, whether it is a list): the schema is fixed for the process
_FIELDS: dict[tuple[Any, str], tuple[GraphQLField | None, bool]] = {}


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


class Figures:
    """What a selection set adds up to. `cost` is multiplied by list sizes; the counts by spreads only.
    Mutable and slotted: the gateway measures every operation, so this is on every request's path."""

    __slots__ = (
        "aliases",
        "calls",
        "cost",
        "depth",
        "directives",
        "introspection",
        "introspection_cost",
        "introspection_depth",
    )

    def __init__(self, cost: int = 0, calls: int = 0, depth: int = 0, aliases: int = 0, directives: int = 0) -> None:
        self.cost = cost
        self.calls = calls  # weighted backend calls
        self.depth = depth  # of the data graph
        self.aliases = aliases
        self.directives = directives
        self.introspection = 0  # `__schema` and `__type` fields
        self.introspection_depth = 0  # of the selections under them
        self.introspection_cost = 0  # of the selections under them

    def absorb(self, other: Figures) -> None:
        self.cost += other.cost
        self.calls += other.calls
        self.depth = max(self.depth, other.depth)
        self.aliases += other.aliases
        self.directives += other.directives
        self.introspection += other.introspection
        self.introspection_depth = max(self.introspection_depth, other.introspection_depth)
        self.introspection_cost += other.introspection_cost


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
        self.literal_error: GraphQLError | None = None  # the first refused text or list written in an argument

    def operation(self, operation: OperationDefinitionNode) -> Shape:
        root = self.schema.get_root_type(operation.operation)
        for variable in operation.variable_definitions or ():
            if variable.default_value is not None and self.literal_error is None:
                self.literal_error = unsafe_value(variable.default_value, variable.variable.name.value)
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
            if selection.directives:
                total.directives += len(selection.directives)
                for directive in selection.directives:
                    self._check_literals(directive.arguments)
            if isinstance(selection, FieldNode):
                self._field(selection, parent, page, total)
            elif isinstance(selection, InlineFragmentNode):
                condition = selection.type_condition
                target = self.schema.get_type(condition.name.value) if condition else parent
                total.absorb(self.selections(selection.selection_set, target, page))
            elif isinstance(selection, FragmentSpreadNode):
                total.absorb(self._fragment(selection.name.value, page))
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

    def _field(self, node: FieldNode, parent: Any, page: int | None, total: Figures) -> None:
        """Adds the field's figures to its selection set's `total`."""
        name = node.name.value
        known = _FIELDS.get((parent, name))
        if known is None:
            definition = _definition(self.schema, parent, name)
            known = (definition, definition is not None and _is_list(definition.type))
            if definition is not None:  # only the schema's own fields are remembered: the cache stays bounded
                _FIELDS[(parent, name)] = known
        definition, listed = known
        alias = 0 if node.alias is None else 1
        if node.arguments:
            self._check_literals(node.arguments)
        if definition is None:  # unknown field: validation refuses it; count it so the figures stay honest
            inner = self.selections(node.selection_set, None)
            inner.cost += 1
            inner.depth = 1 + inner.depth if node.selection_set else 0
            inner.aliases += alias
            total.absorb(inner)
            return
        coordinate = f"{getattr(parent, 'name', '')}.{name}"
        size = (page or self._estimate(coordinate, definition)) if listed else 1
        root = parent is self.schema.query_type or parent is self.schema.mutation_type
        if node.selection_set is None:  # a leaf: most fields, so the short way
            total.cost += size
            total.calls += BACKEND_CALL if root or listed else 0
            total.aliases += alias
            return
        first = self._first(node, definition, root, coordinate)
        if coordinate == "Query.portfolioSeries":  # one item per period of the range asked for
            size = self.series.periods(self._argument(node, "filter"), self._argument(node, "granularity"))
        inner = self.selections(node.selection_set, get_named_type(definition.type), first)
        below = 1 + inner.depth  # levels of selection sets under this field
        if name in INTROSPECTION_FIELDS:  # measured against the introspection limits (no service call)
            inner.introspection_cost = size * (1 + inner.cost + inner.introspection_cost)
            inner.introspection_depth = below
            inner.introspection += 1
            inner.cost = inner.depth = inner.calls = 0
            inner.aliases += alias
            total.absorb(inner)
            return
        wrapper = _is_wrapper(parent, name)
        if (root or listed or first is not None) and not wrapper:
            inner.calls += CALL_WEIGHTS.get(coordinate, BACKEND_CALL) if root else BACKEND_CALL
        inner.cost = size * ((0 if wrapper else 1) + inner.cost)
        inner.introspection_cost *= size
        inner.depth = below - 1 if wrapper else below
        inner.aliases += alias
        total.absorb(inner)

    def _check_literals(self, arguments: Any) -> None:
        if self.literal_error is None:
            self.literal_error = unsafe_arguments(arguments)

    def _argument(self, node: FieldNode, name: str) -> Any:
        for argument in node.arguments or ():
            if argument.name.value == name:
                return value_from_ast_untyped(argument.value, self.variables)
        return None

    def _first(self, node: FieldNode, definition: GraphQLField, root: bool, coordinate: str) -> int | None:
        """The page a connection (or a ranked list) asks for: `first` or `last`, else its default (a top-level
        page, or the declared estimate of a list under one object)."""
        if "first" not in definition.args:
            return None
        for argument in ("first", "last"):
            value = self._argument(node, argument)
            if isinstance(value, int) and value >= 0:
                return value
        return PAGE_SIZE if root else LIST_ESTIMATES.get(coordinate, PAGE_SIZE)

    @staticmethod
    def _estimate(coordinate: str, definition: GraphQLField) -> int:
        """A plain list's length: declared, or every value of its enum (a list of an enum holds each at
        most once), or LIST_SIZE."""
        declared = LIST_ESTIMATES.get(coordinate)
        if declared is not None:
            return declared
        item = get_named_type(definition.type)
        if isinstance(item, GraphQLEnumType):
            return len(item.values)
        return LIST_SIZE

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


def _is_wrapper(parent: Any, name: str) -> bool:
    parent_name = getattr(parent, "name", "")
    return any(parent_name.endswith(suffix) and name == field for suffix, field in WRAPPERS)


def _is_list(output_type: GraphQLOutputType) -> bool:
    unwrapped = output_type.of_type if isinstance(output_type, GraphQLNonNull) else output_type
    return isinstance(unwrapped, GraphQLList)


def selected_operation(document: DocumentNode, operation_name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if operation_name:
        return next((o for o in operations if o.name is not None and o.name.value == operation_name), None)
    return operations[0] if len(operations) == 1 else None
