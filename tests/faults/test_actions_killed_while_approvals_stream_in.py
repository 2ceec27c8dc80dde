"""Kill the actions service while approvals stream in, restart it: every approved request has one Action."""

from __future__ import annotations

import asyncio
import time

import httpx

from .conftest import Services


async def submit_and_approve(manager: httpx.AsyncClient, requests_url: str, i: int) -> str:
    submitted = await manager.post(
        f"{requests_url}/requests",
        json={
            "authority": {"name": "Ministry of Interior", "acronym": f"MOI{i}", "type": "NATIONAL_GOVERNMENT"},
            "countries": ["CV"],
            "region": "AFRICA",
            "thematic_area": "IRREGULAR_MIGRATION_THB",
            "topic": f"Border management {i}",
            "description": "Capacity building.",
            "received_on": "2019-02-01",
        },
    )
    assert submitted.status_code == 201, submitted.text
    request_id: str = submitted.json()["request"]["id"]
    approved = await manager.post(
        f"{requests_url}/requests/{request_id}/decision",
        json={"decision": "APPROVE", "reason": "in remit", "decided_on": "2019-03-01"},
    )
    assert approved.status_code == 200, approved.text
    return request_id


async def test_every_approved_request_has_exactly_one_action_after_a_crash(
    services: Services, manager: httpx.AsyncClient
) -> None:
    requests = await services.start("requests_service")
    actions = await services.start("actions_service")
    approved: list[str] = []

    for i in range(30):
        approved.append(await submit_and_approve(manager, requests.url, i))
        if i == 12:
            actions.kill()  # mid-stream: some approvals consumed, some in flight, offsets not committed
    actions.start()
    for i in range(30, 40):
        approved.append(await submit_and_approve(manager, requests.url, i))

    deadline = time.monotonic() + 90
    while True:
        found = (await manager.post(f"{actions.url}/actions/batch-by-request", json={"request_ids": approved})).json()
        if all(found["items"]) or time.monotonic() > deadline:
            break
        await asyncio.sleep(0.5)

    assert all(found["items"]), f"{sum(1 for x in found['items'] if not x)} approved requests have no Action"
    listed = (await manager.get(f"{actions.url}/actions", params={"limit": 100})).json()
    assert listed["total_count"] == len(approved)  # exactly one Action per approved request
    codes = [action["code"] for action in found["items"]]
    assert len(set(codes)) == len(codes), "two Actions got the same code"
