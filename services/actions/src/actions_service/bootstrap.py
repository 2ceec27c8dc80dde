"""The one composition root of the actions service (nothing connects at import time)."""

from __future__ import annotations

from contracts.events import default_registry
from contracts.events.actions import Phase
from contracts.services import service
from contracts.topics import EXPERTS, FEEDBACK, REQUESTS
from pydantic import Field
from service_core.runtime import ServiceContext, ServiceDefinition
from service_core.settings import ServiceSettings

from actions_service.adapters.deployments import DeployedExperts
from actions_service.adapters.views import ActionViews
from actions_service.application.handlers import COMMANDS, ActionPorts
from actions_service.application.policies import POLICIES
from actions_service.application.queries import ActionQueries
from actions_service.entrypoints.routes import build_router
from actions_service.projections.action_view import ActionView


class ActionsSettings(ServiceSettings):
    service_name: str = "actions"
    http_port: int = service("actions").port
    current_phase: Phase = Field(
        default=Phase.MIEUX_PLUS, description="phase of Actions approved after April 2023 (MIEUX_CURRENT_PHASE)"
    )


def ports(ctx: ServiceContext) -> ActionPorts:
    settings = ctx.settings
    current = settings.current_phase if isinstance(settings, ActionsSettings) else Phase.MIEUX_PLUS
    return ActionPorts(deployed_experts=DeployedExperts(ctx.pool), current_phase=current)


definition = ServiceDefinition(
    name="actions",
    package="actions_service",
    title="MIEUX actions service",
    description=(
        "Actions from the approved request to completion: opened by policy on RequestApproved (code YYYY-NN, "
        "ordinal, phase), the Action Fiche (R05, R06, R24), activities (R07-R11, R28), launch within 90 days "
        "(R10), deliverables (R26), completion (R20) once every deployed expert's and the partner's feedback are in (R13; "
        "a programme manager may override with a reason). Every endpoint but /healthz, /readyz and /metrics needs a "
        "bearer token. Errors: {'error': {'code', 'message', 'field'}}."
    ),
    registry=default_registry(),
    settings_class=ActionsSettings,
    router=build_router,
    commands=COMMANDS,
    policies=POLICIES,
    projections=lambda: (ActionView(),),
    queries=lambda ctx: ActionQueries(ActionViews(ctx.pool)),
    ports=ports,
    consumed_topics=(REQUESTS, EXPERTS, FEEDBACK),
)
