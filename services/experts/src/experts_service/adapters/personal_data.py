"""Personal data of experts and evaluators' notes: never published, never rebuilt, erasable for good.

The writers ride along a command's projections (so they share the append transaction) but declare no
`tables`: a projection rebuild never empties what the events cannot give back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import asyncpg
from contracts.events.experts import ExpertEvaluated, ExpertPersonalDataErased, ExpertRegistered
from service_core.ports import Sql
from service_core.store.base import RecordedEvent

from experts_service.domain import errors

EMAIL_INDEX = "expert_personal_data_email"
_INSERT = """
INSERT INTO expert_personal_data (expert_id, full_name, email, phone, organisation, cv_text, recorded_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
"""
_UPDATE = """
UPDATE expert_personal_data SET full_name = $2, email = $3, phone = $4, organisation = $5, cv_text = $6,
       updated_at = now()
WHERE expert_id = $1
"""
_NOTES = "INSERT INTO evaluation_notes (evaluation_id, expert_id, deployment_id, notes) VALUES ($1, $2, $3, $4)"
PERSONAL_COLUMNS = ("full_name", "email", "phone", "organisation", "cv_text")


@dataclass(frozen=True, slots=True)
class PersonalData:
    full_name: str
    email: str
    phone: str | None = None
    organisation: str | None = None
    cv_text: str | None = None

    def values(self) -> list[str | None]:
        return [self.full_name, self.email, self.phone, self.organisation, self.cv_text]


class PersonalDataWriter:
    """Stores the personal data of the expert a registration creates, when its event is appended."""

    tables: tuple[str, ...] = ()  # deliberately none: not a projection, so never truncated by a rebuild

    def __init__(self, expert_id: str, data: PersonalData) -> None:
        self.expert_id = expert_id
        self.data = data

    async def apply(self, connection: Sql, events: Sequence[RecordedEvent]) -> None:
        for recorded in events:
            if isinstance(recorded.event, ExpertRegistered) and recorded.event.expert_id == self.expert_id:
                with _email_taken("personal_data.email"):
                    await connection.execute(_INSERT, self.expert_id, *self.data.values(), recorded.recorded_at)


class NotesWriter:
    """Stores the evaluators' internal notes next to the ExpertEvaluated event (never on the stream)."""

    tables: tuple[str, ...] = ()

    def __init__(self, notes: str | None) -> None:
        self.notes = notes

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        for recorded in events:
            event = recorded.event
            if isinstance(event, ExpertEvaluated) and self.notes:
                await connection.execute(_NOTES, event.evaluation_id, event.expert_id, event.deployment_id, self.notes)


class Eraser:
    """Deletes the expert's personal data and the notes about them when the erasure event is appended."""

    tables: tuple[str, ...] = ()

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        for recorded in events:
            if isinstance(recorded.event, ExpertPersonalDataErased):
                expert_id = recorded.event.expert_id
                await connection.execute("DELETE FROM expert_personal_data WHERE expert_id = $1", expert_id)
                await connection.execute("DELETE FROM evaluation_notes WHERE expert_id = $1", expert_id)


@contextmanager
def _email_taken(field: str) -> Iterator[None]:
    """One e-mail, one expert (a unique index): the second is refused with the field that says so."""
    try:
        yield
    except asyncpg.UniqueViolationError as exc:
        if exc.constraint_name != EMAIL_INDEX:
            raise
        raise errors.Refused(
            errors.EMAIL_ALREADY_REGISTERED, "an expert with this e-mail is registered", field
        ) from exc


async def erased(sql: Sql, expert_id: str) -> bool | None:
    """Whether the expert's personal data was erased; None for an unknown expert."""
    value: bool | None = await sql.fetchval("SELECT erased FROM expert_view WHERE id = $1", expert_id)
    return value


async def update_personal_data(conn: Sql, expert_id: str, data: PersonalData) -> bool:
    """False when there is nothing to update (the data was erased)."""
    with _email_taken("email"):
        status: str = await conn.execute(_UPDATE, expert_id, *data.values())
    return status.endswith(" 1")


async def personal_data_of(conn: asyncpg.Connection | asyncpg.Pool, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    rows = await conn.fetch(
        f"SELECT expert_id, {', '.join(PERSONAL_COLUMNS)} FROM expert_personal_data WHERE expert_id = ANY($1::text[])",
        list(ids),
    )
    return {row["expert_id"]: {c: row[c] for c in PERSONAL_COLUMNS} for row in rows}


async def notes_of(conn: asyncpg.Connection | asyncpg.Pool, evaluation_ids: Sequence[str]) -> dict[str, str]:
    rows = await conn.fetch(
        "SELECT evaluation_id, notes FROM evaluation_notes WHERE evaluation_id = ANY($1::text[])", list(evaluation_ids)
    )
    return {row["evaluation_id"]: row["notes"] for row in rows}
