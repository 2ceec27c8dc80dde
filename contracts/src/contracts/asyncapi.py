"""The AsyncAPI 3.0 description of the event stream, generated from the published schemas (`make schemas`).

One channel per service topic and per dead-letter topic; one message per event type and version, with the
CloudEvents binary-mode headers as its headers, the event's JSON Schema as its payload (the schema's
`$defs` move to `components.schemas`, shared when equal) and an example; Kafka bindings for the key.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from contracts.catalogue import HEADER_MEANINGS
from contracts.dataclassification import HEADER as CLASSIFICATION_HEADER
from contracts.dataclassification import DataClassification
from contracts.envelope import CONTENT_TYPE, DEAD_LETTER_HEADERS, SPEC_VERSION, source_for
from contracts.examples import example_of
from contracts.topics import CONSUMED_TOPICS, SERVICES, dead_letter_topic, service_topic

Schema = dict[str, Any]

ASYNCAPI_VERSION = "3.0.0"
DOCUMENT_ID = "urn:eu:mieux:event-stream"
KAFKA_BINDING = "0.5.0"

SERVERS: Mapping[str, Schema] = {
    "embedded": {
        "host": "127.0.0.1:9092",
        "protocol": "kafka",
        "description": "The Kafka-protocol broker `make run` starts (MIEUX_DEV_KAFKA_PORT, default 9092).",
        "tags": [{"name": "development"}],
    },
    "compose": {
        "host": "kafka:9092",
        "protocol": "kafka",
        "description": "Apache Kafka of docker-compose.yml, inside the compose network.",
        "tags": [{"name": "compose"}],
    },
    "compose-host": {
        "host": "localhost:19092",
        "protocol": "kafka",
        "description": "The same Kafka from the host machine (KAFKA_HOST_PORT, default 19092).",
        "tags": [{"name": "compose"}],
    },
}

_EXAMPLE_ID = "0b9f3c1e-8d4a-4f7e-9c2b-5a6d7e8f9a0b"
_EXAMPLE_TIME = "2025-01-31T09:30:00+00:00"


def message_id(schema: Schema) -> str:
    return f"{schema['title']}.v{schema['x-event-version']}"


def document(latest: Mapping[str, Schema], *, partitions: int = 3) -> Schema:
    """The AsyncAPI document for the given latest schemas (path -> schema)."""
    components: dict[str, Schema] = {}
    messages: dict[str, Schema] = {}
    by_service: dict[str, list[str]] = {service: [] for service in SERVICES}
    for _, schema in sorted(latest.items()):
        name = message_id(schema)
        messages[name] = _message(schema, _payload(schema, components))
        by_service.setdefault(schema["x-service"], []).append(name)
    channels: dict[str, Schema] = {}
    operations: dict[str, Schema] = {}
    for service, names in by_service.items():
        channels[service] = {
            "address": service_topic(service),
            "title": f"{service} events",
            "description": f"Every event the {service} service records, in per-aggregate order (key = aggregate id).",
            "messages": {name: {"$ref": f"#/components/messages/{name}"} for name in names},
            "bindings": {"kafka": {"partitions": partitions, "bindingVersion": KAFKA_BINDING}},
        }
        operations[f"{service}.publish"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{service}"},
            "summary": f"The {service} service's outbox relay publishes each event once it is committed.",
            "messages": [{"$ref": f"#/channels/{service}/messages/{name}"} for name in names],
        }
    for consumer, topics in sorted(CONSUMED_TOPICS.items()):
        for service in topics:
            operations[f"{consumer}.consume.{service}"] = {
                "action": "receive",
                "channel": {"$ref": f"#/channels/{service}"},
                "summary": f"The {consumer} service applies the {service} events it needs.",
                "bindings": {
                    "kafka": {"groupId": {"type": "string", "const": consumer}, "bindingVersion": KAFKA_BINDING}
                },
            }
        channel = f"{consumer}.dlq"
        channels[channel] = {
            "address": dead_letter_topic(consumer),
            "title": f"{consumer} dead letters",
            "description": f"Messages the {consumer} service could not read or apply, unchanged, with the reason.",
            "messages": {"DeadLetter": {"$ref": "#/components/messages/DeadLetter"}},
            "bindings": {"kafka": {"partitions": partitions, "bindingVersion": KAFKA_BINDING}},
        }
        operations[f"{consumer}.deadLetter"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel}"},
            "summary": f"The {consumer} service parks a message it gives up on and moves on.",
            "messages": [{"$ref": f"#/channels/{channel}/messages/DeadLetter"}],
        }
    messages["DeadLetter"] = _dead_letter()
    return {
        "asyncapi": ASYNCAPI_VERSION,
        "id": DOCUMENT_ID,
        "info": {
            "title": "MIEUX event stream",
            "version": "1.0.0",
            "description": (
                "Domain events of the MIEUX services as CloudEvents 1.0 in Kafka binary mode: key = aggregate "
                "id, value = the event as JSON, headers `ce_*`. Within a version schemas only gain optional "
                "fields (FULL compatible), so a consumer may pin any published revision. Every record carries "
                "`ce_dataclassification`. No personal data travels on these topics."
            ),
            "tags": [{"name": "cloudevents"}, {"name": "kafka"}],
        },
        "defaultContentType": CONTENT_TYPE,
        "servers": dict(SERVERS),
        "channels": channels,
        "operations": operations,
        "components": {"schemas": dict(sorted(components.items())), "messages": messages},
    }


def _payload(schema: Schema, components: dict[str, Schema]) -> Schema:
    """The event schema with its `$defs` moved to components (named `<Event>.<Def>` when names clash)."""
    renamed: dict[str, str] = {}
    for name, definition in schema.get("$defs", {}).items():
        target = name if components.get(name, definition) == definition else f"{schema['title']}.{name}"
        renamed[f"#/$defs/{name}"] = f"#/components/schemas/{target}"
    for name, definition in schema.get("$defs", {}).items():
        components[renamed[f"#/$defs/{name}"].rsplit("/", 1)[1]] = _retarget(definition, renamed)
    payload: Schema = _retarget({k: v for k, v in schema.items() if not k.startswith(("$", "x-"))}, renamed)
    return payload


def _retarget(node: Any, renamed: Mapping[str, str]) -> Any:
    """`node` with every `$ref` into `$defs` pointing at its place in components instead."""
    if isinstance(node, dict):
        return {k: renamed.get(v, v) if k == "$ref" else _retarget(v, renamed) for k, v in node.items()}
    if isinstance(node, list):
        return [_retarget(item, renamed) for item in node]
    return node


def _const(value: str, description: str) -> Schema:
    return {"type": "string", "const": value, "description": description}


def _headers(schema: Schema) -> Schema:
    service = schema["x-service"]
    properties: Schema = {
        "ce_specversion": _const(SPEC_VERSION, HEADER_MEANINGS["ce_specversion"]),
        "ce_id": {"type": "string", "description": HEADER_MEANINGS["ce_id"]},
        "ce_source": _const(source_for(service), HEADER_MEANINGS["ce_source"]),
        "ce_type": _const(schema["x-ce-type"], HEADER_MEANINGS["ce_type"]),
        "ce_time": {"type": "string", "format": "date-time", "description": HEADER_MEANINGS["ce_time"]},
        "ce_subject": {"type": "string", "description": HEADER_MEANINGS["ce_subject"]},
        "ce_dataschema": _const(schema["$id"], HEADER_MEANINGS["ce_dataschema"]),
        "content-type": _const(CONTENT_TYPE, HEADER_MEANINGS["content-type"]),
        "traceparent": {"type": "string", "description": HEADER_MEANINGS["traceparent"]},
        "ce_correlationid": {"type": "string", "description": HEADER_MEANINGS["ce_correlationid"]},
        "ce_mieuxposition": {
            "type": "string",
            "pattern": "^[0-9]+$",
            "description": HEADER_MEANINGS["ce_mieuxposition"],
        },
        CLASSIFICATION_HEADER: {
            "type": "string",
            "const": schema["x-data-classification"],
            "description": HEADER_MEANINGS[CLASSIFICATION_HEADER]
            + f" ({', '.join(level.value for level in DataClassification)})",
        },
    }
    required = [name for name in properties if name not in ("traceparent", "ce_correlationid")]
    return {"type": "object", "properties": properties, "required": required}


def _message(schema: Schema, payload: Schema) -> Schema:
    headers = _headers(schema)
    example_headers = {
        name: (field.get("const") or _example_header(name, schema))
        for name, field in headers["properties"].items()
        if name in headers["required"]
    }
    description = schema.get("description", "")
    return {
        "name": schema["title"],
        "title": f"{schema['title']} v{schema['x-event-version']}",
        "summary": description.split("\n", 1)[0] or schema["title"],
        "description": (
            f"{description}\n\nJSON Schema: {schema['$id']} (revision {schema['x-revision']}; every revision "
            f"under {schema['$id'].removesuffix('.json')}/<revision>.json). Data classification: "
            f"{schema['x-data-classification']}."
        ).strip(),
        "contentType": CONTENT_TYPE,
        "headers": headers,
        "payload": payload,
        "correlationId": {"location": "$message.header#/ce_correlationid"},
        "tags": [{"name": schema["x-service"]}, {"name": schema["x-data-classification"]}],
        "externalDocs": {"url": schema["$id"], "description": "the event's JSON Schema"},
        "bindings": {
            "kafka": {
                "key": {"type": "string", "description": "the aggregate (stream) id, equal to ce_subject"},
                "bindingVersion": KAFKA_BINDING,
            }
        },
        "examples": [{"name": f"{schema['title']}-example", "headers": example_headers, "payload": example_of(schema)}],
        "x-ce-type": schema["x-ce-type"],
        "x-data-classification": schema["x-data-classification"],
    }


def _example_header(name: str, schema: Schema) -> str:
    return {
        "ce_id": _EXAMPLE_ID,
        "ce_time": _EXAMPLE_TIME,
        "ce_subject": f"{schema['x-service']}-aggregate-1",
        "ce_mieuxposition": "120",
    }[name]


def _dead_letter() -> Schema:
    properties: Schema = {
        name: {"type": "string", "description": meaning} for name, meaning in DEAD_LETTER_HEADERS.items()
    }
    return {
        "name": "DeadLetter",
        "title": "Dead letter",
        "summary": "A message a consumer gave up on, copied unchanged with its original headers.",
        "description": "The original CloudEvents headers (when it had them) stay; these headers say why and from where.",
        "headers": {"type": "object", "properties": properties, "required": list(DEAD_LETTER_HEADERS)},
        "payload": {"description": "the original record value, unchanged (not necessarily JSON)"},
        "bindings": {"kafka": {"key": {"type": "string"}, "bindingVersion": KAFKA_BINDING}},
        "examples": [
            {
                "name": "unknown-type",
                "headers": {
                    "dlq_reason": "UnknownEventType: RequestSubmitted.v9",
                    "dlq_consumer": "actions",
                    "dlq_source_topic": service_topic("requests"),
                    "dlq_source_partition": "0",
                    "dlq_source_offset": "42",
                },
            }
        ],
    }
