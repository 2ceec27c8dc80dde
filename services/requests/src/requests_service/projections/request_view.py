"""Projection: one `request_view` row per request and its focal points (ids and kinds only)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import asyncpg
from contracts.events.requests import (
    FocalPointNominated,
    FocalPointPersonalDataErased,
    FocalPointReplaced,
    RequestAmended,
    RequestApproved,
    RequestDeferred,
    RequestEligibilityAssessed,
    RequestRejected,
    RequestSubmitted,
    RequestWithdrawn,
)
from service_core.store.base import RecordedEvent

_INSERT = """
INSERT INTO request_view (
    id, external_reference, authority, authority_id, authority_type, authority_ids, co_requesters, countries,
    regional_organisation, region, thematic_area, topic, description, received_on, eu_delegation_support,
    follow_up_of, status, eligible, eligibility_reasons, instruments, decision, withdrawal, version,
    submitted_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 'OPEN', false, '[]'::jsonb,
        '{}', NULL, NULL, $17, $18, $18)
"""
_TOUCH = "UPDATE request_view SET version = $2, updated_at = $3 WHERE id = $1"
_ASSESSED = """
UPDATE request_view SET eligible = $2, eligibility_reasons = $3, instruments = $4, eligibility_warnings = $7,
       status = CASE WHEN $2 THEN status ELSE 'INELIGIBLE' END, version = $5, updated_at = $6
WHERE id = $1
"""
_AMENDED = """
UPDATE request_view SET countries = $2, regional_organisation = $3, region = $4, thematic_area = $5, topic = $6,
       description = $7, status = CASE WHEN status = 'INELIGIBLE' THEN 'OPEN' ELSE status END, version = $8,
       updated_at = $9
WHERE id = $1
"""
_DECIDED = "UPDATE request_view SET status = $2, decision = $3, version = $4, updated_at = $5 WHERE id = $1"
_WITHDRAWN = (
    "UPDATE request_view SET status = 'WITHDRAWN', withdrawal = $2, version = $3, updated_at = $4 WHERE id = $1"
)
_NOMINATED = """
INSERT INTO request_focal_points (focal_point_id, request_id, kind, active, nominated_at, position, authority_id)
VALUES ($1, $2, $3, true, $4, $5, $6)
"""
_RETIRED = "UPDATE request_focal_points SET active = false, replaced_by = $2 WHERE focal_point_id = $1"


class RequestView:
    """Owns `request_view` and `request_focal_points` (a rebuild empties and refills both)."""

    tables: tuple[str, ...] = ("request_view", "request_focal_points")

    async def apply(self, connection: asyncpg.Connection, events: Sequence[RecordedEvent]) -> None:
        for recorded in events:
            await _apply_one(connection, recorded)


async def _apply_one(conn: asyncpg.Connection, recorded: RecordedEvent) -> None:
    event, at, version = recorded.event, recorded.recorded_at, recorded.version
    match event:
        case RequestSubmitted():
            await conn.execute(_INSERT, *_submitted_row(event), version, at)
        case RequestAmended():
            await conn.execute(
                _AMENDED, event.request_id, list(event.countries), event.regional_organisation, str(event.region),
                str(event.thematic_area), event.topic, event.description, version, at,
            )  # fmt: skip
        case RequestEligibilityAssessed():
            reasons = [r.model_dump(mode="json") for r in event.reasons]
            instruments = [str(i) for i in event.instruments]
            warnings = [r.model_dump(mode="json") for r in event.warnings]
            await conn.execute(_ASSESSED, event.request_id, event.eligible, reasons, instruments, version, at, warnings)
        case RequestApproved():
            decision = _decision("APPROVE", event.reason, event.approved_on.isoformat())
            await conn.execute(_DECIDED, event.request_id, "APPROVED", decision, version, at)
        case RequestRejected():
            decision = _decision("REJECT", event.reason, event.rejected_on.isoformat())
            await conn.execute(_DECIDED, event.request_id, "REJECTED", decision, version, at)
        case RequestDeferred():
            decision = _decision("DEFER", event.reason, event.deferred_on.isoformat())
            await conn.execute(_DECIDED, event.request_id, "DEFERRED", decision, version, at)
        case RequestWithdrawn():
            withdrawal = {"reason": event.reason, "withdrawn_on": event.withdrawn_on.isoformat()}
            await conn.execute(_WITHDRAWN, event.request_id, withdrawal, version, at)
        case FocalPointNominated():
            await conn.execute(
                _NOMINATED,
                event.focal_point_id,
                event.request_id,
                str(event.kind),
                at,
                recorded.position,
                event.authority_id,
            )
            await conn.execute(_TOUCH, event.request_id, version, at)
        case FocalPointReplaced():
            await conn.execute(_RETIRED, event.focal_point_id, event.replacement_id)
            await conn.execute(
                _NOMINATED,
                event.replacement_id,
                event.request_id,
                str(event.kind),
                at,
                recorded.position,
                event.authority_id,
            )
            await conn.execute(_TOUCH, event.request_id, version, at)
        case FocalPointPersonalDataErased():
            await conn.execute(_TOUCH, event.request_id, version, at)


def _submitted_row(event: RequestSubmitted) -> tuple[Any, ...]:
    authorities = (event.authority, *event.co_requesters)
    return (
        event.request_id,
        event.external_reference,
        event.authority.model_dump(mode="json"),
        event.authority.authority_id,
        str(event.authority.type),
        [a.authority_id for a in authorities],
        [a.model_dump(mode="json") for a in event.co_requesters],
        list(event.countries),
        event.regional_organisation,
        str(event.region),
        str(event.thematic_area),
        event.topic,
        event.description,
        event.received_on,
        event.eu_delegation_support,
        event.follow_up_of,
    )


def _decision(decision: str, reason: str, decided_on: str) -> dict[str, str]:
    return {"decision": decision, "reason": reason, "decided_on": decided_on}
