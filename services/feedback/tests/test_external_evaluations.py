"""External evaluations of the programme: results-oriented monitoring and the impact evaluation."""

from __future__ import annotations

import httpx
from contracts.events.requests import Region
from service_core.testing.http import Auth

from .conftest import Deliver
from .story import action_opened, new_id

IMPACT = {
    "kind": "IMPACT_EVALUATION",
    "title": "External evaluation of the programme's impact",
    "evaluator": "An independent evaluation firm",
    "started_on": "2019-02-01",
    "ended_on": "2019-09-30",
    "findings": [
        {"criterion": "IMPACT", "finding": "Results at all three capacity levels, strongest at the individual one"},
        {"criterion": "SUSTAINABILITY", "finding": "Ownership by the partner authorities carries results on"},
    ],
    "countries_visited": ["CV", "MW", "JO", "PH", "CR"],
    "recommendations": ["Plan follow-up from the Fiche onwards"],
}


async def test_the_impact_evaluation_is_recorded_with_its_country_visits_and_actions_cut_to_the_reader(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    africa, asia = new_id(), new_id()
    await deliver(action_opened(africa, Region.AFRICA), action_opened(asia, Region.ASIA))
    pm = auth("programme_manager")
    answer = await client.post("/evaluations", json={**IMPACT, "action_ids": [africa, asia]}, headers=pm)
    assert answer.status_code == 201, answer.text
    recorded = answer.json()["evaluation"]
    assert answer.json()["position"] > 0
    assert [f["criterion"] for f in recorded["findings"]] == ["IMPACT", "SUSTAINABILITY"]
    assert recorded["countries_visited"] == ["CV", "MW", "JO", "PH", "CR"]

    listed = (await client.get("/evaluations", headers=pm)).json()["items"]
    assert [(e["evaluation_id"], e["action_ids"]) for e in listed] == [(recorded["evaluation_id"], [africa, asia])]
    coordinator = auth("regional_coordinator", region="AFRICA")
    one = (await client.get(f"/evaluations/{recorded['evaluation_id']}", headers=coordinator)).json()
    assert (one["title"], one["action_ids"]) == (IMPACT["title"], [africa])
    reporting = (await client.get("/evaluations", headers=auth("reporting"))).json()["items"]
    assert reporting[0]["action_ids"] == []
    only_rom = await client.get("/evaluations", params={"kind": "RESULTS_ORIENTED_MONITORING"}, headers=pm)
    assert only_rom.json()["items"] == []


async def test_bad_evaluations_are_refused_naming_the_field_and_only_staff_record_or_read_them(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    pm = auth("programme_manager")
    for changes, code, field in (
        ({"ended_on": "2019-01-01"}, "ENDS_BEFORE_STARTS", "ended_on"),
        ({"ended_on": "2030-01-01"}, "DATE_IN_FUTURE", "ended_on"),
        ({"countries_visited": ["CV", "XX"]}, "UNKNOWN_COUNTRY", "countries_visited.1"),
        ({"countries_visited": ["CV", "CV"]}, "DUPLICATE_VALUE", "countries_visited.1"),
        ({"action_ids": ["not-an-action"]}, "UNKNOWN_ACTION", "action_ids.0"),
        ({"findings": [{"criterion": "IMPACT", "finding": "a"}, {"criterion": "IMPACT", "finding": "b"}]},
         "DUPLICATE_VALUE", "findings.1.criterion"),
        ({"kind": "OPINION_POLL"}, "VALIDATION_ERROR", "kind"),
        ({"findings": [{"criterion": "POPULARITY", "finding": "a"}]}, "VALIDATION_ERROR", "findings.0.criterion"),
    ):  # fmt: skip
        refused = await client.post("/evaluations", json={**IMPACT, **changes}, headers=pm)
        assert refused.status_code == 422, (changes, refused.text)
        assert (refused.json()["error"]["code"], refused.json()["error"]["field"]) == (code, field), changes
    coordinator = auth("regional_coordinator", region="AFRICA")
    assert (await client.post("/evaluations", json=IMPACT, headers=coordinator)).status_code == 403
    assert (await client.get("/evaluations", headers=auth("expert", expert_id="x"))).status_code == 403
    assert (await client.get("/evaluations", headers=pm)).json()["items"] == []
    assert (await client.get("/evaluations/nope", headers=pm)).status_code == 404


async def test_a_coordinator_s_list_cuts_every_evaluation_to_its_region(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    africa, asia, also_africa = new_id(), new_id(), new_id()
    await deliver(
        action_opened(africa, Region.AFRICA),
        action_opened(asia, Region.ASIA),
        action_opened(also_africa, Region.AFRICA),
    )
    pm = auth("programme_manager")
    first = {**IMPACT, "title": "First look", "action_ids": [africa, asia]}
    second = {**IMPACT, "title": "Second look", "action_ids": [asia, also_africa]}
    for body in (first, second):
        assert (await client.post("/evaluations", json=body, headers=pm)).status_code == 201
    listed = (await client.get("/evaluations", headers=auth("regional_coordinator", region="AFRICA"))).json()["items"]
    cut = {e["title"]: e["action_ids"] for e in listed if e["title"] in {"First look", "Second look"}}
    assert cut == {"First look": [africa], "Second look": [also_africa]}
