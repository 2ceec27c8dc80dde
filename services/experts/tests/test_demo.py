"""The demo roster is valid input for the API, covers every category, and loads once."""

from __future__ import annotations

import httpx
from experts_service.application.handlers import expert_id_for
from experts_service.demo import DEMOS

from .conftest import Auth, ok


async def test_every_demo_expert_registers_under_its_reference_id_and_only_once(
    client: httpx.AsyncClient, auth: Auth
) -> None:
    pm = auth("programme_manager")
    for reference, label, profile in DEMOS:
        body = {"external_reference": reference, "personal_data": {"full_name": label,
                "email": f"{reference}@experts.example.org"}, "profile": profile}  # fmt: skip
        answer = await ok(await client.post("/experts", json=body, headers=pm), 201)
        assert answer["expert"]["id"] == expert_id_for(reference)
        again = await client.post("/experts", json=body, headers=pm)
        assert again.status_code == 409

    page = await ok(await client.get("/experts?limit=100", headers=pm))
    categories = {e["category"] for e in page["items"]}
    assert page["total_count"] == len(DEMOS) == 12
    assert categories == {"EU_MS_GOVERNMENTAL", "NON_EU_GOVERNMENTAL", "OTHER"}
    assert len({e["member_state"] for e in page["items"] if e["member_state"]}) == 6
