"""R13 over HTTP: completion waits for every deployed expert's Action-level feedback and the partner's.

Malawi, 2014-2016 (diaspora engagement): an Ethiopian and an Irish expert were deployed; the Action
completes once both of them and the Diaspora Affairs Unit have given their feedback.
"""

from __future__ import annotations

from datetime import date

import httpx
from actions_service.application.handlers import ACTION, App
from actions_service.domain import errors as e
from service_core.commands import load_state

from .api_helpers import agreed, held, ok, planned, seed
from .conftest import Auth, Deliver, deployment_completed, feedback_submitted

MALAWI = {"countries": ("MW",), "authority_id": "mw-dau", "received_on": date(2014, 1, 13),
          "approved_on": date(2014, 3, 24), "topic": "Diaspora engagement policy"}  # fmt: skip


async def test_completion_waits_for_every_deployed_expert_and_the_partner(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver
) -> None:
    pm = auth("programme_manager")
    action_id = await seed(deliver, **MALAWI)
    await agreed(client, auth, action_id, date(2014, 4, 20))
    workshop = await planned(client, auth, action_id, "WORKSHOP", date(2014, 9, 8), place_country="MW")
    await held(client, auth, workshop, date(2014, 9, 8))
    await deliver(deployment_completed(action_id, workshop, "expert-et", "ET", date(2014, 9, 8)))
    await deliver(deployment_completed(action_id, workshop, "expert-ie", "IE", date(2014, 9, 8)))
    await deliver(feedback_submitted(action_id, "EXPERT", date(2014, 10, 1), expert_id="expert-et"))
    await deliver(feedback_submitted(action_id, "PARTNER", date(2014, 10, 2)))
    body = {"completed_on": "2014-11-01"}

    refused = await client.post(f"/actions/{action_id}/completion", json=body, headers=pm)
    assert refused.status_code == 409, refused.text
    error = refused.json()["error"]
    assert (error["code"], error["field"]) == (e.ACTION_FEEDBACK_MISSING, "override_reason")
    assert "expert-ie" in error["message"] and "expert-et" not in error["message"]

    await deliver(feedback_submitted(action_id, "EXPERT", date(2014, 10, 3), expert_id="expert-ie"))
    done = await ok(await client.post(f"/actions/{action_id}/completion", json=body, headers=pm))
    assert done["action"]["status"] == "COMPLETED"


async def test_each_experts_feedback_is_noted_once_on_the_actions_stream(services: App, deliver: Deliver) -> None:
    action_id = await seed(deliver, **MALAWI)
    for expert in ("expert-et", "expert-ie", "expert-et"):
        await deliver(feedback_submitted(action_id, "EXPERT", date(2014, 10, 1), expert_id=expert))
    state, _ = await load_state(services.store, ACTION, action_id)
    assert state.experts_with_feedback == ("expert-et", "expert-ie")
