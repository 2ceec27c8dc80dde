"""Inputs of the mutations on Actions, activities and deliverables: derived from the actions service's command
bodies (`contracts.bodies.actions`), with the id the route takes in its path (dates default to today, UTC)."""

from __future__ import annotations

import strawberry
from contracts.bodies import actions as bodies

from gateway.schema.derive import derived_input


@derived_input(bodies.CapacityLevelIn)
class CapacityLevelApproachInput:
    pass


@derived_input(bodies.DraftFicheBody, description="Draft (a new revision of) the Action Fiche.")
class DraftActionFicheInput:
    action_id: strawberry.ID


@derived_input(
    bodies.AgreeFicheBody,
    description="All three parties must take part: MIEUX_TEAM, STEERING_GROUP, PARTNER_AUTHORITY (R05).",
)
class AgreeActionFicheInput:
    action_id: strawberry.ID


@derived_input(
    bodies.EndorseFicheBody, description="The requesting institution's leadership endorsed the Action (R24)."
)
class EndorseActionFicheInput:
    action_id: strawberry.ID


@derived_input(
    bodies.ClassificationBody,
    description="Topics of the catalogue and cross-cutting issues; replaces the earlier ones.",
)
class ClassifyActionInput:
    action_id: strawberry.ID


@derived_input(bodies.LessonBody, description="A lesson learnt or a good practice of the Action.")
class RecordActionLessonInput:
    action_id: strawberry.ID


@derived_input(bodies.OutcomeBody, description="An outcome of the Action and the deliverables (outputs) it stems from.")
class RecordActionOutcomeInput:
    action_id: strawberry.ID


@derived_input(bodies.MechanismIn)
class SustainedMechanismInput:
    pass


@derived_input(
    bodies.FollowUpBody, description="What became of the Action: the mechanisms it set up and whether they lasted."
)
class RecordActionFollowUpInput:
    action_id: strawberry.ID


@derived_input(
    bodies.ReplicationBody, description="The Action's practice taken up in another country, possibly through a request."
)
class RecordActionReplicationInput:
    action_id: strawberry.ID


@derived_input(bodies.ComplementaryActorBody, description="Another actor's initiative the Action complements (R27).")
class RecordComplementaryActorInput:
    action_id: strawberry.ID


@derived_input(bodies.PlanActivityBody, description="Plan an activity; a place country is required unless remote.")
class PlanActivityInput:
    action_id: strawberry.ID


@derived_input(bodies.ReplanActivityBody, description="Redesign a planned activity, with the reason (R11).")
class ReplanActivityInput:
    activity_id: strawberry.ID


@derived_input(
    bodies.RescheduleActivityBody, description="Move a planned activity to new dates, with the reason (R11)."
)
class RescheduleActivityInput:
    activity_id: strawberry.ID


@derived_input(bodies.CancelActivityBody, description="Cancel a planned activity, with the reason (R07, R11).")
class CancelActivityInput:
    activity_id: strawberry.ID


@derived_input(
    bodies.CoFacilitationBody,
    description="Record that staff of one of the Action's partner institutions co-facilitated an activity.",
)
class RecordActivityCoFacilitationInput:
    activity_id: strawberry.ID


@derived_input(
    bodies.HoldActivityBody,
    description="Record that an activity was held; the first one held launches the Action (R10).",
)
class RecordActivityHeldInput:
    activity_id: strawberry.ID


@derived_input(bodies.RecordDeliverableBody)
class RecordDeliverableInput:
    action_id: strawberry.ID


@derived_input(
    bodies.DeliverableStatusBody,
    description="Move a deliverable forward (skips allowed), with the level and date (R26).",
)
class ChangeDeliverableStatusInput:
    deliverable_id: strawberry.ID


@derived_input(bodies.CompleteActionBody, description="Complete the Action: every activity not cancelled must be held.")
class CompleteActionInput:
    action_id: strawberry.ID
