"""The stream as a product, on the running stack with the demo portfolio: every record on every topic carries
`ce_dataclassification` as contracts declare it and a `ce_dataschema` the gateway serves, and its value is
valid against that served schema; the gateway's IATI export holds one valid activity per Action."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import jsonschema
from contracts.dataclassification import DECLARED
from lxml import etree
from service_core.embedded.welcome import dev_token

from .conftest import LaunchedStack
from .test_no_personal_data_on_the_stream import everything_published

IATI_XSD = Path(__file__).resolve().parents[2] / "gateway" / "standards" / "iati-2.03" / "iati-activities-schema.xsd"


def test_every_record_is_classified_and_valid_against_the_schema_the_gateway_serves(
    running_stack: LaunchedStack,
) -> None:
    records = asyncio.run(everything_published(running_stack.bootstrap_servers))
    assert len(records) > 1000, "the demo portfolio should be on the topics"
    served: dict[str, jsonschema.Draft202012Validator] = {}
    with httpx.Client(base_url=f"http://127.0.0.1:{running_stack.gateway_port}", timeout=10) as http:
        for record in records:
            headers = {name: value.decode() for name, value in record.headers}
            _, _, service, event, _ = headers["ce_type"].split(".")  # eu.mieux.<service>.<Event>.v<N>
            assert headers["ce_dataclassification"] == DECLARED[(service, event)].value, headers["ce_type"]
            url = headers["ce_dataschema"]
            if url not in served:
                response = http.get(urlsplit(url).path)
                assert response.status_code == 200, url
                served[url] = jsonschema.Draft202012Validator(response.json())
            served[url].validate(json.loads(record.value))
    assert len(served) >= 20, "the demo portfolio publishes most event types"


def test_the_iati_export_holds_one_valid_activity_per_action_on_the_stream(running_stack: LaunchedStack) -> None:
    records = asyncio.run(everything_published(running_stack.bootstrap_servers))
    opened = {r.key for r in records if dict(r.headers)["ce_type"] == b"eu.mieux.actions.ActionOpened.v1"}
    completed = {r.key for r in records if dict(r.headers)["ce_type"] == b"eu.mieux.actions.ActionCompleted.v1"}
    headers = {"authorization": f"Bearer {dev_token('reporting')}"}
    with httpx.Client(base_url=f"http://127.0.0.1:{running_stack.gateway_port}", timeout=60) as http:
        response = http.get("/iati/activities.xml", headers=headers)
        africa = http.get("/iati/activities.xml", params={"region": "AFRICA"}, headers=headers)
    assert response.status_code == 200, response.text
    root = etree.fromstring(response.content)
    etree.XMLSchema(etree.parse(str(IATI_XSD))).assertValid(root)
    assert len(root) == len(opened) >= 121  # the demo opened 121 Actions (more if other scenarios ran first)
    assert sum(1 for a in root if a.find("activity-status").get("code") == "3") == len(completed) >= 109
    assert 0 < len(etree.fromstring(africa.content)) < len(root)
