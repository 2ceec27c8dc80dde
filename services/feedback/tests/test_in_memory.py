"""The feedback service on the in-memory twin: its policies note other services' facts, its handlers decide
against them and its projection writes the read model, all without PostgreSQL (`make test-fast`)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from contracts.events.actions import CapacityLevel
from contracts.events.experts import ExpertPersonalDataErased
from contracts.events.feedback import (
    ActionFeedbackSubmitted,
    EvaluationRatings,
    FeedbackChannel,
    FeedbackSource,
    ParticipantFeedbackRecorded,
    ParticipantRatings,
)
from feedback_service.bootstrap import definition
from feedback_service.domain.commands import ParticipantResponse, RecordParticipantFeedback, SubmitActionFeedback
from service_core.auth import Principal, Role
from service_core.errors import DomainError, NotFound
from service_core.testing.memory import in_memory, memory_store, react, table

from .story import action_opened, confirmed, held, new_id

ON = date(2019, 6, 3)
PM = Principal("pm", frozenset({Role.PROGRAMME_MANAGER}))
ASIA = Principal("rc-asia", frozenset({Role.REGIONAL_COORDINATOR}), region="ASIA")
EXPERT = Principal("e-1", frozenset({Role.EXPERT}), expert_id="expert-1")


@pytest.fixture
def app():  # type: ignore[no-untyped-def]
    return in_memory(definition, clock=lambda: datetime.combine(date(2019, 10, 5), time(12), UTC))


def expert_feedback(action_id: str, note: str | None = None) -> SubmitActionFeedback:
    return SubmitActionFeedback(
        action_id, None, new_id(), FeedbackSource.EXPERT, "expert-1", EvaluationRatings(relevance=5, impact=4),
        (CapacityLevel.INDIVIDUAL,), (), ON, False, note,
    )  # fmt: skip


async def test_policies_note_the_action_and_its_activity_in_the_memory_tables(app) -> None:  # type: ignore[no-untyped-def]
    action = action_opened(new_id())
    assert await react(definition, app, action)
    assert await react(definition, app, held(action, "act-1", ON))

    [ref] = table(app, "action_ref")
    assert (ref["action_id"], ref["authority_ids"], ref["status"]) == (action.action_id, ["cv-dgaci"], None)
    [activity] = table(app, "activity_ref")
    assert (activity["status"], activity["held_from"], activity["participants_count"]) == ("HELD", ON, 20)


async def test_an_expert_on_the_action_gives_feedback_and_the_view_has_it_with_the_note(app) -> None:  # type: ignore[no-untyped-def]
    action = action_opened(new_id())
    await react(definition, app, action)
    await react(definition, app, confirmed(action, "act-1", "expert-1", ON))

    result = await app.handle(expert_feedback(action.action_id, note="good hosts"), EXPERT)

    [recorded] = await memory_store(app).load(result.stream_id)
    assert isinstance(recorded.event, ActionFeedbackSubmitted) and recorded.event.expert_id == "expert-1"
    [row] = table(app, "action_feedback")
    assert (row["source"], row["relevance"], row["impact"], row["version"]) == ("EXPERT", 5, 4, 1)
    assert [n["note"] for n in table(app, "action_feedback_note")] == ["good hosts"]

    await react(definition, app, ExpertPersonalDataErased(expert_id="expert-1", erased_on=ON))
    assert table(app, "action_feedback_note") == []  # the erased expert's free text goes, the ratings stay


async def test_a_refused_command_leaves_events_and_rows_as_they_were(app) -> None:  # type: ignore[no-untyped-def]
    action = action_opened(new_id())
    await react(definition, app, action)
    await react(definition, app, confirmed(action, "act-1", "expert-1", ON))
    await app.handle(expert_feedback(action.action_id), EXPERT)
    before = (list(memory_store(app).events), table(app, "action_feedback"))

    with pytest.raises(DomainError) as refused:
        await app.handle(expert_feedback(action.action_id, note="again"), EXPERT)  # one feedback per expert

    assert refused.value.code == "ACTION_FEEDBACK_ALREADY_GIVEN"
    assert table(app, "action_feedback_note") == []  # the refused note was not kept either
    assert (memory_store(app).events, table(app, "action_feedback")) == before


async def test_a_coordinator_elsewhere_does_not_find_the_action(app) -> None:  # type: ignore[no-untyped-def]
    action = action_opened(new_id())
    await react(definition, app, action)
    partner = SubmitActionFeedback(
        action.action_id, None, new_id(), FeedbackSource.PARTNER, None, EvaluationRatings(relevance=3), (), (), ON,
        False,
    )  # fmt: skip
    with pytest.raises(NotFound):
        await app.handle(partner, ASIA)


async def test_participant_responses_on_a_held_activity_keep_their_ratings_and_comments(app) -> None:  # type: ignore[no-untyped-def]
    action = action_opened(new_id())
    await react(definition, app, action)
    await react(definition, app, held(action, "act-1", ON))
    responses = tuple(
        ParticipantResponse(new_id(), ParticipantRatings(relevance=r, expertise_quality=4, knowledge_gained=4,
                            applicability=3), CapacityLevel.INDIVIDUAL, ON, comment="useful" if r == 5 else None)
        for r in (5, 4)
    )  # fmt: skip

    result = await app.handle(RecordParticipantFeedback("act-1", None, responses, FeedbackChannel.PAPER, new_id()), PM)

    recorded = await memory_store(app).load(result.stream_id)
    assert all(isinstance(r.event, ParticipantFeedbackRecorded) for r in recorded) and result.version == 2
    assert sorted(r["relevance"] for r in table(app, "participant_response")) == [4, 5]
    assert [c["comment"] for c in table(app, "participant_comment")] == ["useful"]
