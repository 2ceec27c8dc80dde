"""Action-level feedback (R13): from a deployed expert, from the partner authority; one each; corrections."""

from __future__ import annotations

from datetime import date

import asyncpg
import httpx
from contracts.events.experts import ExpertPersonalDataErased

from .conftest import Auth, Deliver
from .story import action_feedback, action_opened, confirmed, deployed, error, held, new_id, ok, planned

ON = date(2019, 8, 20)


async def action_with_experts(deliver: Deliver) -> str:
    """An Action in Africa with expert e-1 deployed (activity held) and e-2 confirmed on a later activity."""
    action = action_opened(new_id())
    first, second = new_id(), new_id()
    await deliver(
        action,
        planned(action, first, ON),
        planned(action, second, date(2019, 9, 20), sequence=2),
        confirmed(action, first, "e-1", ON),
        held(action, first, ON),
        deployed(action, first, "e-1", ON),
        confirmed(action, second, "e-2", date(2019, 9, 20)),
    )
    return action.action_id


async def test_expert_feedback_comes_only_from_an_expert_deployed_on_the_action(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await action_with_experts(deliver)
    url = f"/actions/{action_id}/feedback"

    outsider = error(
        await client.post(url, json=action_feedback("EXPERT"), headers=auth("expert", expert_id="e-9")), 409
    )
    given = await ok(
        await client.post(url, json=action_feedback("EXPERT"), headers=auth("expert", expert_id="e-1")), 201
    )
    confirmed_expert = await client.post(url, json=action_feedback("EXPERT"), headers=auth("expert", expert_id="e-2"))
    again = error(await client.post(url, json=action_feedback("EXPERT"), headers=auth("expert", expert_id="e-1")), 409)

    assert (outsider["code"], outsider["field"]) == ("EXPERT_NOT_DEPLOYED", "expert_id")
    assert given["feedback"]["expert_id"] == "e-1" and not given["feedback"]["on_behalf"]
    assert confirmed_expert.status_code == 201
    assert again["code"] == "ACTION_FEEDBACK_ALREADY_GIVEN"


async def test_a_programme_manager_gives_expert_feedback_on_behalf_of_a_deployed_expert_only(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await action_with_experts(deliver)
    pm = auth("programme_manager")
    url = f"/actions/{action_id}/feedback"

    missing = error(await client.post(url, json=action_feedback("EXPERT"), headers=pm), 422)
    outsider = error(await client.post(url, json=action_feedback("EXPERT", expert_id="e-9"), headers=pm), 409)
    given = await ok(
        await client.post(url, json=action_feedback("EXPERT", expert_id="e-1", note="late report"), headers=pm), 201
    )
    coordinator = await client.post(
        url, json=action_feedback("EXPERT", expert_id="e-1"), headers=auth("regional_coordinator", region="AFRICA")
    )

    assert (missing["code"], missing["field"]) == ("EXPERT_ID_REQUIRED", "expert_id")
    assert outsider["code"] == "EXPERT_NOT_DEPLOYED"
    assert given["feedback"]["on_behalf"] and given["feedback"]["note"] == "late report"
    assert error(coordinator, 403)["code"] == "FORBIDDEN"


async def test_partner_feedback_comes_from_the_authoritys_focal_point_or_staff_once(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await action_with_experts(deliver)
    url = f"/actions/{action_id}/feedback"

    other = await client.post(url, json=action_feedback("PARTNER"), headers=auth("focal_point", authority_id="ke-ncm"))
    asia = await client.post(url, json=action_feedback("PARTNER"), headers=auth("regional_coordinator", region="ASIA"))
    given = await ok(
        await client.post(url, json=action_feedback("PARTNER"), headers=auth("focal_point", authority_id="cv-dgaci")),
        201,
    )
    again = await client.post(url, json=action_feedback("PARTNER"), headers=auth("programme_manager"))

    assert error(other, 404)["code"] == error(asia, 404)["code"] == "NOT_FOUND"
    assert given["feedback"]["authority_id"] == "cv-dgaci" and not given["feedback"]["on_behalf"]
    assert error(again, 409)["code"] == "ACTION_FEEDBACK_ALREADY_GIVEN"


async def test_action_feedback_needs_a_rating_and_no_repeated_feature(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await action_with_experts(deliver)
    pm = auth("programme_manager")
    url = f"/actions/{action_id}/feedback"

    unrated = error(await client.post(url, json={**action_feedback("PARTNER"), "ratings": {}}, headers=pm), 422)
    twice = error(
        await client.post(
            url, json={**action_feedback("PARTNER"), "good_practice_features": ["CATALYST"] * 2}, headers=pm
        ),
        422,
    )
    bad = error(await client.post(url, json={**action_feedback("PARTNER"), "ratings": {"impact": 0}}, headers=pm), 422)
    unknown = error(await client.post("/actions/nope/feedback", json=action_feedback("PARTNER"), headers=pm), 404)

    assert (unrated["code"], unrated["field"]) == ("NO_RATING", "ratings")
    assert (twice["code"], twice["field"]) == ("DUPLICATE_VALUE", "good_practice_features")
    assert bad["field"] == "ratings.impact"
    assert unknown["code"] == "NOT_FOUND"


async def test_action_feedback_is_read_with_notes_for_programme_managers_only(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await action_with_experts(deliver)
    pm = auth("programme_manager")
    await ok(
        await client.post(f"/actions/{action_id}/feedback", json=action_feedback("PARTNER", note="frank"), headers=pm),
        201,
    )
    await ok(
        await client.post(
            f"/actions/{action_id}/feedback", json=action_feedback("EXPERT"), headers=auth("expert", expert_id="e-1")
        ),
        201,
    )

    for_manager = await ok(await client.get(f"/actions/{action_id}/feedback", headers=pm))
    batch = await ok(
        await client.post(
            "/action-feedback/batch-by-action",
            json={"action_ids": [action_id, "nope"]},
            headers=auth("regional_coordinator", region="AFRICA"),
        )
    )
    for_expert = await ok(await client.get(f"/actions/{action_id}/feedback", headers=auth("expert", expert_id="e-1")))

    assert for_manager["partner_feedback"]["note"] == "frank"
    assert for_manager["experts_deployed"] == ["e-1"] and for_manager["has_expert_feedback"]
    assert for_manager["has_partner_feedback"] and for_manager["version"] == 2
    coordinator, missing = batch["items"]
    assert missing is None and coordinator["partner_feedback"]["note"] is None
    assert for_expert["partner_feedback"] is None and [i["expert_id"] for i in for_expert["expert_feedback"]] == ["e-1"]
    assert (
        error(await client.get(f"/actions/{action_id}/feedback", headers=auth("reporting")), 403)["code"] == "FORBIDDEN"
    )


async def test_a_correction_replaces_the_feedback_and_checks_the_version(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await action_with_experts(deliver)
    expert = auth("expert", expert_id="e-1")
    given = await ok(
        await client.post(f"/actions/{action_id}/feedback", json=action_feedback("EXPERT"), headers=expert), 201
    )
    url = f"/actions/{action_id}/feedback/{given['feedback']['id']}/correction"
    body = {"ratings": {"relevance": 2}, "good_practice_features": ["CATALYST"], "expected_version": 1}

    corrected = await ok(await client.post(url, json=body, headers=expert))
    stale = error(await client.post(url, json=body, headers=expert), 409)
    stranger = await client.post(url, json=body, headers=auth("expert", expert_id="e-2"))

    assert corrected["feedback"]["ratings"]["relevance"] == 2 and corrected["feedback"]["ratings"]["impact"] is None
    assert corrected["feedback"]["good_practice_features"] == ["CATALYST"] and corrected["version"] == 2
    assert corrected["feedback"]["corrected_on"] == "2019-10-05"
    assert stale["code"] == "CONCURRENT_MODIFICATION"
    assert error(stranger, 403)["code"] == "FORBIDDEN"


async def test_an_experts_erasure_deletes_the_notes_it_wrote_and_keeps_the_others(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    action = action_opened(new_id())
    activity_id = new_id()
    await deliver(action, planned(action, activity_id, ON), held(action, activity_id, ON))
    await deliver(deployed(action, activity_id, "e-1", ON), deployed(action, activity_id, "e-2", ON))
    url, pm = f"/actions/{action.action_id}/feedback", auth("programme_manager")
    for expert_id in ("e-1", "e-2"):
        note = f"written by {expert_id}, reach me at {expert_id}@experts.example.org"
        body = action_feedback("EXPERT", expert_id=expert_id, note=note)
        await ok(await client.post(url, json=body, headers=pm), 201)

    await deliver(ExpertPersonalDataErased(expert_id="e-1", erased_on=ON))

    notes = await service_pool.fetch("SELECT note FROM action_feedback_note")
    assert [row["note"] for row in notes] == ["written by e-2, reach me at e-2@experts.example.org"]
    read = await ok(await client.get(url, headers=pm))
    by_expert = {item["expert_id"]: item for item in read["expert_feedback"]}
    assert by_expert["e-1"]["note"] is None and by_expert["e-1"]["ratings"]["relevance"] is not None
    assert by_expert["e-2"]["note"].startswith("written by e-2")
