"""Load the demo portfolio through the services' command APIs; every step first looks at what is there.

Order: experts are registered while requests are submitted; decisions follow in the order of their dates
(so Actions open, and are numbered, in that order); each Action then runs its own course concurrently:
Fiche, activities, deployments (once the experts service has learnt the activity from mieux.actions.v1),
holding, deliverables, participant feedback (once the feedback service knows the activity was held),
expert and partner feedback, and completion (once the actions service has learnt that feedback).
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from datetime import date, timedelta
from typing import Any

from actions_service.application.policies import action_id_for
from actions_service.domain.naming import ordinal_scope
from experts_service.application.handlers import expert_id_for
from requests_service.application.handlers import new_request_id

from mieux_demo import bodies, paths
from mieux_demo.api import Api, LoadError
from mieux_demo.case_studies.aftermath import EVALUATIONS
from mieux_demo.model import COMPLETED, IN_PREPARATION, ActionPlan, Activity, OtherRequest
from mieux_demo.plan import Portfolio


class Openings:
    """Which approved requests have their Action yet: one poller for every approval waiting on another."""

    def __init__(self, api: Api, timeout: float = 120.0) -> None:
        self.api = api
        self.timeout = timeout
        self.events: dict[str, asyncio.Event] = {}
        self._poller: asyncio.Task[None] | None = None

    def watch(self, request_id: str) -> None:
        self.events.setdefault(request_id, asyncio.Event())

    async def wait(self, request_ids: set[str]) -> None:
        for request_id in request_ids:
            self.watch(request_id)
            try:
                await asyncio.wait_for(self.events[request_id].wait(), self.timeout)
            except TimeoutError:
                raise LoadError(f"approved request {request_id} has no Action after {self.timeout:.0f} s") from None

    async def __aenter__(self) -> Openings:
        self._poller = asyncio.create_task(self._poll())
        return self

    async def __aexit__(self, *_: object) -> None:
        if self._poller is not None:
            self._poller.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._poller

    async def _poll(self) -> None:
        while True:
            waiting = [r for r, event in self.events.items() if not event.is_set()]
            if waiting:
                answer = await self.api.ok("actions", "POST", "/actions/batch-by-request", {"request_ids": waiting})
                for action in answer["items"]:
                    if action:
                        self.events[action["request_id"]].set()
            await asyncio.sleep(0.05)


class Loader:
    def __init__(self, api: Api, portfolio: Portfolio) -> None:
        self.api = api
        self.portfolio = portfolio
        self.done: Counter[str] = Counter()
        self.experts_registered = asyncio.Event()
        self.expert_ids = {e.reference: expert_id_for(e.reference) for e in portfolio.experts}

    async def run(self) -> None:
        await self.api.wait_ready()
        roster = asyncio.create_task(self.register_experts())
        await self.submit_requests()
        await self.decide()
        await self.focal_points()
        views = await self.opened_actions()
        await asyncio.gather(roster, *(self.action(plan, views[plan.reference]) for plan in self.portfolio.actions))
        await self.former_focal_points()
        await self.external_evaluations()

    # -- experts ---------------------------------------------------------------------------------------
    async def register_experts(self) -> None:
        found = await self.api.ok("experts", "POST", "/experts/batch", {"ids": list(self.expert_ids.values())[:500]})
        found2 = await self.api.ok("experts", "POST", "/experts/batch", {"ids": list(self.expert_ids.values())[500:]})
        known = {item["id"] for item in [*found["items"], *found2["items"]] if item}

        async def one(expert: Any) -> None:
            if self.expert_ids[expert.reference] not in known:
                await self.api.ok("experts", "POST", "/experts", bodies.expert(expert), accept=(201,))
            self.done["experts registered"] += 1

        await asyncio.gather(*(one(e) for e in self.portfolio.experts))
        self.experts_registered.set()

    # -- requests --------------------------------------------------------------------------------------
    def _requests(self) -> list[ActionPlan | OtherRequest]:
        return [*self.portfolio.actions, *self.portfolio.others]

    async def _views(self, ids: list[str]) -> dict[str, Any]:
        found = await self.api.ok("requests", "POST", "/requests/batch", {"ids": ids})
        return {item["id"]: item for item in found["items"] if item}

    async def submit_requests(self) -> None:
        plans = self._requests()
        known = await self._views([new_request_id(p.reference) for p in plans])

        async def one(plan: ActionPlan | OtherRequest) -> None:
            if new_request_id(plan.reference) not in known:
                await self.api.ok("requests", "POST", "/requests", bodies.request(plan), accept=(201,))
            self.done["requests submitted"] += 1

        await asyncio.gather(*(one(p) for p in plans))

    async def decide(self) -> None:
        """Approvals in date order, as far as naming needs it. The actions service numbers Actions in the order
        it reads approvals — the label within the country or sub-region (Cabo Verde IV, R30), the code within
        the year the request was received (2016-01, R29) — and approvals of different requests may be read out
        of order (they travel on different partitions). So an approval waits until the previous approval of
        its ordinal scope and the previous one of its receipt year have opened their Actions; approvals with
        neither in common go ahead concurrently. The other decisions need no order."""
        plans = self._requests()
        views = await self._views([new_request_id(p.reference) for p in plans])
        steps = sorted(((bodies.decision_day(p), p) for p in plans), key=lambda s: (s[0], s[1].reference))
        openings = Openings(self.api)
        latest: dict[str, str] = {}  # ordinal scope or receipt year -> the request id of its latest approval
        decisions = []
        for day, plan in steps:
            view = views[new_request_id(plan.reference)]
            if isinstance(plan, OtherRequest):
                decisions.append(self._other(day, plan, view))
                continue
            scope = ordinal_scope(tuple(view["countries"]), view.get("regional_organisation"))
            chains = (f"scope:{scope}", f"year:{plan.received_on.year}")
            after = {latest[chain] for chain in chains if chain in latest}
            decisions.append(self._approve(day, view, after, openings))
            latest.update(dict.fromkeys(chains, view["id"]))
        async with openings:
            await asyncio.gather(*decisions)

    async def _approve(self, day: date, view: dict[str, Any], after: set[str], openings: Openings) -> None:
        await openings.wait(after)
        if view["status"] == "OPEN":
            body = bodies.decision("APPROVE", day, view)
            await self.api.ok("requests", "POST", f"/requests/{view['id']}/decision", body)
        openings.watch(view["id"])
        self.done["requests decided"] += 1

    async def _other(self, day: date, plan: OtherRequest, view: dict[str, Any]) -> None:
        path, status = f"/requests/{view['id']}", view["status"]
        if status in ("OPEN", "INELIGIBLE") and plan.outcome != "OPEN":
            if plan.outcome == "WITHDRAW":
                body = {"reason": "Merged into a later request", "withdrawn_on": day.isoformat(),
                        "expected_version": view["version"]}  # fmt: skip
                await self.api.ok("requests", "POST", path + "/withdrawal", body)
            elif status == "OPEN" or plan.outcome == "REJECT":
                await self.api.ok("requests", "POST", path + "/decision", bodies.decision(plan.outcome, day, view))
        self.done["requests decided"] += 1

    async def focal_points(self) -> None:
        """R23: an operational and a strategic focal point of the requesting institution, and an operational
        one of each co-requesting institution, on every approved request."""
        views = await self._views([new_request_id(p.reference) for p in self.portfolio.actions])

        async def one(plan: ActionPlan) -> None:
            view = views[new_request_id(plan.reference)]
            have = {(fp["authority_id"], fp["kind"]) for fp in view["focal_points"]}
            for authority, kind in bodies.focal_points(view):
                if (authority["id"], kind) not in have:
                    body = bodies.focal_point(plan, authority, kind)
                    await self.api.ok("requests", "POST", f"/requests/{view['id']}/focal-points", body)
            self.done["focal points"] += 1

        await asyncio.gather(*(one(p) for p in self.portfolio.actions))

    async def opened_actions(self, timeout: float = 120.0) -> dict[str, Any]:
        """Wait until the actions service has opened the Action of every approved request (via Kafka)."""
        wanted = {new_request_id(p.reference): p.reference for p in self.portfolio.actions}
        deadline, found = time.monotonic() + timeout, {}
        while True:
            answer = await self.api.ok("actions", "POST", "/actions/batch-by-request", {"request_ids": list(wanted)})
            found = {wanted[a["request_id"]]: a for a in answer["items"] if a}
            self.done["actions opened"] = len(found)
            if len(found) == len(wanted):
                return found
            if time.monotonic() > deadline:
                raise LoadError(f"only {len(found)} of {len(wanted)} Actions opened after {timeout:.0f} s")
            await asyncio.sleep(0.5)

    # -- one Action ------------------------------------------------------------------------------------
    async def action(self, plan: ActionPlan, view: dict[str, Any]) -> None:
        action_id = view["id"]
        assert action_id == action_id_for(new_request_id(plan.reference))
        base = f"/actions/{action_id}"
        fiche = view["fiche"]
        if fiche is None:
            await self.api.ok("actions", "POST", base + "/fiche", bodies.fiche(plan))
        if plan.outcome != IN_PREPARATION and (fiche is None or fiche["status"] == "DRAFTED"):
            await self.api.ok("actions", "POST", base + "/fiche/agreement", bodies.agreement(plan))
        if plan.endorsed and (fiche is None or fiche.get("endorsed_revision") is None):
            await self.api.ok("actions", "POST", base + "/fiche/endorsement", bodies.endorsement(plan))
        if plan.topics and view.get("topics") != list(plan.topics):
            await self.api.ok("actions", "PUT", base + "/classification", bodies.classification(plan))
        activities = await self.activities(plan, action_id)
        await self.experts_registered.wait()
        await self.deploy(plan, activities)
        for activity, planned in zip(activities, plan.activities, strict=True):
            if planned.held and not planned.cancelled and activity["status"] == "PLANNED":
                await self.api.ok("actions", "POST", f"/activities/{activity['id']}/held", bodies.held(planned))
        await self.deliverables(plan, action_id)
        await self.participant_feedback(plan, activities)
        if plan.outcome == COMPLETED and view["status"] != "COMPLETED":
            await self.action_feedback(plan, action_id)
            body = {"completed_on": plan.completed_on.isoformat()}
            await self.api.until("actions", "POST", base + "/completion", body, waiting_for={"ACTION_FEEDBACK_MISSING"})
        await self.evaluations(plan, activities)
        await self.learning(plan, action_id)
        await self.aftermath(plan, action_id)
        await self.co_facilitation(plan, activities)
        self.done[f"actions {plan.outcome.lower().replace('_', ' ')}"] += 1

    async def activities(self, plan: ActionPlan, action_id: str) -> list[dict[str, Any]]:
        """The Action's activities in plan order, planning the missing ones as first planned, then replanning,
        rescheduling or cancelling them with their reasons (R11)."""
        answer = await self.api.ok("actions", "POST", "/activities/batch-by-action", {"action_ids": [action_id]})
        existing = {(a["activity_type"], a["starts_on"]): a for a in answer["items"][0]}
        found = []
        for planned in plan.activities:
            first = planned.first_planned
            activity = existing.get((planned.type, planned.starts_on.isoformat())) or existing.get(
                (first.type, first.starts_on.isoformat())
            )
            if activity is None:
                body = bodies.activity(first)
                answer = await self.api.ok("actions", "POST", f"/actions/{action_id}/activities", body, accept=(201,))
                activity = answer["activity"]
            activity = await self._change(activity, planned)
            found.append(activity)
            self.done["activities"] += 1
        return found

    async def _change(self, activity: dict[str, Any], planned: Activity) -> dict[str, Any]:
        base = f"/activities/{activity['id']}"
        if activity["status"] != "PLANNED":
            return activity
        if planned.replanned_from and activity["activity_type"] != planned.type:
            body = {**bodies.activity(planned), "reason": paths.REPLAN_REASON}
            activity = (await self.api.ok("actions", "POST", base + "/replanning", body))["activity"]
        if planned.moved_from and activity["starts_on"] != planned.starts_on.isoformat():
            body = {"starts_on": planned.starts_on.isoformat(), "ends_on": planned.ends_on.isoformat(),
                    "reason": paths.RESCHEDULE_REASON}  # fmt: skip
            activity = (await self.api.ok("actions", "POST", base + "/rescheduling", body))["activity"]
        if planned.cancelled:
            body = {"reason": "The host institution could not receive the delegation",
                    "cancelled_on": (planned.starts_on - timedelta(days=10)).isoformat()}  # fmt: skip
            activity = (await self.api.ok("actions", "POST", base + "/cancellation", body))["activity"]
        return activity

    async def deploy(self, plan: ActionPlan, activities: list[dict[str, Any]]) -> None:
        """Propose and confirm each planned deployment before its activity is held (R15); the proposals an
        expert declines come first."""
        if not plan.deployments:
            return
        ids = [a["id"] for a in activities]
        answer = await self.api.ok("experts", "POST", "/deployments/batch-by-activity", {"activity_ids": ids})
        existing = {(d["activity_id"], d["expert_id"]): d for items in answer["items"] for d in items}
        for index, reference in plan.declined:
            activity, expert_id = activities[index], self.expert_ids[reference]
            deployment = existing.get((activity["id"], expert_id))
            if deployment is None and activity["status"] == "PLANNED":
                deployment = await self._propose(expert_id, activity["id"])
            if deployment is not None and deployment["status"] == "PROPOSED":
                day = date.fromisoformat(activity["starts_on"]) - timedelta(days=paths.DECLINE_DAYS)
                body = {"reason": "NOT_AVAILABLE", "declined_on": day.isoformat()}
                await self.api.ok("experts", "POST", f"/deployments/{deployment['id']}/decline", body)
                self.done["deployments declined"] += 1
        for index, reference in plan.deployments:
            activity, expert_id = activities[index], self.expert_ids[reference]
            deployment = existing.get((activity["id"], expert_id))
            if activity["status"] != "PLANNED" and deployment is None:
                continue
            if deployment is None:
                deployment = await self._propose(expert_id, activity["id"])
            if deployment["status"] == "PROPOSED":
                await self.api.ok("experts", "POST", f"/deployments/{deployment['id']}/confirmation", {})
            self.done["deployments"] += 1

    async def _propose(self, expert_id: str, activity_id: str) -> dict[str, Any]:
        """Once the experts service has learnt the activity from mieux.actions.v1."""
        body = {"expert_id": expert_id, "activity_id": activity_id}
        found: dict[str, Any] = (await self.api.until("experts", "POST", "/deployments", body,
                                                      waiting_for={"NOT_FOUND"}))["deployment"]  # fmt: skip
        return found

    async def evaluations(self, plan: ActionPlan, activities: list[dict[str, Any]]) -> None:
        """The programme evaluates every completed deployment of the Action (scores fixed by the plan)."""
        if not plan.evaluated:
            return
        ids = [a["id"] for a in activities]
        answer = await self.api.ok("experts", "POST", "/deployments/batch-by-activity", {"activity_ids": ids})
        for deployment in (d for items in answer["items"] for d in items):
            if deployment["status"] in ("DECLINED", "CANCELLED") or deployment["evaluation"] is not None:
                continue
            body = bodies.evaluation(deployment, plan.completed_on)
            path = f"/deployments/{deployment['id']}/evaluation"
            await self.api.until("experts", "POST", path, body, waiting_for={"DEPLOYMENT_NOT_COMPLETED"})
            self.done["experts evaluated"] += 1

    async def deliverables(self, plan: ActionPlan, action_id: str) -> None:
        if not plan.deliverables:
            return
        answer = await self.api.ok("actions", "POST", "/deliverables/batch-by-action", {"action_ids": [action_id]})
        existing = {d["title"]: d for d in answer["items"][0]}
        for deliverable in plan.deliverables:
            found = existing.get(deliverable.title)
            if found is None:
                body = {"kind": deliverable.kind, "title": deliverable.title,
                        "recorded_on": deliverable.recorded_on.isoformat()}  # fmt: skip
                found = (await self.api.ok("actions", "POST", f"/actions/{action_id}/deliverables", body,
                                           accept=(201,)))["deliverable"]  # fmt: skip
            # the steps already recorded are the history's first entries after the draft (R26: in order)
            for status, level, on in deliverable.steps[len(found["history"]) - 1 :]:
                body = {"status": status, "level": level, "changed_on": on.isoformat()}
                found = (await self.api.ok("actions", "POST", f"/deliverables/{found['id']}/status", body))[
                    "deliverable"
                ]
            self.done["deliverables"] += 1

    async def learning(self, plan: ActionPlan, action_id: str) -> None:
        """The case studies' lessons and outcomes, once (counted on the Action's view)."""
        if not plan.lessons and not plan.outcomes:
            return
        answer = await self.api.ok("actions", "POST", "/deliverables/batch-by-action", {"action_ids": [action_id]})
        deliverables = {d["title"]: d["id"] for d in answer["items"][0]}
        view = (await self.api.ok("actions", "POST", "/actions/batch", {"ids": [action_id]}))["items"][0]
        base = f"/actions/{action_id}"
        for lesson in plan.lessons[len(view["lessons"]) :]:
            await self.api.ok("actions", "POST", base + "/lessons", bodies.lesson(plan, lesson), accept=(201,))
        for outcome in plan.outcomes[len(view["outcomes"]) :]:
            body = bodies.outcome(plan, outcome, deliverables)
            await self.api.ok("actions", "POST", base + "/outcomes", body, accept=(201,))

    async def aftermath(self, plan: ActionPlan, action_id: str) -> None:
        """What followed the case studies (follow-ups, replications, complementary actors), once each."""
        if not (plan.follow_ups or plan.replications or plan.complements):
            return
        view = (await self.api.ok("actions", "POST", "/actions/batch", {"ids": [action_id]}))["items"][0]
        base = f"/actions/{action_id}"
        for follow_up in plan.follow_ups[len(view["follow_ups"]) :]:
            await self.api.ok("actions", "POST", base + "/follow-ups", bodies.follow_up(follow_up), accept=(201,))
        for replication in plan.replications[len(view["replications"]) :]:
            request_of = replication.request_of and new_request_id(f"demo-{replication.request_of}")
            body = bodies.replication(replication, request_of)
            await self.api.ok("actions", "POST", base + "/replications", body, accept=(201,))
        for actor in plan.complements[len(view["complementary_actors"]) :]:
            await self.api.ok(
                "actions", "POST", base + "/complementary-actors", bodies.complement(actor), accept=(201,)
            )
        self.done["aftermaths"] += 1

    async def co_facilitation(self, plan: ActionPlan, activities: list[dict[str, Any]]) -> None:
        """The requesting institution's operational focal point co-facilitated these activities with the experts."""
        pending = [i for i in plan.co_facilitated if not activities[i]["co_facilitators"]]
        if not pending:
            return
        view = (await self._views([new_request_id(plan.reference)]))[new_request_id(plan.reference)]
        body = {
            "authority_id": view["authority"]["id"],
            "focal_point_id": bodies.partner_focal_point(view, "OPERATIONAL"),
        }
        for index in pending:
            day = plan.activities[index].ends_on.isoformat()
            path = f"/activities/{activities[index]['id']}/co-facilitation"
            await self.api.ok("actions", "POST", path, {**body, "recorded_on": day})
            self.done["activities co-facilitated"] += 1

    async def former_focal_points(self) -> None:
        """Experts who had been focal points of a request: once the experts service has learnt the focal point
        from mieux.requests.v1 (NOT_FOUND until then). One at a time: they are few, some on one expert."""
        links = self.portfolio.former_focal_points
        if not links:
            return
        plans = {p.key: p for p in self.portfolio.actions}
        views = await self._views([new_request_id(plans[link.plan].reference) for link in links])
        expert_ids = list({self.expert_ids[link.expert] for link in links})
        found = await self.api.ok("experts", "POST", "/experts/batch", {"ids": expert_ids})
        have = {fp["focal_point_id"] for e in found["items"] if e for fp in e["former_focal_points"] or []}
        for link in links:
            focal_point = bodies.partner_focal_point(views[new_request_id(plans[link.plan].reference)], link.kind)
            if focal_point not in have:
                body = {"focal_point_id": focal_point, "recorded_on": link.recorded_on.isoformat()}
                path = f"/experts/{self.expert_ids[link.expert]}/former-focal-points"
                await self.api.until("experts", "POST", path, body, waiting_for={"NOT_FOUND"})
            self.done["former focal points"] += 1

    async def external_evaluations(self) -> None:
        """The programme's results-oriented monitoring (2013, 2018) and its 2019 impact evaluation, once each."""
        found = await self.api.ok("feedback", "GET", "/evaluations?limit=100")
        titles = {e["title"] for e in found["items"]}
        for evaluation in EVALUATIONS:
            if evaluation.title not in titles:
                await self.api.ok("feedback", "POST", "/evaluations", bodies.external_evaluation(evaluation),
                                  accept=(201,))  # fmt: skip
            self.done["external evaluations"] += 1

    async def participant_feedback(self, plan: ActionPlan, activities: list[dict[str, Any]]) -> None:
        held = [(i, a, p) for i, (a, p) in enumerate(zip(activities, plan.activities, strict=True))
                if p.held and not p.cancelled]  # fmt: skip
        if not held:
            return
        ids = [a["id"] for _, a, _ in held]
        answer = await self.api.ok("feedback", "POST", "/summaries/batch-by-activity", {"activity_ids": ids})
        for (index, activity, planned), summary in zip(held, answer["items"], strict=True):
            if summary is None or summary["responses"] == 0:
                path = f"/activities/{activity['id']}/participant-feedback/batch"
                body = bodies.participant_batch(plan, index, planned)
                await self.api.until("feedback", "POST", path, body, waiting_for={"NOT_FOUND", "ACTIVITY_NOT_HELD"})
            self.done["feedback batches"] += 1

    async def action_feedback(self, plan: ActionPlan, action_id: str) -> None:
        path = f"/actions/{action_id}/feedback"
        status, found = await self.api.call("feedback", "GET", path)
        given = {f["expert_id"] for f in found["expert_feedback"]} if status == 200 else set()
        partner = status == 200 and found["partner_feedback"] is not None
        day = plan.completed_on - timedelta(days=10)
        for reference in dict.fromkeys(plan.experts):
            expert_id = self.expert_ids[reference]
            if expert_id not in given:
                body = bodies.action_feedback(plan, "EXPERT", day, expert_id)
                await self.api.until("feedback", "POST", path, body, waiting_for={"NOT_FOUND", "EXPERT_NOT_DEPLOYED"})
        if not partner:
            body = bodies.action_feedback(plan, "PARTNER", day, None)
            await self.api.until("feedback", "POST", path, body, waiting_for={"NOT_FOUND"})
        self.done["action feedback"] += 1
