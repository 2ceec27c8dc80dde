"""Reviews (R14): on demand for any period and scope, suppressed small cells, published once per period."""

from __future__ import annotations

from datetime import date

import asyncpg
import httpx
from contracts.events.requests import Region, ThematicArea
from feedback_service.adapters.views import FeedbackViews
from feedback_service.application.handlers import App
from feedback_service.application.reviews import close_due

from .conftest import TODAY, Auth, Deliver
from .story import action_feedback, action_opened, deployed, held, new_id, ok, planned, response
from .test_participant_feedback import APPLICABILITY, KNOWLEDGE, QUALITY, RELEVANCE


async def third_quarter(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> None:
    """Africa in 2019-Q3: 12 participant responses and 3 Action-level feedbacks (2 experts, the partner).
    Outside it: responses from Asia in Q3, and from Africa in Q4."""
    pm = auth("programme_manager")
    africa, workshop = action_opened(new_id()), new_id()
    on = date(2019, 7, 15)
    await deliver(africa, planned(africa, workshop, on), held(africa, workshop, on))
    await deliver(deployed(africa, workshop, "e-1", on), deployed(africa, workshop, "e-2", on))
    forms = [
        response(RELEVANCE[i], QUALITY[i], KNOWLEDGE[i], APPLICABILITY[i], given_on="2019-07-20", comment=f"secret {i}")
        for i in range(12)
    ]
    url = f"/activities/{workshop}/participant-feedback/batch"
    await ok(await client.post(url, json={"responses": forms}, headers=pm), 201)
    late = {"responses": [response(1, 1, 1, 1, given_on="2019-10-02")] * 4}
    await ok(await client.post(url, json=late, headers=pm), 201)
    for who, extra in (("EXPERT", {"expert_id": "e-1"}), ("EXPERT", {"expert_id": "e-2"}), ("PARTNER", {})):
        body = action_feedback(who, given_on="2019-09-10", note="internal note", **extra)
        await ok(await client.post(f"/actions/{africa.action_id}/feedback", json=body, headers=pm), 201)
    asia, visit = action_opened(new_id(), region=Region.ASIA, thematic_area=ThematicArea.HORIZONTAL), new_id()
    await deliver(asia, planned(asia, visit, on), held(asia, visit, on))
    asian = {"responses": [response(2, 2, 2, 2, given_on="2019-08-01")] * 5}
    await ok(await client.post(f"/activities/{visit}/participant-feedback/batch", json=asian, headers=pm), 201)


def by_criterion(cells: list[dict[str, object]]) -> dict[object, tuple[object, ...]]:
    return {c["criterion"]: (c["responses"], c["mean"], c["distribution"], c["suppressed"]) for c in cells}


async def test_a_quarterly_review_of_a_region_has_exact_figures_and_hides_a_cell_of_three_from_its_coordinator(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await third_quarter(client, auth, deliver)
    query = {"period": "2019-Q3", "region": "AFRICA"}

    coordinator = await ok(
        await client.get("/reviews", params=query, headers=auth("regional_coordinator", region="AFRICA"))
    )
    manager = await ok(await client.get("/reviews", params=query, headers=auth("programme_manager")))

    for review in (coordinator, manager):
        assert (review["period_start"], review["period_end"], review["period_kind"]) == (
            "2019-07-01",
            "2019-09-30",
            "QUARTER",
        )
        assert (review["participant"]["responses"], review["participant"]["activities"]) == (12, 1)
        assert by_criterion(review["participant"]["criteria"]) == {
            "RELEVANCE": (12, 4.25, [0, 0, 2, 5, 5], False),
            "EXPERTISE_QUALITY": (12, 4.17, [0, 0, 1, 8, 3], False),
            "KNOWLEDGE_GAINED": (12, 3.92, [0, 0, 1, 11, 0], False),
            "APPLICABILITY": (12, 3.42, [0, 0, 7, 5, 0], False),
        }
        level = review["action_level"]
        assert (level["responses"], level["expert_responses"], level["partner_responses"]) == (3, 2, 1)
    hidden = by_criterion(coordinator["action_level"]["criteria"])
    shown = by_criterion(manager["action_level"]["criteria"])
    assert hidden["RELEVANCE"] == (3, None, None, True)
    assert shown["RELEVANCE"] == (3, 5.0, [0, 0, 0, 0, 3], False)
    assert shown["EFFICIENCY"] == (3, 3.0, [0, 0, 3, 0, 0], False)
    assert shown["EU_ADDED_VALUE"] == (0, None, [0, 0, 0, 0, 0], False)
    assert coordinator["action_level"]["suppressed"] and not manager["action_level"]["suppressed"]
    assert all(f["count"] is None for f in coordinator["action_level"]["good_practice_features"])
    assert {f["feature"]: f["count"] for f in manager["action_level"]["good_practice_features"]}["OWNERSHIP"] == 3
    assert coordinator["suppressed_cells"] and not manager["suppressed_cells"]


async def test_reviews_cover_half_years_years_thematic_areas_and_the_portfolio(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    await third_quarter(client, auth, deliver)
    pm = auth("programme_manager")

    async def responses(**query: str) -> int:
        found: int = (await ok(await client.get("/reviews", params=query, headers=pm)))["participant"]["responses"]
        return found

    assert await responses(period="2019-Q3") == 17
    assert await responses(period="2019-H2") == 21
    assert await responses(period="2019", thematic_area="HORIZONTAL") == 5
    assert await responses(period="2019-Q2") == 0
    bad = await client.get("/reviews", params={"period": "2019-Q5"}, headers=pm)
    assert bad.status_code == 422 and bad.json()["error"]["field"] == "period"
    other = await client.get(
        "/reviews",
        params={"period": "2019-Q3", "region": "ASIA"},
        headers=auth("regional_coordinator", region="AFRICA"),
    )
    assert other.status_code == 403
    focal = await client.get("/reviews", params={"period": "2019-Q3"}, headers=auth("focal_point", authority_id="x"))
    assert focal.status_code == 403


async def test_closing_a_period_publishes_each_review_once_even_when_run_twice(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, services: App, service_pool: asyncpg.Pool
) -> None:
    await third_quarter(client, auth, deliver)
    views = FeedbackViews(service_pool)

    first = await close_due(services, views, TODAY, None)
    second = await close_due(services, views, TODAY, None)
    by_hand = await ok(
        await client.post("/reviews/close", json={"period": "2019-Q3"}, headers=auth("programme_manager"))
    )

    assert [c.period.id for c in first] == ["2019-Q3"] and len(first[0].published) == 10
    assert second == []
    assert by_hand["published"] == [] and len(by_hand["already_published"]) == 10
    count = "SELECT count(*) FROM events WHERE event_name = 'ReviewPublished'"
    assert await service_pool.fetchval(count) == 10
    africa = await service_pool.fetchval(
        "SELECT review FROM review_view WHERE review_id = 'review:2019-Q3:REGION:AFRICA'"
    )
    assert africa["participant"]["criteria"][1] == {
        "criterion": "EXPERTISE_QUALITY", "responses": 12, "mean": 4.17, "distribution": [0, 0, 1, 8, 3], "suppressed": False,
    }  # fmt: skip
    assert africa["action_level"]["criteria"][0]["suppressed"] is True
    review = await ok(
        await client.get("/reviews", params={"period": "2019-Q3", "region": "AFRICA"}, headers=auth("reporting"))
    )
    assert review["published"]["review_id"] == "review:2019-Q3:REGION:AFRICA"
    refused = await client.post(
        "/reviews/close", json={"period": "2019-Q3"}, headers=auth("regional_coordinator", region="AFRICA")
    )
    assert refused.status_code == 403
