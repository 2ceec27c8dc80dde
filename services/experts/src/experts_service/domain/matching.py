"""Matching (pure): rank the roster for one activity, with the reasons (and points) behind every rank.

Criteria: thematic fit (area, topics of the Action), languages asked for, availability over the activity's
dates, and category preference: EU Member State public administrations first, non-EU officials whenever
necessary (R18). Never a candidate: a suspended or erased expert, one confirmed on an overlapping
activity, or one already proposed or confirmed for this activity.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from contracts.events.experts import ExpertCategory, ExpertProfile, LanguageLevel
from contracts.events.requests import ThematicArea
from contracts.reference import country
from contracts.views.experts import ExclusionReason
from contracts.views.experts import RankReasonCode as Code

from experts_service.domain.commands import ActivityFacts

WORKING_LEVEL = LanguageLevel.B2
_LEVELS = list(LanguageLevel)
CATEGORY_ORDER = {ExpertCategory.EU_MS_GOVERNMENTAL: 0, ExpertCategory.NON_EU_GOVERNMENTAL: 1, ExpertCategory.OTHER: 2}


@dataclass(frozen=True, slots=True)
class Reason:
    code: Code
    message: str
    points: int


@dataclass(frozen=True, slots=True)
class Target:
    """The activity to staff, the Action's topic, and the working languages asked for."""

    activity: ActivityFacts
    action_topic: str | None = None
    languages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    expert_id: str
    profile: ExpertProfile
    suspended: bool = False
    erased: bool = False
    confirmed_ranges: tuple[tuple[date, date], ...] = ()  # other activities the expert is confirmed on
    on_this_activity: bool = False  # already proposed, confirmed or completed for it
    on_this_action: bool = False  # confirmed or completed on another activity of the same Action


@dataclass(frozen=True, slots=True)
class Ranked:
    expert_id: str
    score: int
    reasons: tuple[Reason, ...]
    profile: ExpertProfile
    rank: int = 0


@dataclass(frozen=True, slots=True)
class Ranking:
    ranked: list[Ranked]
    excluded: dict[ExclusionReason, int] = field(default_factory=dict)  # how many experts, by reason


def exclusion(candidate: Candidate, activity: ActivityFacts) -> ExclusionReason | None:
    if candidate.erased:
        return ExclusionReason.ERASED
    if candidate.suspended:
        return ExclusionReason.SUSPENDED
    if candidate.on_this_activity:
        return ExclusionReason.ALREADY_ON_ACTIVITY
    if any(s <= activity.ends_on and activity.starts_on <= e for s, e in candidate.confirmed_ranges):
        return ExclusionReason.DOUBLE_BOOKED
    return None


def rank(target: Target, candidates: Sequence[Candidate]) -> Ranking:
    excluded: dict[ExclusionReason, int] = {}
    scored: list[Ranked] = []
    for candidate in candidates:
        why_not = exclusion(candidate, target.activity)
        if why_not is not None:
            excluded[why_not] = excluded.get(why_not, 0) + 1
            continue
        reasons = reasons_for(target, candidate)
        scored.append(Ranked(candidate.expert_id, sum(r.points for r in reasons), tuple(reasons), candidate.profile))
    scored.sort(key=lambda r: (-r.score, CATEGORY_ORDER[r.profile.category], r.expert_id))
    ranked = [Ranked(r.expert_id, r.score, r.reasons, r.profile, rank=i + 1) for i, r in enumerate(scored)]
    return Ranking(ranked, excluded)


def reasons_for(target: Target, candidate: Candidate) -> list[Reason]:
    return [
        *_thematic(target, candidate.profile),
        *_languages(target.languages, candidate.profile),
        _availability(target.activity, candidate.profile),
        *_category(target.activity, candidate.profile),
        *([Reason(Code.CONTINUITY, "already deployed on this Action", 5)] if candidate.on_this_action else []),
    ]


def _words(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", text.lower()) if len(w) >= 4]


def topic_matches(topic: str, action_topic: str) -> bool:
    """Every significant word of the topic code (or its stem) occurs in the Action's topic."""
    words = _words(topic)
    haystack = _words(action_topic)
    return bool(words) and all(any(h.startswith(w[:5]) for h in haystack) for w in words)


def _thematic(target: Target, profile: ExpertProfile) -> list[Reason]:
    area = target.activity.thematic_area
    reasons: list[Reason] = []
    for expertise in profile.expertise:
        if expertise.thematic_area == area:
            reasons.append(Reason(Code.THEMATIC_AREA_MATCH, f"expertise in {area}", 40))
            matched = [t for t in expertise.topics if target.action_topic and topic_matches(t, target.action_topic)]
            if matched:
                reasons.append(
                    Reason(
                        Code.TOPIC_MATCH, f"topics of the Action: {', '.join(matched[:2])}", 10 * min(len(matched), 2)
                    )
                )
    has_horizontal = any(x.thematic_area is ThematicArea.HORIZONTAL for x in profile.expertise)
    if area is not ThematicArea.HORIZONTAL and has_horizontal:
        reasons.append(Reason(Code.HORIZONTAL_EXPERTISE, "cross-cutting expertise (horizontal interventions)", 10))
    if not reasons:
        reasons.append(Reason(Code.NO_THEMATIC_MATCH, f"no expertise in {area}", 0))
    return reasons


def _languages(wanted: Sequence[str], profile: ExpertProfile) -> list[Reason]:
    levels = {skill.language: skill.level for skill in profile.languages}
    reasons = []
    for language in wanted:
        level = levels.get(language)
        if level is None:
            reasons.append(Reason(Code.LANGUAGE_MISSING, f"does not speak {language}", 0))
        elif _LEVELS.index(level) >= _LEVELS.index(WORKING_LEVEL):
            reasons.append(Reason(Code.LANGUAGE_MATCH, f"works in {language} ({level})", 15))
        else:
            reasons.append(Reason(Code.LANGUAGE_LIMITED, f"limited {language} ({level})", 5))
    return reasons


def _availability(activity: ActivityFacts, profile: ExpertProfile) -> Reason:
    windows = profile.availability
    if not windows:
        return Reason(Code.AVAILABILITY_UNKNOWN, "no availability windows given", 0)
    if any(w.available_from <= activity.starts_on and activity.ends_on <= w.available_to for w in windows):
        return Reason(Code.AVAILABLE, f"available from {activity.starts_on} to {activity.ends_on}", 20)
    if any(w.available_from <= activity.ends_on and activity.starts_on <= w.available_to for w in windows):
        return Reason(Code.PARTLY_AVAILABLE, "available for part of the activity's dates", 5)
    return Reason(Code.NOT_AVAILABLE, "not available on the activity's dates", -20)


def _category(activity: ActivityFacts, profile: ExpertProfile) -> list[Reason]:
    reasons = []
    if profile.category is ExpertCategory.EU_MS_GOVERNMENTAL:
        reasons.append(
            Reason(
                Code.EU_MS_PUBLIC_ADMINISTRATION,
                f"official of an EU Member State ({profile.member_state}), sourced first (R18)",
                25,
            )
        )
    elif profile.category is ExpertCategory.NON_EU_GOVERNMENTAL:
        reasons.append(Reason(Code.NON_EU_PUBLIC_ADMINISTRATION, "official of a non-EU administration", 10))
    else:
        reasons.append(Reason(Code.OTHER_BACKGROUND, f"expert from another background ({profile.sector})", 0))
    home = country(profile.nationality)
    peer = home is not None and home.is_partner and home.region == activity.region
    if peer and profile.nationality not in activity.countries:
        reasons.append(Reason(Code.REGIONAL_PEER, f"peer from {profile.nationality}, same region (South-South)", 5))
    return reasons
