"""GraphQL enums: upper snake case. Those the event contracts define are exposed from there (one
definition of each code); only the services' own read-model states are declared here."""

from __future__ import annotations

import strawberry
from contracts.events.actions import (
    ActivityType,
    ActorKind,
    CapacityLevel,
    Complementarity,
    CrossCuttingIssue,
    DeliverableKind,
    DeliverableLevel,
    DeliverableStatus,
    FicheParty,
    FollowUpChannel,
    LearningKind,
    MechanismKind,
    Phase,
    PracticeCategory,
    Sustainability,
)
from contracts.events.experts import (
    AdministrationLevel,
    DeclineReason,
    DeploymentCancellationReason,
    ExpertCategory,
    LanguageLevel,
    Sector,
    SuspensionReason,
)
from contracts.events.feedback import (
    EvaluationCriterion,
    EvaluationKind,
    FeedbackChannel,
    FeedbackSource,
    GoodPracticeFeature,
    ParticipantCriterion,
    PeriodKind,
)
from contracts.events.requests import AuthorityType, FocalPointKind, Instrument, Region, ThematicArea
from contracts.views.actions import (
    ActionOrderField,
    ActionStatus,
    ActionWarningCode,
    ActivityStatus,
    FicheStatus,
    ModificationKind,
)
from contracts.views.common import OrderDirection
from contracts.views.experts import DeploymentStatus, ExclusionReason, ExpertOrderField, ExpertStatus, RankReasonCode
from contracts.views.feedback import ActionFeedbackStatus
from contracts.views.requests import Decision as RequestDecision
from contracts.views.requests import EligibilityCode, RequestOrderField, RequestStatus, RequestWarningCode

__all__ = [
    "ActionFeedbackStatus",
    "ActionOrderField",
    "ActionStatus",
    "ActivityStatus",
    "ActivityType",
    "ActorKind",
    "AdministrationLevel",
    "AuthorityType",
    "CapacityLevel",
    "Complementarity",
    "CrossCuttingIssue",
    "DeclineReason",
    "DeliverableKind",
    "DeliverableLevel",
    "DeliverableStatus",
    "DeploymentCancellationReason",
    "DeploymentStatus",
    "EvaluationCriterion",
    "EvaluationKind",
    "ExclusionReason",
    "ExpertCategory",
    "ExpertOrderField",
    "ExpertStatus",
    "FeedbackChannel",
    "FeedbackSource",
    "FicheParty",
    "FicheStatus",
    "FocalPointKind",
    "FollowUpChannel",
    "GoodPracticeFeature",
    "Instrument",
    "LanguageLevel",
    "LearningKind",
    "MechanismKind",
    "OrderDirection",
    "ParticipantCriterion",
    "PeriodKind",
    "Phase",
    "PracticeCategory",
    "Region",
    "RequestDecision",
    "RequestOrderField",
    "RequestStatus",
    "Sector",
    "SuspensionReason",
    "Sustainability",
    "ThematicArea",
]

# strawberry.enum registers the GraphQL definition on the contract's own class.
strawberry.enum(Region, description="MIEUX regions; a regional coordinator sees only its own.")
strawberry.enum(RequestStatus, description="Where a request stands.")
strawberry.enum(RequestDecision, name="RequestDecision", description="A steering-group decision on a request.")
strawberry.enum(Instrument, description="EU funding instruments under which a country is a partner country (R01).")
strawberry.enum(ThematicArea, description="The four thematic areas and horizontal interventions.")
strawberry.enum(
    AuthorityType,
    description="Type of requesting authority. Local authorities, ombudspersons, parliaments, judicial authorities "
    "and civil-society organisations are eligible only for requests received on or after 2016-01-01.",
)
strawberry.enum(
    FocalPointKind,
    description="Operational focal points run the Action day to day; strategic ones steer it.",
)
strawberry.enum(
    Phase,
    description="Programme phase, from the approval date: MIEUX I 2009-2011, II 2012-2015, III 2016-Mar 2020, "
    "MIEUX+ Apr 2020-Apr 2023.",
)
strawberry.enum(CapacityLevel, description="Capacity levels an Action addresses.")
strawberry.enum(FicheParty, description="The three parties whose agreement an Action Fiche needs (R05).")
strawberry.enum(ActivityType, description="The controlled list of activity types.")
strawberry.enum(DeliverableKind, description="Kinds of deliverable (outputs) an Action produces.")
strawberry.enum(
    DeliverableStatus,
    description="Deliverable status (R26): approval (validated, endorsed, adopted) climbs tiers of level; roll-out "
    "(launched, implemented) is its own track.",
)
strawberry.enum(CrossCuttingIssue, description="Issues an Action may address whatever its thematic area.")
strawberry.enum(LearningKind, description="A lesson learnt or a good practice.")
strawberry.enum(PracticeCategory, description="What a practice is about (the 2018 survey's groups).")
strawberry.enum(DeliverableLevel, description="The level at which a deliverable status change happened.")
strawberry.enum(FollowUpChannel, description="How the programme learnt what became of an Action.")
strawberry.enum(MechanismKind, description="What an Action set up that can outlast it.")
strawberry.enum(Sustainability, description="Where a mechanism stood when it was followed up.")
strawberry.enum(ActorKind, description="Who else works on the same ground as an Action (R27).")
strawberry.enum(ActionStatus, description="Where an Action stands.")
strawberry.enum(FicheStatus, description="Where the Action Fiche stands (NOT_DRAFTED: no Fiche yet).")
strawberry.enum(ActivityStatus, description="Where an activity stands.")
strawberry.enum(
    ActionWarningCode, description="The warnings of an Action's rules; OTHER for a code newer than this graph."
)
strawberry.enum(RankReasonCode, description="Why matching ranks a candidate where it does; OTHER for a newer one.")
strawberry.enum(ModificationKind, description="What a recorded change did to the activity plan.")
strawberry.enum(EligibilityCode, description="Eligibility reasons and warnings (R01, R02, R31); OTHER for a newer one.")
strawberry.enum(RequestWarningCode, description="The warnings of a request's rules (R23); OTHER for a newer one.")
strawberry.enum(Complementarity, description="How an Action stands to another actor's initiative (R27).")

strawberry.enum(
    ExpertCategory,
    description="EU Member State governmental, non-EU governmental, other backgrounds (R16); EU MS public "
    "administrations come first in matching (R18).",
)
strawberry.enum(AdministrationLevel, description="For governmental experts: national or local administration.")
strawberry.enum(Sector, description="The expert's sector.")
strawberry.enum(LanguageLevel, description="CEFR levels, plus native speaker.")
strawberry.enum(SuspensionReason, description="Why an expert was suspended from the roster.")
strawberry.enum(DeclineReason, description="Why an expert declined a proposed deployment.")
strawberry.enum(DeploymentCancellationReason, description="Why a deployment was cancelled.")

strawberry.enum(OrderDirection, description="Which way a list runs on its order field; ties by id the same way.")
strawberry.enum(RequestOrderField, description="What a list of requests can be ordered by.")
strawberry.enum(
    ActionOrderField,
    description="What a list of Actions can be ordered by; one not launched (completed) yet sorts last by "
    "`LAUNCHED_ON` (`COMPLETED_ON`), either way.",
)
strawberry.enum(
    ExpertOrderField,
    description="What the roster can be ordered by; an expert without a score sorts last, either way. The figures "
    "(`AVERAGE_SCORE`, `DEPLOYMENTS_COMPLETED`) are the programme's own: not for a regional coordinator "
    "(`INVALID_ORDER`), who sees them cut to its region.",
)

strawberry.enum(ParticipantCriterion, description="What participants rate, 1-5, on every activity.")
strawberry.enum(EvaluationCriterion, description="The evaluation criteria experts and partners rate for an Action.")
strawberry.enum(EvaluationKind, description="External evaluations of the programme as a whole.")
strawberry.enum(GoodPracticeFeature, description="The ten features of good practice.")
strawberry.enum(FeedbackSource, description="Who gave Action-level feedback.")
strawberry.enum(FeedbackChannel, description="How participant feedback arrived.")
strawberry.enum(PeriodKind, description="Review periods: quarter (2019-Q3), half-year (2019-H2), year (2019).")
strawberry.enum(
    ActionFeedbackStatus, description="An Action as the feedback service follows it: open until it is completed."
)
strawberry.enum(ExpertStatus, description="Where an expert stands on the roster.")
strawberry.enum(ExclusionReason, description="Why matching left an expert out; OTHER for a newer reason.")
strawberry.enum(
    DeploymentStatus,
    description="Where a deployment stands: proposed, then confirmed (or declined), then completed; or cancelled.",
)
