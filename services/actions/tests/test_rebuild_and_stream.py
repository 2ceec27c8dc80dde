"""A rebuild gives identical rows and keeps the numbering; the policy runs through the real broker;
the relay publishes the Action's events, in order, with CloudEvents headers and no personal data."""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

import asyncpg
import httpx
from actions_service.application.handlers import App
from actions_service.application.policies import action_id_for
from actions_service.bootstrap import definition
from contracts.events import default_registry
from service_core.consumer import ConsumerRunner
from service_core.kafka import encode_record, new_producer
from service_core.rebuild import rebuild_projections
from service_core.store.base import RecordedEvent
from service_core.testing.backends import Backend
from service_core.testing.kafka import relayed
from service_core.testing.waiting import until

from .api_helpers import agreed, held, ok, planned, seed
from .conftest import Auth, Deliver, approval, feedback_submitted

PERSONAL = ("name", "email", "phone", "address", "birth", "passport", "comment", "notes")


async def story(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> str:
    """An Action through its life, with a cancellation, a deliverable; plus a second Action just opened."""
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    await seed(deliver, countries=("KE",), received_on=date(2017, 1, 10), approved_on=date(2017, 2, 1))
    await agreed(client, auth, action_id)
    mission = await planned(client, auth, action_id, "FACT_FINDING_MISSION", date(2016, 6, 1))
    workshop = await planned(client, auth, action_id, "WORKSHOP", date(2016, 7, 1))
    await ok(await client.post(f"/activities/{workshop}/cancellation", json={"reason": "merged"}, headers=pm))
    await held(client, auth, mission, date(2016, 6, 1))
    recorded = await ok(
        await client.post(
            f"/actions/{action_id}/deliverables", json={"kind": "SOP", "title": "Referral SOP"}, headers=pm
        ),
        201,
    )
    await ok(
        await client.post(
            f"/deliverables/{recorded['deliverable']['id']}/status",
            json={"status": "ENDORSED", "level": "TECHNICAL"},
            headers=pm,
        )
    )
    await deliver(feedback_submitted(action_id, "EXPERT"))
    await deliver(feedback_submitted(action_id, "PARTNER"))
    await ok(await client.post(f"/actions/{action_id}/completion", json={"completed_on": "2016-12-01"}, headers=pm))
    return action_id


async def snapshot(pool: asyncpg.Pool) -> dict[str, list[dict[str, Any]]]:
    tables = ("action_view", "activity_view", "deliverable_view", "action_code_sequence", "action_ordinals")
    return {t: [dict(r) for r in await pool.fetch(f"SELECT * FROM {t} ORDER BY 1")] for t in tables}


async def test_a_projection_rebuild_gives_identical_rows_and_keeps_the_numbering(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    await story(client, auth, deliver)
    before = await snapshot(service_pool)

    replayed = await rebuild_projections(service_pool, default_registry(), list(definition.projections()))

    assert replayed == await service_pool.fetchval("SELECT count(*) FROM events")
    assert await snapshot(service_pool) == before
    assert before["action_code_sequence"] == [{"year": 2016, "last": 1}, {"year": 2017, "last": 1}]


async def test_approvals_through_the_broker_open_one_action_each_even_when_redelivered(
    service_pool: asyncpg.Pool, services: App, backend: Backend, topic: str
) -> None:
    approvals = [approval(), approval(countries=("GH",))]
    producer = new_producer(backend.bootstrap_servers)
    await producer.start()
    try:
        for approved in (approvals[0], approvals[0], approvals[1], approvals[0]):  # the first one three times
            recorded = RecordedEvent(
                uuid.UUID(int=hash(approved.request_id) & (2**128 - 1)), approved.request_id, "assistance_request",
                3, 3, datetime.now(UTC), approved,
            )  # fmt: skip
            key, value, headers = encode_record("requests", recorded)
            await producer.send_and_wait(topic, key=key, value=value, headers=headers)
    finally:
        await producer.stop()
    runner = ConsumerRunner(
        consumer=f"actions-{uuid.uuid4().hex[:6]}",
        topics=[topic],
        handlers=definition.consumer_handlers(services),
        pool=service_pool,
        registry=default_registry(),
        bootstrap_servers=backend.bootstrap_servers,
    )
    task = asyncio.create_task(runner.run())
    try:
        await until(lambda: _done(runner))
    finally:
        runner.stop()
        await task

    rows = await service_pool.fetch("SELECT id, code, label FROM action_view")
    assert {(r["id"], r["label"]) for r in rows} == {
        (action_id_for(approvals[0].request_id), "Cabo Verde I"),
        (action_id_for(approvals[1].request_id), "Ghana I"),
    }
    assert sorted(r["code"] for r in rows) == ["2016-01", "2016-02"]  # partitions: either may come first
    assert runner.stats.duplicates == 2


async def _done(runner: ConsumerRunner) -> bool:
    return runner.stats.processed + runner.stats.duplicates >= 4


async def test_the_relay_publishes_the_action_s_events_in_order_with_no_personal_data(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool, backend: Backend, topic: str
) -> None:
    action_id = await story(client, auth, deliver)
    expected = await service_pool.fetchval("SELECT count(*) FROM events")
    records = await relayed("actions", service_pool, default_registry(), backend.bootstrap_servers, topic, expected)

    assert len(records) == expected
    mine = [r for r in records if r.key == action_id.encode()]
    types = [dict(r.headers)["ce_type"].decode().split(".")[3] for r in mine]
    assert types == [
        "ActionOpened", "ActionFicheDrafted", "ActionFicheAgreed", "ActivityPlanned", "ActivityPlanned",
        "ActivityCancelled", "ActivityHeld", "ActionLaunched", "DeliverableRecorded", "DeliverableStatusChanged",
        "ActionFeedbackReceived", "ActionFeedbackReceived", "ActionCompleted",
    ]  # fmt: skip
    planned_event = json.loads(mine[3].value)
    assert (planned_event["region"], planned_event["thematic_area"], planned_event["countries"]) == (
        "AFRICA",
        "MIGRATION_DEVELOPMENT",
        ["CV"],
    )
    headers = {k: v.decode() for k, v in mine[0].headers}
    assert (headers["ce_source"], headers["ce_subject"]) == ("/mieux/actions", action_id)
    for record in records:
        data = json.loads(record.value)
        default_registry().decode_ce_type(dict(record.headers)["ce_type"].decode(), data)
        assert not [key for key in _keys(data) if any(word in key for word in PERSONAL)]


def _keys(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [*value, *(k for v in value.values() for k in _keys(v))]
    if isinstance(value, list):
        return [k for v in value for k in _keys(v)]
    return []
