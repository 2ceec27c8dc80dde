"""The benchmark's in-process sections still run: the gateway and the bare graphql-core schema answer the
dashboard and the 100-item list over the canned service answers without an error. (A change to the gateway's
types once broke the canned answers, and with them these sections, without any test noticing.) No timing is
asserted: `make bench` measures."""

from __future__ import annotations

import json

from service_core.embedded.welcome import dev_token

from tests.performance.gateway_limits import LIST_QUERY, build_app, side
from tests.performance.gateway_ratio import measure

HEADERS = {"authorization": f"Bearer {dev_token('programme_manager')}", "content-type": "application/json"}


async def test_the_gateway_ratio_section_runs_on_both_sides_over_the_canned_answers() -> None:
    measured = await measure(rounds=1, count=2)

    assert len(measured.rounds["subject"]) == len(measured.rounds["baseline"]) == 1


async def test_the_gateway_answers_the_100_item_list_over_the_canned_answers_with_and_without_limits() -> None:
    body = json.dumps({"query": LIST_QUERY, "operationName": "Requests"}).encode()
    for limits in (True, False):
        async with side(lambda limits=limits: build_app(limits=limits)) as gateway:
            assert await gateway.once(body, HEADERS) >= 0  # `once` raises on an error in the answer
