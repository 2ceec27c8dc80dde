"""R26 over HTTP: Ghana's diaspora policy, launched in July 2019 and validated by the ministry in February 2020."""

from __future__ import annotations

import httpx
from actions_service.domain import errors as e

from .api_helpers import ok, seed
from .conftest import Auth, Deliver


async def test_a_policy_launched_before_its_ministerial_validation_is_recorded_as_it_happened(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver, countries=("GH",), authority_id="gh-dad")
    body = {"kind": "POLICY", "title": "National Diaspora Engagement Policy", "recorded_on": "2019-05-02"}
    recorded = await ok(await client.post(f"/actions/{action_id}/deliverables", json=body, headers=pm), 201)
    path = f"/deliverables/{recorded['deliverable']['id']}/status"
    launch = {"status": "LAUNCHED", "level": "NATIONAL", "changed_on": "2019-07-03"}
    await ok(await client.post(path, json=launch, headers=pm))
    validation = {"status": "VALIDATED", "level": "MINISTERIAL", "changed_on": "2020-02-14"}
    validated = (await ok(await client.post(path, json=validation, headers=pm)))["deliverable"]

    assert [(s["status"], s["level"]) for s in validated["history"]] == [
        ("DRAFTED", None), ("LAUNCHED", "NATIONAL"), ("VALIDATED", "MINISTERIAL"),
    ]  # fmt: skip
    assert validated["status"] == "VALIDATED"
    assert validated["approval"] == {"status": "VALIDATED", "level": "MINISTERIAL", "changed_on": "2020-02-14"}
    assert validated["rollout"] == {"status": "LAUNCHED", "level": "NATIONAL", "changed_on": "2019-07-03"}

    technical = {"status": "ENDORSED", "level": "TECHNICAL", "changed_on": "2020-03-01"}
    refused = await client.post(path, json=technical, headers=pm)
    assert refused.status_code == 409
    assert (refused.json()["error"]["code"], refused.json()["error"]["field"]) == (
        e.DELIVERABLE_STATUS_NOT_FORWARD, "status",
    )  # fmt: skip
