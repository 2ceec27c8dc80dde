"""The dashboard's kept totals equal a full recomputation, however the roster changed since the last fold."""

from __future__ import annotations

from datetime import date
from typing import Any

import asyncpg
import httpx
from experts_service.adapters.portfolio import from_totals, recomputed
from service_core.access import Scope
from service_core.auth import Principal, Role
from service_core.portfolio import ALL, PortfolioFilter

from .conftest import Auth, Deliver, action_opened, activity_planned, ok
from .test_portfolio import _deploy, _register, _roster, served_as_focal_point

EVERYONE = Scope(everything=True)
MANAGER = Principal(sub="pm", roles=frozenset({Role.PROGRAMME_MANAGER}))


async def _same(pool: asyncpg.Pool) -> dict[str, Any]:
    """The kept totals' figures, checked against the figures computed from every row."""
    kept = await from_totals(pool)
    full = await recomputed(pool, EVERYONE, PortfolioFilter(), None, MANAGER)
    assert kept == full
    return dict(kept.get(ALL) or {})


async def test_totals_follow_every_change_and_a_rebuild(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    assert await _same(service_pool) == {}  # the first fold: everything, over nothing
    await _roster(client, auth, deliver)
    before = await _same(service_pool)  # folded from the marks the roster left
    assert (before["deployed"]["count"], before["triangular"]) == (4, 1)

    # a new Action in Morocco: a Spanish official (no partner from elsewhere), then a Filipino official
    await deliver(action_opened("ma-1", countries=("MA",)))
    rabat = activity_planned("ma-1", date(2017, 3, 1), countries=("MA",))
    await deliver(rabat)
    spain = await _register(client, auth, "es2", "2016-01-01", nationality="ES", member_state="ES")
    await _deploy(client, auth, spain, rabat.activity_id)
    await _same(service_pool)
    philippines = await _register(client, auth, "ph2", "2016-01-02", category="NON_EU_GOVERNMENTAL",
                                  nationality="PH", member_state=None)  # fmt: skip
    await _deploy(client, auth, philippines, rabat.activity_id)
    after = await _same(service_pool)
    assert (after["deployed"]["count"], after["actions_with_deployments"], after["triangular"]) == (6, 3, 2)
    await served_as_focal_point(client, auth, deliver, philippines)  # a link alone moves the totals
    assert (await _same(service_pool))["deployed"]["former_focal_points"] == 2

    # a rebuild empties the read models and fills them again: everything is computed again once
    await service_pool.execute("TRUNCATE deployment_view")
    emptied = await _same(service_pool)
    assert (emptied["registered"]["count"], emptied["deployed"]["count"]) == (8, 0)
    served = await ok(await client.get("/portfolio", headers=auth("reporting")))
    assert served["figures"] == emptied
