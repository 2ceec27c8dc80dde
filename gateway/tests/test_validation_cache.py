"""A document that validated is not validated again when its text comes back; an invalid one always is."""

from __future__ import annotations

from typing import Any

import pytest
import strawberry.schema.schema as strawberry_schema
from gateway.validation_cache import KnownValidDocuments

from .conftest import Gql


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    validate = strawberry_schema.validate_document

    def counting(schema: Any, document: Any, rules: Any) -> Any:
        seen.append(document.loc.source.body)
        return validate(schema, document, rules)

    monkeypatch.setattr(strawberry_schema, "validate_document", counting)
    return seen


async def test_a_valid_document_sent_again_is_not_validated_again(gql: Gql, validations: list[str]) -> None:
    query = "query Again($n: Int) { requests(first: $n) { totalCount } }"
    answers = [await gql(query, n=n) for n in (1, 2, 3)]

    assert all("errors" not in answer for answer in answers)
    assert validations.count(query) == 1


async def test_an_invalid_document_is_validated_and_refused_every_time(gql: Gql, validations: list[str]) -> None:
    query = "{ requests(first: 1) { noSuchField } }"
    answers = [await gql(query) for _ in range(2)]

    assert [a["errors"][0]["extensions"]["code"] for a in answers] == ["GRAPHQL_VALIDATION_FAILED"] * 2
    assert validations.count(query) == 2


async def test_a_document_refused_by_the_limits_is_never_known_valid(gql: Gql, validations: list[str]) -> None:
    deep = "{ requests(first: 1) { edges { node { " + "action { request { " * 8 + "id" + " } }" * 8 + " } } } }"
    answers = [await gql(deep) for _ in range(2)]

    assert all(a["errors"][0]["extensions"]["code"] == "DEPTH_LIMIT_EXCEEDED" for a in answers)
    assert deep not in validations


def test_the_known_documents_are_bounded_and_long_texts_are_not_kept() -> None:
    known = KnownValidDocuments(size=2, longest=10)
    for text in ("{ a }", "{ b }", "{ c }"):
        key = known.key(text, ())
        assert key is not None
        known.add(key)

    assert len(known) == 2
    assert not known.knows(("{ a }", ()))  # the least recently used went first
    assert known.key("{ " + "x " * 10 + "}", ()) is None
