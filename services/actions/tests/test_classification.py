"""Topics and cross-cutting issues: the classification command, its refusals and the portfolio's themes."""

from __future__ import annotations

from datetime import date

import httpx
from actions_service.domain import errors as e

from .api_helpers import agreed, held, ok, planned, seed
from .conftest import Auth, Deliver, feedback_submitted


async def _completed(client: httpx.AsyncClient, auth: Auth, deliver: Deliver, **changes: object) -> str:
    pm = auth("programme_manager")
    action_id = await seed(deliver, **changes)
    await agreed(client, auth, action_id, date(2016, 4, 20))
    first = await planned(client, auth, action_id, "FACT_FINDING_MISSION", date(2016, 5, 15))
    await held(client, auth, first, date(2016, 5, 15))
    await deliver(feedback_submitted(action_id, "EXPERT"))
    await deliver(feedback_submitted(action_id, "PARTNER"))
    await ok(await client.post(f"/actions/{action_id}/completion", json={"completed_on": "2016-12-01"}, headers=pm))
    return action_id


async def test_classified_actions_count_in_the_themes_and_countries_reached(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    """West Africa (2014-2018): migration, climate change and environment, Benin, Guinea-Bissau and Togo;
    COMESA: data sharing among its 21 member states; a Cabo Verde Action on THB with a gender approach."""
    pm = auth("programme_manager")
    thb = await _completed(client, auth, deliver)
    body = {"topics": ["ANTI_THB_ACTION_PLANS", "GENDER_BASED_APPROACH_TO_ADDRESSING_THB"],
            "cross_cutting": ["GENDER", "HUMAN_RIGHTS"], "classified_on": "2016-12-02"}  # fmt: skip
    classified = await ok(await client.put(f"/actions/{thb}/classification", json=body, headers=pm))
    assert classified["action"]["topics"] == body["topics"]
    assert classified["action"]["cross_cutting"] == ["GENDER", "HUMAN_RIGHTS"]
    west_africa = await _completed(client, auth, deliver, countries=("TG", "BJ", "GW"), authority_id="tg-acmhr")
    climate = {"topics": ["MIGRATION_CLIMATE_CHANGE_AND_ENVIRONMENTAL_DEGRADATION_ALSO_AT_LOCAL_LEVEL"],
               "cross_cutting": ["CLIMATE_ENVIRONMENT"]}  # fmt: skip
    await ok(await client.put(f"/actions/{west_africa}/classification", json=climate, headers=pm))
    await seed(deliver, countries=(), regional_organisation="COMESA", authority_id="comesa")

    themes = (await ok(await client.get("/portfolio", headers=auth("reporting"))))["figures"]["themes"]
    assert themes == {
        "classified_completed": 2, "thb_completed": 1, "labour_migration_completed": 0,
        "by_cross_cutting": [{"issue": "GENDER", "completed": 1}, {"issue": "HUMAN_RIGHTS", "completed": 1},
                             {"issue": "CLIMATE_ENVIRONMENT", "completed": 1}],
        "countries_reached": 1 + 3 + 21,  # CV, the three West African countries, COMESA's member states
    }  # fmt: skip

    relabelled = {"topics": ["LABOUR_MIGRATION_POLICIES"], "classified_on": "2017-01-05"}
    await ok(await client.put(f"/actions/{thb}/classification", json=relabelled, headers=pm))
    themes = (await ok(await client.get("/portfolio", headers=pm)))["figures"]["themes"]
    assert (themes["thb_completed"], themes["labour_migration_completed"]) == (0, 1)  # the latest one counts


async def test_a_classification_names_known_topics_once(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    path = f"/actions/{action_id}/classification"
    for body, status, code, field in (
        ({"topics": []}, 422, e.NO_TOPIC, "topics"),
        ({"topics": ["THB", "BORDERS"]}, 422, e.UNKNOWN_TOPIC, "topics.1"),
        ({"topics": ["THB", "THB"]}, 422, e.DUPLICATE_VALUE, "topics.1"),
        ({"topics": ["THB"], "cross_cutting": ["GENDER", "GENDER"]}, 422, e.DUPLICATE_VALUE, "cross_cutting"),
        ({"topics": ["THB"], "cross_cutting": ["PEACE"]}, 422, "VALIDATION_ERROR", "cross_cutting.0"),
        ({"topics": ["THB"], "classified_on": "2015-01-01"}, 409, e.DATE_BEFORE_RECEIPT, "classified_on"),
    ):
        refused = await client.put(path, json=body, headers=pm)
        assert refused.status_code == status, (body, refused.text)
        error = refused.json()["error"]
        assert (error["code"], error["field"]) == (code, field), body
    action = await ok(await client.get(f"/actions/{action_id}", headers=pm))
    assert action["topics"] == [] and action["version"] == 1  # nothing stored
    catalogue = await ok(await client.get("/topics", headers=auth("reporting")))
    assert {"code": "THB", "name": "THB", "thematic_area": "IRREGULAR_MIGRATION_THB", "families": ["THB"]} in (
        catalogue["items"]
    )
