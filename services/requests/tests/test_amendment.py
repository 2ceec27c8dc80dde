"""Amending a request not yet decided, and a region mismatch shown as a warning (R01 vs R31).

The West Africa case: Benin, Guinea-Bissau and Togo requested together (2014); here the request first
names Togo alone, then is amended to the three countries, then a country of another region is added.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

Body = Callable[..., dict[str, Any]]
Headers = Callable[..., dict[str, str]]
WEST_AFRICA = {"authority": {"name": "Government of Togo (ACMHR)", "acronym": "ACMHR", "type": "NATIONAL_GOVERNMENT"},
               "countries": ["TG"], "region": "AFRICA", "thematic_area": "HORIZONTAL",
               "topic": "Migration, climate change and environmental degradation",
               "description": "Regional dialogue on migration linked to climate change", "received_on": "2014-03-03"}  # fmt: skip


def amendment(**changes: Any) -> dict[str, Any]:
    base = {key: WEST_AFRICA[key] for key in ("countries", "region", "thematic_area", "topic", "description")}
    return {**base, "reason": "joint request of the three governments", "amended_on": "2014-03-20", **changes}


async def test_an_undecided_request_is_amended_and_assessed_again(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    pm = auth("programme_manager")
    created = (await client.post("/requests", json=body(**WEST_AFRICA), headers=pm)).json()["request"]
    path = f"/requests/{created['id']}/amendment"

    three = await client.post(path, json=amendment(countries=["TG", "BJ", "GW"]), headers=pm)
    assert three.status_code == 200, three.text
    view = three.json()["request"]
    assert (view["countries"], view["status"], view["eligible"], view["eligibility_warnings"]) == (
        ["TG", "BJ", "GW"], "OPEN", True, [],
    )  # fmt: skip

    across = (await client.post(path, json=amendment(countries=["TG", "BJ", "MA"]), headers=pm)).json()["request"]
    assert (across["status"], across["eligible"], across["eligibility_reasons"]) == ("OPEN", True, [])
    assert [w["code"] for w in across["eligibility_warnings"]] == ["COUNTRY_OUTSIDE_REGION"]

    france = (await client.post(path, json=amendment(countries=["TG", "FR"]), headers=pm)).json()["request"]
    assert (france["status"], [r["code"] for r in france["eligibility_reasons"]]) == (
        "INELIGIBLE", ["COUNTRY_NOT_PARTNER"],
    )  # fmt: skip
    reopened = (await client.post(path, json=amendment(countries=["TG", "BJ", "GW"]), headers=pm)).json()["request"]
    assert (reopened["status"], reopened["eligible"]) == ("OPEN", True)  # amended back into an eligible request

    decision = {"decision": "APPROVE", "reason": "eligible and feasible", "decided_on": "2014-05-12"}
    approved = await client.post(f"/requests/{created['id']}/decision", json=decision, headers=pm)
    assert approved.status_code == 200, approved.text
    late = await client.post(path, json=amendment(), headers=pm)
    assert (late.status_code, late.json()["error"]["code"]) == (409, "REQUEST_ALREADY_DECIDED")


async def test_bad_amendments_name_the_field_and_store_nothing(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    pm = auth("programme_manager")
    created = (await client.post("/requests", json=body(**WEST_AFRICA), headers=pm)).json()["request"]
    path = f"/requests/{created['id']}/amendment"
    for changes, status, code, field in (
        ({"countries": ["TG", "XX"]}, 422, "UNKNOWN_COUNTRY", "countries.1"),
        ({"countries": ["TG", "TG"]}, 422, "DUPLICATE_COUNTRY", "countries.1"),
        ({"countries": []}, 422, "COUNTRY_OR_ORGANISATION_REQUIRED", "countries"),
        ({"amended_on": "2014-01-01"}, 409, "AMENDMENT_BEFORE_RECEIPT", "amended_on"),
        ({"reason": ""}, 422, "VALIDATION_ERROR", "reason"),
    ):
        refused = await client.post(path, json=amendment(**changes), headers=pm)
        assert refused.status_code == status, (changes, refused.text)
        assert (refused.json()["error"]["code"], refused.json()["error"]["field"]) == (code, field), changes
    view = (await client.get(f"/requests/{created['id']}", headers=pm)).json()
    assert (view["countries"], view["version"]) == (["TG"], created["version"])
    hidden = await client.post(path, json=amendment(), headers=auth("regional_coordinator", region="ASIA"))
    assert hidden.status_code == 404


async def test_each_institution_of_a_joint_request_should_have_its_own_focal_point(
    client: httpx.AsyncClient, auth: Headers, body: Body
) -> None:
    """R23: the West Africa request of Togo with Benin and Guinea-Bissau as co-requesters."""
    pm = auth("programme_manager")
    co = [{"name": "Government of Benin", "type": "NATIONAL_GOVERNMENT", "country": "BJ"},
          {"name": "Government of Guinea-Bissau", "type": "NATIONAL_GOVERNMENT", "country": "GW"}]  # fmt: skip
    joint = {**WEST_AFRICA, "countries": ["TG", "BJ", "GW"], "co_requesters": co}
    created = (await client.post("/requests", json=body(**joint), headers=pm)).json()["request"]
    assert [w["code"] for w in created["warnings"]] == ["INSTITUTION_WITHOUT_FOCAL_POINT"] * 3
    togo = created["authority"]["id"]
    path = f"/requests/{created['id']}/focal-points"
    focal = {"kind": "OPERATIONAL", "name": "A. Focal", "role": "Desk officer", "institution": "ACMHR"}
    named = await client.post(path, json={**focal, "authority_id": togo}, headers=pm)
    assert named.status_code == 200, named.text
    view = named.json()["request"]
    assert view["focal_points"][0]["authority_id"] == togo
    assert [w["message"] for w in view["warnings"]] == [
        "Government of Benin has no focal point of its own", "Government of Guinea-Bissau has no focal point of its own",
    ]  # fmt: skip
    stranger = await client.post(path, json={**focal, "authority_id": "someone-else"}, headers=pm)
    assert (stranger.status_code, stranger.json()["error"]["field"]) == (422, "authority_id")
    single = (await client.post("/requests", json=body(**{**WEST_AFRICA, "received_on": "2014-03-04"}),
                                headers=pm)).json()["request"]  # fmt: skip
    assert single["warnings"] == []  # one institution: nothing to spread
