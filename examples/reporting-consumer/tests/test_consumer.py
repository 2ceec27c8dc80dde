"""The reference consumer against the real broker and PostgreSQL, with records made by the CloudEvents SDK
from the committed AsyncAPI document (no platform code involved): accepted, refused with a reason, resumed."""

from __future__ import annotations

import dataclasses
import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import asyncpg
from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.v1.event import CloudEvent
from reporting_consumer.consume import run
from reporting_consumer.contract import Contract, from_document
from reporting_consumer.figures import headline
from service_core.kafka import ensure_topics, new_producer
from service_core.testing.backends import Backend
from service_core.testing.fixtures import DatabaseFactory

ASYNCAPI = Path(__file__).resolve().parents[3] / "contracts" / "schemas" / "asyncapi.json"
DOCUMENT = json.loads(ASYNCAPI.read_text())
SUBMITTED = "eu.mieux.requests.RequestSubmitted.v1"


def example(ce_type: str) -> dict[str, Any]:
    for message in DOCUMENT["components"]["messages"].values():
        if message.get("headers", {}).get("properties", {}).get("ce_type", {}).get("const") == ce_type:
            return dict(message["examples"][0]["payload"])
    raise LookupError(ce_type)


def record(ce_type: str, data: Any, **extensions: str) -> ce_kafka.KafkaMessage:
    event = CloudEvent(
        attributes={"type": ce_type, "source": "/mieux/requests", "subject": "r-1", "time": datetime.now(UTC),
                    "datacontenttype": "application/json", **extensions},
        data=data,
    )  # fmt: skip
    return ce_kafka.to_binary_event(event, key_mapper=lambda e: e.get_subject())


async def publish(backend: Backend, topic: str, *messages: ce_kafka.KafkaMessage | tuple[bytes, list[Any]]) -> None:
    producer = new_producer(backend.bootstrap_servers)
    await producer.start()
    try:
        for message in messages:
            if isinstance(message, tuple):
                value, headers = message
                await producer.send_and_wait(topic, value=value, headers=headers)
            else:
                key = message.key.encode() if isinstance(message.key, str) else message.key
                await producer.send_and_wait(topic, value=message.value, key=key, headers=list(message.headers.items()))
    finally:
        await producer.stop()


def contract_on(topic: str) -> Contract:
    return dataclasses.replace(from_document(DOCUMENT), topics=(topic,))


async def test_valid_events_land_once_and_everything_else_is_refused_with_its_reason(
    backend: Backend, databases: DatabaseFactory
) -> None:
    topic = f"test.reporting.{uuid.uuid4().hex[:8]}"
    await ensure_topics(backend.bootstrap_servers, [topic], partitions=1)
    dsn = await databases.create()
    valid = {**example(SUBMITTED), "request_id": "r-1", "region": "ASIA", "a_field_added_later": 1}
    await publish(
        backend,
        topic,
        record(SUBMITTED, valid, dataclassification="internal"),
        record(SUBMITTED, {**valid, "region": "MARS"}),
        record("eu.mieux.requests.SomethingElse.v1", {"x": 1}),
        (b"{}", [("unrelated", b"header")]),
    )

    first = await run(contract_on(topic), dsn, backend.bootstrap_servers, until_caught_up=True)

    assert (first.accepted, first.refused) == (1, 3)
    conn = await asyncpg.connect(dsn)
    try:
        landed = await conn.fetchrow("SELECT ce_type, subject, classification FROM received_events")
        assert tuple(landed) == (SUBMITTED, "r-1", "internal")
        reasons = [row["reason"] for row in await conn.fetch('SELECT reason FROM refused_records ORDER BY "offset"')]
        assert reasons[0].startswith("RequestSubmitted: 'MARS' is not one of")
        assert reasons[1] == "type 'eu.mieux.requests.SomethingElse.v1' is not in the contract"
        assert reasons[2].startswith("not a CloudEvent")
        assert (await headline(conn)).requests == 1
    finally:
        await conn.close()

    await publish(backend, topic, record(SUBMITTED, {**valid, "request_id": "r-2"}))
    second = await run(contract_on(topic), dsn, backend.bootstrap_servers, until_caught_up=True)

    assert (second.accepted, second.refused) == (1, 0)  # resumed after what it had, nothing read twice
    conn = await asyncpg.connect(dsn)
    try:
        assert (await headline(conn)).requests == 2
    finally:
        await conn.close()
