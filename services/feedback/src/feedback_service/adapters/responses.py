"""Participant responses with their ratings: the service's own record, written in the command's transaction.

The published `ParticipantFeedbackRecorded` (v2) says only that a response exists, so its ratings and capacity
level cannot be replayed from events: like the comments, they live in `participant_response`, which the
writer fills when the events are appended and a projection rebuild never empties (`tables` is empty).
`seq` is the response's place in its activity's stream (its stream version): summaries below programme
manager are computed over whole blocks of responses in that order (`domain.stats.released`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from contracts.events.feedback import ParticipantFeedbackRecorded
from service_core.ports import Sql
from service_core.rows import rows_in
from service_core.store.base import RecordedEvent

from feedback_service.adapters.tables import ACTION_FEEDBACK_NOTE, PARTICIPANT_COMMENT, PARTICIPANT_RESPONSE
from feedback_service.domain.commands import ParticipantResponse

_COLUMNS = (
    "response_id", "activity_id", "action_id", "activity_type", "region", "thematic_area", "relevance",
    "expertise_quality", "knowledge_gained", "applicability", "capacity_level", "given_on", "channel", "batch_id",
    "position", "seq",
)  # fmt: skip


async def keep_comments(sql: Sql, activity_id: str, responses: Sequence[ParticipantResponse]) -> None:
    """Participants' free-text comments: the service's own record, never in an event."""
    comments = [
        {"response_id": r.response_id, "activity_id": activity_id, "comment": r.comment} for r in responses if r.comment
    ]
    await rows_in(sql).insert_many(PARTICIPANT_COMMENT, comments)


async def keep_note(sql: Sql, feedback_id: str, action_id: str, note: str | None, at: datetime) -> None:
    """The note on an Action feedback (free text, never in an event); a correction replaces it."""
    if note is not None:
        row = {"feedback_id": feedback_id, "action_id": action_id, "note": note, "updated_at": at}
        await rows_in(sql).upsert(ACTION_FEEDBACK_NOTE, row, update=("note", "updated_at"))


class ResponseWriter:
    """Rides along a participant-feedback command's projections, so its rows share the append transaction."""

    tables: tuple[str, ...] = ()  # deliberately none: not a projection, so never truncated by a rebuild

    def __init__(self, responses: Sequence[ParticipantResponse]) -> None:
        self._responses: Mapping[str, ParticipantResponse] = {r.response_id: r for r in responses}

    async def apply(self, sql: Sql, events: Sequence[RecordedEvent]) -> None:
        rows = [
            dict(zip(_COLUMNS, self._row(recorded), strict=True))
            for recorded in events
            if isinstance(recorded.event, ParticipantFeedbackRecorded)
        ]
        await rows_in(sql).insert_many(PARTICIPANT_RESPONSE, rows)

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
