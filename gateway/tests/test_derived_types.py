"""The graph's types derived from the services' published views: a view field is a graph field."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

import pytest
import strawberry
from contracts.views import actions as views
from contracts.views import experts as expert_views
from contracts.views import feedback as feedback_views
from contracts.views import requests as request_views
from contracts.views.common import CountryCode, EntityId
from gateway.app import build_schema
from gateway.schema.common import SCALARS
from gateway.schema.derive import DerivationError, derived
from gateway.schema.enums import Region
from pydantic import BaseModel, Field
from strawberry.schema.config import StrawberryConfig


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _graph_fields(type_name: str) -> set[str]:
    found = build_schema()._schema.type_map[type_name]
    return set(found.fields)  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("view", "type_name"),
    [
        (views.ActionView, "Action"),
        (views.FicheView, "ActionFiche"),
        (views.ActivityView, "Activity"),
        (views.DeliverableView, "Deliverable"),
        (views.LessonView, "ActionLesson"),
        (views.OutcomeView, "ActionOutcome"),
        (request_views.RequestView, "AssistanceRequest"),
        (request_views.AuthorityView, "Authority"),
        (request_views.DecisionView, "SteeringDecision"),
        (feedback_views.ActivitySummary, "FeedbackSummary"),
        (feedback_views.ActionFeedbackView, "ActionFeedback"),
        (feedback_views.ReviewView, "Review"),
        (feedback_views.CompletenessView, "FeedbackCompleteness"),
        (feedback_views.ActivityGaps, "ActivityGaps"),
        (feedback_views.ActionGaps, "ActionGaps"),
        (feedback_views.ActionGapView, "ActionGap"),
        (expert_views.ExpertView, "Expert"),
        (expert_views.CandidateView, "Candidate"),
        (expert_views.CandidateProfileView, "CandidateProfile"),
        (expert_views.FormerFocalPointView, "FormerFocalPoint"),
    ],
)
def test_every_field_of_a_published_view_is_a_field_of_its_graph_type(view: type[BaseModel], type_name: str) -> None:
    assert {_camel(name) for name in view.model_fields} <= _graph_fields(type_name)


class _Place(BaseModel):
    """Somewhere."""

    country: CountryCode
    countries: list[CountryCode] = Field(default_factory=list, description="where else")
    request_id: str | None = None
    neighbours: list[EntityId] = Field(default_factory=list)
    region: Region
    opened_on: date


@derived(_Place)
class Place:
    pass


@strawberry.type
class _Query:
    @strawberry.field
    def place(self) -> Place:
        return Place(country="CV", region=Region.AFRICA, opened_on=date(2020, 1, 1))  # type: ignore[call-arg]


class Colour(StrEnum):
    RED = "RED"


class Painted(BaseModel):
    colour: Colour


class Inner(BaseModel):
    name: str


class Outer(BaseModel):
    inner: Inner


def test_a_derived_type_maps_country_codes_ids_enums_and_descriptions() -> None:
    printed = str(strawberry.Schema(_Query, config=StrawberryConfig(scalar_map=SCALARS)))
    assert '"""Somewhere."""\ntype Place {' in printed
    assert "country: CountryCode!" in printed
    assert '"""Where else."""\n  countries: [CountryCode!]!' in printed
    assert "requestId: ID\n" in printed
    assert "neighbours: [ID!]!" in printed
    assert "region: Region!" in printed
    assert "openedOn: Date!" in printed


def test_a_view_with_an_unregistered_enum_is_refused_when_the_schema_is_built() -> None:
    with pytest.raises(DerivationError, match="register Colour"):
        derived(Painted)(type("Painted", (), {}))


def test_a_nested_view_must_be_derived_before_the_view_that_holds_it() -> None:
    with pytest.raises(DerivationError, match="derive the type of Inner"):
        derived(Outer)(type("Outer", (), {}))


def test_the_gateway_has_one_client_per_service_of_the_platform_s_list() -> None:
    from dataclasses import fields

    from contracts.services import NAMES
    from gateway.context import Services

    assert tuple(f.name for f in fields(Services)) == NAMES
