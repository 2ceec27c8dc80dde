"""The vocabulary of the actions service's events: closed sets shared 1:1 with the HTTP API and the GraphQL
enums (phases, capacity levels, Fiche parties, activity types, deliverables and their statuses, feedback
sources, cross-cutting issues, lessons and practices). The events themselves are in `actions.py`."""

from __future__ import annotations

from enum import StrEnum

SERVICE = "actions"  # the service that publishes the actions events


class Phase(StrEnum):
    """Programme phase, from the approval date (R21)."""

    MIEUX_I = "MIEUX_I"
    MIEUX_II = "MIEUX_II"
    MIEUX_III = "MIEUX_III"
    MIEUX_PLUS = "MIEUX_PLUS"


class CapacityLevel(StrEnum):
    """The three capacity levels an Action Fiche addresses (R06)."""

    INDIVIDUAL = "INDIVIDUAL"
    ORGANISATIONAL = "ORGANISATIONAL"
    ENABLING_ENVIRONMENT = "ENABLING_ENVIRONMENT"


class FicheParty(StrEnum):
    """Who prepares and agrees the Action Fiche (R05): all three are required."""

    MIEUX_TEAM = "MIEUX_TEAM"
    STEERING_GROUP = "STEERING_GROUP"
    PARTNER_AUTHORITY = "PARTNER_AUTHORITY"


class ActivityType(StrEnum):
    """The controlled list of activity types (R09), extended with the forms seen in the case studies."""

    ASSESSMENT_SESSION = "ASSESSMENT_SESSION"
    DRAFTING_SESSION = "DRAFTING_SESSION"
    FACT_FINDING_MISSION = "FACT_FINDING_MISSION"
    FIELD_VISIT = "FIELD_VISIT"
    INFORMATION_SESSION = "INFORMATION_SESSION"
    THEMATIC_SESSION = "THEMATIC_SESSION"
    MEETING_WITH_AUTHORITIES = "MEETING_WITH_AUTHORITIES"
    PRESENTATION = "PRESENTATION"
    REMOTE_SUPPORT = "REMOTE_SUPPORT"
    STUDY_VISIT = "STUDY_VISIT"
    WORKSHOP = "WORKSHOP"
    TRAINING = "TRAINING"
    CONFERENCE = "CONFERENCE"
    CONSULTATION = "CONSULTATION"


class DeliverableKind(StrEnum):
    POLICY = "POLICY"
    STRATEGY = "STRATEGY"
    ACTION_PLAN = "ACTION_PLAN"
    ROADMAP = "ROADMAP"
    SOP = "SOP"
    HANDBOOK_MANUAL = "HANDBOOK_MANUAL"
    CURRICULUM = "CURRICULUM"
    GUIDELINES_PROTOCOL = "GUIDELINES_PROTOCOL"
    COMMUNICATION_STRATEGY = "COMMUNICATION_STRATEGY"
    INFORMATION_MATERIAL = "INFORMATION_MATERIAL"
    STUDY_REPORT = "STUDY_REPORT"
    DATA_TOOL = "DATA_TOOL"
    INSTITUTIONAL_ARRANGEMENT = "INSTITUTIONAL_ARRANGEMENT"


class DeliverableStatus(StrEnum):
    """Forward only, in this order; steps may be skipped (R26)."""

    DRAFTED = "DRAFTED"
    VALIDATED = "VALIDATED"
    ENDORSED = "ENDORSED"
    ADOPTED = "ADOPTED"
    LAUNCHED = "LAUNCHED"
    IMPLEMENTED = "IMPLEMENTED"


class DeliverableLevel(StrEnum):
    """At which level a deliverable's status changed (R26): technical, ministerial, governmental …"""

    TECHNICAL = "TECHNICAL"
    INSTITUTIONAL = "INSTITUTIONAL"
    MINISTERIAL = "MINISTERIAL"
    GOVERNMENTAL = "GOVERNMENTAL"
    LOCAL = "LOCAL"
    NATIONAL = "NATIONAL"
    REGIONAL = "REGIONAL"


class FeedbackSource(StrEnum):
    """Who gave Action-level feedback: one of the Action's deployed experts, or the partner authority."""

    EXPERT = "EXPERT"
    PARTNER = "PARTNER"


class CrossCuttingIssue(StrEnum):
    """Issues an Action may address whatever its thematic area (human rights, gender; climate and environment)."""

    GENDER = "GENDER"
    HUMAN_RIGHTS = "HUMAN_RIGHTS"
    CLIMATE_ENVIRONMENT = "CLIMATE_ENVIRONMENT"


class LearningKind(StrEnum):
    LESSON_LEARNT = "LESSON_LEARNT"
    GOOD_PRACTICE = "GOOD_PRACTICE"


class PracticeCategory(StrEnum):
    """What a practice is about, as the programme's 2018 survey grouped its answers."""

    OUTCOME = "OUTCOME"
    METHODOLOGY = "METHODOLOGY"
    APPROACH = "APPROACH"
    ACTIVITIES = "ACTIVITIES"
    OUTPUT = "OUTPUT"


class FollowUpChannel(StrEnum):
    """How the programme learnt what became of an Action after its activities."""

    ROUND_TABLE = "ROUND_TABLE"  # the regional knowledge-sharing round-tables
    QUESTIONNAIRE = "QUESTIONNAIRE"  # the online questionnaire to focal points
    MISSION = "MISSION"
    REMOTE = "REMOTE"
    PARTNER_REPORT = "PARTNER_REPORT"


class MechanismKind(StrEnum):
    """What an Action set up that can outlast it."""

    STRUCTURE = "STRUCTURE"
    COMMITTEE = "COMMITTEE"
    LEGISLATION = "LEGISLATION"
    PROCEDURE = "PROCEDURE"
    TRAINING_PROGRAMME = "TRAINING_PROGRAMME"
    TOOL = "TOOL"
    OTHER = "OTHER"


class Sustainability(StrEnum):
    """Where a mechanism stood when it was followed up."""

    IN_PLACE = "IN_PLACE"
    IN_PROGRESS = "IN_PROGRESS"
    DISCONTINUED = "DISCONTINUED"


class ActorKind(StrEnum):
    """Who else works on the same ground as an Action (R27)."""

    EU_PROGRAMME = "EU_PROGRAMME"
    EU_MEMBER_STATE = "EU_MEMBER_STATE"
    INTERNATIONAL_ORGANISATION = "INTERNATIONAL_ORGANISATION"
    OTHER_DONOR = "OTHER_DONOR"
    NATIONAL_INSTITUTION = "NATIONAL_INSTITUTION"
    CIVIL_SOCIETY = "CIVIL_SOCIETY"


class Complementarity(StrEnum):
    """How an Action stands to another actor's initiative (R27: complementary, never duplicating)."""

    SYNERGY = "SYNERGY"
    AVOIDED_DUPLICATION = "AVOIDED_DUPLICATION"  # an activity refocused because another donor covered it
    CO_FUNDING = "CO_FUNDING"
    HANDED_OVER = "HANDED_OVER"  # the other actor carries the work on
