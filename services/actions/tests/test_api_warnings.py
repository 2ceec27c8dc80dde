"""R07, R24 and R28 warnings over HTTP, from the read model the projection keeps."""

from __future__ import annotations

from datetime import date

import httpx

from .api_helpers import FICHE, PARTIES, held, ok, planned, seed
from .conftest import Auth, Deliver


async def test_a_long_mission_an_unplanned_activity_and_no_endorsement_warn_until_recorded(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    """A fact-finding mission of two weeks, as Brazil II's (L5619-5621), and a study visit the Fiche did not plan."""
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    await ok(await client.post(f"/actions/{action_id}/fiche", json=FICHE, headers=pm))
    await ok(await client.post(f"/actions/{action_id}/fiche/agreement", json=PARTIES, headers=pm))
    mission = await planned(client, auth, action_id, "FACT_FINDING_MISSION", date(2016, 6, 1), ends_on="2016-06-14")
    await planned(client, auth, action_id, "STUDY_VISIT", date(2016, 7, 4), place_country="PT")
    body = {"activity_type": "STUDY_VISIT", "starts_on": "2016-09-05", "ends_on": "2016-09-08",
            "place_country": "ES", "reason": "the partner asked to see a second reception model"}  # fmt: skip
    await ok(await client.post(f"/actions/{action_id}/activities", json=body, headers=pm), 201)
    action = (await held(client, auth, mission, date(2016, 6, 1)))["action"]
    # held on one day only: the held dates count, not the planned fortnight
    assert action["fact_finding_days"] == 1

    action = await ok(await client.get(f"/actions/{action_id}", headers=pm))
    codes = {w["code"]: w["message"] for w in action["warnings"]}
    assert set(codes) == {"ACTIVITIES_OFF_PLAN", "NOT_ENDORSED"}
    assert codes["ACTIVITIES_OFF_PLAN"].endswith(": 1 study visit")  # the second one has its recorded reason

    await ok(await client.post(f"/actions/{action_id}/fiche/endorsement", json={"endorsed_on": "2016-06-20"},
                               headers=pm))  # fmt: skip
    action = await ok(await client.get(f"/actions/{action_id}", headers=pm))
    assert {w["code"] for w in action["warnings"]} == {"ACTIVITIES_OFF_PLAN"}


async def test_a_fortnight_of_fact_finding_warns(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    await planned(client, auth, action_id, "FACT_FINDING_MISSION", date(2016, 6, 1), ends_on="2016-06-14")
    action = await ok(await client.get(f"/actions/{action_id}", headers=pm))
    assert action["fact_finding_days"] == 14
    assert [w["rule"] for w in action["warnings"]] == ["R10", "R28"]  # not launched by today, and a fortnight
