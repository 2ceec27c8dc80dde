"""The actions service on the in-memory twin (no PostgreSQL, `make test-fast`): the policy that notes Action
feedback, exactly once per giver, and a command behind the guard. The read model's projection and the
opening policy's numbering are SQL and are tested on PostgreSQL."""

from __future__ import annotations

import pytest
from actions_service.application.handlers import ACTION, ActionPorts
from actions_service.bootstrap import definition
from actions_service.domain.decide import decide
from actions_service.domain.state import Action
from contracts.events.actions import ActionFeedbackReceived, ActionFicheDrafted
from service_core.application import Application
from service_core.auth import Principal, Role
from service_core.errors import NotFound
from service_core.testing.memory import given, in_memory, memory_store, react

from .conftest import feedback_submitted
from .domain_helpers import ACTION as ACTION_ID
from .domain_helpers import NOW, draft, opening

AFRICA = Principal("rc-africa", frozenset({Role.REGIONAL_COORDINATOR}), region="AFRICA")
ASIA = Principal("rc-asia", frozenset({Role.REGIONAL_COORDINATOR}), region="ASIA")


async def opened() -> Application[ActionPorts]:
    app = in_memory(definition, ActionPorts(), clock=lambda: NOW, projections=())
    await given(app, ACTION_ID, ACTION.stream_type, decide(Action(), opening(), NOW, ()))
    return app


async def test_each_givers_feedback_is_noted_once_on_the_actions_stream() -> None:
    app = await opened()
    expert, partner = feedback_submitted(ACTION_ID, "EXPERT"), feedback_submitted(ACTION_ID, "PARTNER")

    for event in (expert, expert, partner):  # the same expert's feedback seen twice
        assert await react(definition, app, event)

    noted = [r.event for r in await memory_store(app).load(ACTION_ID) if isinstance(r.event, ActionFeedbackReceived)]
    assert [(e.source, e.expert_id) for e in noted] == [("EXPERT", "expert-1"), ("PARTNER", None)]
    [last] = (await memory_store(app).load(ACTION_ID))[-1:]
    assert last.metadata.actor == "policy:when_action_feedback_submitted_record_it"


async def test_feedback_on_an_action_never_opened_here_notes_nothing() -> None:
    app = in_memory(definition, ActionPorts(), clock=lambda: NOW, projections=())
    await react(definition, app, feedback_submitted("elsewhere", "PARTNER"))
    assert memory_store(app).events == []


async def test_the_coordinator_of_the_region_drafts_the_fiche_elsewhere_the_action_is_not_there() -> None:
    app = await opened()
    with pytest.raises(NotFound):
        await app.handle(draft(), ASIA)

    result = await app.handle(draft(), AFRICA)

    assert result.version == 2
    assert isinstance((await memory_store(app).load(ACTION_ID))[-1].event, ActionFicheDrafted)
