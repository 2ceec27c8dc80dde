"""A caller who may not act on a deployment gets the same answer whether it exists or not: ids cannot be probed."""

from __future__ import annotations

import httpx
import pytest

from .conftest import Auth, Deliver, propose, register
from .test_api_lifecycle import planned_workshop

COMMANDS = {
    "confirmation": {},
    "decline": {"reason": "NOT_AVAILABLE"},
    "cancellation": {"reason": "PROGRAMME_DECISION"},
    "evaluation": {"expertise": 4, "communication": 4, "preparation": 4},
}
CALLERS = {
    "reporting": {"role": "reporting"},
    "focal_point": {"role": "focal_point", "authority_id": "authority-1"},
    "coordinator_elsewhere": {"role": "regional_coordinator", "region": "ASIA"},
    "another_expert": {"role": "expert", "expert_id": "someone-else"},
}


@pytest.mark.parametrize("caller", CALLERS)
@pytest.mark.parametrize("command", COMMANDS)
async def test_a_deployment_command_answers_alike_for_existing_and_unknown_ids(
    client: httpx.AsyncClient, auth: Auth, deliver: Deliver, command: str, caller: str
) -> None:
    _, activity_id = await planned_workshop(deliver)
    expert_id = await register(client, auth, "Ana Exemplo", "ana@example.org")
    existing = await propose(client, auth, expert_id, activity_id)
    claims = dict(CALLERS[caller])
    headers = auth(claims.pop("role"), **claims)

    answers = []
    for deployment_id in (existing, "00000000-0000-0000-0000-000000000000"):
        response = await client.post(f"/deployments/{deployment_id}/{command}", json=COMMANDS[command], headers=headers)
        assert 400 <= response.status_code < 500, response.text
        error = response.json()["error"]
        answers.append((response.status_code, error["code"], error["message"].replace(deployment_id, "<id>")))
    assert answers[0] == answers[1]
