"""Policy: Action-level feedback from the feedback service is noted on the Action once per source (R13)."""

from __future__ import annotations

import asyncpg

from .conftest import Deliver, approval, feedback_submitted


async def test_feedback_is_noted_once_per_source_however_often_it_arrives(
    deliver: Deliver, service_pool: asyncpg.Pool
) -> None:
    approved = approval()
    await deliver(approved)
    action_id = await service_pool.fetchval("SELECT stream_id FROM events WHERE event_name = 'ActionOpened'")

    expert = feedback_submitted(action_id, "EXPERT")
    await deliver(expert, event_id="fb-1")
    await deliver(expert, event_id="fb-1")  # redelivered: the inbox drops it
    await deliver(feedback_submitted(action_id, "EXPERT"))  # a second expert: already noted, nothing new
    await deliver(feedback_submitted(action_id, "PARTNER"))

    noted = await service_pool.fetch(
        "SELECT data->>'source' AS source FROM events WHERE event_name = 'ActionFeedbackReceived' ORDER BY position"
    )
    assert [row["source"] for row in noted] == ["EXPERT", "PARTNER"]


async def test_feedback_on_an_unknown_action_changes_nothing(deliver: Deliver, service_pool: asyncpg.Pool) -> None:
    await deliver(feedback_submitted("no-such-action", "PARTNER"))
    assert await service_pool.fetchval("SELECT count(*) FROM events") == 0
