"""What the consumer knows of the stream, read from the AsyncAPI document alone: the topics and, per
CloudEvents type, the JSON Schema its data must satisfy."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import jsonschema


class ContractError(ValueError):
    """The AsyncAPI document does not describe a stream this consumer can read."""


@dataclass(frozen=True)
class Message:
    name: str
    ce_type: str
    validator: jsonschema.Draft202012Validator


@dataclass(frozen=True)
class Contract:
    topics: tuple[str, ...]
    messages: dict[str, Message]  # by ce_type

    def message(self, ce_type: str) -> Message | None:
        return self.messages.get(ce_type)


def load(source: str) -> Contract:
    """`source` is a URL (e.g. http://127.0.0.1:8000/asyncapi.json, as the gateway serves it) or a file."""
    if source.startswith(("http://", "https://")):
        response = httpx.get(source, timeout=30)
        response.raise_for_status()
        document = response.json()
    else:
        document = json.loads(Path(source).read_text(encoding="utf-8"))
    return from_document(document)


def from_document(document: dict[str, Any]) -> Contract:
    if not str(document.get("asyncapi", "")).startswith("3."):
        raise ContractError("not an AsyncAPI 3 document")
    components = document.get("components", {})
    messages: dict[str, Message] = {}
    topics: list[str] = []
    for operation in document.get("operations", {}).values():
        if operation.get("action") != "send":
            continue
        channel = _follow(document, operation["channel"]["$ref"])
        refs = [_follow(document, m["$ref"]) for m in operation.get("messages", [])]
        events = [m for m in refs if "ce_type" in m.get("headers", {}).get("properties", {})]
        if not events:
            continue  # a dead-letter channel: not events of the domain
        topics.append(channel["address"])
        for message in events:
            ce_type = message["headers"]["properties"]["ce_type"]["const"]
            schema = {**message["payload"], "components": components}  # the payload's $refs point into components
            messages[ce_type] = Message(message["name"], ce_type, jsonschema.Draft202012Validator(schema))
    if not topics:
        raise ContractError("the document names no event channel")
    return Contract(tuple(sorted(set(topics))), messages)


def _follow(document: dict[str, Any], ref: str) -> dict[str, Any]:
    target: Any = document
    for part in ref.removeprefix("#/").split("/"):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    if "$ref" in target:  # a channel's message is itself a reference to components
        return _follow(document, target["$ref"])
    return dict(target)
