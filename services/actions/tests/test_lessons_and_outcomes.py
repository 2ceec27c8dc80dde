"""Lessons learnt, good practices and outcomes of an Action, also after its completion."""

from __future__ import annotations

import httpx
from actions_service.domain import errors as e

from .api_helpers import ok, seed
from .conftest import Auth, Deliver


async def test_lessons_and_an_outcome_stemming_from_a_deliverable(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    """Malawi (2014-2016): the diaspora policy (an output) adopted in February 2019, some of it already in use
    by the missions abroad (an outcome); a lesson on the interagency approach."""
    pm = auth("programme_manager")
    action_id = await seed(deliver, countries=("MW",), authority_id="mw-dau")
    body = {"kind": "POLICY", "title": "Diaspora Engagement Policy", "recorded_on": "2016-04-12"}
    policy = (await ok(await client.post(f"/actions/{action_id}/deliverables", json=body, headers=pm), 201))[
        "deliverable"
    ]["id"]
    lesson = {"kind": "GOOD_PRACTICE", "category": "APPROACH", "recorded_on": "2016-05-02",
              "summary": "Political will at the top let every ministry concerned work on the policy together"}  # fmt: skip
    await ok(await client.post(f"/actions/{action_id}/lessons", json=lesson, headers=pm), 201)
    outcome = {"summary": "Missions abroad apply parts of the policy before its adoption",
               "capacity_level": "ORGANISATIONAL", "deliverable_ids": [policy], "observed_on": "2019-02-11"}  # fmt: skip
    answer = await ok(await client.post(f"/actions/{action_id}/outcomes", json=outcome, headers=pm), 201)

    action = answer["action"]
    assert [(x["kind"], x["category"]) for x in action["lessons"]] == [("GOOD_PRACTICE", "APPROACH")]
    [recorded] = action["outcomes"]
    assert (recorded["deliverable_ids"], recorded["capacity_level"], recorded["observed_on"]) == (
        [policy], "ORGANISATIONAL", "2019-02-11",
    )  # fmt: skip


async def test_bad_lessons_and_outcomes_are_refused_naming_the_field(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    for path, body, status, code, field in (
        ("outcomes", {"summary": "x", "deliverable_ids": ["nope"]}, 422, e.UNKNOWN_DELIVERABLE, "deliverable_ids.0"),
        ("lessons", {"kind": "ANECDOTE", "category": "OUTPUT", "summary": "x"}, 422, "VALIDATION_ERROR", "kind"),
        ("lessons", {"kind": "LESSON_LEARNT", "category": "OUTPUT", "summary": ""}, 422, "VALIDATION_ERROR", "summary"),
        ("outcomes", {"summary": "x", "observed_on": "2015-01-01"}, 409, e.DATE_BEFORE_RECEIPT, "observed_on"),
    ):
        refused = await client.post(f"/actions/{action_id}/{path}", json=body, headers=pm)
        assert refused.status_code == status, (body, refused.text)
        assert (refused.json()["error"]["code"], refused.json()["error"]["field"]) == (code, field), body
    action = await ok(await client.get(f"/actions/{action_id}", headers=pm))
    assert (action["lessons"], action["outcomes"], action["version"]) == ([], [], 1)
    expert = await client.post(f"/actions/{action_id}/lessons", json={"kind": "LESSON_LEARNT", "category": "OUTPUT",
                               "summary": "x"}, headers=auth("expert", expert_id="x"))  # fmt: skip
    assert expert.status_code == 403
