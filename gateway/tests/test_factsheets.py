"""Issue 17: a factsheet per region and thematic area (`GET /factsheets/{subject}.html|.pdf`, `make factsheets`),
rendered over the real services (real PostgreSQL) and checked against `Query.portfolio` figure by figure."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from gateway.clients import ServiceClient, new_http_client
from gateway.context import Services
from gateway.factsheets.figures import every_figure
from lxml import html
from pypdf import PdfReader
from service_core.embedded.welcome import dev_token

from .conftest import Gql, Stack
from .test_actions_graph import approved_action
from .test_domain_fidelity_graph import LESSON, OUTCOME
from .test_experts_graph import register
from .test_feedback_graph import SUBMIT_BATCH, held_workshop, response

LESSON_TEXT = "Peer exchange with Senegal's ministry carried the drafting"
OUTCOME_TEXT = "The labour migration unit runs the strategy's action plan"


async def world(gql: Gql, stack: Stack) -> str:
    """Cabo Verde (Africa, legal migration): a workshop held with an expert deployed, three participants'
    responses (a cell under five), a lesson and an outcome; Thailand (Asia, same area): approved only."""
    expert = await register(gql, "Eva Novak", "EU_MS_GOVERNMENTAL", "SI", "SI")
    action_id, activity_id = await held_workshop(gql, stack, expert)
    await stack.deliver()
    batch = await gql(
        SUBMIT_BATCH, input={"activityId": activity_id, "givenOn": "2019-06-11", "responses": [response(5)] * 3}
    )
    assert batch["data"]["submitParticipantFeedbackBatch"]["errors"] == []
    lesson = {"actionId": action_id, "kind": "GOOD_PRACTICE", "category": "APPROACH", "summary": LESSON_TEXT,
              "recordedOn": "2019-06-20"}  # fmt: skip
    assert (await gql(LESSON, input=lesson))["data"]["recordActionLesson"]["errors"] == []
    outcome = {"actionId": action_id, "summary": OUTCOME_TEXT, "capacityLevel": "ORGANISATIONAL",
               "observedOn": "2019-09-01"}  # fmt: skip
    assert (await gql(OUTCOME, input=outcome))["data"]["recordActionOutcome"]["errors"] == []
    await approved_action(gql, stack, countries=["TH"], region="ASIA", externalReference="th-1")
    await stack.deliver()
    return action_id


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _portfolio_query() -> str:
    """Every figure the factsheet prints, asked of the graph by its own path."""
    tree: dict[str, Any] = {}
    for figure in every_figure():
        node = tree.setdefault(figure.service, {})
        for step in figure.path:
            node = node.setdefault(_camel(step), {})

    def fields(node: dict[str, Any]) -> str:
        return " ".join(f"{k} {{ {fields(v)} }}" if v else k for k, v in node.items())

    return f"query($f: PortfolioFilter) {{ portfolio(filter: $f) {{ {fields(tree)} }} }}"


def _from_graph(portfolio: dict[str, Any], service: str, path: tuple[str, ...]) -> Any:
    found: Any = portfolio[service]
    for step in path:
        found = None if found is None else found[_camel(step)]
    return found


async def fetch(http: httpx.AsyncClient, name: str, role: str = "programme_manager", **claims: str) -> httpx.Response:
    return await http.get(f"/factsheets/{name}", headers={"authorization": f"Bearer {dev_token(role, **claims)}"})


def figures_of(page: html.HtmlElement) -> dict[str, tuple[str, str]]:
    """data-figure -> (data-value, printed text)."""
    return {cell.get("data-figure"): (cell.get("data-value"), cell.text_content()) for cell in page.iter("td")
            if cell.get("data-figure")}  # fmt: skip


async def test_a_region_s_factsheet_prints_the_live_figures_charts_and_its_actions(
    gql: Gql, stack: Stack, http: httpx.AsyncClient
) -> None:
    await world(gql, stack)
    answer = await fetch(http, "AFRICA.html")
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "text/html; charset=utf-8"
    page = html.fromstring(answer.content)

    live = (await gql(_portfolio_query(), f={"region": "AFRICA"}))["data"]["portfolio"]
    printed = figures_of(page)
    assert set(printed) == {f.key for f in every_figure()}
    for figure in every_figure():
        value, _ = printed[figure.key]
        assert value == _json(_from_graph(live, figure.service, figure.path)), figure.key
    assert printed["actions.actions.opened"] == ("1", "1")  # Cabo Verde; Thailand is Asia's
    assert printed["experts.deployed.count"] == ("1", "1")
    assert printed["feedback.participant.responses"] == ("3", "3")
    assert printed["requests.received"] == ("1", "1")

    charts = {f.get("data-chart"): f for f in page.iter("figure")}
    assert set(charts) == {"per-year", "breakdown", "experts", "feedback"}
    assert all(chart.find(".//svg") is not None for chart in charts.values())  # drawn by matplotlib, inline
    [action] = page.find_class("action")
    assert action.get("data-action").startswith("2019-")
    text = action.text_content()
    assert "Cabo Verde I" in text and LESSON_TEXT in text and OUTCOME_TEXT in text
    assert "organisational level" in text and "Good practice (approach)" in text


def _json(value: Any) -> str:
    import json

    return json.dumps(value)


async def test_the_pdf_carries_the_same_figures_and_actions(gql: Gql, stack: Stack, http: httpx.AsyncClient) -> None:
    await world(gql, stack)
    page = html.fromstring((await fetch(http, "LEGAL_MIGRATION_MOBILITY.html")).content)
    answer = await fetch(http, "LEGAL_MIGRATION_MOBILITY.pdf")
    assert answer.status_code == 200
    assert answer.headers["content-type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(answer.content))
    text = re.sub(r"\s+", " ", " ".join(p.extract_text() for p in reader.pages))
    assert "MIEUX factsheet: Legal migration and mobility" in text
    for key, (_, printed) in figures_of(page).items():
        label = next(f.label for f in every_figure() if f.key == key)
        assert f"{label} {printed}" in text, key
    assert "2 Actions, oldest first" in text  # Cabo Verde and Thailand: a thematic area spans the regions
    assert LESSON_TEXT in text and OUTCOME_TEXT in text
    assert "Thailand I" in text and "Cabo Verde I" in text
    assert len(reader.pages[0].images) + sum(len(p.images) for p in reader.pages[1:]) == 4  # the four charts


async def test_a_coordinator_reads_its_region_only_with_small_cells_suppressed(
    gql: Gql, stack: Stack, http: httpx.AsyncClient
) -> None:
    await world(gql, stack)
    africa = await fetch(http, "AFRICA.html", "regional_coordinator", region="AFRICA")
    assert africa.status_code == 200
    page = html.fromstring(africa.content)
    assert page.find_class("scope")[0].text_content() == "region AFRICA"
    assert "suppressed (fewer than five responses)" in page.text_content()  # three responses: a small cell
    assert "feedback" not in {f.get("data-chart") for f in page.iter("figure")}  # no chart of hidden means
    pm = html.fromstring((await fetch(http, "AFRICA.html")).content)
    assert "suppressed" not in pm.text_content() and "feedback" in {f.get("data-chart") for f in pm.iter("figure")}

    asia_area = html.fromstring(
        (await fetch(http, "LEGAL_MIGRATION_MOBILITY.html", "regional_coordinator", region="ASIA")).content
    )
    live = (await gql(_portfolio_query(), "regional_coordinator", {"region": "ASIA"},
                      f={"thematicArea": "LEGAL_MIGRATION_MOBILITY"}))["data"]["portfolio"]  # fmt: skip
    assert figures_of(asia_area)["actions.actions.opened"][0] == _json(live["actions"]["actions"]["opened"]) == "1"
    assert [a.text_content().split(" · ")[1] for a in asia_area.iter("h3") if a.getparent().get("data-action")] == [
        "Thailand I"
    ]

    refused = await fetch(http, "ASIA.html", "regional_coordinator", region="AFRICA")
    assert refused.status_code == 403
    assert (refused.json()["error"]["code"], refused.json()["error"]["field"]) == ("FORBIDDEN", "subject")


async def test_the_reporting_role_gets_figures_without_the_actions(
    gql: Gql, stack: Stack, http: httpx.AsyncClient
) -> None:
    await world(gql, stack)
    answer = await fetch(http, "AFRICA.html", "reporting")
    assert answer.status_code == 200
    page = html.fromstring(answer.content)
    assert figures_of(page)["actions.actions.opened"] == ("1", "1")
    assert not page.find_class("action")
    assert "not within your access" in page.text_content()


@pytest.mark.parametrize(
    ("name", "role", "claims", "status", "code", "field"),
    [
        ("MARS.html", "programme_manager", {}, 404, "NOT_FOUND", "subject"),
        ("AFRICA.docx", "programme_manager", {}, 404, "NOT_FOUND", "format"),
        ("AFRICA", "programme_manager", {}, 404, "NOT_FOUND", "format"),
        ("AFRICA.html", "expert", {"expert_id": "e-1"}, 403, "FORBIDDEN", None),
        ("AFRICA.pdf", "focal_point", {"authority_id": "a-1"}, 403, "FORBIDDEN", None),
    ],
)
async def test_refusals_are_clear_json_errors(
    http: httpx.AsyncClient, name: str, role: str, claims: dict[str, str], status: int, code: str, field: str | None
) -> None:
    answer = await fetch(http, name, role, **claims)
    assert answer.status_code == status
    error = answer.json()["error"]
    assert (error["code"], error["field"]) == (code, field) and error["message"]


async def test_without_a_token_it_is_401_and_the_index_lists_every_subject(http: httpx.AsyncClient) -> None:
    assert (await http.get("/factsheets/AFRICA.html")).status_code == 401
    items = (await http.get("/factsheets")).json()["items"]
    assert len(items) == 9 and {"AFRICA", "HORIZONTAL"} <= {i["subject"] for i in items}


async def test_make_factsheets_writes_every_region_and_thematic_area(
    gql: Gql, stack: Stack, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from gateway.factsheets.__main__ import run

    await world(gql, stack)
    services = Services(
        **{name: ServiceClient(name, new_http_client(f"http://{name}", 30, httpx.ASGITransport(app=svc.app)))
           for name, svc in stack.services.items()}
    )  # fmt: skip
    assert await run(["--output", str(tmp_path)], services) == 0
    assert sorted(os.listdir(tmp_path)) == sorted(
        f"{s}.{x}" for s in ("africa", "asia", "eu_neighbourhood", "latin_america_caribbean",
                             "irregular_migration_thb", "legal_migration_mobility", "migration_development",
                             "international_protection_asylum", "horizontal") for x in ("html", "pdf")
    )  # fmt: skip
    assert "18 factsheets written" in capsys.readouterr().out
    asia = html.fromstring((tmp_path / "asia.html").read_bytes())
    assert figures_of(asia)["actions.actions.opened"] == ("1", "1")
    assert PdfReader(tmp_path / "africa.pdf").pages
