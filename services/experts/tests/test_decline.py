"""An expert declines a proposed deployment: recorded with its reason, final, and not counted as deployed."""

from __future__ import annotations

import httpx

from .conftest import Auth, Deliver, ok, propose, register
from .test_api_lifecycle import planned_workshop


async def test_a_declined_proposal_is_final_and_leaves_the_expert_free(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id, activity_id = await planned_workshop(deliver)
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    deployment_id = await propose(client, auth, expert_id, activity_id)
    as_expert = auth("expert", expert_id=expert_id)

    declined = await ok(await client.post(f"/deployments/{deployment_id}/decline",
                                          json={"reason": "EMPLOYER_NOT_AUTHORISED", "declined_on": "2019-04-02"},
                                          headers=as_expert))  # fmt: skip
    assert declined["deployment"]["status"] == "DECLINED"

    for path, body in ((f"/deployments/{deployment_id}/confirmation", {}),
                       (f"/deployments/{deployment_id}/decline", {"reason": "OTHER"})):  # fmt: skip
        again = await client.post(path, json=body, headers=as_expert)
        assert (again.status_code, again.json()["error"]["code"]) == (409, "DEPLOYMENT_NOT_PROPOSED"), path
    assert (await ok(await client.get(f"/deployments/{deployment_id}", headers=pm)))["status"] == "DECLINED"
    composition = await ok(await client.get(f"/actions/{action_id}/composition", headers=pm))
    assert composition["experts_count"] == 0


async def test_a_decline_needs_a_known_reason_and_the_experts_own_token(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    _, activity_id = await planned_workshop(deliver)
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    other_id = await register(client, auth, "Olga Test", "olga@example.org", nationality="BE", member_state="BE")
    deployment_id = await propose(client, auth, expert_id, activity_id)
    path = f"/deployments/{deployment_id}/decline"

    unknown = await client.post(path, json={"reason": "BORED"}, headers=auth("expert", expert_id=expert_id))
    assert unknown.status_code == 422 and unknown.json()["error"]["field"] == "reason"
    someone_else = await client.post(path, json={"reason": "OTHER"}, headers=auth("expert", expert_id=other_id))
    assert (someone_else.status_code, someone_else.json()["error"]["code"]) == (404, "NOT_FOUND")  # not theirs
    by_programme = await ok(
        await client.post(path, json={"reason": "NOT_AVAILABLE"}, headers=auth("programme_manager"))
    )
    assert by_programme["deployment"]["status"] == "DECLINED"  # on the expert's behalf
