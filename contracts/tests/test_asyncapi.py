"""The AsyncAPI document `make schemas` writes: valid against the official 3.0.0 schema, complete, exact."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from contracts.asyncapi import document, message_id
from contracts.dataclassification import HEADER, DataClassification
from contracts.envelope import CloudEventHeaders
from contracts.events import default_registry
from contracts.registry import EventRegistry
from contracts.revisions import ASYNCAPI, publish, read_revisions
from contracts.topics import CONSUMED_TOPICS, SERVICES, dead_letter_topic, service_topic

from contracts.schemas import DEFAULT_SCHEMAS_DIR, generate

STANDARD = Path(__file__).resolve().parents[1] / "standards" / "asyncapi-3.0.0" / "asyncapi-3.0.0.json"


@pytest.fixture(scope="module")
def committed() -> dict[str, Any]:
    return dict(json.loads((DEFAULT_SCHEMAS_DIR / ASYNCAPI).read_text()))


def test_the_committed_document_validates_against_the_official_asyncapi_3_schema(committed: dict[str, Any]) -> None:
    official = json.loads(STANDARD.read_text())
    jsonschema.Draft7Validator.check_schema(official)
    errors = sorted(jsonschema.Draft7Validator(official).iter_errors(committed), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    assert committed["asyncapi"] == "3.0.0"


def test_the_official_schema_does_reject_a_broken_document(committed: dict[str, Any]) -> None:
    official = json.loads(STANDARD.read_text())
    broken = {**committed, "channels": {"requests": {"address": 42}}}
    assert not jsonschema.Draft7Validator(official).is_valid(broken)


def test_every_registered_event_type_and_version_is_a_message_on_its_topic(committed: dict[str, Any]) -> None:
    registry = default_registry()
    messages = committed["components"]["messages"]
    for cls in registry.classes:
        name = f"{cls.event_name}.v{cls.event_version}"
        assert messages[name]["x-ce-type"] == cls.ce_type()
        channel = committed["channels"][cls.service]
        assert channel["address"] == service_topic(cls.service)
        assert channel["messages"][name] == {"$ref": f"#/components/messages/{name}"}
    assert len(messages) == len(registry.classes) + 1  # and the dead letter


def test_the_four_service_channels_and_every_dead_letter_channel_with_their_operations(
    committed: dict[str, Any],
) -> None:
    addresses = {channel["address"] for channel in committed["channels"].values()}
    assert addresses == {service_topic(s) for s in SERVICES} | {dead_letter_topic(c) for c in CONSUMED_TOPICS}
    operations = committed["operations"]
    for service in SERVICES:
        assert operations[f"{service}.publish"]["action"] == "send"
    for consumer, topics in CONSUMED_TOPICS.items():
        assert operations[f"{consumer}.deadLetter"]["channel"] == {"$ref": f"#/channels/{consumer}.dlq"}
        for service in topics:
            assert operations[f"{consumer}.consume.{service}"]["action"] == "receive"
    assert set(committed["servers"]) == {"embedded", "compose", "compose-host"}


def test_the_consuming_services_read_the_topics_contracts_declare() -> None:
    from actions_service.bootstrap import definition as actions
    from experts_service.bootstrap import definition as experts
    from feedback_service.bootstrap import definition as feedback

    declared = {consumer: {service_topic(s) for s in topics} for consumer, topics in CONSUMED_TOPICS.items()}
    actual = {d.name: set(d.consumed_topics) for d in (actions, experts, feedback)}
    assert actual == declared


def test_each_message_carries_the_cloudevents_headers_the_payload_schema_and_a_valid_example(
    committed: dict[str, Any],
) -> None:
    registry = default_registry()
    schemas = generate(registry)
    resolver_root = {"components": committed["components"]}
    for cls in registry.classes:
        message = committed["components"]["messages"][f"{cls.event_name}.v{cls.event_version}"]
        headers = message["headers"]
        expected = {name for name, _ in _sample_headers().to_kafka()}
        assert expected <= set(headers["properties"])
        assert headers["properties"]["ce_type"]["const"] == cls.ce_type()
        assert headers["properties"][HEADER]["const"] in {c.value for c in DataClassification}
        assert message["bindings"]["kafka"]["key"]["type"] == "string"
        assert set(message["payload"]["properties"]) == set(schemas[cls.schema_path()]["properties"])
        example = message["examples"][0]
        jsonschema.Draft7Validator({**headers, **resolver_root}).validate(example["headers"])
        jsonschema.Draft7Validator({**message["payload"], **resolver_root}).validate(example["payload"])
        # the example is also an event of the published schema itself
        jsonschema.Draft202012Validator(schemas[cls.schema_path()]).validate(example["payload"])


def test_the_document_is_generated_from_the_schemas_not_written_by_hand(committed: dict[str, Any]) -> None:
    latest, _ = publish(generate(default_registry()), read_revisions(DEFAULT_SCHEMAS_DIR))
    assert committed == document(latest), "asyncapi.json is stale: run `make schemas`"


def test_a_definition_name_two_events_use_differently_is_kept_apart(sample: EventRegistry) -> None:
    schemas = generate(sample)
    latest, _ = publish(schemas, {})
    first, second = sorted(latest)[:2]
    latest[first] = {**latest[first], "$defs": {"Shared": {"type": "string"}}}
    latest[second] = {**latest[second], "$defs": {"Shared": {"type": "integer"}}}
    components = document(latest)["components"]["schemas"]
    assert components["Shared"] == {"type": "string"}
    assert components[f"{latest[second]['title']}.Shared"] == {"type": "integer"}
    assert message_id(latest[first]) in document(latest)["components"]["messages"]


def _sample_headers() -> CloudEventHeaders:
    from datetime import UTC, datetime

    return CloudEventHeaders(
        id="x", source="/mieux/requests", type="t", time=datetime.now(UTC), subject="s", dataschema="d",
        position=1, dataclassification="internal",
    )  # fmt: skip
