"""Data classification, per field: personal, internal or public (docs/architecture.md).

- `PERSONAL`: about an identifiable person (an expert's or focal point's contact, what a participant or an
  expert typed). Never in an event: it lives in the owning service's tables (`PERSONAL_COLUMNS`) and is
  erased on request.
- `INTERNAL`: programme data (ids, dates, statuses, ratings, reasons typed by staff): published on the
  stream to the services, shown through the gateway by role and region.
- `PUBLIC`: what MIEUX publishes about itself (regions, countries, thematic areas, institutions' names,
  Action codes and labels, aggregate figures): may be shown to anyone.

Every field of every published event is declared here by name (a field name means one thing across the
published language), or as `Model.field` where one model's field differs. `contracts/tests` fails on a
published field without a declaration and on a published field declared personal; the end-to-end scans
read the `IDENTIFYING` columns of `PERSONAL_COLUMNS` to know which values must never appear on a topic and
must be gone after an erasure.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum


class Classification(StrEnum):
    PERSONAL = "personal"
    INTERNAL = "internal"
    PUBLIC = "public"


def _declared(classification: Classification, names: str) -> dict[str, Classification]:
    return dict.fromkeys(names.split(), classification)


_PUBLIC_FIELDS = """
acronym authority_type countries country region regional_organisation thematic_area instruments phase code label
ordinal ordinal_scope activity_type place_country category nationality member_state governmental sector
administration_level expertise topics language languages certifications period period_kind period_start
period_end scope scope_value suppression_threshold published_on responses activities actions expert_responses
partner_responses criteria criterion mean distribution suppressed count level feature capacity_levels
capacity_levels_reached good_practice_features participant action_level cross_cutting
"""

_INTERNAL_FIELDS = """
action_id activity_id authority authority_id batch_id co_requester_ids co_requesters deliverable_id deployment_id
evaluation_id expert_id feedback_id first_activity_id focal_point_id overlapping_deployment_ids replacement_id
request_id response_id review_id external_reference follow_up_of
agreed_on approved_on available_from available_to cancelled_on changed_on completed_on confirmed_on corrected_on
declined_on deferred_on drafted_on endorsed_on ends_on erased_on evaluated_on given_on held_from held_to
launched_on previous_ends_on previous_starts_on reactivated_on received_on recorded_on registered_on rejected_on
rescheduled_on starts_on suspended_on updated_on withdrawn_on proposed_on classified_on amended_on observed_on
lesson_id outcome_id deliverable_ids summary category follow_up_id replication_id actor_id mechanisms relation
initiative evaluator started_on ended_on findings finding countries_visited action_ids recommendations
days_from_approval days_from_request activities_cancelled activities_held deliverables_count launched_late
participants_count planned_participants planned_sequence sequence revision was_confirmed remote
status previous_status eligible warnings eu_delegation_support kind source channel on_behalf type
ratings capacity_level relevance coherence effectiveness efficiency impact sustainability eu_added_value
applicability expertise_quality knowledge_gained communication preparation
profile availability reasons
topic description title approach institutional_framework intervention_logic objective parties reason override_reason
place_city
"""

FIELDS: Mapping[str, Classification] = {
    **_declared(Classification.INTERNAL, _INTERNAL_FIELDS),
    **_declared(Classification.PUBLIC, _PUBLIC_FIELDS),
}

# `Model.field` declarations where a field name alone would say too little; the reason is the point.
MODEL_FIELDS: Mapping[str, tuple[Classification, str]] = {
    "RequestingAuthority.name": (
        Classification.PUBLIC,
        "the name of the requesting institution (a ministry, an agency), not a person",
    ),
    "ComplementaryActorRecorded.name": (
        Classification.PUBLIC,
        "the name of an institution or programme working alongside the Action, not a person",
    ),
    "EligibilityReason.code": (Classification.INTERNAL, "a code of the eligibility rules"),
    "EligibilityReason.message": (
        Classification.INTERNAL,
        "a sentence generated from the eligibility rules, never typed by a person",
    ),
}

# What the services keep of persons, off the stream: service -> table -> columns (all PERSONAL).
PERSONAL_COLUMNS: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "experts": {
        "expert_personal_data": ("full_name", "email", "phone", "organisation", "cv_text"),
        "evaluation_notes": ("notes",),
    },
    "requests": {"focal_point_personal_data": ("name", "role", "institution")},
    "feedback": {"participant_comment": ("comment",), "action_feedback_note": ("note",)},
}
# The columns that single a person out by themselves: what the end-to-end scans look for, value by value.
IDENTIFYING: Mapping[str, Mapping[str, tuple[str, ...]]] = {
    "experts": {"expert_personal_data": ("full_name", "email", "phone")},
    "requests": {"focal_point_personal_data": ("name",)},
}


def classification_of(model: str, field: str) -> Classification | None:
    """The declared classification of `model.field` of a published schema; None when undeclared."""
    declared = MODEL_FIELDS.get(f"{model}.{field}")
    return declared[0] if declared else FIELDS.get(field)
