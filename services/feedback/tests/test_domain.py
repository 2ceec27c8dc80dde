"""Pure domain: review periods, exact means, suppression of small cells."""

from __future__ import annotations

from datetime import date

import pytest
from contracts.events.feedback import ParticipantCriterion, PeriodKind
from feedback_service.domain.periods import Period, closed_periods
from feedback_service.domain.stats import ParticipantTally, mean_of, participant_review


def test_periods_are_quarters_half_years_and_years() -> None:
    assert Period.parse("2019-Q3") == Period(date(2019, 7, 1), date(2019, 9, 30), PeriodKind.QUARTER, "2019-Q3")
    assert Period.parse("2019-H1").end == date(2019, 6, 30)
    assert Period.parse("2019-H2") == Period(date(2019, 7, 1), date(2019, 12, 31), PeriodKind.HALF_YEAR, "2019-H2")
    assert Period.parse("2020") == Period(date(2020, 1, 1), date(2020, 12, 31), PeriodKind.YEAR, "2020")
    for wrong in ("2019-Q5", "2019-H3", "19-Q1", "2019Q1", ""):
        with pytest.raises(ValueError):
            Period.parse(wrong)


def test_periods_close_once_their_last_day_has_passed() -> None:
    closed = [p.id for p in closed_periods(date(2019, 5, 2), date(2020, 1, 2))]

    assert closed == ["2019-Q2", "2019-H1", "2019-Q3", "2019-Q4", "2019-H2", "2019"]


def test_means_are_exact_and_rounded_half_up_to_two_decimals() -> None:
    assert mean_of([0, 0, 1, 8, 3]) == 4.17  # 50 / 12
    assert mean_of([0, 0, 0, 1, 1]) == 4.5
    assert mean_of([1, 0, 0, 0, 7]) == 4.5  # 36 / 8
    assert mean_of([0, 0, 5, 3, 0]) == 3.38  # 27 / 8 = 3.375, half up
    assert mean_of([0, 0, 0, 0, 0]) is None


def test_a_cell_of_fewer_than_five_responses_is_suppressed_only_when_asked() -> None:
    tally = ParticipantTally(responses=4, activities=1, distributions={ParticipantCriterion.RELEVANCE: (0, 0, 0, 2, 2)})

    hidden = participant_review(tally, suppress=True)
    shown = participant_review(tally, suppress=False)

    assert hidden.suppressed and hidden.criteria[0].mean is None and hidden.criteria[0].responses == 4
    assert not shown.suppressed and shown.criteria[0].mean == 4.5 and shown.criteria[0].distribution == (0, 0, 0, 2, 2)
