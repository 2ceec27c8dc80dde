"""Participant feedback: only on held activities, anonymous, exact summaries, paper batches all or nothing."""

from __future__ import annotations

from datetime import date

import asyncpg
import httpx

from .conftest import Auth, Deliver
from .story import action_opened, error, held, new_id, ok, planned, response

HELD_ON = date(2019, 7, 15)
RELEVANCE = [5, 4, 4, 5, 3, 5, 4, 4, 5, 5, 4, 3]  # 51 / 12 = 4.25
QUALITY = [5, 4, 4, 4, 3, 5, 4, 4, 5, 4, 4, 4]  # 50 / 12 = 4.1666… -> 4.17
KNOWLEDGE = [4, 4, 4, 4, 3, 4, 4, 4, 4, 4, 4, 4]  # 47 / 12 = 3.9166… -> 3.92
APPLICABILITY = [3, 4, 3, 4, 3, 4, 3, 4, 3, 4, 3, 3]  # 41 / 12 = 3.4166… -> 3.42
LEVELS = ["INDIVIDUAL"] * 6 + ["ORGANISATIONAL"] * 4 + ["ENABLING_ENVIRONMENT"] * 2


async def held_activity(deliver: Deliver) -> tuple[str, str]:
    action = action_opened(new_id())
    activity_id = new_id()
    await deliver(action, planned(action, activity_id, HELD_ON), held(action, activity_id, HELD_ON))
    return action.action_id, activity_id


async def test_feedback_on_an_activity_not_yet_held_is_refused(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action = action_opened(new_id())
    activity_id = new_id()
    await deliver(action, planned(action, activity_id, HELD_ON))

    refused = error(
        await client.post(
            f"/activities/{activity_id}/participant-feedback",
            json=response(5, 5, 5, 5),
            headers=auth("programme_manager"),
        ),
        409,
    )

    assert (refused["code"], refused["field"]) == ("ACTIVITY_NOT_HELD", "activity_id")
    summary = await ok(await client.get(f"/activities/{activity_id}/summary", headers=auth("programme_manager")))
    assert (summary["held"], summary["responses"]) == (False, 0)


async def test_feedback_on_an_unknown_activity_is_not_found(client: httpx.AsyncClient, auth: Auth) -> None:
    answer = await client.post(
        "/activities/nope/participant-feedback", json=response(5, 5, 5, 5), headers=auth("programme_manager")
    )

    assert error(answer, 404)["code"] == "NOT_FOUND"


async def test_after_the_activity_is_held_twelve_responses_give_an_exact_summary(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    _, activity_id = await held_activity(deliver)
    pm = auth("programme_manager")

    for i in range(12):
        body = response(RELEVANCE[i], QUALITY[i], KNOWLEDGE[i], APPLICABILITY[i], capacity_level=LEVELS[i])
        await ok(await client.post(f"/activities/{activity_id}/participant-feedback", json=body, headers=pm), 201)

    summary = await ok(await client.get(f"/activities/{activity_id}/summary", headers=pm))
    assert summary["responses"] == 12
    assert {c["criterion"]: (c["mean"], c["distribution"]) for c in summary["criteria"]} == {
        "RELEVANCE": (4.25, [0, 0, 2, 5, 5]),
        "EXPERTISE_QUALITY": (4.17, [0, 0, 1, 8, 3]),
        "KNOWLEDGE_GAINED": (3.92, [0, 0, 1, 11, 0]),
        "APPLICABILITY": (3.42, [0, 0, 7, 5, 0]),
    }
    assert {c["level"]: c["count"] for c in summary["capacity_levels"]} == {
        "INDIVIDUAL": 6,
        "ORGANISATIONAL": 4,
        "ENABLING_ENVIRONMENT": 2,
    }
    assert not summary["suppressed"]


async def test_a_paper_form_set_is_stored_as_a_whole(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    _, activity_id = await held_activity(deliver)
    forms = [response(4, 4, 4, 4, comment=f"form {i}") for i in range(6)]

    answer = await ok(
        await client.post(
            f"/activities/{activity_id}/participant-feedback/batch",
            json={"responses": forms, "given_on": "2019-07-16"},
            headers=auth("programme_manager"),
        ),
        201,
    )

    assert len(answer["response_ids"]) == 6 and answer["batch_id"]
    assert answer["summary"]["responses"] == 6
    rows = await service_pool.fetch("SELECT channel, batch_id, given_on FROM participant_response")
    assert {(r["channel"], r["batch_id"], r["given_on"]) for r in rows} == {
        ("PAPER", answer["batch_id"], date(2019, 7, 16))
    }
    assert await service_pool.fetchval("SELECT count(*) FROM participant_comment") == 6


async def test_one_bad_response_in_a_batch_stores_nothing_and_names_its_index(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    _, activity_id = await held_activity(deliver)
    pm = auth("programme_manager")
    forms = [response(4, 4, 4, 4) for _ in range(10)]
    forms[7] = response(6, 4, 4, 4)

    out_of_range = error(
        await client.post(
            f"/activities/{activity_id}/participant-feedback/batch", json={"responses": forms}, headers=pm
        ),
        422,
    )
    forms[7] = response(4, 4, 4, 4)
    forms[3] = response(4, 4, 4, 4, given_on="2019-07-01")
    too_early = error(
        await client.post(
            f"/activities/{activity_id}/participant-feedback/batch", json={"responses": forms}, headers=pm
        ),
        422,
    )

    assert out_of_range["field"] == "responses.7.ratings.relevance"
    assert (too_early["code"], too_early["field"]) == ("GIVEN_BEFORE_ACTIVITY", "responses.3.given_on")
    assert await service_pool.fetchval("SELECT count(*) FROM events") == 0
    assert await service_pool.fetchval("SELECT count(*) FROM participant_response") == 0


async def test_summaries_of_few_responses_are_suppressed_below_programme_manager(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    _, activity_id = await held_activity(deliver)
    pm = auth("programme_manager")
    for _ in range(3):
        await ok(
            await client.post(f"/activities/{activity_id}/participant-feedback", json=response(5, 4, 3, 2), headers=pm),
            201,
        )

    coordinator = auth("regional_coordinator", region="AFRICA")
    for_coordinator = await ok(
        await client.post(
            "/summaries/batch-by-activity", json={"activity_ids": [activity_id, "unknown"]}, headers=coordinator
        )
    )
    for_manager = await ok(await client.get(f"/activities/{activity_id}/summary", headers=pm))
    # a per-activity summary names the activity: `reporting` reads aggregates without ids only
    for_reporting = await client.get(f"/activities/{activity_id}/summary", headers=auth("reporting"))
    assert error(for_reporting, 403)["code"] == "FORBIDDEN"

    summary, missing = for_coordinator["items"]
    assert missing is None
    assert summary["responses"] == 3 and summary["suppressed"]
    assert all(c["suppressed"] and c["mean"] is None and c["distribution"] is None for c in summary["criteria"])
    assert all(level["count"] is None for level in summary["capacity_levels"])
    assert for_manager["criteria"][0] == {
        "criterion": "RELEVANCE", "responses": 3, "mean": 5.0, "distribution": [0, 0, 0, 0, 3], "suppressed": False,
    }  # fmt: skip


async def test_comments_are_read_by_programme_managers_only(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    _, activity_id = await held_activity(deliver)
    body = response(5, 5, 5, 5, comment="The drafting session was very useful")
    await ok(
        await client.post(
            f"/activities/{activity_id}/participant-feedback", json=body, headers=auth("programme_manager")
        ),
        201,
    )

    comments = await ok(await client.get(f"/activities/{activity_id}/comments", headers=auth("programme_manager")))
    refused = await client.get(
        f"/activities/{activity_id}/comments", headers=auth("regional_coordinator", region="AFRICA")
    )

    assert [c["comment"] for c in comments["items"]] == ["The drafting session was very useful"]
    assert error(refused, 403)["code"] == "FORBIDDEN"


async def test_a_coordinator_of_another_region_does_not_see_the_activity(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    _, activity_id = await held_activity(deliver)
    asia = auth("regional_coordinator", region="ASIA")

    give = await client.post(f"/activities/{activity_id}/participant-feedback", json=response(5, 5, 5, 5), headers=asia)
    read = await client.get(f"/activities/{activity_id}/summary", headers=asia)
    expert = await client.post(
        f"/activities/{activity_id}/participant-feedback",
        json=response(5, 5, 5, 5),
        headers=auth("expert", expert_id="e1"),
    )

    assert error(read, 404)["code"] == "NOT_FOUND"
    assert error(give, 403)["code"] == error(expert, 403)["code"] == "FORBIDDEN"
