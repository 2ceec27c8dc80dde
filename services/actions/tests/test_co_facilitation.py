"""Partner co-facilitation: staff of the Action's own institutions facilitating an activity with the experts.

Jordan II (2017-2018): the Ministry of Social Development's focal point guided the SOP drafting sessions
alongside the MIEUX experts, for ownership and sustainability.
"""

from __future__ import annotations

from datetime import date

import httpx
import pytest
from actions_service.domain import errors as e
from actions_service.domain.commands import CancelActivity, RecordCoFacilitation
from actions_service.domain.state import Action
from contracts.events.actions import ActivityCoFacilitated
from service_core.errors import NotFound

from .api_helpers import agreed, held, ok, planned, seed
from .conftest import Auth, Deliver
from .domain_helpers import ACTION, agree, draft, given, hold, opening, plan, run

MOSD, SHELTER_NGO = "jo-mosd", "jo-jwu"


def co_facilitation(activity_id: str = "ds-1", authority_id: str = MOSD, **changes: object) -> RecordCoFacilitation:
    base: dict[str, object] = {"focal_point_id": "fp-mosd", "recorded_on": date(2016, 6, 5)}
    return RecordCoFacilitation(ACTION, activity_id, authority_id, **{**base, **changes})  # type: ignore[arg-type]


def jordan_like() -> Action:
    """Requested by the ministry with the shelter's union as co-requester; a drafting session planned."""
    return given(opening(authority_id=MOSD, co_requester_ids=(SHELTER_NGO,)), draft(), agree(), plan("ds-1"))


def test_the_requesting_institution_co_facilitates_a_held_activity_with_its_focal_point() -> None:
    state = given(opening(authority_id=MOSD), draft(), agree(), plan("ds-1"), hold("ds-1"))
    after, [event] = run(state, co_facilitation())
    assert event == ActivityCoFacilitated(
        activity_id="ds-1", action_id=ACTION, authority_id=MOSD, focal_point_id="fp-mosd", recorded_on=date(2016, 6, 5)
    )
    activity = after.activity("ds-1")
    assert activity is not None and activity.co_facilitated_by == (MOSD,)


def test_a_co_requesting_institution_may_co_facilitate_too_and_each_only_once() -> None:
    state = jordan_like()
    state, _ = run(state, co_facilitation())
    state, [event] = run(state, co_facilitation(authority_id=SHELTER_NGO, focal_point_id=None))
    assert isinstance(event, ActivityCoFacilitated)
    assert (event.authority_id, event.focal_point_id) == (SHELTER_NGO, None)
    with pytest.raises(e.Refused) as refused:
        run(state, co_facilitation())
    assert refused.value.code == e.CO_FACILITATION_ALREADY_RECORDED


def test_an_institution_outside_the_action_cannot_co_facilitate() -> None:
    with pytest.raises(e.InvalidCommand) as refused:
        run(jordan_like(), co_facilitation(authority_id="be-fedasil"))
    assert (refused.value.code, refused.value.field) == (e.NOT_A_PARTNER_INSTITUTION, "authority_id")


def test_a_cancelled_or_unknown_activity_takes_no_co_facilitation() -> None:
    cancelled = given(opening(authority_id=MOSD), plan("ds-1"), CancelActivity(ACTION, "ds-1", date(2016, 5, 20), "x"))
    with pytest.raises(e.Refused) as refused:
        run(cancelled, co_facilitation())
    assert refused.value.code == e.ACTIVITY_CANCELLED
    with pytest.raises(NotFound):
        run(cancelled, co_facilitation(activity_id="nope"))


def test_a_co_facilitation_is_dated_between_the_approval_and_today() -> None:
    with pytest.raises(e.Refused) as early:
        run(jordan_like(), co_facilitation(recorded_on=date(2016, 4, 1)))
    assert (early.value.code, early.value.field) == (e.DATE_BEFORE_APPROVAL, "recorded_on")
    with pytest.raises(e.InvalidCommand) as future:
        run(jordan_like(), co_facilitation(recorded_on=date(2030, 1, 1)))
    assert future.value.field == "recorded_on"


async def test_co_facilitation_is_kept_on_the_activity_view_with_the_action_version(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver, countries=("JO",), region="EU_NEIGHBOURHOOD", authority_id=MOSD,
                           co_requester_ids=(SHELTER_NGO,), received_on=date(2016, 11, 2),
                           approved_on=date(2017, 1, 20))  # fmt: skip
    await agreed(client, auth, action_id, on=date(2017, 2, 1))
    activity_id = await planned(client, auth, action_id, "DRAFTING_SESSION", date(2017, 10, 9), place_country="JO")
    version = (await held(client, auth, activity_id, date(2017, 10, 9)))["version"]
    body = {"authority_id": MOSD, "focal_point_id": "fp-mosd", "recorded_on": "2017-10-13",
            "expected_version": version}  # fmt: skip
    answer = await ok(await client.post(f"/activities/{activity_id}/co-facilitation", json=body, headers=pm))
    assert answer["activity"]["co_facilitators"] == [
        {"authority_id": MOSD, "focal_point_id": "fp-mosd", "recorded_on": "2017-10-13"}
    ]
    assert answer["version"] == version + 1
    reread = await ok(await client.get(f"/activities/{activity_id}", headers=pm))
    assert reread["co_facilitators"] == answer["activity"]["co_facilitators"]

    stale = await client.post(f"/activities/{activity_id}/co-facilitation",
                              json={"authority_id": SHELTER_NGO, "expected_version": version}, headers=pm)  # fmt: skip
    assert (stale.status_code, stale.json()["error"]["code"]) == (409, e.CONCURRENT_MODIFICATION)
    twice = await client.post(f"/activities/{activity_id}/co-facilitation", json={"authority_id": MOSD}, headers=pm)
    assert (twice.status_code, twice.json()["error"]["code"]) == (409, e.CO_FACILITATION_ALREADY_RECORDED)


async def test_bad_co_facilitation_bodies_are_refused_naming_the_field(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver, authority_id=MOSD)
    await agreed(client, auth, action_id)
    activity_id = await planned(client, auth, action_id, "WORKSHOP", date(2016, 6, 1))
    for body, status, code, field in (
        ({"authority_id": "be-fedasil"}, 422, e.NOT_A_PARTNER_INSTITUTION, "authority_id"),
        ({}, 422, "VALIDATION_ERROR", "authority_id"),
        ({"authority_id": MOSD, "who": "a name"}, 422, "VALIDATION_ERROR", "who"),
    ):
        refused = await client.post(f"/activities/{activity_id}/co-facilitation", json=body, headers=pm)
        assert refused.status_code == status, refused.text
        assert (refused.json()["error"]["code"], refused.json()["error"]["field"]) == (code, field)
    expert = await client.post(f"/activities/{activity_id}/co-facilitation", json={"authority_id": MOSD},
                               headers=auth("expert", expert_id="x"))  # fmt: skip
    assert expert.status_code == 403
