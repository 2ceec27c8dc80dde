"""The whole-programme figures from the kept totals equal a full recomputation after every kind of change."""

from __future__ import annotations

from datetime import date
from typing import Any

import asyncpg
import httpx
from actions_service.adapters.portfolio import from_totals, recomputed
from service_core.access import Scope
from service_core.auth import Principal, Role
from service_core.portfolio import ALL, PortfolioFilter

from .api_helpers import agreed, held, ok, planned, seed
from .conftest import Auth, Deliver
from .test_portfolio import _portfolio_world

MANAGER = Principal(sub="pm", roles=frozenset({Role.PROGRAMME_MANAGER}))


async def _same(pool: asyncpg.Pool) -> dict[str, Any]:
    kept = await from_totals(pool)
    full = await recomputed(pool, Scope(everything=True), PortfolioFilter(), None, MANAGER)
    assert kept == full
    return dict(kept.get(ALL) or {})


async def test_the_kept_totals_equal_a_recomputation_after_every_change(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    pm = auth("programme_manager")
    assert await _same(service_pool) == {}  # nothing opened yet

    await _portfolio_world(client, auth, deliver)
    first = await _same(service_pool)
    assert first["rapid_reaction"]["launched"] == 2 and first["rapid_reaction"]["overdue"] == 1

    # a regional Action in West Africa (its organisation's members are reached), launched in time
    ecowas = await seed(deliver, countries=(), regional_organisation="ECOWAS", authority_id="ecowas-c")
    await agreed(client, auth, ecowas, date(2016, 5, 12))
    workshop = await planned(client, auth, ecowas, "WORKSHOP", date(2016, 6, 1), place_country="NG")
    await held(client, auth, workshop, date(2016, 6, 1))
    second = await _same(service_pool)
    assert second["themes"]["countries_reached"] > first["themes"]["countries_reached"]
    assert second["rapid_reaction"]["launched"] == 3

    # an activity cancelled, a deliverable moved on, and the totals follow
    cancelled = await planned(client, auth, ecowas, "STUDY_VISIT", date(2016, 9, 1), place_country="BE")
    await ok(await client.post(f"/activities/{cancelled}/cancellation", json={"reason": "visa"}, headers=pm))
    body = {"kind": "POLICY", "title": "Regional labour migration policy", "recorded_on": "2016-10-02"}
    recorded = await ok(await client.post(f"/actions/{ecowas}/deliverables", json=body, headers=pm), 201)
    launch = {"status": "LAUNCHED", "level": "NATIONAL", "changed_on": "2017-01-03"}
    await ok(await client.post(f"/deliverables/{recorded['deliverable']['id']}/status", json=launch, headers=pm))
    third = await _same(service_pool)
    assert {"kind": "POLICY", "status": "LAUNCHED", "count": 1} in third["deliverables"]

    # a read model emptied (as a TRUNCATE does): everything is counted again once
    await service_pool.execute("TRUNCATE deliverable_view")
    emptied = await _same(service_pool)
    assert emptied["deliverables"] == []
    served = await ok(await client.get("/portfolio", headers=auth("reporting")))
    assert served["figures"] == emptied
