"""Subscription.regionEvents over graphql-transport-ws, fed from real Kafka records on the test broker.

The websocket client (tests/live.py) speaks ASGI to the gateway in this event loop (no sockets).
"""

from __future__ import annotations

from datetime import date

import pytest
from contracts.events.actions import ActivityCancelled, ActivityType
from contracts.events.feedback import FeedbackChannel, ParticipantFeedbackRecorded
from contracts.events.requests import Region, ThematicArea
from contracts.topics import ACTIONS
from fastapi import FastAPI
from gateway.schema.global_ids import raw_id
from service_core.embedded.welcome import dev_token

from .conftest import SUBMIT, Gql, Stack, submission
from .live import Publish, Socket, go_live, held, next_of, principal_of, readers_closed, subscribed, unique

DECIDE = """mutation($input: DecideRequestInput!) { decideRequest(input: $input) { errors { code } } }"""


async def test_an_africa_subscriber_gets_african_activity_held_and_nothing_asian(
    gateway: FastAPI, publish: Publish
) -> None:
    africa, asia = unique("africa"), unique("asia")
    coordinator = dev_token("regional_coordinator", region="AFRICA")
    async with Socket(gateway) as socket:
        await socket.init(coordinator)
        await socket.subscribe("AFRICA", types=["ActivityHeld"])
        probes, _ = await go_live(socket, publish)

        await publish(held(asia, Region.ASIA), asia)  # same partition, before the African one
        await publish(
            ActivityCancelled(activity_id="x", action_id=africa, cancelled_on=date(2019, 1, 1), reason="r"), africa
        )
        await publish(held(africa, Region.AFRICA), africa)

        event = await next_of(socket, {africa}, probes)
        assert event["type"] == "ActivityHeld" and event["service"] == "actions" and event["version"] == 1
        assert event["region"] == "AFRICA"
        assert event["data"]["action_id"] == africa and event["data"]["participants_count"] == 24
        payload = event["payload"]  # typed, camelCase, the Action's global id
        assert payload["__typename"] == "ActivityHeldPayload" and payload["participantsCount"] == 24
        assert raw_id(payload["actionId"]) == africa and payload["actionId"] != africa
        assert event["occurredAt"] and event["eventId"]
        assert event["cursor"].startswith("c2.")  # opaque, signed for its caller
        assert gateway.state.cursors.read(event["cursor"], principal_of(coordinator))
    await readers_closed(gateway)


async def test_a_reconnect_with_the_last_cursor_gets_what_was_published_meanwhile(
    gateway: FastAPI, publish: Publish
) -> None:
    first, second, third, asian = unique("first"), unique("second"), unique("third"), unique("asia")
    async with Socket(gateway) as socket:
        await socket.init(dev_token("programme_manager"))
        await socket.subscribe("AFRICA")
        probes, _ = await go_live(socket, publish)
        await publish(held(first, Region.AFRICA), first)
        cursor = (await next_of(socket, {first}, probes))["cursor"]
    await readers_closed(gateway)  # the client left: its Kafka reader is gone

    await publish(held(second, Region.AFRICA), second, partition=1)
    await publish(held(asian, Region.ASIA), asian, partition=2)
    await publish(held(third, Region.AFRICA), third, partition=2)

    async with Socket(gateway) as socket:
        await socket.init(dev_token("programme_manager"))
        await socket.subscribe("AFRICA", after=cursor)
        ours = {first, second, third, asian}
        seen = []
        while len(seen) < 2:
            event = await socket.events()
            if event["subject"] in ours:
                seen.append(event["subject"])
        assert sorted(seen) == sorted([second, third])  # not `first` again, never the Asian one
    await readers_closed(gateway)


async def test_events_without_region_are_placed_through_their_action_and_focal_points_see_their_own(
    gateway: FastAPI, publish: Publish, gql: Gql, stack: Stack
) -> None:
    request = (await gql(SUBMIT, input=submission()))["data"]["submitRequest"]["request"]
    decision = {"id": request["id"], "decision": "APPROVE", "reason": "remit", "decidedOn": "2019-04-01"}
    assert (await gql(DECIDE, input=decision))["data"]["decideRequest"]["errors"] == []
    await stack.deliver()
    found = await gql("query($id: ID!) { request(id: $id) { action { id } authority { id } } }", id=request["id"])
    action_id = raw_id(found["data"]["request"]["action"]["id"])  # events name the service ids
    authority_id = raw_id(found["data"]["request"]["authority"]["id"])
    unknown = unique("nowhere")

    def cancelled(action: str) -> ActivityCancelled:
        return ActivityCancelled(activity_id=unique("act"), action_id=action, cancelled_on=date(2019, 7, 1), reason="r")

    wanted = ["ActivityCancelled", "ActivityHeld"]
    tokens = {
        "coordinator": dev_token("regional_coordinator", region="AFRICA"),
        "own": dev_token("focal_point", authority_id=authority_id),
        "other": dev_token("focal_point", authority_id=unique("other-authority")),
    }
    async with Socket(gateway) as coordinator, Socket(gateway) as own, Socket(gateway) as other:
        sockets = {"coordinator": coordinator, "own": own, "other": other}
        for name, socket in sockets.items():
            await socket.init(tokens[name])
            await socket.subscribe("AFRICA", types=wanted)
        await subscribed(gateway, 3)
        await publish(cancelled(unknown), unknown)  # no such Action: not visible to anyone, skipped
        await publish(cancelled(action_id), action_id)
        await publish(held(action_id, Region.AFRICA), action_id)
        event = await next_of(coordinator, {action_id}, set())
        assert event["type"] == "ActivityCancelled" and event["region"] == "AFRICA"
        assert (await next_of(coordinator, {action_id}, set()))["type"] == "ActivityHeld"
        first = await next_of(own, {action_id}, set())  # placed through the actions service, own authority
        assert first["type"] == "ActivityCancelled"
        assert (await next_of(own, {action_id}, set()))["type"] == "ActivityHeld"
        with pytest.raises(TimeoutError):  # another authority's focal point sees none of it
            await next_of(other, set(), set(), timeout=3)

    # The focal point resumes from its own cursor: the replay places events the same way.
    async with Socket(gateway) as socket:
        await socket.init(tokens["own"])
        await socket.subscribe("AFRICA", types=wanted, after=first["cursor"])
        assert (await next_of(socket, {action_id}, set()))["type"] == "ActivityHeld"
    await readers_closed(gateway)


async def test_an_asia_coordinator_reporting_and_experts_may_not_subscribe_to_africa(gateway: FastAPI) -> None:
    for token in (
        dev_token("regional_coordinator", region="ASIA"),
        dev_token("reporting"),
        dev_token("expert", expert_id="e-1"),
    ):
        async with Socket(gateway) as socket:
            await socket.init(token)
            await socket.subscribe("AFRICA")
            assert (await socket.refusal())["extensions"]["code"] == "FORBIDDEN"
    await readers_closed(gateway)


async def test_no_token_or_a_bad_token_is_refused_as_unauthenticated(gateway: FastAPI) -> None:
    for token in (None, "not.a.jwt"):
        async with Socket(gateway) as socket:
            await socket.init(token)
            await socket.subscribe("AFRICA")
            refused = await socket.refusal()
            assert refused["extensions"]["code"] == "UNAUTHENTICATED"
            assert "bearer token" in refused["message"] or "invalid token" in refused["message"]
    # a token on the upgrade request's headers works as well as in connection_init
    async with Socket(gateway, {"authorization": f"Bearer {dev_token('programme_manager')}"}) as socket:
        await socket.init(None)
        await socket.subscribe("AFRICA", after="c1.bm90LWEtY3Vyc29y")
        assert (await socket.refusal())["extensions"] == {"code": "INVALID_CURSOR", "field": "after"}
        await socket.subscribe("AFRICA", op="2", types=["ActivityHeld", "ActivityHold"])
        assert (await socket.refusal())["extensions"] == {"code": "BAD_USER_INPUT", "field": "types"}


def test_the_actions_topic_is_one_of_the_streamed_topics() -> None:
    from gateway.streaming import TOPICS

    assert ACTIONS in TOPICS and len(TOPICS) == 4


def one_response(action_id: str) -> ParticipantFeedbackRecorded:
    return ParticipantFeedbackRecorded(
        response_id=unique("response"),
        activity_id=f"{action_id}-a1",
        action_id=action_id,
        activity_type=ActivityType.ASSESSMENT_SESSION,  # v2: that a response exists; its ratings stay in feedback
        region=Region.AFRICA,
        thematic_area=ThematicArea.LEGAL_MIGRATION_MOBILITY,
        given_on=date(2019, 6, 6),
        channel=FeedbackChannel.PAPER,
    )


async def test_individual_participant_responses_reach_programme_managers_only(
    gateway: FastAPI, publish: Publish
) -> None:
    """Live and when replaying from a cursor: a coordinator gets the activity, never one person's ratings."""
    earlier, action = unique("earlier"), unique("feedback")
    coordinator_token = dev_token("regional_coordinator", "AFRICA")
    async with Socket(gateway) as manager, Socket(gateway) as coordinator, Socket(gateway) as asking:
        await manager.init(dev_token("programme_manager"))
        await manager.subscribe("AFRICA")
        await coordinator.init(coordinator_token)
        await coordinator.subscribe("AFRICA")
        await asking.init(coordinator_token)  # even when asked for by name
        await asking.subscribe("AFRICA", types=["ParticipantFeedbackRecorded"])
        await subscribed(gateway, 3)
        await publish(held(earlier, Region.AFRICA), earlier)
        await publish(one_response(action), action)
        await publish(held(action, Region.AFRICA), action)

        got = [(await next_of(manager, {earlier, action}, set()))["type"] for _ in range(3)]
        assert sorted(got) == ["ActivityHeld", "ActivityHeld", "ParticipantFeedbackRecorded"]  # two topics
        cursor = (await next_of(coordinator, {earlier}, set()))["cursor"]
        assert (await next_of(coordinator, {action}, set()))["type"] == "ActivityHeld"
        for socket in (coordinator, asking):
            with pytest.raises(TimeoutError):
                await next_of(socket, set(), set(), timeout=2)

    async with Socket(gateway) as replaying:
        await replaying.init(coordinator_token)
        await replaying.subscribe("AFRICA", after=cursor)
        assert (await next_of(replaying, {action}, set()))["type"] == "ActivityHeld"
        with pytest.raises(TimeoutError):
            await next_of(replaying, set(), set(), timeout=2)
    await readers_closed(gateway)
