"""Kafka plumbing shared by the relay and the consumers: records, producers, topics."""

from __future__ import annotations

import json
import logging

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import TopicAlreadyExistsError
from contracts.dataclassification import classification_of
from contracts.envelope import CloudEventHeaders, Headers, dataschema_for, source_for

from service_core.store.base import RecordedEvent

log = logging.getLogger(__name__)


def encode_record(service: str, recorded: RecordedEvent) -> tuple[bytes, bytes, Headers]:
    """Key = aggregate id, value = JSON data, CloudEvents binary-mode headers (docs/architecture.md)."""
    event = recorded.event
    headers = CloudEventHeaders(
        id=str(recorded.event_id),
        source=source_for(service),
        type=event.ce_type(),
        time=recorded.recorded_at,
        subject=recorded.stream_id,
        dataschema=dataschema_for(event.schema_path()),
        traceparent=recorded.metadata.traceparent,
        correlation_id=recorded.metadata.correlation_id,
        position=recorded.position,
        dataclassification=classification_of(type(event)),
    )
    value = json.dumps(event.model_dump(mode="json"), separators=(",", ":")).encode()
    return recorded.stream_id.encode(), value, headers.to_kafka()


def new_producer(bootstrap_servers: str, **overrides: object) -> AIOKafkaProducer:
    """The one producer configuration: acks=all, no idempotence (the embedded broker lacks it)."""
    settings: dict[str, object] = {
        "bootstrap_servers": bootstrap_servers,
        "acks": "all",
        "enable_idempotence": False,
        "linger_ms": 5,
        "max_batch_size": 256 * 1024,
        "request_timeout_ms": 15_000,
    }
    settings.update(overrides)
    return AIOKafkaProducer(**settings)


async def ensure_topics(bootstrap_servers: str, topics: list[str], partitions: int, replication: int = 1) -> None:
    """Create the topics if they are missing (the embedded broker starts empty).

    `replication` -1 asks the broker for its default (Kafka clusters with min.insync.replicas > 1)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap_servers, request_timeout_ms=10_000)
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        wanted = [NewTopic(t, partitions, replication) for t in topics if t not in existing]
        if wanted:
            try:
                await admin.create_topics(wanted)
            except TopicAlreadyExistsError:
                pass  # another process won the race
            log.info("topics created", extra={"topics": [t.name for t in wanted]})
    finally:
        await admin.close()
