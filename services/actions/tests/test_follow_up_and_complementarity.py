"""What followed an Action (the follow-up exercise, replication elsewhere) and the actors it complements (R27)."""

from __future__ import annotations

from datetime import date

import httpx
from actions_service.domain import errors as e

from .api_helpers import agreed, held, ok, planned, seed
from .conftest import Auth, Deliver


async def launched_action(client: httpx.AsyncClient, auth: Auth, deliver: Deliver) -> str:
    action_id = await seed(deliver, countries=("CR",), region="LATIN_AMERICA_CARIBBEAN", authority_id="cr-dgme",
                           received_on=date(2017, 11, 6), approved_on=date(2018, 1, 22))  # fmt: skip
    await agreed(client, auth, action_id, on=date(2018, 2, 20))
    await held(client, auth, await planned(client, auth, action_id, "FACT_FINDING_MISSION", date(2018, 3, 5)),
               date(2018, 3, 5))  # fmt: skip
    return action_id


async def test_a_follow_up_a_replication_and_a_complementary_actor_are_kept_on_the_action(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    """Costa Rica (2018): the revised protocol on special migratory situations, followed up at the regional
    round-table, taken up by Mexico through a request of its own; the refocused activity left to another donor."""
    pm = auth("programme_manager")
    action_id = await launched_action(client, auth, deliver)
    follow_up = {"channel": "ROUND_TABLE", "observed_on": "2018-10-16",
                 "summary": "The protocol is applied by the border posts; the inter-institutional committee meets",
                 "mechanisms": [{"kind": "PROCEDURE", "description": "Protocol on special migratory situations",
                                 "status": "IN_PLACE"},
                                {"kind": "COMMITTEE", "description": "Inter-institutional follow-up committee",
                                 "status": "IN_PROGRESS"}]}  # fmt: skip
    await ok(await client.post(f"/actions/{action_id}/follow-ups", json=follow_up, headers=pm), 201)
    mexico_request = "7d1f8a52-6c1b-4f7e-9a53-0c2e8f4b1d6a"
    replication = {"country": "MX", "request_id": mexico_request, "observed_on": "2018-11-05",
                   "summary": "Mexico's migration institute asked for a similar instrument after the round-table"}  # fmt: skip
    await ok(await client.post(f"/actions/{action_id}/replications", json=replication, headers=pm), 201)
    actor = {"name": "Another donor's programme on country-of-origin information", "kind": "OTHER_DONOR",
             "relation": "AVOIDED_DUPLICATION", "recorded_on": "2018-04-02",
             "initiative": "Training on country-of-origin information already funded"}  # fmt: skip
    answer = await ok(await client.post(f"/actions/{action_id}/complementary-actors", json=actor, headers=pm), 201)

    action = answer["action"]
    [recorded_follow_up] = action["follow_ups"]
    assert recorded_follow_up["channel"] == "ROUND_TABLE"
    assert [(m["kind"], m["status"]) for m in recorded_follow_up["mechanisms"]] == [
        ("PROCEDURE", "IN_PLACE"), ("COMMITTEE", "IN_PROGRESS"),
    ]  # fmt: skip
    assert [(r["country"], r["request_id"]) for r in action["replications"]] == [("MX", mexico_request)]
    assert [(a["kind"], a["relation"]) for a in action["complementary_actors"]] == [
        ("OTHER_DONOR", "AVOIDED_DUPLICATION"),
    ]  # fmt: skip
    reread = await ok(await client.get(f"/actions/{action_id}", headers=pm))
    assert (reread["follow_ups"], reread["replications"], reread["complementary_actors"]) == (
        action["follow_ups"], action["replications"], action["complementary_actors"],
    )  # fmt: skip


async def test_an_action_not_launched_cannot_be_followed_up(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver)
    body = {"channel": "QUESTIONNAIRE", "summary": "Nothing to say yet", "observed_on": "2016-06-01"}
    refused = await client.post(f"/actions/{action_id}/follow-ups", json=body, headers=pm)
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, e.NOT_LAUNCHED)


async def test_bad_aftermath_records_are_refused_naming_the_field(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await launched_action(client, auth, deliver)
    for path, body, status, code, field in (
        ("follow-ups", {"channel": "ROUND_TABLE", "summary": "x", "observed_on": "2018-03-01"}, 409,
         e.DATE_BEFORE_LAUNCH, "observed_on"),
        ("follow-ups", {"channel": "GOSSIP", "summary": "x"}, 422, "VALIDATION_ERROR", "channel"),
        ("follow-ups", {"channel": "MISSION", "summary": "x",
                        "mechanisms": [{"kind": "LAW", "description": "x", "status": "IN_PLACE"}]}, 422,
         "VALIDATION_ERROR", "mechanisms.0.kind"),
        ("replications", {"country": "XX", "summary": "x"}, 422, e.UNKNOWN_COUNTRY, "country"),
        ("replications", {"country": "mx", "summary": "x"}, 422, "VALIDATION_ERROR", "country"),
        ("replications", {"country": "MX", "summary": "x", "observed_on": "2017-01-01"}, 409,
         e.DATE_BEFORE_RECEIPT, "observed_on"),
        ("complementary-actors", {"name": "", "kind": "OTHER_DONOR", "relation": "SYNERGY"}, 422,
         "VALIDATION_ERROR", "name"),
        ("complementary-actors", {"name": "UNHCR", "kind": "INTERNATIONAL_ORGANISATION", "relation": "RIVALRY"}, 422,
         "VALIDATION_ERROR", "relation"),
    ):  # fmt: skip
        refused = await client.post(f"/actions/{action_id}/{path}", json=body, headers=pm)
        assert refused.status_code == status, (body, refused.text)
        assert (refused.json()["error"]["code"], refused.json()["error"]["field"]) == (code, field), body
    action = await ok(await client.get(f"/actions/{action_id}", headers=pm))
    assert (action["follow_ups"], action["replications"], action["complementary_actors"]) == ([], [], [])
    expert = await client.post(f"/actions/{action_id}/replications", json={"country": "MX", "summary": "x"},
                               headers=auth("expert", expert_id="x"))  # fmt: skip
    assert expert.status_code == 403
