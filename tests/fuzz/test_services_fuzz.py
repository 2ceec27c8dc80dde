"""Schemathesis over every service's OpenAPI, served as in production, against a real PostgreSQL database.

Valid and invalid requests (schemathesis' positive and negative modes), and valid ones with a control character or
a lone surrogate put into one of their strings, each with a valid token of a role drawn from all five: no
answer is a 5xx, and every 4xx carries an error code. Bounded (`fuzzing.EXAMPLES` per operation and mode) so
the whole suite adds well under two minutes to `make test`.
"""

from __future__ import annotations

import asyncio
import importlib

import pytest
import schemathesis
from contracts.services import NAMES
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from service_core.migrate import migrations_in
from service_core.runtime import ServiceDefinition, build_app
from service_core.testing.backends import Backend
from service_core.testing.fixtures import DatabaseFactory
from service_core.testing.serving import served

from .fuzzing import EXAMPLES, ROLE_HEADERS, answer_problem, with_a_hostile_character

SERVICES = NAMES


def fuzz_operations(base_url: str) -> list[str]:
    """Every operation of the app at `base_url`, fuzzed; returns the problems found (empty when none)."""
    schema = schemathesis.openapi.from_url(f"{base_url}/openapi.json")
    problems: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()
        valid = operation.as_strategy(generation_mode=GenerationMode.POSITIVE)
        strategies = {
            "positive": valid,
            "negative": operation.as_strategy(generation_mode=GenerationMode.NEGATIVE),
            "hostile text": with_a_hostile_character(valid),
        }
        for mode, cases in strategies.items():
            try:
                problems += fuzz(base_url, f"{operation.label} ({mode})", cases)
            except Unsatisfiable:  # nothing to make invalid (an operation without parameters or body)
                assert mode == "negative", operation.label
    return problems


def fuzz(base_url: str, label: str, cases: st.SearchStrategy[schemathesis.Case]) -> list[str]:
    problems: list[str] = []

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=cases, role=st.sampled_from(sorted(ROLE_HEADERS)))
    def check(case: schemathesis.Case, role: str) -> None:
        response = case.call(base_url=base_url, headers=ROLE_HEADERS[role], timeout=30)
        if problem := answer_problem(response.status_code, response.content):
            problems.append(f"{label} as {role}: {problem}\n  {case.as_curl_command()}")

    check()
    return problems


@pytest.mark.parametrize("service", SERVICES)
async def test_no_request_to_a_service_gets_a_5xx_and_every_refusal_has_a_code(
    service: str, databases: DatabaseFactory, backend: Backend
) -> None:
    package = f"{service}_service"
    bootstrap = importlib.import_module(f"{package}.bootstrap")
    definition: ServiceDefinition = bootstrap.definition
    database_url = await databases.create(migrations_in(package))
    service_settings = definition.settings_class(
        database_url=database_url, kafka_bootstrap_servers=backend.bootstrap_servers
    )
    app = build_app(definition, service_settings, relay=False, consume=False)
    with served(app) as base_url:
        problems = await asyncio.to_thread(fuzz_operations, base_url)
    assert not problems, f"{len(problems)} bad answers:\n" + "\n".join(problems[:20])
