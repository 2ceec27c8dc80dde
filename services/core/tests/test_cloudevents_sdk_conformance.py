"""Conformance with the official CloudEvents SDK (`cloudevents` on PyPI), Kafka binary mode, both ways:
our records read by the SDK give back the same event, and records the SDK makes are read by our reader —
for every published event type, with the AsyncAPI example of its data."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest
from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.v1.event import CloudEvent
from contracts.base import DomainEvent
from contracts.dataclassification import classification_of
from contracts.envelope import CloudEventHeaders, dataschema_for, source_for
from contracts.events import default_registry
from contracts.examples import example_of
from service_core.kafka import encode_record
from service_core.store.base import EventMetadata, RecordedEvent

from contracts.schemas import event_schema

PUBLISHED = default_registry()
RECORDED_AT = datetime(2025, 3, 14, 15, 9, 26, 535000, tzinfo=UTC)


def example_event(cls: type[DomainEvent]) -> DomainEvent:
    return cls.model_validate(example_of(event_schema(cls)))


def recorded(event: DomainEvent) -> RecordedEvent:
    return RecordedEvent(
        event_id=UUID("0b9f3c1e-8d4a-4f7e-9c2b-5a6d7e8f9a0b"),
        stream_id="aggregate-42",
        stream_type=event.service,
        version=3,
        position=120,
        recorded_at=RECORDED_AT,
        event=event,
        metadata=EventMetadata(
            correlation_id="corr-7", traceparent="00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        ),
    )


@pytest.mark.parametrize("cls", PUBLISHED.classes, ids=lambda cls: cls.ce_type())
def test_the_sdk_reads_our_records_as_the_same_event(cls: type[DomainEvent]) -> None:
    event = example_event(cls)
    key, value, headers = encode_record(event.service, recorded(event))

    read = ce_kafka.from_binary_event(ce_kafka.KafkaMessage(headers=dict(headers), key=key, value=value))

    assert read.get_specversion() == "1.0"
    assert read.get_id() == "0b9f3c1e-8d4a-4f7e-9c2b-5a6d7e8f9a0b"
    assert read.get_source() == source_for(event.service)
    assert read.get_type() == cls.ce_type()
    assert read.get_subject() == "aggregate-42"
    assert read.get_time() == RECORDED_AT
    assert read.get_dataschema() == dataschema_for(cls.schema_path())
    assert read.get_datacontenttype() == "application/json"
    assert read.get_extension("dataclassification") == classification_of(cls).value
    assert read.get_extension("correlationid") == "corr-7"
    assert read.get_extension("mieuxposition") == "120"
    assert read.get_extension("partitionkey") == "aggregate-42"  # the record key
    assert read.get_data() == event.model_dump(mode="json")


@pytest.mark.parametrize("cls", PUBLISHED.classes, ids=lambda cls: cls.ce_type())
def test_our_reader_reads_records_the_sdk_makes(cls: type[DomainEvent]) -> None:
    data: dict[str, Any] = example_event(cls).model_dump(mode="json")
    sdk_event = CloudEvent(
        attributes={
            "type": cls.ce_type(),
            "source": source_for(cls.service),
            "subject": "aggregate-42",
            "time": RECORDED_AT,
            "dataschema": dataschema_for(cls.schema_path()),
            "datacontenttype": "application/json",
            "dataclassification": classification_of(cls).value,
        },
        data=data,
    )
    message = ce_kafka.to_binary_event(sdk_event, key_mapper=lambda e: e.get_subject())

    envelope = CloudEventHeaders.from_kafka(list(message.headers.items()))
    decoded = PUBLISHED.decode_ce_type(envelope.type, json.loads(message.value))

    assert envelope == CloudEventHeaders(
        id=sdk_event.get_id(),
        source=source_for(cls.service),
        type=cls.ce_type(),
        time=RECORDED_AT,
        subject="aggregate-42",
        dataschema=dataschema_for(cls.schema_path()),
        dataclassification=classification_of(cls).value,
    )
    latest = PUBLISHED.latest(cls.event_name)
    assert type(decoded) is latest  # an older version is read as the current one (upcast)
    if cls is latest:
        assert decoded == example_event(cls)
    assert message.key == "aggregate-42"


def test_our_reader_accepts_an_sdk_record_without_time_or_subject() -> None:
    cls = PUBLISHED.classes[0]
    sdk_event = CloudEvent(
        attributes={"type": cls.ce_type(), "source": source_for(cls.service)},
        data=example_event(cls).model_dump(mode="json"),
    )
    headers = {name: value for name, value in ce_kafka.to_binary_event(sdk_event).headers.items() if name != "ce_time"}
    before = datetime.now(UTC)

    envelope = CloudEventHeaders.from_kafka(list(headers.items()))

    assert envelope.id == sdk_event.get_id() and envelope.type == cls.ce_type()
    assert envelope.subject == "" and envelope.dataschema == ""
    assert envelope.time >= before  # no time given: when this reader read it
