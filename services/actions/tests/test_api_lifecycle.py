"""The life of an Action over HTTP: Fiche, seven activities, launch, a deliverable, completion; refusals."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
from actions_service.domain import errors as e

from .api_helpers import FICHE, PARTIES, agreed, held, ok, planned, seed
from .conftest import Auth, Deliver, feedback_submitted

TYPES = [
    "FACT_FINDING_MISSION",
    "WORKSHOP",
    "DRAFTING_SESSION",
    "REMOTE_SUPPORT",
    "STUDY_VISIT",
    "TRAINING",
    "WORKSHOP",
]


async def test_an_action_runs_from_its_fiche_to_completion(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    fiche = {**FICHE, "planned_sequence": TYPES}  # the seven activities it then holds, as planned (R07)
    draft = await ok(await client.post(f"/actions/{action_id}/fiche", json=fiche, headers=pm))
    assert draft["action"]["fiche"]["status"] == "DRAFTED" and draft["version"] == 2
    agreed_fiche = await ok(await client.post(f"/actions/{action_id}/fiche/agreement", json=PARTIES, headers=pm))
    assert agreed_fiche["action"]["fiche"]["parties"] == PARTIES["parties"]
    endorsed = await ok(
        await client.post(f"/actions/{action_id}/fiche/endorsement", json={"endorsed_on": "2016-05-20"}, headers=pm)
    )
    assert endorsed["action"]["fiche"]["endorsed_revision"] == 1

    start = date(2016, 6, 1)
    ids = [await planned(client, auth, action_id, t, start + timedelta(days=20 * i)) for i, t in enumerate(TYPES)]
    first = await held(client, auth, ids[0], start, participants=18)
    assert first["activity"]["status"] == "HELD" and first["activity"]["participants_count"] == 18
    launch = first["action"]
    assert (launch["status"], launch["launched_on"], launch["first_activity_id"]) == ("ONGOING", "2016-06-01", ids[0])
    assert (launch["days_to_launch_from_request"], launch["days_to_launch_from_approval"]) == (92, 47)
    assert (launch["launch_due_on"], launch["launched_late"], launch["warnings"]) == ("2016-07-14", False, [])
    for i, activity_id in enumerate(ids[1:], start=1):
        await held(client, auth, activity_id, start + timedelta(days=20 * i))

    recorded = await ok(
        await client.post(
            f"/actions/{action_id}/deliverables",
            json={"kind": "POLICY", "title": "National integration policy", "recorded_on": "2016-10-01"},
            headers=pm,
        ),
        201,
    )
    deliverable_id = recorded["deliverable"]["id"]
    adopted = await ok(
        await client.post(
            f"/deliverables/{deliverable_id}/status",
            json={"status": "ADOPTED", "level": "GOVERNMENTAL", "changed_on": "2016-11-01"},
            headers=pm,
        )
    )
    assert [s["status"] for s in adopted["deliverable"]["history"]] == ["DRAFTED", "ADOPTED"]
    backwards = await client.post(
        f"/deliverables/{deliverable_id}/status", json={"status": "VALIDATED", "level": "TECHNICAL"}, headers=pm
    )
    assert backwards.status_code == 409 and backwards.json()["error"]["code"] == e.DELIVERABLE_STATUS_NOT_FORWARD

    missing = await client.post(f"/actions/{action_id}/completion", json={"completed_on": "2016-12-01"}, headers=pm)
    assert missing.status_code == 409 and missing.json()["error"]["code"] == e.ACTION_FEEDBACK_MISSING
    await deliver(feedback_submitted(action_id, "EXPERT"))
    await deliver(feedback_submitted(action_id, "PARTNER"))
    done = await ok(
        await client.post(f"/actions/{action_id}/completion", json={"completed_on": "2016-12-01"}, headers=pm)
    )
    assert (done["action"]["status"], done["action"]["completed_on"]) == ("COMPLETED", "2016-12-01")
    assert (done["action"]["activities_held"], done["action"]["deliverables_count"]) == (7, 1)


async def test_illegal_steps_are_refused_with_codes(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    not_all = {"parties": ["MIEUX_TEAM", "PARTNER_AUTHORITY"]}
    await ok(await client.post(f"/actions/{action_id}/fiche", json=FICHE, headers=pm))
    refused = await client.post(f"/actions/{action_id}/fiche/agreement", json=not_all, headers=pm)
    assert (refused.status_code, refused.json()["error"]["code"], refused.json()["error"]["field"]) == (
        409,
        e.FICHE_PARTIES_INCOMPLETE,
        "parties",
    )
    await ok(await client.post(f"/actions/{action_id}/fiche/agreement", json=PARTIES, headers=pm))
    mission = await planned(client, auth, action_id, "FACT_FINDING_MISSION", date(2016, 6, 1))
    workshop = await planned(client, auth, action_id, "WORKSHOP", date(2016, 7, 1))

    pending = await client.post(f"/actions/{action_id}/completion", json={}, headers=pm)
    assert (pending.status_code, pending.json()["error"]["code"]) == (409, e.ACTIVITIES_PENDING)

    cancelled = await ok(
        await client.post(
            f"/activities/{workshop}/cancellation", json={"reason": "merged", "cancelled_on": "2016-06-20"}, headers=pm
        )
    )
    assert cancelled["activity"]["modifications"][0]["kind"] == "CANCELLED"
    hold_cancelled = await client.post(
        f"/activities/{workshop}/held",
        json={"held_from": "2016-07-01", "held_to": "2016-07-01", "participants_count": 3},
        headers=pm,
    )
    assert (hold_cancelled.status_code, hold_cancelled.json()["error"]["code"]) == (409, e.ACTIVITY_CANCELLED)

    await held(client, auth, mission, date(2016, 6, 1))
    cancel_held = await client.post(f"/activities/{mission}/cancellation", json={"reason": "x"}, headers=pm)
    assert (cancel_held.status_code, cancel_held.json()["error"]["code"]) == (409, e.ACTIVITY_ALREADY_HELD)

    backwards = await client.post(
        f"/actions/{action_id}/activities",
        json={"activity_type": "WORKSHOP", "starts_on": "2016-09-02", "ends_on": "2016-09-01", "remote": True},
        headers=pm,
    )
    assert (backwards.status_code, backwards.json()["error"]["code"], backwards.json()["error"]["field"]) == (
        422,
        e.ENDS_BEFORE_STARTS,
        "ends_on",
    )


async def test_rescheduling_and_replanning_are_recorded_with_their_reasons(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    await agreed(client, auth, action_id)
    activity_id = await planned(client, auth, action_id, "WORKSHOP", date(2016, 6, 1))

    await ok(
        await client.post(
            f"/activities/{activity_id}/rescheduling",
            json={"starts_on": "2016-06-10", "ends_on": "2016-06-11", "reason": "partner's elections"},
            headers=pm,
        )
    )
    replanned = await ok(
        await client.post(
            f"/activities/{activity_id}/replanning",
            json={
                "activity_type": "THEMATIC_SESSION",
                "starts_on": "2016-06-10",
                "ends_on": "2016-06-10",
                "remote": True,
                "reason": "refocused to avoid duplicating another donor",
            },
            headers=pm,
        )
    )

    activity = replanned["activity"]
    assert (activity["activity_type"], activity["remote"], activity["starts_on"]) == (
        "THEMATIC_SESSION",
        True,
        "2016-06-10",
    )
    assert [(m["kind"], m["reason"]) for m in activity["modifications"]] == [
        ("RESCHEDULED", "partner's elections"),
        ("REPLANNED", "refocused to avoid duplicating another donor"),
    ]
    assert replanned["action"]["first_activity_type"] == "THEMATIC_SESSION"
    assert [w["code"] for w in replanned["action"]["warnings"]] == ["FIRST_ACTIVITY_NOT_FACT_FINDING", "LAUNCHED_LATE"]


async def test_more_than_seven_activities_warn_but_are_accepted(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await seed(deliver)
    for i in range(8):
        await planned(client, auth, action_id, "FACT_FINDING_MISSION" if i == 0 else "WORKSHOP", date(2016, 6, 1 + i))

    action = await ok(await client.get(f"/actions/{action_id}", headers=auth("programme_manager")))

    assert action["activities_planned"] == 8
    assert [(w["code"], w["rule"]) for w in action["warnings"]] == [
        ("TOO_MANY_ACTIVITIES", "R08"),
        ("LAUNCHED_LATE", "R10"),
    ]


async def test_the_fiche_s_objective_is_recorded_kept_through_agreement_and_replaced_by_a_redraft(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    objective = "Municipalities run one-stop shops for immigrants"
    draft = await ok(
        await client.post(f"/actions/{action_id}/fiche", json={**FICHE, "objective": objective}, headers=pm)
    )
    assert draft["action"]["fiche"]["objective"] == objective
    agreed_fiche = await ok(await client.post(f"/actions/{action_id}/fiche/agreement", json=PARTIES, headers=pm))
    assert agreed_fiche["action"]["fiche"]["objective"] == objective
    redraft = await ok(await client.post(f"/actions/{action_id}/fiche", json=FICHE, headers=pm))
    assert redraft["action"]["fiche"]["objective"] is None and redraft["action"]["fiche"]["revision"] == 2


async def test_an_objective_longer_than_a_summary_is_refused_with_its_field(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    action_id = await seed(deliver)
    body = {**FICHE, "objective": "x" * 2001}
    refused = await client.post(f"/actions/{action_id}/fiche", json=body, headers=auth("programme_manager"))
    assert refused.status_code == 422
    assert refused.json()["error"]["field"] == "objective"
