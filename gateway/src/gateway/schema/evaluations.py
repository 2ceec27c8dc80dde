"""External evaluations of the programme (results-oriented monitoring, the impact evaluation), from the
feedback service: read by programme staff and reporting, recorded by programme managers."""

from __future__ import annotations

from datetime import date

import strawberry
from contracts.bodies import feedback as bodies

from gateway.clients import ServiceError, ServiceUnavailable
from gateway.schema.common import CountryCode, UserError, graphql_error
from gateway.schema.connections import Connection, local_connection, page_args
from gateway.schema.convert import build
from gateway.schema.derive import derived_input
from gateway.schema.enums import EvaluationCriterion, EvaluationKind
from gateway.schema.plumbing import GInfo, run_command, to_body

# The programme has a few a year (results-oriented monitoring, the impact evaluation): the feedback service's
# largest page holds them all, so the graph pages over it locally.
EVALUATIONS_READ = 100


@strawberry.type(description="What an evaluation found against one criterion.")
class CriterionFinding:
    criterion: EvaluationCriterion
    finding: str


@strawberry.type(description="An external evaluation of the programme.")
class ExternalEvaluation:
    evaluation_id: strawberry.ID
    kind: EvaluationKind
    title: str
    evaluator: str = strawberry.field(description="The institution or firm that carried it out.")
    started_on: date
    ended_on: date
    findings: list[CriterionFinding]
    countries_visited: list[CountryCode] = strawberry.field(description="ISO 3166-1 alpha-2 codes.")
    action_ids: list[strawberry.ID] = strawberry.field(
        description="Actions it looked at, within the caller's access (none for reporting)."
    )
    recommendations: list[str]


@derived_input(bodies.CriterionFindingBody)
class CriterionFindingInput:
    pass


@derived_input(bodies.ExternalEvaluationBody, description="An external evaluation of the programme, from its report.")
class RecordExternalEvaluationInput:
    pass


@strawberry.type(description="An external evaluation recorded, or typed errors.")
class ExternalEvaluationPayload:
    evaluation: ExternalEvaluation | None
    errors: list[UserError]
    consistency_token: str | None


@strawberry.type
class EvaluationQuery:
    @strawberry.field(description="External evaluations of the programme, latest first (the newest 100); Relay paging.")
    async def external_evaluations(
        self,
        info: GInfo,
        kind: EvaluationKind | None = None,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> Connection[ExternalEvaluation]:
        args = page_args(info, first, after, last, before)
        params = to_body({"kind": kind, "limit": EVALUATIONS_READ})
        try:
            found = await info.context.client("feedback").get("/evaluations", params)
        except (ServiceError, ServiceUnavailable) as exc:
            raise graphql_error(exc) from exc
        evaluations = [build(ExternalEvaluation, item) for item in found["items"]]
        return local_connection(evaluations, args, info.context.max_page_size)


@strawberry.type
class EvaluationMutation:
    @strawberry.mutation(description="Record an external evaluation of the programme (programme managers).")
    async def record_external_evaluation(
        self, info: GInfo, input: RecordExternalEvaluationInput
    ) -> ExternalEvaluationPayload:
        outcome = await run_command(info, "feedback", "/evaluations", to_body(input))
        if outcome.result is None:
            return ExternalEvaluationPayload(evaluation=None, errors=outcome.errors, consistency_token=None)
        evaluation = build(ExternalEvaluation, outcome.result["evaluation"])
        return ExternalEvaluationPayload(evaluation=evaluation, errors=[], consistency_token=outcome.token)
