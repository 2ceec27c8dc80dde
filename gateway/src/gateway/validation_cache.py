"""Documents known to be valid, kept by their text, so a repeated query is not validated again.

graphql-core's validation depends only on the schema, the document and the rules, and it is the largest part of
the gateway's own work on a query sent again and again (the dashboard's: about 40 % of its CPU time). Strawberry's
`ValidationCache` keys on the parsed document, whose hash walks the whole tree on every lookup; the text is hashed
once. Only documents that passed are kept, only short ones, and at most `size`: a stream of unique documents costs
no more than the bound, and an invalid document is validated (and refused) every time. `QueryGuard` still
measures every request (its cost depends on the variables); this runs after it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

Key = tuple[str, tuple[type, ...]]


class KnownValidDocuments:
    """A bounded, least-recently-used set of (document text, validation rules) that validated clean."""

    def __init__(self, size: int = 256, longest: int = 16_384) -> None:
        self.size = size
        self.longest = longest
        self._known: OrderedDict[Key, None] = OrderedDict()

    def key(self, query: str | None, rules: tuple[type, ...]) -> Key | None:
        return (query, rules) if query and len(query) <= self.longest else None

    def knows(self, key: Key) -> bool:
        if key in self._known:
            self._known.move_to_end(key)
            return True
        return False

    def add(self, key: Key) -> None:
        self._known[key] = None
        if len(self._known) > self.size:
            self._known.popitem(last=False)

    def __len__(self) -> int:
        return len(self._known)


class ValidationByText(SchemaExtension):
    def __init__(self, known: KnownValidDocuments) -> None:
        self.known = known

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        key = self.known.key(context.query, tuple(context.validation_rules))
        known = key is not None and context.pre_execution_errors is None and self.known.knows(key)
        if known:
            context.pre_execution_errors = []  # strawberry then skips its own validation
        yield
        if key is not None and not known and context.pre_execution_errors == []:
            self.known.add(key)
