"""Queries: what a principal may read of the experts, deployments, candidates and compositions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from contracts.events.experts import ExpertCategory, ExpertProfile
from service_core.auth import Principal
from service_core.errors import NotFound
from service_core.paging import Order, Page, parse_cursor, searched

from experts_service.adapters.activities import facts_of
from experts_service.adapters.views import FIGURES, ExpertFilter, ExpertViews
from experts_service.application import access
from experts_service.domain.composition import Composition, Deployed, compose
from experts_service.domain.matching import Candidate, Ranking, Target, rank

MAX_PAGE = 100
MAX_BATCH = 500
Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Candidates:
    activity: Row
    ranking: Ranking


class ExpertQueries:
    def __init__(self, views: ExpertViews) -> None:
        self._views = views

    async def get(self, principal: Principal, expert_id: str) -> Row:
        [row] = await self.batch(principal, [expert_id])
        if row is None:
            raise NotFound("expert", expert_id)
        return row

    async def batch(self, principal: Principal, ids: Sequence[str]) -> list[Row | None]:
        """One result per id, in the same order; None where unknown or not visible to the principal."""
        scope = access.expert_scope(principal)
        rows = await self._views.many(ids, scope)
        await self._with_personal_data(scope, [r for r in rows if r is not None])
        return rows

    async def page(
        self, principal: Principal, filters: ExpertFilter, limit: int, cursor: str | None, order: Order
    ) -> Page:
        scope = access.expert_scope(principal)
        access.check_list(scope, searched(filters.search), order, FIGURES)
        page = await self._views.page(filters, scope, limit, order, parse_cursor(cursor, order))
        await self._with_personal_data(scope, page.rows)
        return page

    async def _with_personal_data(self, scope: access.ExpertScope, rows: list[Row]) -> None:
        ids = [r["id"] for r in rows]
        found = await self._views.personal_data(ids) if scope.personal_data else {}
        links = await self._views.former_focal_points(ids) if scope.personal_data and ids else {}
        for row in rows:
            row["personal_data"] = found.get(row["id"])
            row["former_focal_points"] = links.get(row["id"], []) if scope.personal_data else None
        if not scope.everything and scope.expert_id is None and rows:
            await self._within_regions(scope.regions, rows)

    async def _within_regions(self, regions: frozenset[str], rows: list[Row]) -> None:
        """A regional coordinator sees an expert's record as far as its own regions go (gateway/ACCESS.md): regions,
        deployment counts and evaluations elsewhere are left out."""
        by_expert = await self._views.counts_within_regions([r["id"] for r in rows], sorted(regions))
        for row in rows:
            mine = by_expert.get(row["id"])
            row["deployment_regions"] = [r for r in row["deployment_regions"] if r in regions]
            row["deployments_confirmed"] = mine["confirmed"] if mine else 0
            row["deployments_completed"] = mine["completed"] if mine else 0
            row["evaluations_count"] = mine["evaluations"] if mine else 0
            row["average_score"] = mine["average_score"] if mine else None

    async def deployment(self, principal: Principal, deployment_id: str) -> Row:
        [rows] = await self.deployments_by(principal, "id", [deployment_id])
        if not rows:
            raise NotFound("deployment", deployment_id)
        return rows[0]

    async def deployments_by(self, principal: Principal, column: str, keys: Sequence[str]) -> list[list[Row]]:
        """One list per key (deployment, activity, expert or Action id), in the same order."""
        grouped = await self._views.deployments(column, keys, access.deployment_scope(principal))
        rows = [row for group in grouped for row in group]
        show_notes = access.notes_visible(principal)
        evaluation_ids = [r["evaluation"]["evaluation_id"] for r in rows if r["evaluation"]]
        notes = await self._views.notes(evaluation_ids) if show_notes and evaluation_ids else {}
        for row in rows:
            if row["evaluation"] is not None:
                row["evaluation"] = {**row["evaluation"], "notes": notes.get(row["evaluation"]["evaluation_id"])}
        return grouped

    async def activity(self, principal: Principal, activity_id: str) -> Row:
        """An activity known from mieux.actions.v1, if the principal may staff it (404 otherwise)."""
        access.check_may_match(principal)
        row = await self._views.activity(activity_id)
        if row is None or not access.may_manage(principal, row["region"]):
            raise NotFound("activity", activity_id)
        return row

    async def candidates(self, principal: Principal, activity_id: str, languages: Sequence[str]) -> Candidates:
        activity = await self.activity(principal, activity_id)
        experts, bearing = await self._views.roster_for(activity)
        on_activity = {d["expert_id"] for d in bearing if d["activity_id"] == activity_id}
        on_action = {
            d["expert_id"] for d in bearing if d["action_id"] == activity["action_id"] and d["status"] != "PROPOSED"
        }
        busy: dict[str, list[tuple[Any, Any]]] = {}
        for d in bearing:
            if d["status"] == "CONFIRMED" and d["activity_id"] != activity_id:
                busy.setdefault(d["expert_id"], []).append((d["starts_on"], d["ends_on"]))
        candidates = [
            Candidate(
                expert_id=e["id"],
                profile=ExpertProfile.model_validate(e["profile"]),
                suspended=e["status"] == "SUSPENDED",
                erased=e["erased"],
                confirmed_ranges=tuple(busy.get(e["id"], ())),
                on_this_activity=e["id"] in on_activity,
                on_this_action=e["id"] in on_action,
            )
            for e in experts
        ]
        target = Target(facts_of(activity), activity.get("action_topic"), tuple(languages))
        return Candidates(activity, rank(target, candidates))

    async def compositions(self, principal: Principal, action_ids: Sequence[str]) -> list[Composition | None]:
        found = await self._views.compositions(action_ids, access.composition_scope(principal))
        result: list[Composition | None] = []
        for action_id, item in zip(action_ids, found, strict=True):
            if item is None:
                result.append(None)
                continue
            action, rows = item
            deployed = [
                Deployed(r["expert_id"], ExpertCategory(r["category"]), r["nationality"], r["member_state"],
                         r["status"] == "COMPLETED")
                for r in rows
            ]  # fmt: skip
            result.append(compose(action_id, tuple(action["countries"]) if action else (), deployed))
        return result

    async def composition(self, principal: Principal, action_id: str) -> Composition:
        [found] = await self.compositions(principal, [action_id])
        if found is None:
            raise NotFound("action", action_id)
        return found
