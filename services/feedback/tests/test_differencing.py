"""Suppression that holds against differencing: nobody below programme manager can add responses, and what
they read moves only in blocks of five responses, so two readings never isolate one response."""

from __future__ import annotations

from typing import Any

import asyncpg
import httpx

from .conftest import Auth, Deliver
from .story import error, ok, response
from .test_participant_feedback import held_activity


async def _summary(client: httpx.AsyncClient, activity_id: str, headers: dict[str, str]) -> dict[str, Any]:
    return await ok(await client.get(f"/activities/{activity_id}/summary", headers=headers))


def _relevance(summary: dict[str, Any]) -> tuple[int, list[int] | None]:
    cell = next(c for c in summary["criteria"] if c["criterion"] == "RELEVANCE")
    return cell["responses"], cell["distribution"]


async def test_a_coordinator_or_focal_point_may_not_enter_participant_responses(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    _, activity_id = await held_activity(deliver)
    url = f"/activities/{activity_id}/participant-feedback"
    one, batch = response(5, 5, 5, 5), {"responses": [response(5, 5, 5, 5)] * 4}

    for headers in (auth("regional_coordinator", region="AFRICA"), auth("focal_point", authority_id="cv-dgaci")):
        assert error(await client.post(url, json=one, headers=headers), 403)["code"] == "FORBIDDEN"
        assert error(await client.post(f"{url}/batch", json=batch, headers=headers), 403)["code"] == "FORBIDDEN"

    assert await service_pool.fetchval("SELECT count(*) FROM participant_response") == 0
    assert await service_pool.fetchval("SELECT count(*) FROM events") == 0


async def test_a_coordinators_summary_moves_only_by_whole_blocks_of_five(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    _, activity_id = await held_activity(deliver)
    pm, coordinator = auth("programme_manager"), auth("regional_coordinator", region="AFRICA")
    url = f"/activities/{activity_id}/participant-feedback"
    for rating in (4, 4, 4, 4, 4):
        await ok(await client.post(url, json=response(rating, 4, 4, 4), headers=pm), 201)
    before = await _summary(client, activity_id, coordinator)

    await ok(await client.post(url, json=response(1, 4, 4, 4), headers=pm), 201)  # the response to protect
    after_one = await _summary(client, activity_id, coordinator)
    for _ in range(3):
        await ok(await client.post(url, json=response(5, 4, 4, 4), headers=pm), 201)
    after_four = await _summary(client, activity_id, coordinator)

    assert _relevance(before) == (5, [0, 0, 0, 5, 0])
    assert after_one["responses"] == 6 and after_four["responses"] == 9  # the count is always given
    assert _relevance(after_one) == _relevance(after_four) == _relevance(before)  # the figures have not moved
    assert _relevance(await _summary(client, activity_id, pm)) == (9, [1, 0, 0, 5, 3])  # managers see all

    await ok(await client.post(url, json=response(5, 4, 4, 4), headers=pm), 201)
    released = await _summary(client, activity_id, coordinator)
    assert _relevance(released) == (10, [1, 0, 0, 5, 4])  # the next block of five, as a whole


async def test_below_five_responses_the_levels_are_suppressed_for_a_focal_point(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    _, activity_id = await held_activity(deliver)
    url = f"/activities/{activity_id}/participant-feedback"
    for _ in range(4):
        await ok(await client.post(url, json=response(2, 2, 2, 2), headers=auth("programme_manager")), 201)

    summary = await _summary(client, activity_id, auth("focal_point", authority_id="cv-dgaci"))

    assert summary["responses"] == 4 and summary["suppressed"] is True
    assert {c["count"] for c in summary["capacity_levels"]} == {None}
    assert _relevance(summary) == (0, None)
