"""hypothesis-graphql over the gateway's schema: queries and mutations, valid for the schema (any strings, NUL
included) and invalid (its negative mode), each with a valid token of a role drawn from all five, on the gateway tests' stack (real services, real
PostgreSQL). No answer is a 5xx, and every error carries `extensions.code` and none is INTERNAL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import hypothesis_graphql
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis_graphql import Mode, nodes

from .fuzzing import EXAMPLES, ROLE_HEADERS

SCHEMA = (Path(__file__).resolve().parents[2] / "gateway" / "schema.graphql").read_text()
SCALARS = {
    "Date": st.dates().map(lambda d: nodes.String(d.isoformat())),
    "DateTime": st.datetimes().map(lambda d: nodes.String(d.isoformat())),
    "JSON": st.text(max_size=20).map(nodes.String),
    "CountryCode": st.sampled_from(["CV", "MX", "XX", "cv", ""]).map(nodes.String),
}
DOCUMENTS_PER_KIND = 10 * EXAMPLES  # many root fields share them; each document is one call through the services


def generated_documents() -> list[tuple[str, str]]:
    """(document, role) pairs drawn by hypothesis; run here without I/O, sent afterwards on the stack's loop."""
    drawn: list[tuple[str, str]] = []
    kinds = [(kind, mode) for kind in (hypothesis_graphql.queries, hypothesis_graphql.mutations) for mode in Mode]
    for kind, mode in kinds:
        documents = kind(SCHEMA, custom_scalars=SCALARS, mode=mode)

        @settings(
            max_examples=DOCUMENTS_PER_KIND,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(document=documents, role=st.sampled_from(sorted(ROLE_HEADERS)))
        def draw(document: str, role: str) -> None:
            drawn.append((document, role))

        draw()
    return drawn


def graphql_problem(response: httpx.Response) -> str | None:
    if response.status_code >= 500:
        return f"server error {response.status_code}: {response.text[:500]}"
    try:
        body: Any = response.json()
    except ValueError:
        return f"{response.status_code}, not JSON: {response.text[:300]}"
    errors = body.get("errors") or ([body["error"]] if "error" in body else [])
    if response.status_code >= 400 and not errors:
        return f"{response.status_code} without an error: {response.text[:300]}"
    for error in errors:
        code = (error.get("extensions") or {}).get("code") or error.get("code")
        if not code:
            return f"an error without a code: {json.dumps(error)[:300]}"
        if code == "INTERNAL":
            return f"an INTERNAL error: {json.dumps(error)[:300]}"
    return None


async def test_no_graphql_document_gets_a_5xx_or_an_error_without_a_code(http: httpx.AsyncClient) -> None:
    problems = []
    for document, role in generated_documents():
        response = await http.post("/graphql", json={"query": document}, headers=ROLE_HEADERS[role])
        if problem := graphql_problem(response):
            problems.append(f"as {role}: {problem}\n  {document[:400]}")
    assert not problems, f"{len(problems)} bad answers:\n" + "\n".join(p[:300] for p in problems[:40])
