"""The read rows of ACCESS.md about feedback: summaries, Action feedback, the review, completeness, and the
portfolio figures."""

from __future__ import annotations

from typing import Any

from .access_world import (
    COORDINATOR,
    EXPERT,
    FOCAL_POINT,
    FORBIDDEN,
    OK,
    PM,
    REPORTING,
    Row,
    Rows,
    World,
    af_as,
    dig,
)


def feedback_rows() -> list[Row]:
    rows = Rows()
    row = rows.add
    summary = "feedbackSummary { responses suppressed criteria { criterion mean } }"
    row(
        "activity feedback summary (6 responses in Africa, 3 in Asia)",
        f"query($a: ID!, $s: ID!) {{ a: activity(id: $a) {{ {summary} }} s: activity(id: $s) {{ {summary} }} }}",
        lambda w: {"a": w.africa["activity"], "s": w.asia["activity"]},
        lambda d, w: tuple(
            None
            if dig(d, k, "feedbackSummary") is None
            else (
                d[k]["feedbackSummary"]["responses"],
                d[k]["feedbackSummary"]["suppressed"],
                d[k]["feedbackSummary"]["criteria"][0]["mean"],
            )
            for k in ("a", "s")
        ),
        lambda w: {
            PM: (((6, False, 4.33), (3, False, 4.33)), OK),
            COORDINATOR: ((None, (3, True, None)), OK),
            FOCAL_POINT: (((6, False, 4.2), None), OK),  # the first block of five responses: 21 / 5
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    feedback = "feedback { expertFeedback { expertId note } partnerFeedback { note } expertsDeployed }"
    row(
        "Action feedback (Action.feedback, with the internal notes)",
        f"query($a: ID!, $s: ID!) {{ a: action(id: $a) {{ {feedback} }} s: action(id: $s) {{ {feedback} }} }}",
        af_as,
        lambda d, w: tuple(
            None
            if dig(d, k, "feedback") is None
            else (
                tuple((i["expertId"], i["note"]) for i in d[k]["feedback"]["expertFeedback"]),
                dig(d, k, "feedback", "partnerFeedback", "note"),
                len(d[k]["feedback"]["expertsDeployed"]),
            )
            for k in ("a", "s")
        ),
        lambda w: {
            PM: (((((w.e1, "internal note A"),), "partner note A", 2), ((), "internal note S", 1)), OK),
            COORDINATOR: ((None, ((), None, 1)), OK),
            FOCAL_POINT: (((((w.e1, None),), None, 2), None), OK),
            EXPERT: ((None, None), FORBIDDEN),  # DEPARTS: the service would show E1 its own item; no path here
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    review = """review(period: "2019", region: $r) { region participant { responses suppressed }
                actionLevel { responses suppressed } }"""

    def review_of(d: Any, w: World) -> Any:
        r = dig(d, "review")
        return (
            None
            if r is None
            else (
                r["region"],
                r["participant"]["responses"],
                r["participant"]["suppressed"],
                r["actionLevel"]["responses"],
                r["actionLevel"]["suppressed"],
            )
        )

    Seen = tuple[str | None, int, bool, int, bool] | None

    def review_row(region: str | None, pm: Seen, coordinator: Seen, reporting: Seen) -> None:
        row(
            f"review of 2019, region {region}",
            f"query($r: Region) {{ {review} }}",
            lambda w: {"r": region},
            review_of,
            lambda w: {
                PM: (pm, OK),
                COORDINATOR: (coordinator, FORBIDDEN if coordinator is None else OK),
                FOCAL_POINT: (None, FORBIDDEN),
                EXPERT: (None, FORBIDDEN),
                REPORTING: (reporting, OK),
            },
        )

    review_row(None, (None, 9, False, 3, False), ("ASIA", 3, True, 1, True), (None, 9, False, 3, True))
    review_row("ASIA", ("ASIA", 3, False, 1, False), ("ASIA", 3, True, 1, True), ("ASIA", 3, True, 1, True))
    review_row("AFRICA", ("AFRICA", 6, False, 2, False), None, ("AFRICA", 6, False, 2, True))
    completeness = """feedbackCompleteness(region: $r) { activities { held withFeedback }
                      actions { due items { actionId expertsWithoutFeedback } } }"""

    def completeness_of(d: Any, w: World) -> Any:
        c = dig(d, "feedbackCompleteness")
        if c is None:
            return None
        items = c["actions"]["items"]
        return (
            c["activities"]["held"],
            c["actions"]["due"],
            tuple(sorted(i["actionId"] for i in items)),
            tuple(sorted(e for i in items for e in i["expertsWithoutFeedback"])),
        )

    row(
        "feedback completeness (all regions)",
        f"query($r: Region) {{ {completeness} }}",
        lambda w: {"r": None},
        completeness_of,
        lambda w: {
            PM: ((2, 2, tuple(sorted((w.africa["action"], w.asia["action"]))), tuple(sorted((w.e2, w.e1)))), OK),
            COORDINATOR: ((1, 1, (w.asia["action"],), (w.e1,)), OK),
            FOCAL_POINT: ((1, 1, (w.africa["action"],), (w.e2,)), OK),
            EXPERT: (None, FORBIDDEN),
            # aggregates only: the counts, no ids of Actions or experts
            REPORTING: ((2, 2, (), ()), OK),
        },
    )
    row(
        "feedback completeness of another region (AFRICA)",
        f"query($r: Region) {{ {completeness} }}",
        lambda w: {"r": "AFRICA"},
        completeness_of,
        lambda w: {
            PM: ((1, 1, (w.africa["action"],), (w.e2,)), OK),
            COORDINATOR: ((0, 0, (), ()), OK),
            FOCAL_POINT: ((1, 1, (w.africa["action"],), (w.e2,)), OK),
            EXPERT: (None, FORBIDDEN),
            REPORTING: ((1, 1, (), ()), OK),
        },
    )
    row(
        "portfolio figures (requests received, Actions opened)",
        "{ portfolio { requests { received } actions { actions { opened } } } }",
        lambda w: {},
        lambda d, w: (dig(d, "portfolio", "requests", "received"), dig(d, "portfolio", "actions", "actions", "opened")),
        lambda w: {
            PM: ((2, 2), OK),
            COORDINATOR: ((1, 1), OK),
            FOCAL_POINT: ((1, 1), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((2, 2), OK),
        },
    )
    return rows
