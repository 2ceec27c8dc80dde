"""`GET /iati/activities.xml`: the IATI 2.03 export fed by the stream (the real broker), one activity per Action,
valid against the official IATI 2.03 XML Schema (vendored in gateway/standards/iati-2.03)."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest
from contracts.base import DomainEvent
from contracts.events.actions import (
    ActionCompleted,
    ActionLaunched,
    ActionOpened,
    ActivityHeld,
    ActivityPlanned,
    ActivityType,
    DeliverableKind,
    DeliverableLevel,
    DeliverableRecorded,
    DeliverableStatus,
    DeliverableStatusChanged,
    Phase,
)
from contracts.events.requests import AuthorityType, Region, RequestingAuthority, RequestSubmitted, ThematicArea
from fastapi import FastAPI
from gateway.iati.feed import IatiFeed
from gateway.published import published_routes
from gateway.settings import GatewaySettings
from lxml import etree
from service_core.embedded.welcome import dev_token
from service_core.kafka import encode_record, ensure_topics, new_producer
from service_core.store.base import RecordedEvent
from service_core.testing.backends import Backend

XSD = Path(__file__).resolve().parents[1] / "standards" / "iati-2.03" / "iati-activities-schema.xsd"
SCHEMA = etree.XMLSchema(etree.parse(str(XSD)))
PRIVATE_TEXT = "Please call Ana Pereira on +238 555 0101"  # free text of a request: never exported


def submitted(request_id: str, authority_id: str, name: str, kind: AuthorityType) -> RequestSubmitted:
    return RequestSubmitted(
        request_id=request_id,
        authority=RequestingAuthority(authority_id=authority_id, name=name, type=kind, country="CV"),
        countries=("CV",),
        region=Region.AFRICA,
        thematic_area=ThematicArea.LEGAL_MIGRATION_MOBILITY,
        topic="Labour migration",
        description=PRIVATE_TEXT,
        received_on=date(2019, 3, 4),
    )


def opened(
    action_id: str, code: str, region: Region, phase: Phase, countries: tuple[str, ...], authority: str
) -> ActionOpened:
    return ActionOpened(
        action_id=action_id,
        request_id=f"req-{action_id}",
        code=code,
        ordinal=4,
        ordinal_scope=countries[0] if countries else "ECOWAS",
        label="Cabo Verde IV" if countries else "ECOWAS I",
        region=region,
        countries=countries,
        regional_organisation=None if countries else "ECOWAS",
        thematic_area=ThematicArea.LEGAL_MIGRATION_MOBILITY,
        topic="Labour migration strategy",
        phase=phase,
        authority_id=authority,
        received_on=date(2019, 3, 4),
        approved_on=date(2019, 4, 10),
    )


def cabo_verde_events() -> list[DomainEvent]:
    scope = {"region": Region.AFRICA, "thematic_area": ThematicArea.LEGAL_MIGRATION_MOBILITY}
    return [
        opened("act-cv", "2019-07", Region.AFRICA, Phase.MIEUX_III, ("CV", "SN", "GM"), "auth-cv"),
        ActivityPlanned(
            activity_id="a1", action_id="act-cv", sequence=1, activity_type=ActivityType.ASSESSMENT_SESSION,
            starts_on=date(2019, 6, 3), ends_on=date(2019, 6, 5), countries=("CV",), **scope,
        ),
        ActivityPlanned(
            activity_id="a2", action_id="act-cv", sequence=2, activity_type=ActivityType.DRAFTING_SESSION,
            starts_on=date(2019, 11, 4), ends_on=date(2019, 11, 8), countries=("CV",), **scope,
        ),
        ActivityHeld(
            activity_id="a1", action_id="act-cv", activity_type=ActivityType.ASSESSMENT_SESSION,
            held_from=date(2019, 6, 3), held_to=date(2019, 6, 5), participants_count=18, countries=("CV",), **scope,
        ),
        ActionLaunched(
            action_id="act-cv", launched_on=date(2019, 6, 3), first_activity_id="a1", days_from_request=91,
            days_from_approval=54, launched_late=False,
        ),
        DeliverableRecorded(
            deliverable_id="d1", action_id="act-cv", kind=DeliverableKind.STRATEGY,
            title="National Labour Migration Strategy", recorded_on=date(2019, 11, 8),
        ),
        DeliverableStatusChanged(
            deliverable_id="d1", action_id="act-cv", previous_status=DeliverableStatus.DRAFTED,
            status=DeliverableStatus.ADOPTED, level=DeliverableLevel.TECHNICAL, changed_on=date(2020, 2, 1),
        ),
    ]  # fmt: skip


class Topics:
    def __init__(self, backend: Backend) -> None:
        suffix = uuid.uuid4().hex[:8]
        self.bootstrap = backend.bootstrap_servers
        self.names = {"requests": f"test.iati-requests.{suffix}", "actions": f"test.iati-actions.{suffix}"}
        self.position = 0

    async def publish(self, *events: DomainEvent) -> None:
        producer = new_producer(self.bootstrap)
        await producer.start()
        try:
            for event in events:
                self.position += 1
                stream = getattr(event, "action_id", None) or getattr(event, "request_id", "x")
                recorded = RecordedEvent(
                    uuid.uuid4(), stream, event.service, 1, self.position, datetime.now(UTC), event
                )
                key, value, headers = encode_record(event.service, recorded)
                await producer.send_and_wait(self.names[event.service], value=value, key=key, headers=headers)
        finally:
            await producer.stop()


@pytest.fixture
async def topics(backend: Backend) -> Topics:
    found = Topics(backend)
    await ensure_topics(found.bootstrap, list(found.names.values()), partitions=3)
    await found.publish(
        submitted("req-act-cv", "auth-cv", "Directorate-General for Immigration", AuthorityType.NATIONAL_GOVERNMENT),
        submitted("req-act-ec", "auth-ec", "ECOWAS Commission", AuthorityType.REGIONAL_ORGANISATION),
        *cabo_verde_events(),
        opened("act-ec", "2021-03", Region.AFRICA, Phase.MIEUX_PLUS, (), "auth-ec"),
        opened("act-lb", "2016-02", Region.EU_NEIGHBOURHOOD, Phase.MIEUX_II, ("LB",), "auth-unknown"),
        ActionCompleted(
            action_id="act-lb", completed_on=date(2017, 5, 2), region=Region.EU_NEIGHBOURHOOD,
            thematic_area=ThematicArea.LEGAL_MIGRATION_MOBILITY, phase=Phase.MIEUX_II, activities_held=6,
            activities_cancelled=0, deliverables_count=0,
        ),
    )  # fmt: skip
    return found


@pytest.fixture
async def client(topics: Topics) -> AsyncIterator[httpx.AsyncClient]:
    settings = GatewaySettings(kafka_bootstrap_servers=topics.bootstrap)
    app = FastAPI()
    app.include_router(published_routes(settings, IatiFeed(topics.bootstrap, topics.names)))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw", timeout=60) as http:
        yield http


async def export(client: httpx.AsyncClient, role: str = "reporting", **params: str) -> etree._Element:
    response = await client.get("/iati/activities.xml", params=params, headers=_bearer(role))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/xml"
    root = etree.fromstring(response.content)
    SCHEMA.assertValid(root)
    return root


def _bearer(role: str, **claims: str) -> dict[str, str]:
    return {"authorization": f"Bearer {dev_token(role, **claims)}"}


def by_code(root: etree._Element) -> dict[str, etree._Element]:
    return {a.findtext("other-identifier[@type='A1']/../iati-identifier").rsplit("-MIEUX-", 1)[1]: a for a in root}


async def test_the_export_validates_against_iati_2_03_with_one_activity_per_action(client: httpx.AsyncClient) -> None:
    root = await export(client)

    assert root.get("version") == "2.03"
    assert set(by_code(root)) == {"2019-07", "2021-03", "2016-02"}
    cabo_verde = by_code(root)["2019-07"]
    assert cabo_verde.findtext("iati-identifier") == "XI-IATI-EC_INTPA-MIEUX-2019-07"
    assert cabo_verde.findtext("reporting-org/narrative")
    assert cabo_verde.findtext("title/narrative") == "MIEUX Cabo Verde IV: Labour migration strategy"
    roles = {(o.get("role"), o.findtext("narrative")) for o in cabo_verde.findall("participating-org")}
    assert roles == {
        ("1", "European Union"),
        ("2", "Directorate-General for Immigration"),
        ("4", "International Centre for Migration Policy Development (ICMPD)"),
    }
    assert cabo_verde.find("activity-status").get("code") == "2"  # launched, not completed
    dates = {d.get("type"): d.get("iso-date") for d in cabo_verde.findall("activity-date")}
    assert dates == {"1": "2019-04-10", "2": "2019-06-03", "3": "2019-11-08"}
    shares = {c.get("code"): int(c.get("percentage")) for c in cabo_verde.findall("recipient-country")}
    assert shares == {"CV": 34, "SN": 33, "GM": 33}
    sector = cabo_verde.find("sector")
    assert (sector.get("vocabulary"), sector.get("code"), sector.get("percentage")) == ("1", "15190", "100")
    assert cabo_verde.find("collaboration-type").get("code") == "1"
    assert cabo_verde.find("default-aid-type").get("code") == "D02"
    (document,) = cabo_verde.findall("document-link")
    assert document.findtext("title/narrative") == "National Labour Migration Strategy"
    assert document.find("document-date").get("iso-date") == "2020-02-01"  # its latest status change


async def test_a_regional_organisations_action_has_a_region_and_a_completed_one_its_end(
    client: httpx.AsyncClient,
) -> None:
    actions = by_code(await export(client, role="programme_manager"))

    ecowas = actions["2021-03"]
    assert ecowas.find("recipient-country") is None
    region = ecowas.find("recipient-region")
    assert (region.get("code"), region.get("vocabulary"), region.get("percentage")) == ("298", "1", "100")
    assert ecowas.find("activity-scope").get("code") == "2"
    assert ecowas.find("activity-status").get("code") == "1"  # in preparation
    assert ("2", "ECOWAS Commission") in {
        (o.get("role"), o.findtext("narrative")) for o in ecowas.findall("participating-org")
    }
    lebanon = actions["2016-02"]
    assert lebanon.find("activity-status").get("code") == "3"
    assert {d.get("type"): d.get("iso-date") for d in lebanon.findall("activity-date")}["4"] == "2017-05-02"


async def test_filters_by_region_and_phase(client: httpx.AsyncClient) -> None:
    assert set(by_code(await export(client, region="AFRICA"))) == {"2019-07", "2021-03"}
    assert set(by_code(await export(client, region="AFRICA", phase="MIEUX_PLUS"))) == {"2021-03"}
    assert set(by_code(await export(client, phase="MIEUX_II"))) == {"2016-02"}


async def test_new_events_show_in_the_next_export(client: httpx.AsyncClient, topics: Topics) -> None:
    before = by_code(await export(client))["2021-03"]
    assert before.find("activity-status").get("code") == "1"
    await topics.publish(
        ActionLaunched(
            action_id="act-ec", launched_on=date(2021, 6, 1), first_activity_id="x", days_from_request=80,
            days_from_approval=50, launched_late=False,
        )
    )  # fmt: skip
    after = by_code(await export(client))["2021-03"]
    assert after.find("activity-status").get("code") == "2"


async def test_no_personal_data_or_free_text_of_requests_is_exported(client: httpx.AsyncClient) -> None:
    text = etree.tostring(await export(client), encoding="unicode")
    assert PRIVATE_TEXT not in text and "Pereira" not in text and "+238" not in text


@pytest.mark.parametrize(
    ("headers", "params", "status", "code", "field"),
    [
        ({}, {}, 401, "UNAUTHENTICATED", None),
        ({"authorization": "Bearer not-a-token"}, {}, 401, "UNAUTHENTICATED", None),
        (_bearer("regional_coordinator", region="AFRICA"), {}, 403, "FORBIDDEN", None),
        (_bearer("expert", expert_id="e-1"), {}, 403, "FORBIDDEN", None),
        (_bearer("reporting"), {"region": "MARS"}, 422, "VALIDATION_ERROR", "region"),
        (_bearer("reporting"), {"phase": "mieux_ii"}, 422, "VALIDATION_ERROR", "phase"),
        (_bearer("reporting"), {"region": "ASIA"}, 404, "NOT_FOUND", "region"),
    ],
)
async def test_refusals_are_clear_json_errors(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    params: dict[str, str],
    status: int,
    code: str,
    field: str | None,
) -> None:
    response = await client.get("/iati/activities.xml", params=params, headers=headers)
    assert response.status_code == status
    error = response.json()["error"]
    assert (error["code"], error["field"]) == (code, field)
    assert error["message"]


async def test_an_unreachable_broker_is_a_503_not_a_crash() -> None:
    app = FastAPI()
    app.include_router(published_routes(GatewaySettings(), IatiFeed("127.0.0.1:9", {"actions": "nowhere"})))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://gw", timeout=60) as http:
        response = await http.get("/iati/activities.xml", headers=_bearer("programme_manager"))
    assert response.status_code == 503
    assert response.json()["error"]["code"] == "SERVICE_UNAVAILABLE"


def test_the_official_schema_does_reject_an_activity_without_its_reporting_org() -> None:
    broken = etree.fromstring(
        b'<iati-activities version="2.03"><iati-activity><iati-identifier>X-1</iati-identifier>'
        b"<title><narrative>t</narrative></title></iati-activity></iati-activities>"
    )
    assert not SCHEMA.validate(broken)


def test_make_iati_writes_the_same_valid_export(
    topics: Topics, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gateway.iati.__main__ import main

    output = tmp_path / "iati.xml"
    assert main(["--output", str(output), "--region", "AFRICA"], IatiFeed(topics.bootstrap, topics.names)) == 0
    root = etree.parse(str(output)).getroot()
    SCHEMA.assertValid(root)
    assert set(by_code(root)) == {"2019-07", "2021-03"}
    assert "2 IATI activities written" in capsys.readouterr().out

    assert main(["--output", str(output), "--region", "ASIA"], IatiFeed(topics.bootstrap, topics.names)) == 1
    assert "nothing written" in capsys.readouterr().err
    assert main(["--output", str(tmp_path / "none.xml")], IatiFeed("127.0.0.1:9", {"actions": "nowhere"})) == 1
    assert "is the stack running" in capsys.readouterr().err
    assert not (tmp_path / "none.xml").exists()
