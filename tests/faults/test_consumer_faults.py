"""Faults under real service processes: a database outage, poison records, every record twice, a race of
commands. After each, read models converge with no event lost and none applied twice."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import asyncpg
import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from contracts.topics import service_topic
from prometheus_client.parser import text_string_to_metric_families
from service_core.embedded import EmbeddedBroker
from service_core.embedded.errors import free_port
from service_core.kafka import new_producer
from service_core.testing.backends import Backend

from .conftest import ServiceProcess, Services
from .test_actions_killed_while_approvals_stream_in import submit_and_approve
from .test_broker_restarted_empty import wait_for_actions


async def readiness(client: httpx.AsyncClient, service: ServiceProcess) -> tuple[int, dict[str, Any]]:
    try:
        response = await client.get(f"{service.url}/readyz", timeout=5)
    except httpx.HTTPError:
        return 0, {}
    return response.status_code, response.json()


async def one_action_each(manager: httpx.AsyncClient, actions: ServiceProcess, approved: list[str]) -> None:
    found = await wait_for_actions(manager, actions.url, approved)
    assert all(found), f"{sum(1 for x in found if not x)} approved requests have no Action"
    listed = (await manager.get(f"{actions.url}/actions", params={"limit": 100})).json()
    assert listed["total_count"] == len(approved)  # one Action each, none twice


async def parked(backend: Backend, service: ServiceProcess) -> list[str]:
    conn = await asyncpg.connect(service.database_url)
    try:
        return [row["reason"] for row in await conn.fetch("SELECT reason FROM dead_letters WHERE redriven_at IS NULL")]
    finally:
        await conn.close()


async def test_a_consuming_service_whose_database_is_unavailable_for_10_s_loses_nothing(
    services: Services, manager: httpx.AsyncClient, private_broker: EmbeddedBroker, backend: Backend
) -> None:
    bootstrap = private_broker.bootstrap_servers
    requests = await services.start("requests_service", bootstrap)
    actions = await services.start("actions_service", bootstrap)
    database = actions.database_url.rsplit("/", 1)[1]
    approved = [await submit_and_approve(manager, requests.url, i) for i in range(5)]

    admin = await asyncpg.connect(backend.admin_dsn)
    try:
        await admin.execute(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS false')
        await admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1", database)
        approved += [await submit_and_approve(manager, requests.url, i) for i in range(5, 15)]  # arrive meanwhile
        down_until = time.monotonic() + 10
        statuses = set()
        while time.monotonic() < down_until:
            statuses.add((await readiness(manager, actions))[0])
            await asyncio.sleep(0.5)
    finally:
        await admin.execute(f'ALTER DATABASE "{database}" WITH ALLOW_CONNECTIONS true')
        await admin.close()

    assert statuses == {503}  # not ready the whole time it could not work
    await one_action_each(manager, actions, approved)
    assert await parked(backend, actions) == []  # waited out, never dead-lettered
    deadline = time.monotonic() + 30
    while (status := await readiness(manager, actions))[0] != 200:
        assert time.monotonic() < deadline, f"never ready again: {status}"
        await asyncio.sleep(0.5)


async def test_poison_records_are_parked_with_their_reasons_and_the_good_ones_after_them_applied(
    services: Services, manager: httpx.AsyncClient, private_broker: EmbeddedBroker, backend: Backend
) -> None:
    bootstrap = private_broker.bootstrap_servers
    requests = await services.start("requests_service", bootstrap)
    metrics_port = free_port()
    actions = await services.start(
        "actions_service", bootstrap, MIEUX_CONSUMER_MAX_RECORD_BYTES="65536", MIEUX_METRICS_PORT=str(metrics_port)
    )
    approved = [await submit_and_approve(manager, requests.url, 0)]
    await one_action_each(manager, actions, approved)
    history = await read_all(bootstrap, service_topic("requests"), at_least=2)
    good = next(r for r in history if dict(r.headers)["ce_type"].endswith(b".RequestApproved.v1"))
    headers = dict(good.headers)

    def with_header(name: str, value: bytes) -> list[tuple[str, bytes]]:
        return [(k, value if k == name else v) for k, v in good.headers]

    poison = [
        (b"not json {", list(good.headers)),
        (good.value, with_header("ce_type", b"eu.mieux.requests.NoSuchEvent.v1")),
        (good.value, with_header("ce_mieuxposition", "²".encode())),
        (json.dumps({"request_id": 7}).encode(), list(good.headers)),
        (b'{"pad": "' + b"x" * 70_000 + b'"}', list(good.headers)),
    ]
    producer = new_producer(bootstrap)
    await producer.start()
    try:
        for value, poisoned in poison:
            await producer.send_and_wait(service_topic("requests"), value=value, key=good.key, headers=poisoned)
    finally:
        await producer.stop()
    approved += [await submit_and_approve(manager, requests.url, i) for i in range(1, 4)]

    await one_action_each(manager, actions, approved)
    deadline = time.monotonic() + 30
    while len(reasons := await parked(backend, actions)) < len(poison):
        assert time.monotonic() < deadline, reasons
        await asyncio.sleep(0.3)
    assert sorted(r.split(":")[0] for r in reasons) == sorted(
        [
            "value is not JSON",
            "unknown event type",
            "bad envelope",
            f"schema-invalid {headers['ce_type'].decode()}",
            "record too large",
        ]
    )
    status, body = await readiness(manager, actions)
    assert status == 200 and body["details"]["dead_letters_parked"] == len(poison)
    await until_metric(manager, f"{actions.url}/metrics", "mieux_dead_letters_parked", len(poison))
    await until_metric(httpx.AsyncClient(), f"http://127.0.0.1:{metrics_port}/metrics", "mieux_dead_letters_parked", 5)
    listed = (await manager.get(f"{actions.url}/ops/dead-letters")).json()
    assert len(listed) == len(poison)
    redriven = (await manager.post(f"{actions.url}/ops/dead-letters/redrive")).json()
    assert (redriven["redriven"], redriven["still_parked"]) == (0, len(poison))  # poison stays poison
    listed_again = (await manager.get(f"{actions.url}/ops/dead-letters")).json()
    assert len(listed_again) == len(poison)
    await one_action_each(manager, actions, approved)


async def test_every_record_delivered_twice_is_applied_once(
    services: Services, manager: httpx.AsyncClient, private_broker: EmbeddedBroker
) -> None:
    bootstrap = private_broker.bootstrap_servers
    requests = await services.start("requests_service", bootstrap)
    approved = [await submit_and_approve(manager, requests.url, i) for i in range(8)]
    records = await read_all(bootstrap, service_topic("requests"), at_least=16)
    producer = new_producer(bootstrap)
    await producer.start()
    try:
        await send_again(producer, records)  # the whole topic once more, before the consumer starts
        actions = await services.start("actions_service", bootstrap)
        await send_again(producer, records)  # and again while it consumes
    finally:
        await producer.stop()
    await one_action_each(manager, actions, approved)
    await asyncio.sleep(1.0)  # room for a wrongly applied copy to show up
    await one_action_each(manager, actions, approved)
    stats = (await manager.get(f"{actions.url}/ops/stats")).json()["consumer"]
    assert stats["duplicates"] >= len(records)


async def test_100_concurrent_conflicting_decisions_on_one_request_let_exactly_one_through(
    services: Services, manager: httpx.AsyncClient, private_broker: EmbeddedBroker
) -> None:
    requests = await services.start("requests_service", private_broker.bootstrap_servers)
    submitted = await manager.post(
        f"{requests.url}/requests",
        json={
            "authority": {"name": "Ministry of Labour", "acronym": "MOL", "type": "NATIONAL_GOVERNMENT"},
            "countries": ["GH"],
            "region": "AFRICA",
            "thematic_area": "LEGAL_MIGRATION_MOBILITY",
            "topic": "Labour migration policy",
            "description": "Policy support.",
            "received_on": "2017-05-02",
        },
    )
    assert submitted.status_code == 201, submitted.text
    request = submitted.json()["request"]

    async def decide(i: int) -> httpx.Response:
        decision = "APPROVE" if i % 2 == 0 else "REJECT"
        return await manager.post(
            f"{requests.url}/requests/{request['id']}/decision",
            json={
                "decision": decision,
                "reason": f"vote {i}",
                "decided_on": "2017-06-01",
                "expected_version": request["version"],
            },
        )

    answers = await asyncio.gather(*(decide(i) for i in range(100)))
    statuses = [a.status_code for a in answers]
    assert statuses.count(200) == 1, statuses
    refused = {a.json()["error"]["code"] for a in answers if a.status_code != 200}
    assert {a.status_code for a in answers if a.status_code != 200} == {409}
    assert refused <= {"CONCURRENT_MODIFICATION", "REQUEST_ALREADY_DECIDED"}
    history = await read_all(private_broker.bootstrap_servers, service_topic("requests"), at_least=2)
    decisions = [
        r for r in history if dict(r.headers)["ce_type"].split(b".")[-2] in (b"RequestApproved", b"RequestRejected")
    ]
    assert len(decisions) == 1


async def until_metric(client: httpx.AsyncClient, url: str, name: str, value: float) -> None:
    """Wait until the Prometheus text at `url` shows `name` at `value` (parsed by the official parser)."""
    deadline = time.monotonic() + 20
    while True:
        text = (await client.get(url)).text
        families = list(text_string_to_metric_families(text))
        samples = {s.name: s.value for family in families for s in family.samples}
        if samples.get(name) == value:
            assert {
                "mieux_outbox_backlog_events",
                "mieux_relay_lag_seconds",
                "mieux_consumer_lag_records",
                "mieux_consumer_records",
                "mieux_http_request_duration_seconds",
            } <= {family.name for family in families}
            return
        assert time.monotonic() < deadline, f"{name} is {samples.get(name)}, not {value}"
        await asyncio.sleep(0.5)


async def read_all(bootstrap: str, topic: str, at_least: int, timeout: float = 30.0) -> list[Any]:
    consumer = AIOKafkaConsumer(topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", group_id=None)
    await consumer.start()
    records: list[Any] = []
    try:
        deadline = time.monotonic() + timeout
        while len(records) < at_least and time.monotonic() < deadline:
            for batch in (await consumer.getmany(timeout_ms=300)).values():
                records.extend(batch)
        quiet_until = time.monotonic() + 1.0
        while time.monotonic() < quiet_until:
            for batch in (await consumer.getmany(timeout_ms=200)).values():
                records.extend(batch)
    finally:
        await consumer.stop()
    return records


async def send_again(producer: AIOKafkaProducer, records: list[Any]) -> None:
    for record in records:
        await producer.send(record.topic, value=record.value, key=record.key, headers=list(record.headers))
    await producer.flush()
