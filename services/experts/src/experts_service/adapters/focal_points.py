"""What the service knows of focal points (from mieux.requests.v1), and the experts who served as one.

`known_focal_point` is written by the policies and kept by a rebuild (ids only: who a focal point is stays in
the requests service); `former_focal_point` is the projection of ExpertServedAsFocalPoint. A link whose focal
point was erased in the requests service, or whose expert was, is no longer shown (it still counts in the
portfolio): with the other side's name it would tell who the erased person is.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from contracts.events.requests import FocalPointKind
from service_core.ports import Sql

from experts_service.domain.commands import FocalPointFacts

_KNOWN = """
INSERT INTO known_focal_point (focal_point_id, request_id, authority_id, kind) VALUES ($1, $2, $3, $4)
ON CONFLICT (focal_point_id) DO UPDATE SET request_id = excluded.request_id, authority_id = excluded.authority_id,
    kind = excluded.kind, updated_at = now()
"""
_FACTS = """
SELECT k.focal_point_id, k.request_id, k.authority_id, k.kind, k.erased, f.expert_id
FROM known_focal_point k LEFT JOIN former_focal_point f ON f.focal_point_id = k.focal_point_id
WHERE k.focal_point_id = $1
"""
_LINKS = """
SELECT f.expert_id, f.focal_point_id, f.request_id, f.authority_id, f.kind, f.recorded_on
FROM former_focal_point f JOIN expert_view e ON e.id = f.expert_id AND NOT e.erased
LEFT JOIN known_focal_point k ON k.focal_point_id = f.focal_point_id
WHERE f.expert_id = ANY($1::text[]) AND NOT coalesce(k.erased, false) ORDER BY f.position
"""


async def record_known(sql: Sql, focal_point_id: str, request_id: str, authority_id: str | None, kind: str) -> None:
    await sql.execute(_KNOWN, focal_point_id, request_id, authority_id, kind)


async def forget(sql: Sql, focal_point_id: str) -> None:
    await sql.execute(
        "UPDATE known_focal_point SET erased = true, updated_at = now() WHERE focal_point_id = $1", focal_point_id
    )


async def facts(sql: Sql, focal_point_id: str) -> FocalPointFacts | None:
    """The focal point, its row locked: two experts recorded as one focal point at once are serialised."""
    await sql.execute("SELECT 1 FROM known_focal_point WHERE focal_point_id = $1 FOR UPDATE", focal_point_id)
    row = await sql.fetchrow(_FACTS, focal_point_id)
    if row is None:
        return None
    return FocalPointFacts(row["focal_point_id"], row["request_id"], row["authority_id"], FocalPointKind(row["kind"]),
                           row["erased"], row["expert_id"])  # fmt: skip


async def links_of(sql: Sql, expert_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """Per expert, the focal points it served as (erased ones left out), in recorded order."""
    found: dict[str, list[dict[str, Any]]] = {}
    for row in await sql.fetch(_LINKS, list(expert_ids)):
        found.setdefault(row["expert_id"], []).append({k: v for k, v in dict(row).items() if k != "expert_id"})
    return found
