"""Rebuild: the requests service's real projections replaying a synthetic store, against the raw way.

The store holds `events` synthetic events of requests (submitted, assessed, a focal point nominated, decided),
written once with `COPY`. The subject is `service_core.rebuild.rebuild_projections` with the requests service's
projections: shadow tables, batches, the swap. The baseline is what an operator would script instead: `COPY`
the events out, fold them over plain dicts into the same rows, `COPY` the rows into empty tables of the same
shape. Both sides run in this process, one after the other in each round; peak RSS is sampled for each.
"""

from __future__ import annotations

import asyncio
import csv
import io
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

import asyncpg
import psutil
from contracts.events import default_registry
from contracts.events.requests import (
    FocalPointKind,
    FocalPointNominated,
    RequestApproved,
    RequestEligibilityAssessed,
    RequestingAuthority,
    RequestRejected,
    RequestSubmitted,
)
from requests_service.bootstrap import definition
from service_core.migrate import migrate
from service_core.rebuild import RebuildProgress, rebuild_projections
from service_core.store.postgres import create_pool

from tests.performance.report import Measurement

EVENTS_PER_REQUEST = 4
_COPY_OUT = "SELECT stream_id, event_name, data, recorded_at, version, position FROM events ORDER BY position"
_VIEW_COLUMNS = (
    "id",
    "external_reference",
    "authority",
    "authority_id",
    "authority_type",
    "authority_ids",
    "co_requesters",
    "countries",
    "regional_organisation",
    "region",
    "thematic_area",
    "topic",
    "description",
    "received_on",
    "eu_delegation_support",
    "follow_up_of",
    "status",
    "eligible",
    "eligibility_reasons",
    "instruments",
    "decision",
    "withdrawal",
    "version",
    "submitted_at",
    "updated_at",
    "eligibility_warnings",
)
_FOCAL_COLUMNS = ("focal_point_id", "request_id", "kind", "active", "nominated_at", "position", "authority_id")


def _lifecycle(n: int) -> list[Any]:
    """The four events of the n-th synthetic request (every third one rejected, the others approved)."""
    request_id = f"req-{n:07d}"
    authority = RequestingAuthority(
        authority_id=f"auth-{n % 500}", name=f"Ministry of the Interior {n % 500}", type="NATIONAL_GOVERNMENT"
    )
    received = date(2012, 1, 1) + timedelta(days=n % 3000)
    submitted = RequestSubmitted(
        request_id=request_id,
        authority=authority,
        countries=("GH",),
        region="AFRICA",
        thematic_area="LEGAL_MIGRATION_MOBILITY",
        topic=f"Labour migration statistics {n % 97}",
        description="Training for statisticians of the labour ministry on migration data",
        received_on=received,
    )
    assessed = RequestEligibilityAssessed(request_id=request_id, eligible=True, instruments=("DCI",))
    focal = FocalPointNominated(
        request_id=request_id,
        focal_point_id=f"fp-{n:07d}",
        kind=FocalPointKind.OPERATIONAL,
        authority_id=authority.authority_id,
    )
    decided: Any = (
        RequestRejected(request_id=request_id, reason="outside the scope", rejected_on=received + timedelta(days=40))
        if n % 3 == 0
        else RequestApproved(
            request_id=request_id,
            region="AFRICA",
            countries=("GH",),
            thematic_area=submitted.thematic_area,
            topic=submitted.topic,
            authority_id=authority.authority_id,
            authority_type=authority.type,
            received_on=received,
            approved_on=received + timedelta(days=40),
            reason="PSG approval",
        )
    )
    return [submitted, assessed, focal, decided]


async def fill_store(dsn: str, events: int) -> None:
    """Migrate a requests database and `COPY` the synthetic events into its store, 100 requests interleaved."""
    await migrate(dsn, definition.package)
    requests = events // EVENTS_PER_REQUEST
    at = datetime(2026, 1, 1, tzinfo=UTC)
    conn = await asyncpg.connect(dsn)
    try:
        for block in range(0, requests, 100):
            lives = [_lifecycle(n) for n in range(block, min(block + 100, requests))]
            records = [
                (
                    uuid4(),
                    life[step].request_id,
                    "request",
                    step + 1,
                    life[step].event_name,
                    1,
                    json.dumps(life[step].model_dump(mode="json")),
                    "{}",
                    at,
                )
                for step in range(EVENTS_PER_REQUEST)
                for life in lives
            ]
            await conn.copy_records_to_table(
                "events",
                records=records,
                columns=[
                    "event_id",
                    "stream_id",
                    "stream_type",
                    "version",
                    "event_name",
                    "event_version",
                    "data",
                    "metadata",
                    "recorded_at",
                ],
            )
        await conn.execute("ANALYZE events")
    finally:
        await conn.close()


def _fold(rows: list[list[str]]) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The raw side's fold: the request_view and request_focal_points rows, over plain dicts."""
    views: dict[str, dict[str, Any]] = {}
    focal: list[tuple[Any, ...]] = []
    for stream_id, name, data_text, recorded, version, position in rows:
        data, at = json.loads(data_text), datetime.fromisoformat(recorded)
        if name == "RequestSubmitted":
            authority = data["authority"]
            views[stream_id] = {
                "id": stream_id,
                "external_reference": data["external_reference"],
                "authority": json.dumps(authority),
                "authority_id": authority["authority_id"],
                "authority_type": authority["type"],
                "authority_ids": [authority["authority_id"], *(a["authority_id"] for a in data["co_requesters"])],
                "co_requesters": json.dumps(data["co_requesters"]),
                "countries": data["countries"],
                "regional_organisation": data["regional_organisation"],
                "region": data["region"],
                "thematic_area": data["thematic_area"],
                "topic": data["topic"],
                "description": data["description"],
                "received_on": date.fromisoformat(data["received_on"]),
                "eu_delegation_support": data["eu_delegation_support"],
                "follow_up_of": data["follow_up_of"],
                "status": "OPEN",
                "eligible": False,
                "eligibility_reasons": "[]",
                "instruments": [],
                "decision": None,
                "withdrawal": None,
                "submitted_at": at,
                "eligibility_warnings": "[]",
            }
            view = views[stream_id]
        else:
            view = views[stream_id]
        if name == "RequestEligibilityAssessed":
            view.update(
                eligible=data["eligible"],
                eligibility_reasons=json.dumps(data["reasons"]),
                instruments=data["instruments"],
                eligibility_warnings=json.dumps(data["warnings"]),
            )
            if not data["eligible"]:
                view["status"] = "INELIGIBLE"
        elif name == "RequestApproved":
            view.update(
                status="APPROVED",
                decision=json.dumps(
                    {"decision": "APPROVE", "reason": data["reason"], "decided_on": data["approved_on"]}
                ),
            )
        elif name == "RequestRejected":
            view.update(
                status="REJECTED",
                decision=json.dumps(
                    {"decision": "REJECT", "reason": data["reason"], "decided_on": data["rejected_on"]}
                ),
            )
        elif name == "FocalPointNominated":
            focal.append(
                (data["focal_point_id"], stream_id, data["kind"], True, at, int(position), data["authority_id"])
            )
        view["version"], view["updated_at"] = int(version), at
    return [tuple(view[c] for c in _VIEW_COLUMNS) for view in views.values()], focal


@dataclass
class RebuildSides:
    dsn: str
    events: int
    peak_rss_mib: dict[str, float]

    @classmethod
    async def open(cls, dsn: str, events: int) -> RebuildSides:
        await fill_store(dsn, events)
        conn = await asyncpg.connect(dsn)
        try:
            for table in ("request_view", "request_focal_points"):  # the raw side's own empty tables
                await conn.execute(f"CREATE TABLE IF NOT EXISTS raw_{table} (LIKE {table} INCLUDING ALL)")
        finally:
            await conn.close()
        return cls(dsn, events, {})

    async def subject(self, progress: Callable[[RebuildProgress], None] | None = None) -> float:
        pool = await create_pool(self.dsn, min_size=1, max_size=2)
        try:
            started = time.perf_counter()
            replayed = await self._watched(
                "subject",
                rebuild_projections(pool, default_registry(), list(definition.projections()), on_progress=progress),
            )
            elapsed = time.perf_counter() - started
        finally:
            await pool.close()
        if replayed != self.events:
            raise AssertionError(f"rebuild replayed {replayed} of {self.events} events")
        return self.events / elapsed

    async def baseline(self) -> float:
        conn = await asyncpg.connect(self.dsn)
        try:
            await conn.execute("TRUNCATE raw_request_view, raw_request_focal_points")
            started = time.perf_counter()
            views, focal = await self._watched("baseline", self._raw(conn))
            elapsed = time.perf_counter() - started
            expected = await conn.fetchval("SELECT count(*) FROM request_view")
        finally:
            await conn.close()
        if len(views) != expected or len(focal) != expected:
            raise AssertionError(f"raw fold gave {len(views)} rows and {len(focal)} focal points, not {expected}")
        return self.events / elapsed

    async def _raw(self, conn: asyncpg.Connection) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        out = io.BytesIO()
        await conn.copy_from_query(_COPY_OUT, output=out, format="csv")
        views, focal = _fold(list(csv.reader(io.StringIO(out.getvalue().decode()))))
        async with conn.transaction():
            await conn.copy_records_to_table("raw_request_view", records=views, columns=list(_VIEW_COLUMNS))
            await conn.copy_records_to_table("raw_request_focal_points", records=focal, columns=list(_FOCAL_COLUMNS))
        return views, focal

    async def _watched(self, side: str, work: Awaitable[Any]) -> Any:
        me, peak = psutil.Process(), [0.0]

        async def sample() -> None:
            while True:
                peak[0] = max(peak[0], me.memory_info().rss / 2**20)
                await asyncio.sleep(0.05)

        watching = asyncio.create_task(sample())
        try:
            return await work
        finally:
            watching.cancel()
            self.peak_rss_mib[side] = round(max(self.peak_rss_mib.get(side, 0.0), peak[0]), 1)


async def run_rebuild(dsn: str, events: int, rounds: int, say: Callable[[str], None]) -> Measurement:
    measurement = Measurement(
        name="rebuild",
        subject="service_core.rebuild.rebuild_projections with the requests service's projections: shadow "
        "tables, batches of 2,000 (one transaction each), the swap",
        baseline="COPY the events out, fold them over plain dicts into the same rows, COPY the rows in",
        target=REBUILD_TARGET,
        notes=f"{events:,} synthetic request events ({events // EVENTS_PER_REQUEST:,} requests, 100 interleaved); "
        "peak RSS of the bench process per side in details",
    )
    say(f"filling a requests store with {events:,} events ...")
    sides = await RebuildSides.open(dsn, events)

    def progress(p: RebuildProgress) -> None:
        say(f"  rebuild: {p.line()}")

    runs: list[tuple[str, Callable[[], Awaitable[float]]]] = [
        ("subject", lambda: sides.subject(progress)),
        ("baseline", sides.baseline),
    ]
    for rnd in range(rounds):
        for side, run in runs if rnd % 2 == 0 else list(reversed(runs)):
            rate = await run()
            measurement.add(side, rate)
            say(f"  round {rnd + 1} rebuild {side:<10} {rate:>10,.0f} ev/s")
    measurement.details["peak_rss_mib"] = sides.peak_rss_mib
    return measurement


REBUILD_TARGET = 0.3
