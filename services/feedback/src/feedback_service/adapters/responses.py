"""Participant responses with their ratings: the service's own record, written in the command's transaction.

The published `ParticipantFeedbackRecorded` (v2) says only that a response exists, so its ratings and capacity
level cannot be replayed from events: like the comments, they live in `participant_response`, which the
writer fills when the events are appended and a projection rebuild never empties (`tables` is empty).
`seq` is the response's place in its activity's stream (its stream version): summaries below programme
manager are computed over whole blocks of responses in that order (`domain.stats.released`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import asyncpg
from contracts.events.feedback import ParticipantFeedbackRecorded
from service_core.ports import Sql
from service_core.store.base import RecordedEvent

from feedback_service.domain.commands import ParticipantResponse

_INSERT = """
INSERT INTO participant_response (response_id, activity_id, action_id, activity_type, region, thematic_area,
    relevance, expertise_quality, knowledge_gained, applicability, capacity_level, given_on, channel, batch_id,
    position, seq)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
"""


_COMMENT = "INSERT INTO participant_comment (response_id, activity_id, comment) VALUES ($1, $2, $3)"
_NOTE = """INSERT INTO action_feedback_note (feedback_id, action_id, note) VALUES ($1, $2, $3)
ON CONFLICT (feedback_id) DO UPDATE SET note = $3, updated_at = now()"""


async def keep_comments(sql: Sql, activity_id: str, responses: Sequence[ParticipantResponse]) -> None:
    """Participants' free-text comments: the service's own record, never in an event."""
    comments = [(r.response_id, activity_id, r.comment) for r in responses if r.comment]
    if comments:
        await sql.executemany(_COMMENT, comments)


async def keep_note(sql: Sql, feedback_id: str, action_id: str, note: str | None) -> None:
    """The note on an Action feedback (free text, never in an event); a correction replaces it."""
    if note is not None:
        await sql.execute(_NOTE, feedback_id, action_id, note)


class ResponseWriter:
    """Rides along a participant-feedback command's projections, so its rows share the append transaction."""

    tables: tuple[str, ...] = ()  # deliberately none: not a projection, so never truncated by a rebuild

    def __init__(self, responses: Sequence[ParticipantResponse]) -> None:
        self._responses: Mapping[str, ParticipantResponse] = {r.response_id: r for r in responses}

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        rows = [self._row(recorded) for recorded in events if isinstance(recorded.event, ParticipantFeedbackRecorded)]
        if rows:
            await connection.executemany(_INSERT, rows)

    def _row(self, recorded: RecordedEvent) -> tuple[object, ...]:
        e = recorded.event
        assert isinstance(e, ParticipantFeedbackRecorded)
        given = self._responses[e.response_id]
        r = given.ratings
        return (
            e.response_id, e.activity_id, e.action_id, str(e.activity_type), str(e.region), str(e.thematic_area),
            r.relevance, r.expertise_quality, r.knowledge_gained, r.applicability, str(given.capacity_level),
            e.given_on, str(e.channel), e.batch_id, recorded.position, recorded.version,
        )  # fmt: skip
