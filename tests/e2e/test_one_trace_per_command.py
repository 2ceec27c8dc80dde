"""With `OTEL_TRACES_EXPORTER=console`, one approval through the gateway is one trace: the gateway, the requests
service (the command) and the actions service (the consumer, and the Action it opens) log spans of it."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import httpx
from service_core.embedded.welcome import dev_token

from .conftest import READY_LINE, STARTUP_TIMEOUT_S, launch
from .test_requests_through_graphql import DECIDE, SUBMIT, submission

TRACE_ID = "5b8aa5a2d2c872e8321cf37308d69df2"


def spans_of(log: Path, trace_id: str) -> list[dict[str, Any]]:
    """The console exporter's spans (one JSON object a line) of that trace in a process's log."""
    found = []
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{") and '"context"' in line:
            span = json.loads(line)
            if span["context"]["trace_id"] == f"0x{trace_id}":
                found.append(span)
    return found


def graphql(url: str, query: str, headers: dict[str, str] | None = None, **variables: Any) -> dict[str, Any]:
    token = dev_token("programme_manager")
    response = httpx.post(
        url,
        json={"query": query, "variables": variables},
        headers={"authorization": f"Bearer {token}", **(headers or {})},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_an_approval_and_the_action_it_opens_are_one_trace_across_processes(tmp_path: Path) -> None:
    stack = launch(tmp_path, env={"OTEL_TRACES_EXPORTER": "console", "MIEUX_DEMO": "0"})
    try:
        stack.wait_for(READY_LINE, timeout=STARTUP_TIMEOUT_S)
        submitted = graphql(stack.graphql_url, SUBMIT, input=submission())["data"]["submitRequest"]["request"]
        decided = graphql(
            stack.graphql_url,
            DECIDE,
            headers={"traceparent": f"00-{TRACE_ID}-00f067aa0ba902b7-01"},
            input={"id": submitted["id"], "decision": "APPROVE", "reason": "in remit", "decidedOn": "2019-04-01"},
        )
        assert decided["data"]["decideRequest"]["errors"] == [], decided
        logs = stack.home / ".mieux" / "logs"
        deadline = time.monotonic() + 60
        while not any(s["name"] == "send mieux.actions.v1" for s in spans_of(logs / "actions.log", TRACE_ID)):
            assert time.monotonic() < deadline, "the Action's event was never published in the approval's trace"
            time.sleep(0.5)
    finally:
        stack.stop()

    gateway, requests, actions = (
        spans_of(logs / f"{name}.log", TRACE_ID) for name in ("gateway", "requests", "actions")
    )
    assert any(s["kind"] == "SpanKind.SERVER" for s in gateway)
    assert any(s["kind"] == "SpanKind.SERVER" for s in requests)  # the command, under the gateway's call
    assert any(s["name"] == "send mieux.requests.v1" for s in requests)
    consumed = [s for s in actions if s["name"] == "process mieux.requests.v1"]
    assert consumed and consumed[0]["kind"] == "SpanKind.CONSUMER"
    assert consumed[0]["attributes"]["messaging.system"] == "kafka"
    sent = {s["context"]["span_id"] for s in requests if s["name"] == "send mieux.requests.v1"}
    assert {s["parent_id"] for s in consumed} & sent  # the consumer's span is a child of the producer's
