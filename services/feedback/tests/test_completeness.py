"""Completeness (R12, R13): share of held activities with participant feedback; Actions missing feedback."""

from __future__ import annotations

from datetime import date

import httpx
from contracts.events.requests import Region

from .conftest import Auth, Deliver
from .story import action_feedback, action_opened, completed, deployed, held, new_id, ok, planned, response

ON = date(2019, 8, 1)


async def test_completeness_counts_held_activities_with_feedback_and_lists_actions_missing_feedback(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")

    async def participant(activity_id: str) -> None:
        url = f"/activities/{activity_id}/participant-feedback"
        await ok(await client.post(url, json=response(4, 4, 4, 4), headers=pm), 201)

    async def feedback(action_id: str, source: str, **extra: str) -> None:
        await ok(
            await client.post(f"/actions/{action_id}/feedback", json=action_feedback(source, **extra), headers=pm), 201
        )

    # A (Africa): completed; two held activities, one with participant feedback; e-1 deployed, no expert feedback.
    a, a1, a2 = action_opened(new_id(), code="2019-01"), new_id(), new_id()
    await deliver(a, planned(a, a1, ON), planned(a, a2, ON, 2), held(a, a1, ON), held(a, a2, ON))
    await deliver(deployed(a, a1, "e-1", ON), completed(a, ON, held_count=2))
    await participant(a1)
    await feedback(a.action_id, "PARTNER")
    # B (Africa): one activity held, one still planned: not yet due.
    b, b1, b2 = action_opened(new_id(), code="2019-02"), new_id(), new_id()
    await deliver(b, planned(b, b1, ON), planned(b, b2, date(2019, 12, 1), 2), held(b, b1, ON))
    # C (Asia): every activity held, expert feedback from its deployed expert, no partner feedback.
    c, c1 = action_opened(new_id(), region=Region.ASIA, code="2019-03"), new_id()
    await deliver(c, planned(c, c1, ON), held(c, c1, ON), deployed(c, c1, "e-3", ON))
    await participant(c1)
    await feedback(c.action_id, "EXPERT", expert_id="e-3")
    # D (Africa): completed with everything.
    d, d1 = action_opened(new_id(), code="2019-04"), new_id()
    await deliver(d, planned(d, d1, ON), held(d, d1, ON), deployed(d, d1, "e-4", ON), completed(d, ON))
    await participant(d1)
    await feedback(d.action_id, "EXPERT", expert_id="e-4")
    await feedback(d.action_id, "PARTNER")

    everywhere = await ok(await client.get("/completeness", headers=auth("programme_manager")))
    africa = await ok(await client.get("/completeness", headers=auth("regional_coordinator", region="AFRICA")))
    reporting = await ok(await client.get("/completeness", headers=auth("reporting")))
    # reporting reads aggregates only: the same counts, no ids of activities, Actions or experts
    assert reporting["activities"] == {**everywhere["activities"], "without_feedback": []}
    assert reporting["actions"] == {**everywhere["actions"], "items": []}

    activities = everywhere["activities"]
    assert (activities["held"], activities["with_feedback"], activities["share"]) == (5, 3, 0.6)
    assert set(activities["without_feedback"]) == {a2, b1}
    assert everywhere["actions"]["due"] == 3
    assert everywhere["actions"]["items"] == [
        {"action_id": a.action_id, "code": "2019-01", "status": "COMPLETED", "missing_expert_feedback": True,
         "experts_without_feedback": ["e-1"], "missing_partner_feedback": False},
        {"action_id": c.action_id, "code": "2019-03", "status": "OPEN", "missing_expert_feedback": False,
         "experts_without_feedback": [], "missing_partner_feedback": True},
    ]  # fmt: skip
    assert (everywhere["actions"]["missing_expert_feedback"], everywhere["actions"]["missing_partner_feedback"]) == (
        1,
        1,
    )
    assert (africa["activities"]["held"], africa["activities"]["with_feedback"], africa["activities"]["share"]) == (
        4,
        2,
        0.5,
    )
    assert [item["action_id"] for item in africa["actions"]["items"]] == [a.action_id]
    assert africa["actions"]["due"] == 2
