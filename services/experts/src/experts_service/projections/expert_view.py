"""Projection: `expert_view` (one row per expert, profile attributes only) and `deployment_view`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg
from contracts.events.experts import (
    ExpertPersonalDataErased,
    ExpertProfile,
    ExpertProfileUpdated,
    ExpertReactivated,
    ExpertRegistered,
    ExpertServedAsFocalPoint,
    ExpertSuspended,
    LanguageLevel,
)
from service_core.store.base import RecordedEvent

from experts_service.projections.deployment_rows import apply_deployment

_PROFILE_COLUMNS = (
    "profile, category, nationality, member_state, governmental, administration_level, sector, thematic_areas, "
    "topics, languages, working_languages, certifications, availability"
)
_INSERT = f"""
INSERT INTO expert_view (id, {_PROFILE_COLUMNS}, status, registered_on, version, registered_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'ACTIVE', $15, $16, $17, $17)
"""
_UPDATE_PROFILE = """
UPDATE expert_view SET profile = $2, category = $3, nationality = $4, member_state = $5, governmental = $6,
    administration_level = $7, sector = $8, thematic_areas = $9, topics = $10, languages = $11,
    working_languages = $12, certifications = $13, availability = $14, version = $15, updated_at = $16
WHERE id = $1
"""
_STATUS = "UPDATE expert_view SET status = $2, suspension_reason = $3, version = $4, updated_at = $5 WHERE id = $1"
_ERASED = "UPDATE expert_view SET erased = true, erased_on = $2, version = $3, updated_at = $4 WHERE id = $1"
_FORMER_FOCAL_POINT = """
INSERT INTO former_focal_point (focal_point_id, expert_id, request_id, authority_id, kind, recorded_on, position)
VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (focal_point_id) DO NOTHING
"""
_TOUCH = "UPDATE expert_view SET version = $2, updated_at = $3 WHERE id = $1"
_WORKING = {LanguageLevel.B2, LanguageLevel.C1, LanguageLevel.C2, LanguageLevel.NATIVE}


def profile_columns(profile: ExpertProfile) -> list[Any]:
    """The values of `_PROFILE_COLUMNS`, in order."""
    return [
        profile.model_dump(mode="json"),
        str(profile.category),
        profile.nationality,
        profile.member_state,
        profile.governmental,
        str(profile.administration_level) if profile.administration_level else None,
        str(profile.sector),
        [str(x.thematic_area) for x in profile.expertise],
        sorted({t for x in profile.expertise for t in x.topics}),
        [s.language for s in profile.languages],
        [s.language for s in profile.languages if s.level in _WORKING],
        list(profile.certifications),
        [w.model_dump(mode="json") for w in profile.availability],
    ]


class ExpertView:
    """Owns `expert_view`, `deployment_view` and `former_focal_point` (a rebuild empties and refills them)."""

    tables: tuple[str, ...] = ("expert_view", "deployment_view", "former_focal_point")

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        for recorded in events:
            await _apply_one(connection, recorded)


async def _apply_one(conn: asyncpg.Connection, recorded: RecordedEvent) -> None:
    event, at, version = recorded.event, recorded.recorded_at, recorded.version
    if await apply_deployment(conn, recorded):
        return
    match event:
        case ExpertRegistered():
            await conn.execute(
                _INSERT, event.expert_id, *profile_columns(event.profile), event.registered_on, version, at
            )
        case ExpertProfileUpdated():
            await conn.execute(_UPDATE_PROFILE, event.expert_id, *profile_columns(event.profile), version, at)
        case ExpertSuspended():
            await conn.execute(_STATUS, event.expert_id, "SUSPENDED", str(event.reason), version, at)
        case ExpertReactivated():
            await conn.execute(_STATUS, event.expert_id, "ACTIVE", None, version, at)
        case ExpertPersonalDataErased():
            await conn.execute(_ERASED, event.expert_id, event.erased_on, version, at)
        case ExpertServedAsFocalPoint():
            await conn.execute(
                _FORMER_FOCAL_POINT, event.focal_point_id, event.expert_id, event.request_id, event.authority_id,
                str(event.kind), event.recorded_on, recorded.position,
            )  # fmt: skip
            await conn.execute(_TOUCH, event.expert_id, version, at)
