"""Focal points who later join the roster: Cabo Verde's Director General for Immigration, focal point of the
four Cabo Verde Actions, shared the country's experience as an expert of the Mauritius Action (2019)."""

from __future__ import annotations

import uuid
from datetime import date

import httpx
import pytest
from contracts.events.experts import ExpertServedAsFocalPoint
from contracts.events.requests import FocalPointKind, FocalPointNominated, FocalPointPersonalDataErased
from experts_service.domain import errors as e
from experts_service.domain.commands import (
    ErasePersonalData,
    FocalPointFacts,
    RecordFormerFocalPoint,
    RegisterExpert,
)
from experts_service.domain.decide import decide
from experts_service.domain.state import Expert, evolve
from service_core.testing.http import Auth

from .conftest import Deliver, action_opened, activity_planned, ok, propose, register
from .test_domain import NOW, profile

DG = "cv-dg-immigration"


def focal_point(focal_point_id: str = "fp-cv-1", **changes: object) -> FocalPointFacts:
    base: dict[str, object] = {"request_id": "r-cv-1", "authority_id": DG, "kind": FocalPointKind.OPERATIONAL}
    return FocalPointFacts(focal_point_id, **{**base, **changes})  # type: ignore[arg-type]


def registered(expert_id: str = "x-cv") -> Expert:
    command = RegisterExpert(expert_id, profile("NON_EU_GOVERNMENTAL", nationality="CV"), date(2019, 1, 10))
    return evolve(Expert(), decide(Expert(), command, NOW)[0])


def test_an_expert_is_recorded_as_the_focal_point_it_served_as() -> None:
    state = registered()
    [event] = decide(state, RecordFormerFocalPoint("x-cv", focal_point(), date(2019, 2, 1)), NOW)
    assert event == ExpertServedAsFocalPoint(expert_id="x-cv", focal_point_id="fp-cv-1", request_id="r-cv-1",
                                             authority_id=DG, kind=FocalPointKind.OPERATIONAL,
                                             recorded_on=date(2019, 2, 1))  # fmt: skip
    state = evolve(state, event)
    assert state.former_focal_points == ("fp-cv-1",)
    [second] = decide(state, RecordFormerFocalPoint("x-cv", focal_point("fp-cv-2"), date(2019, 2, 1)), NOW)
    assert isinstance(second, ExpertServedAsFocalPoint) and second.focal_point_id == "fp-cv-2"


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        (focal_point(erased=True), e.FOCAL_POINT_ERASED),
        (focal_point(expert_id="someone-else"), e.FOCAL_POINT_OF_ANOTHER_EXPERT),
    ],
)
def test_an_erased_focal_point_or_one_of_another_expert_is_refused(facts: FocalPointFacts, code: str) -> None:
    with pytest.raises(e.Refused) as refused:
        decide(registered(), RecordFormerFocalPoint("x-cv", facts, date(2019, 2, 1)), NOW)
    assert (refused.value.code, refused.value.field) == (code, "focal_point_id")


def test_the_same_focal_point_is_recorded_once_and_never_for_an_erased_expert() -> None:
    command = RecordFormerFocalPoint("x-cv", focal_point(), date(2019, 2, 1))
    state = evolve(registered(), decide(registered(), command, NOW)[0])
    with pytest.raises(e.Refused) as twice:
        decide(state, RecordFormerFocalPoint("x-cv", focal_point(expert_id="x-cv"), date(2019, 2, 1)), NOW)
    assert twice.value.code == e.FOCAL_POINT_ALREADY_RECORDED
    erased = evolve(state, decide(state, ErasePersonalData("x-cv", date(2019, 2, 2)), NOW)[-1])
    with pytest.raises(e.Refused) as gone:
        decide(erased, RecordFormerFocalPoint("x-cv", focal_point("fp-cv-3"), date(2019, 2, 3)), NOW)
    assert gone.value.code == e.EXPERT_ERASED


def nominated(focal_point_id: str, request_id: str = "r-cv-1") -> FocalPointNominated:
    return FocalPointNominated(request_id=request_id, focal_point_id=focal_point_id, kind=FocalPointKind.STRATEGIC,
                               authority_id=DG)  # fmt: skip


async def test_the_link_is_shown_with_the_personal_data_and_only_there(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    expert_id = await register(client, auth, "Demo Expert CV", "cv@experts.example.org",
                               category="NON_EU_GOVERNMENTAL", nationality="CV")  # fmt: skip
    unknown = await client.post(f"/experts/{expert_id}/former-focal-points", json={"focal_point_id": "fp-1"},
                                headers=pm)  # fmt: skip
    assert (unknown.status_code, unknown.json()["error"]["code"]) == (404, "NOT_FOUND")  # not learnt from requests yet
    await deliver(nominated("fp-1"))
    version = (await ok(await client.get(f"/experts/{expert_id}", headers=pm)))["version"]
    body = {"focal_point_id": "fp-1", "recorded_on": "2019-02-01", "expected_version": version}
    answer = await ok(await client.post(f"/experts/{expert_id}/former-focal-points", json=body, headers=pm), 201)
    link = {"focal_point_id": "fp-1", "request_id": "r-cv-1", "authority_id": DG, "kind": "STRATEGIC",
            "recorded_on": "2019-02-01"}  # fmt: skip
    assert answer["expert"]["former_focal_points"] == [link]
    assert answer["version"] == version + 1
    own = await ok(await client.get(f"/experts/{expert_id}", headers=auth("expert", expert_id=expert_id)))
    assert own["former_focal_points"] == [link]
    await deliver(action_opened("a-mu", countries=("MU",)))
    activity = activity_planned("a-mu", date(2019, 6, 3), countries=("MU",))
    await deliver(activity)
    await propose(client, auth, expert_id, activity.activity_id)
    seen = await ok(await client.get(f"/experts/{expert_id}", headers=auth("regional_coordinator", region="AFRICA")))
    assert (seen["id"], seen["personal_data"], seen["former_focal_points"]) == (expert_id, None, None)

    stale = await client.post(f"/experts/{expert_id}/former-focal-points", json=body, headers=pm)
    assert (stale.status_code, stale.json()["error"]["code"]) == (409, e.CONCURRENT_MODIFICATION)
    other = await register(client, auth, "Demo Expert CV 2", "cv2@experts.example.org")
    taken = await client.post(f"/experts/{other}/former-focal-points", json={"focal_point_id": "fp-1"}, headers=pm)
    assert (taken.status_code, taken.json()["error"]["code"]) == (409, e.FOCAL_POINT_OF_ANOTHER_EXPERT)
    coordinator = await client.post(f"/experts/{other}/former-focal-points", json={"focal_point_id": "fp-1"},
                                    headers=auth("regional_coordinator", region="AFRICA"))  # fmt: skip
    assert coordinator.status_code == 403
    missing = await client.post(f"/experts/{other}/former-focal-points", json={}, headers=pm)
    assert (missing.status_code, missing.json()["error"]["field"]) == (422, "focal_point_id")


async def test_a_focal_point_erased_in_requests_is_no_longer_shown_nor_recorded(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    expert_id = await register(client, auth, "Demo Expert CV", "cv@experts.example.org")
    request_id = str(uuid.uuid4())
    await deliver(nominated("fp-kept", request_id))
    await deliver(nominated("fp-erased", request_id))
    for focal_point_id in ("fp-kept", "fp-erased"):
        await ok(await client.post(f"/experts/{expert_id}/former-focal-points",
                                   json={"focal_point_id": focal_point_id}, headers=pm), 201)  # fmt: skip
    await deliver(FocalPointPersonalDataErased(request_id=request_id, focal_point_id="fp-erased",
                                               erased_on=date(2019, 2, 20)))  # fmt: skip
    expert = await ok(await client.get(f"/experts/{expert_id}", headers=pm))
    assert [link["focal_point_id"] for link in expert["former_focal_points"]] == ["fp-kept"]
    other = await register(client, auth, "Demo Expert CV 2", "cv2@experts.example.org")
    await deliver(nominated("fp-late", request_id))
    await deliver(FocalPointPersonalDataErased(request_id=request_id, focal_point_id="fp-late",
                                               erased_on=date(2019, 2, 21)))  # fmt: skip
    refused = await client.post(f"/experts/{other}/former-focal-points", json={"focal_point_id": "fp-late"},
                                headers=pm)  # fmt: skip
    assert (refused.status_code, refused.json()["error"]["code"]) == (409, e.FOCAL_POINT_ERASED)
