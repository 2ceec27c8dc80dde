"""What followed the case studies, where the report tells it (summaries in our words): the follow-up exercise
of the 2018 regional round-tables, practices taken up in another country, the other actors the Actions
complement (facts.json `complementary_actors`), the partner's focal point co-facilitating the drafting,
focal points who later served as experts, and the programme's external evaluations.

Invented on top (flagged in demo/README.md): the dates within a month, the generic Actions' co-facilitated
drafting sessions and the two generic experts who had been focal points of a case study's request.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from mieux_demo.case_studies.vocabulary import D
from mieux_demo.model import (
    COMPLETED,
    NON_EU_GOV,
    ActionPlan,
    Complement,
    Evaluation,
    Expert,
    FollowUp,
    FormerFocalPoint,
    Replication,
)

_BANGKOK, _MEXICO_CITY, _NAIROBI = D(2018, 3, 6), D(2018, 7, 24), D(2018, 9, 6)  # the 2018 round-tables
_IN_PLACE, _IN_PROGRESS = "IN_PLACE", "IN_PROGRESS"

FOLLOW_UPS: dict[str, tuple[FollowUp, ...]] = {
    "cs01-thailand-1": (FollowUp("ROUND_TABLE", "Contacts made on the study visits led to return focal points; "
                                 "the victim-protection protocol is under revision", _BANGKOK,
                                 (("PROCEDURE", "Focal points for the return of Thai victims from the EU", _IN_PLACE),
                                  ("LEGISLATION", "Protocol covering victims outside the shelters", _IN_PROGRESS))),),
    "cs03-philippines-1": (FollowUp("PARTNER_REPORT", "The labour department asked for more: the handbook at local "
                                    "government level and training for prosecutors", D(2012, 6, 1),
                                    (("TOOL", "Handbook on illegal recruitment cases", _IN_PLACE),)),),
    "cs07-costa-rica-2": (FollowUp("ROUND_TABLE", "The integration plan is in the national development plan and "
                                   "reviewed by the migration directorate every quarter", _MEXICO_CITY,
                                   (("COMMITTEE", "Stocktaking meetings on the integration plan", _IN_PLACE),)),),
    "cs08-cabo-verde-4": (FollowUp("PARTNER_REPORT", "Town halls keep working together on their integration plans",
                                   D(2018, 10, 15),
                                   (("STRUCTURE", "Network of town halls, to be formalised", _IN_PROGRESS),)),),
    "cs10-kenya-2": (FollowUp("ROUND_TABLE", "The coordination mechanism leads the data work; each agency checks "
                              "its own data", _NAIROBI,
                              (("STRUCTURE", "Coordinating role on migration data", _IN_PLACE),
                               ("TRAINING_PROGRAMME", "Data-analysis training of a core group", _IN_PROGRESS))),),
    "cs13-mauritius-1": (FollowUp("ROUND_TABLE", "The policy has a unit of its own and its monitoring still meets",
                                  _NAIROBI,
                                  (("COMMITTEE", "National migration monitoring mechanism, monthly", _IN_PLACE),
                                   ("STRUCTURE", "Migration unit overseeing the policy", _IN_PLACE))),),
}  # fmt: skip

# the Myanmar Action is a generic one (the report does not date it)
REPLICATIONS: dict[str, tuple[Replication, ...]] = {
    "cs03-philippines-1": (Replication("MM", "The recruitment handbook reused in an Action in Myanmar, with "
                                       "Philippine officials as experts", D(2011, 11, 7), "action-026"),),
    "cs07-costa-rica-2": (Replication("MX", "The integration plan shown as a model in the integration seminars "
                                      "of the support to Mexico", D(2018, 2, 5), "cs11-mexico-2"),),
}  # fmt: skip

_IO, _DONOR, _MS, _EU = "INTERNATIONAL_ORGANISATION", "OTHER_DONOR", "EU_MEMBER_STATE", "EU_PROGRAMME"
COMPLEMENTS: dict[str, tuple[Complement, ...]] = {
    "cs04-south-east-asia": (Complement("Korean development cooperation", _DONOR, "HANDED_OVER", D(2013, 11, 21),
                                        "Funding for a migration network on the EMN model"),),
    "cs10-kenya-2": (Complement("GIZ", _MS, "SYNERGY", D(2017, 5, 8), "Joint work; training between activities"),),
    "cs11-mexico-2": (Complement("UNHCR", _IO, "SYNERGY", D(2016, 5, 16), "Observers and speakers throughout"),
                      Complement("Canada", _DONOR, "SYNERGY", D(2016, 5, 16), "Country-of-origin information")),
    "cs12-jordan-2": (Complement("JEMPAS (EU-Jordan Mobility Partnership support)", _EU, "SYNERGY", D(2017, 5, 8)),
                      Complement("IOM", _IO, "SYNERGY", D(2017, 5, 8))),
    "cs13-mauritius-1": (Complement("IOM", _IO, "SYNERGY", D(2017, 1, 16), "Migration profile; steering committee"),
                         Complement("World Bank", _DONOR, "SYNERGY", D(2017, 1, 16), "Labour-migration programme")),
}  # fmt: skip

# Jordan II: the ministry's focal point guided the SOP drafting with the experts (its third activity).
CO_FACILITATED: dict[str, tuple[int, ...]] = {"cs12-jordan-2": (2,)}
CO_FACILITATING_EVERY = 10  # and the drafting session of every tenth generic completed Action (number % 10 == 6)

EVALUATIONS: tuple[Evaluation, ...] = (
    Evaluation("RESULTS_ORIENTED_MONITORING", "Results-oriented monitoring 2013", "The EU's results-oriented "
               "monitoring", D(2013, 4, 2), D(2013, 6, 28),
               (("RELEVANCE", "Demand-driven Actions match the partners' priorities"),
                ("EFFICIENCY", "Short peer-to-peer Actions at a modest cost"),
                ("EFFECTIVENESS", "Outputs delivered; outcomes not yet followed systematically"),
                ("SUSTAINABILITY", "Depends on the partner's ownership of each deliverable")),
               ("Build a knowledge-management strategy for the next phase",)),
    Evaluation("RESULTS_ORIENTED_MONITORING", "Results-oriented monitoring 2018", "The EU's results-oriented "
               "monitoring", D(2018, 1, 15), D(2018, 3, 30),
               (("RELEVANCE", "Still closely aligned with the partners' needs"),
                ("EFFICIENCY", "Flexible planning absorbed changes of course"),
                ("EFFECTIVENESS", "Deliverables adopted by many partners"),
                ("SUSTAINABILITY", "Round-tables started following up completed Actions"))),
    Evaluation("IMPACT_EVALUATION", "Impact evaluation of capacity building in the field of migration",
               "Blomeyer & Sanz", D(2019, 3, 1), D(2019, 12, 20),
               (("RELEVANCE", "Themes and objectives aligned with the beneficiaries' needs at all three levels"),
                ("EFFECTIVENESS", "Local and international experts together worked very well"),
                ("IMPACT", "More cooperation between institutions, and with civil society"))),
)  # fmt: skip


def former_focal_points(actions: Sequence[ActionPlan], experts: Sequence[Expert]) -> list[FormerFocalPoint]:
    """Cabo Verde's Director General for Immigration, operational focal point of the four Cabo Verde Actions, an
    expert of the Mauritius Action; and each generic non-EU official deployed on a completed Action after a case
    study of its own country, once its strategic focal point (invented: the report says it happens)."""
    by_key = {a.key: a for a in actions}
    mauritius = by_key["cs13-mauritius-1"]
    specs = {e.reference: e.spec for e in experts}
    [director] = [r for r in mauritius.experts if specs[r].nationality == "CV"]
    on = mauritius.held[0].starts_on
    found = [
        FormerFocalPoint(director, key, "OPERATIONAL", on) for key in ("cv-1", "cv-2", "cv-3", "cs08-cabo-verde-4")
    ]
    case_studies = sorted((a for a in actions if a.case_study), key=lambda a: a.approved_on)
    taken: set[str] = set()
    for plan in sorted(
        (a for a in actions if a.outcome == COMPLETED and not a.case_study), key=lambda a: a.approved_on
    ):
        for reference in dict.fromkeys(plan.experts):
            if specs[reference].category != NON_EU_GOV:
                continue
            earlier = next((c for c in case_studies if c.countries == (specs[reference].nationality,)
                            and c.approved_on < plan.approved_on and c.key not in taken), None)  # fmt: skip
            if earlier is not None:
                taken.add(earlier.key)
                found.append(FormerFocalPoint(reference, earlier.key, "STRATEGIC", plan.held[0].starts_on))
    return found


def _co_facilitating(plan: ActionPlan) -> bool:
    key = plan.key.removeprefix("action-")
    return plan.outcome == COMPLETED and key != plan.key and int(key) % CO_FACILITATING_EVERY == 6


def with_aftermath(actions: Sequence[ActionPlan]) -> list[ActionPlan]:
    """The case studies with what followed them; the generic drafting sessions co-facilitated."""
    found = []
    for plan in actions:
        co_facilitated = CO_FACILITATED.get(plan.key, ())
        if _co_facilitating(plan):
            co_facilitated = tuple(i for i, a in enumerate(plan.activities)
                                   if a.type == "DRAFTING_SESSION" and a.held and not a.cancelled)  # fmt: skip
        found.append(replace(plan, follow_ups=FOLLOW_UPS.get(plan.key, ()), complements=COMPLEMENTS.get(plan.key, ()),
                             replications=REPLICATIONS.get(plan.key, ()),
                             co_facilitated=co_facilitated))  # fmt: skip
    return found
