"""The published views' vocabulary: codes that grow with the rules stay readable."""

from __future__ import annotations

from contracts.views.actions import ActionWarningCode
from contracts.views.requests import EligibilityCode, ReasonView


def test_a_rule_code_this_version_does_not_know_reads_as_other() -> None:
    assert EligibilityCode("REGION_RETIRED_LONG_AGO") is EligibilityCode.OTHER
    assert ReasonView(code="REGION_RETIRED_LONG_AGO", message="kept").code is EligibilityCode.OTHER
    assert ActionWarningCode("LAUNCHED_LATE") is ActionWarningCode.LAUNCHED_LATE
