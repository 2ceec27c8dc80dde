"""The embedded broker forgets everything when it stops. Restart it empty under running services: every relay
republishes its store, consumers drop what they already applied, and the figures hold."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import httpx
from service_core.embedded import EmbeddedBroker

from .conftest import Services
from .test_actions_killed_while_approvals_stream_in import submit_and_approve


async def wait_for_actions(manager: httpx.AsyncClient, actions_url: str, request_ids: list[str]) -> list[Any]:
    deadline = time.monotonic() + 60
    while True:
        found = (
            await manager.post(f"{actions_url}/actions/batch-by-request", json={"request_ids": request_ids})
        ).json()
        if all(found["items"]) or time.monotonic() > deadline:
            return list(found["items"])
        await asyncio.sleep(0.3)


async def test_figures_hold_after_the_broker_comes_back_empty(
    services: Services, manager: httpx.AsyncClient, private_broker: EmbeddedBroker
) -> None:
    bootstrap = private_broker.bootstrap_servers
    requests = await services.start("requests_service", bootstrap)
    actions = await services.start("actions_service", bootstrap)
    approved = [await submit_and_approve(manager, requests.url, i) for i in range(6)]
    before = await wait_for_actions(manager, actions.url, approved)
    assert all(before)
    figures_before = (await manager.get(f"{actions.url}/portfolio")).json()["figures"]

    private_broker.kill()
    private_broker.start()  # same address, nothing in it: the relays republish, consumers see it all again
    approved.append(await submit_and_approve(manager, requests.url, 99))
    after = await wait_for_actions(manager, actions.url, approved)
    await asyncio.sleep(2)  # time for the replayed approvals to arrive and be dropped

    assert all(after), "an approval made after the restart opened no Action"
    assert [a["id"] for a in after[:-1]] == [a["id"] for a in before]
    listed = (await manager.get(f"{actions.url}/actions", params={"limit": 100})).json()
    assert listed["total_count"] == len(approved)  # the replay opened nothing twice
    figures_after = (await manager.get(f"{actions.url}/portfolio")).json()["figures"]
    assert figures_after["actions"]["opened"] == figures_before["actions"]["opened"] + 1
    metrics = (await manager.get(f"{requests.url}/ops/stats")).json()
    assert metrics["relay"]["republish_from_scratch"] >= 1, metrics
