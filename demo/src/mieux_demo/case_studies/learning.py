"""What the case studies left behind: their outcomes (facts.json `outcomes`, in our words) and a lesson learnt
or good practice each (kind, survey category, a summary of ours). Outcomes name the deliverables they stem
from by title."""

from __future__ import annotations

from mieux_demo.model import Learning, Outcome

_L, _G = "LESSON_LEARNT", "GOOD_PRACTICE"
LEARNING: dict[str, tuple[tuple[Learning, ...], tuple[Outcome, ...]]] = {
    "cs01-thailand-1": ((Learning(_G, "OUTCOME", "Study visits turned into a housing-first pilot run by the partner"),),
                        (Outcome("270 small houses built in self-help settlements in 24 provinces", "ENABLING_ENVIRONMENT"),)),
    "cs01-thailand-2": ((Learning(_G, "METHODOLOGY", "Shelter staff chose the workshop topics; brochures reused them"),),
                        (Outcome("3,800 children in 22 schools informed about trafficking", "INDIVIDUAL",
                                 ("Gender and THB",)),)),
    "cs02-peru-3": ((Learning(_G, "APPROACH", "Mixed teams from the region and the EU, public and private"),),
                    (Outcome("The Interior Ministry drafted procedures for smuggling cases from the guidelines",
                             "ORGANISATIONAL"),)),
    "cs03-philippines-1": ((Learning(_G, "OUTPUT", "The handbook travelled: reused in Myanmar with Philippine experts"),),
                           (Outcome("Pre-employment orientation made mandatory online; recruitment caravans", "ORGANISATIONAL"),)),
    "cs04-south-east-asia": ((Learning(_L, "ACTIVITIES", "A regional format drew all ten ASEAN members"),),
                             (Outcome("A migration network modelled on the EMN funded by a third donor", "ORGANISATIONAL"),)),
    "cs05-west-africa": ((Learning(_G, "OUTCOME", "Listed by the GFMD as a practice for climate action (SDG 13)"),),
                         (Outcome("Findings taken up by Benin's M&D working group and Togo's ACMHR",
                                  "ORGANISATIONAL"),)),
    "cs06-belarus-1": ((Learning(_L, "APPROACH", "An informal working group prepared the ground for the official one"),),
                       (Outcome("Working-group members joined the official high-level group", "ORGANISATIONAL"),)),
    "cs07-costa-rica-2": ((Learning(_G, "METHODOLOGY", "Local and national experts together: vertical coherence"),),
                          (Outcome("The integration plan entered the national development plan", "ENABLING_ENVIRONMENT"),)),
    "cs08-cabo-verde-4": ((Learning(_G, "APPROACH", "Town halls networked around the municipal action plans"),),
                          (Outcome("An informal network of town halls, to be formalised in 22 municipalities",
                                   "ORGANISATIONAL",
                                   ("Municipal Action Plan for Immigration and Integration (MAPII)",)),)),
    "cs09-comesa-2": ((Learning(_L, "ACTIVITIES", "Remote support between workshops kept the data work going"),),
                      (Outcome("Member states proposed a legal framework for data sharing", "ENABLING_ENVIRONMENT"),)),
    "cs10-kenya-2": ((Learning(_G, "OUTCOME", "A donor continued the training with a core group"),),
                     (Outcome("20 technical officers trained on data sources and procedures", "INDIVIDUAL"),)),
    "cs11-mexico-2": ((Learning(_G, "METHODOLOGY", "Certified trainers and practice interviews, not lectures"),),
                      (Outcome("Child interviews redesigned: standard method, no uniforms", "ORGANISATIONAL"),)),
    "cs12-jordan-2": ((Learning(_G, "APPROACH", "Work inside the shelters moved staff to a victim-centred approach"),),
                      (Outcome("The legal definition of trafficking aligned with international standards",
                               "ENABLING_ENVIRONMENT"),)),
    "cs13-mauritius-1": ((Learning(_G, "APPROACH", "Whole-of-government drafting, with a regional consultation"),),
                         (Outcome("A migration unit oversees the policy; the monitoring mechanism meets monthly",
                                  "ORGANISATIONAL",
                                  ("National Migration and Development Policy and Action Plan",)),)),
    "cs14-malawi-1": ((Learning(_G, "OUTCOME", "Political will at the top made the interagency work possible"),),
                      (Outcome("Missions abroad applied parts of the policy before its adoption", "ORGANISATIONAL",
                               ("Diaspora Engagement Policy",)),)),
    "cs15-madagascar-1": ((Learning(_L, "ACTIVITIES", "Remote consultation of the diaspora between two visits"),), ()),
    "cs16-brazil-2": ((Learning(_L, "METHODOLOGY", "A two-week fact-finding mission, double the usual, paid off"),),
                      (Outcome("Simplified birth registration for children of migrant parents in Roraima",
                               "ENABLING_ENVIRONMENT"),)),
}  # fmt: skip
