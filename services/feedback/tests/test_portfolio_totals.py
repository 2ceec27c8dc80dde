"""The dashboard's kept totals equal a full recomputation, however feedback arrived since the last fold."""

from __future__ import annotations

from datetime import date
from typing import Any

import asyncpg
import httpx
from feedback_service.adapters.portfolio import from_totals, recomputed
from service_core.access import Scope
from service_core.auth import Principal, Role
from service_core.portfolio import ALL, PortfolioFilter

from .conftest import Auth, Deliver
from .story import action_feedback, action_opened, deployed, held, new_id, ok, planned, response
from .test_portfolio import ASIA_DAY, _world

EVERYONE = Scope(everything=True)
MANAGER = Principal(sub="pm", roles=frozenset({Role.PROGRAMME_MANAGER}))
REPORTING = Principal(sub="reporting", roles=frozenset({Role.REPORTING}))


async def _same(pool: asyncpg.Pool) -> dict[str, Any]:
    """The kept totals' figures (programme manager), checked against a full recomputation for both audiences."""
    for principal, suppress in ((MANAGER, False), (REPORTING, True)):
        kept = await from_totals(pool, suppress)
        assert kept == await recomputed(pool, EVERYONE, PortfolioFilter(), None, principal)
    return dict((await from_totals(pool, False)).get(ALL) or {})


async def test_totals_follow_every_change_and_a_rebuild(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    pm = auth("programme_manager")
    assert await _same(service_pool) == {}
    await _world(client, auth, deliver)
    before = await _same(service_pool)
    assert before["participant"]["responses"] == 8

    # Asia's activity gets three more responses (its first block of five is released), expert feedback, and a
    # second Action is held with a completed deployment but no feedback yet
    batch = {"responses": [response(3, 3, 3, 3)] * 3, "given_on": ASIA_DAY.isoformat()}
    asia_activity = await service_pool.fetchval("SELECT activity_id FROM activity_ref WHERE region = 'ASIA'")
    await ok(await client.post(f"/activities/{asia_activity}/participant-feedback/batch", json=batch, headers=pm), 201)
    await _same(service_pool)
    asia_action = await service_pool.fetchval("SELECT action_id FROM action_ref WHERE region = 'ASIA'")
    body = {**action_feedback("PARTNER"), "given_on": ASIA_DAY.isoformat()}
    await ok(await client.post(f"/actions/{asia_action}/feedback", json=body, headers=pm), 201)
    late, late_activity, day = action_opened(new_id(), code="2020-01"), new_id(), date(2020, 2, 1)
    await deliver(late, planned(late, late_activity, day), held(late, late_activity, day))
    await deliver(deployed(late, late_activity, "e-9", day))
    after = await _same(service_pool)
    assert after["participant"]["responses"] == 11
    assert after["completeness"]["held_activities"] == 3
    assert after["completeness"]["missing_expert_feedback"] == before["completeness"]["missing_expert_feedback"] + 1

    # a rebuild empties a read model and fills it again: everything is computed again once
    await service_pool.execute("TRUNCATE activity_ref")
    emptied = await _same(service_pool)
    assert emptied["completeness"]["held_activities"] == 0
    served = await ok(await client.get("/portfolio", headers=pm))
    assert served["figures"] == emptied
