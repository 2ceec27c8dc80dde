"""The read rows of ACCESS.md about requests, Actions and experts; the feedback rows are in access_feedback_reads."""

from __future__ import annotations

from .access_feedback_reads import feedback_rows
from .access_world import (
    COORDINATOR,
    EXPERT,
    FOCAL_POINT,
    FORBIDDEN,
    NOT_FOUND,
    OK,
    PM,
    REPORTING,
    Row,
    Rows,
    af_as,
    dig,
    ids,
    nodes,
    shown,
)


def read_rows() -> list[Row]:
    return [*action_rows(), *expert_rows(), *feedback_rows()]


def action_rows() -> list[Row]:
    """Requests, Actions, activities and deliverables."""
    rows = Rows()
    row = rows.add
    row(
        "request by id (African, Asian)",
        "query($a: ID!, $s: ID!) { a: request(id: $a) { id } s: request(id: $s) { id } }",
        lambda w: {"a": w.africa["request"], "s": w.asia["request"]},
        lambda d, w: (shown(dig(d, "a")), shown(dig(d, "s"))),
        lambda w: {
            PM: (("shown", "shown"), OK),
            COORDINATOR: (("null", "shown"), OK),
            FOCAL_POINT: (("shown", "null"), OK),
            EXPERT: (("null", "null"), FORBIDDEN),
            REPORTING: (("null", "null"), FORBIDDEN),
        },
    )
    row(
        "requests connection, region(AFRICA).requests",
        "{ requests { totalCount } region(code: AFRICA) { requests { totalCount } } }",
        lambda w: {},
        lambda d, w: (dig(d, "requests", "totalCount"), dig(d, "region", "requests", "totalCount")),
        lambda w: {
            PM: ((2, 1), OK),
            COORDINATOR: ((1, 0), OK),
            FOCAL_POINT: ((1, 1), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    row(
        "Action by id (African, Asian)",
        "query($a: ID!, $s: ID!) { a: action(id: $a) { id } s: action(id: $s) { id } }",
        af_as,
        lambda d, w: (shown(dig(d, "a")), shown(dig(d, "s"))),
        lambda w: {
            PM: (("shown", "shown"), OK),
            COORDINATOR: (("null", "shown"), OK),
            FOCAL_POINT: (("shown", "null"), OK),
            EXPERT: (("null", "null"), FORBIDDEN),
            REPORTING: (("null", "null"), FORBIDDEN),
        },
    )
    row(
        "actions connection, region(AFRICA).actions, country(CV).actions",
        """{ actions { totalCount } region(code: AFRICA) { actions { totalCount } }
             country(code: "CV") { actions { totalCount } } }""",
        lambda w: {},
        lambda d, w: (
            dig(d, "actions", "totalCount"),
            dig(d, "region", "actions", "totalCount"),
            dig(d, "country", "actions", "totalCount"),
        ),
        lambda w: {
            PM: ((2, 1, 1), OK),
            COORDINATOR: ((1, 0, 0), OK),
            FOCAL_POINT: ((1, 1, 1), OK),
            EXPERT: ((None, None, None), FORBIDDEN),
            REPORTING: ((None, None, None), FORBIDDEN),
        },
    )
    row(
        "Action through its request (request.action)",
        "query($a: ID!, $s: ID!) { a: request(id: $a) { action { id } } s: request(id: $s) { action { id } } }",
        lambda w: {"a": w.africa["request"], "s": w.asia["request"]},
        lambda d, w: (shown(dig(d, "a", "action")), shown(dig(d, "s", "action"))),
        lambda w: {
            PM: (("shown", "shown"), OK),
            COORDINATOR: (("null", "shown"), OK),
            FOCAL_POINT: (("shown", "null"), OK),
            EXPERT: (("null", "null"), FORBIDDEN),
            REPORTING: (("null", "null"), FORBIDDEN),
        },
    )
    row(
        "activity by id, and Action.activities",
        """query($a: ID!, $s: ID!, $x: ID!, $y: ID!) { a: activity(id: $a) { id } s: activity(id: $s) { id }
             x: action(id: $x) { activities { edges { node { id } } } } y: action(id: $y) { activities { edges { node { id } } } } }""",
        lambda w: {
            "a": w.africa["activity"],
            "s": w.asia["activity"],
            "x": w.africa["action"],
            "y": w.asia["action"],
        },
        lambda d, w: (
            shown(dig(d, "a")),
            shown(dig(d, "s")),
            ids(dig(d, "x", "activities")) is not None,
            ids(dig(d, "y", "activities")) is not None,
        ),
        lambda w: {
            PM: (("shown", "shown", True, True), OK),
            COORDINATOR: (("null", "shown", False, True), OK),
            FOCAL_POINT: (("shown", "null", True, False), OK),
            EXPERT: (("null", "null", False, False), FORBIDDEN),
            REPORTING: (("null", "null", False, False), FORBIDDEN),
        },
    )
    row(
        "deliverables (Action.deliverables)",
        "query($a: ID!, $s: ID!) { a: action(id: $a) { deliverables { edges { node { id } } } } s: action(id: $s) { deliverables { edges { node { id } } } } }",
        af_as,
        lambda d, w: (ids(dig(d, "a", "deliverables")), ids(dig(d, "s", "deliverables"))),
        lambda w: {
            PM: (((w.africa["deliverable"],), (w.asia["deliverable"],)), OK),
            COORDINATOR: ((None, (w.asia["deliverable"],)), OK),
            FOCAL_POINT: (((w.africa["deliverable"],), None), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    return rows


def expert_rows() -> list[Row]:
    """Expert profiles, personal data, deployments, candidates and an Action's expert composition."""
    rows = Rows()
    row = rows.add
    expert_fields = "id deploymentRegions deploymentsCompleted evaluationsCount averageScore"
    row(
        "expert profile by id (E1 both regions, E2 Africa, E3 never deployed)",
        f"query($e1: ID!, $e2: ID!, $e3: ID!) {{ e1: expert(id: $e1) {{ {expert_fields} }} e2: expert(id: $e2) {{ id }}"
        " e3: expert(id: $e3) { id } }",
        lambda w: {"e1": w.e1, "e2": w.e2, "e3": w.e3},
        lambda d, w: (
            None
            if dig(d, "e1") is None
            else (
                tuple(d["e1"]["deploymentRegions"]),
                d["e1"]["deploymentsCompleted"],
                d["e1"]["evaluationsCount"],
                shown(d["e1"]["averageScore"]),
            ),
            shown(dig(d, "e2")),
            shown(dig(d, "e3")),
        ),
        lambda w: {
            PM: (((("AFRICA", "ASIA"), 2, 1, "shown"), "shown", "shown"), OK),
            # an Asia coordinator sees E1 only as far as Asia goes: its region, deployment and (no) evaluation there
            COORDINATOR: (((("ASIA",), 1, 0, "null"), "null", "null"), OK),
            FOCAL_POINT: ((None, "null", "null"), FORBIDDEN),
            EXPERT: (((("AFRICA", "ASIA"), 2, 1, "shown"), "null", "null"), OK),
            REPORTING: ((None, "null", "null"), FORBIDDEN),
        },
    )
    row(
        "experts connection, region(AFRICA).experts",
        "{ experts { totalCount } region(code: AFRICA) { experts { totalCount edges { node { id } } } } }",
        lambda w: {},
        lambda d, w: (dig(d, "experts", "totalCount"), dig(d, "region", "experts", "totalCount")),
        lambda w: {
            PM: ((3, 2), OK),
            # another region's experts are an empty list for a coordinator (it would tell where they were deployed)
            COORDINATOR: ((1, 0), OK),
            FOCAL_POINT: ((None, None), FORBIDDEN),
            EXPERT: ((1, 1), OK),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    row(
        "expert personal data (expert(E1).personalData, deployment.expert.personalData)",
        """query($e: ID!, $d: ID!) { expert(id: $e) { personalData { email } }
             deployment(id: $d) { expert { personalData { email } } } }""",
        lambda w: {"e": w.e1, "d": w.d_e1_asia},
        lambda d, w: (
            dig(d, "expert", "personalData", "email"),
            dig(d, "deployment", "expert", "personalData", "email"),
        ),
        lambda w: {
            PM: (("anna.schmidt@example.org", "anna.schmidt@example.org"), OK),
            COORDINATOR: ((None, None), OK),
            FOCAL_POINT: ((None, None), FORBIDDEN),
            EXPERT: (("anna.schmidt@example.org", "anna.schmidt@example.org"), OK),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    row(
        "deployment by id (E1 Africa with evaluation notes, E1 Asia, E2 Africa)",
        """query($a: ID!, $s: ID!, $o: ID!) { a: deployment(id: $a) { id evaluation { expertise notes } }
             s: deployment(id: $s) { id } o: deployment(id: $o) { id } }""",
        lambda w: {"a": w.d_e1_africa, "s": w.d_e1_asia, "o": w.d_e2_africa},
        lambda d, w: (
            None if dig(d, "a") is None else (d["a"]["evaluation"]["expertise"], d["a"]["evaluation"]["notes"]),
            shown(dig(d, "s")),
            shown(dig(d, "o")),
        ),
        lambda w: {
            PM: (((5, "internal only"), "shown", "shown"), OK),
            COORDINATOR: ((None, "shown", "null"), OK),
            FOCAL_POINT: (((5, None), "null", "shown"), OK),
            EXPERT: (((5, None), "shown", "null"), OK),
            REPORTING: ((None, "null", "null"), FORBIDDEN),
        },
    )
    row(
        "deployments of an expert (expert(E1).deployments)",
        "query($e: ID!) { expert(id: $e) { deployments { edges { node { id } } } } }",
        lambda w: {"e": w.e1},
        lambda d, w: ids(dig(d, "expert", "deployments")),
        lambda w: {
            PM: (tuple(sorted((w.d_e1_africa, w.d_e1_asia))), OK),
            COORDINATOR: ((w.d_e1_asia,), OK),
            FOCAL_POINT: (None, FORBIDDEN),
            EXPERT: (tuple(sorted((w.d_e1_africa, w.d_e1_asia))), OK),
            REPORTING: (None, FORBIDDEN),
        },
    )
    row(
        "deployments of an activity (activity.deployments)",
        "query($a: ID!, $s: ID!) { a: activity(id: $a) { deployments { edges { node { id } } } } s: activity(id: $s) { deployments { edges { node { id } } } } }",
        lambda w: {"a": w.africa["activity"], "s": w.asia["activity"]},
        lambda d, w: (ids(dig(d, "a", "deployments")), ids(dig(d, "s", "deployments"))),
        lambda w: {
            PM: ((tuple(sorted((w.d_e1_africa, w.d_e2_africa))), (w.d_e1_asia,)), OK),
            COORDINATOR: ((None, (w.d_e1_asia,)), OK),
            FOCAL_POINT: ((tuple(sorted((w.d_e1_africa, w.d_e2_africa))), None), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    row(
        "deployment -> expert, deployment -> activity (E1's African deployment)",
        "query($d: ID!) { deployment(id: $d) { expert { id } activity { id } } }",
        lambda w: {"d": w.d_e1_africa},
        lambda d, w: (
            None
            if dig(d, "deployment") is None
            else (shown(d["deployment"]["expert"]), shown(d["deployment"]["activity"]))
        ),
        lambda w: {
            PM: (("shown", "shown"), OK),
            COORDINATOR: (None, OK),
            FOCAL_POINT: (("null", "shown"), FORBIDDEN),
            EXPERT: (("shown", "null"), FORBIDDEN),
            REPORTING: (None, FORBIDDEN),
        },
    )
    row(
        "an African Action through an expert's deployments (expert(E1).deployments.activity.action)",
        "query($e: ID!) { expert(id: $e) { deployments { edges { node { activity { action { id } } } } } } }",
        lambda w: {"e": w.e1},
        lambda d, w: (
            None
            if dig(d, "expert", "deployments") is None
            else tuple(sorted(str(dig(x, "activity", "action", "id")) for x in nodes(d["expert"]["deployments"])))
        ),
        lambda w: {
            PM: (tuple(sorted((w.africa["action"], w.asia["action"]))), OK),
            COORDINATOR: ((w.asia["action"],), OK),
            FOCAL_POINT: (None, FORBIDDEN),
            EXPERT: (("None", "None"), FORBIDDEN),
            REPORTING: (None, FORBIDDEN),
        },
    )
    row(
        "candidate list (expertCandidates on the Asian, then the African activity)",
        """query($s: ID!) { expertCandidates(activityId: $s) { totalCount items { expertId profile { category } } } }""",
        lambda w: {"s": w.asia["activity"]},
        lambda d, w: (
            None
            if dig(d, "expertCandidates") is None
            else tuple(sorted(i["expertId"] for i in d["expertCandidates"]["items"]))
        ),
        lambda w: {
            PM: (tuple(sorted((w.e2, w.e3))), OK),
            COORDINATOR: (tuple(sorted((w.e2, w.e3))), OK),  # profiles of experts it cannot fetch by id
            FOCAL_POINT: (None, FORBIDDEN),
            EXPERT: (None, FORBIDDEN),
            REPORTING: (None, FORBIDDEN),
        },
    )
    row(
        "candidate list of another region's activity",
        "query($a: ID!) { expertCandidates(activityId: $a) { totalCount } }",
        lambda w: {"a": w.africa["activity"]},
        lambda d, w: dig(d, "expertCandidates", "totalCount"),
        lambda w: {
            PM: (1, OK),
            COORDINATOR: (None, NOT_FOUND),
            FOCAL_POINT: (None, FORBIDDEN),
            EXPERT: (None, FORBIDDEN),
            REPORTING: (None, FORBIDDEN),
        },
    )
    row(
        "expert composition (Action.expertComposition)",
        """query($a: ID!, $s: ID!) { a: action(id: $a) { expertComposition { expertsCount } }
             s: action(id: $s) { expertComposition { expertsCount } } }""",
        af_as,
        lambda d, w: (
            dig(d, "a", "expertComposition", "expertsCount"),
            dig(d, "s", "expertComposition", "expertsCount"),
        ),
        lambda w: {
            PM: ((2, 1), OK),
            COORDINATOR: ((None, 1), OK),
            FOCAL_POINT: ((2, None), OK),
            EXPERT: ((None, None), FORBIDDEN),
            REPORTING: ((None, None), FORBIDDEN),
        },
    )
    return rows
