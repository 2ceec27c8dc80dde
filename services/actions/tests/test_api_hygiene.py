"""Dates outside the programme and unstorable text are refused by the actions API with the field named."""

from __future__ import annotations

import httpx

from .api_helpers import agreed, seed
from .conftest import Auth, Deliver


async def test_an_activity_in_the_year_9999_is_refused_naming_the_field(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await seed(deliver)
    await agreed(client, auth, action_id)
    body = {"activity_type": "WORKSHOP", "place_country": "CV", "place_city": "Praia"}
    for starts_on, ends_on, field in (
        ("9999-01-01", "9999-01-02", "starts_on"),
        ("2016-06-01", "9999-01-02", "ends_on"),
    ):
        response = await client.post(
            f"/actions/{action_id}/activities",
            json={**body, "starts_on": starts_on, "ends_on": ends_on},
            headers=auth("programme_manager"),
        )
        assert response.status_code == 422
        assert (response.json()["error"]["code"], response.json()["error"]["field"]) == ("VALIDATION_ERROR", field)
    stored = await client.post(
        "/activities/batch-by-action", json={"action_ids": [action_id]}, headers=auth("programme_manager")
    )
    assert stored.json()["items"] == [[]]


async def test_a_nul_in_an_activity_city_is_refused_naming_the_field(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await seed(deliver)
    await agreed(client, auth, action_id)
    body = {"activity_type": "WORKSHOP", "starts_on": "2016-06-01", "ends_on": "2016-06-02", "place_country": "CV"}
    response = await client.post(
        f"/actions/{action_id}/activities", json={**body, "place_city": "Pra\x00ia"}, headers=auth("programme_manager")
    )
    assert (response.status_code, response.json()["error"]["field"]) == (422, "place_city")


async def test_portfolio_series_from_year_one_is_refused(client: httpx.AsyncClient, auth: Auth) -> None:
    response = await client.get(
        "/portfolio/series", params={"from": "0001-01-01", "to": "9999-12-31"}, headers=auth("programme_manager")
    )
    assert response.status_code == 422
    assert response.json()["error"]["field"] in ("from", "to")
