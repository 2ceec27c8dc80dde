"""A minimal GraphQL-over-HTTP client for the e2e scenarios, as a front-end would call the gateway."""

from __future__ import annotations

from typing import Any

import httpx
from service_core.embedded.welcome import dev_token


class GraphQL:
    def __init__(self, url: str, role: str = "programme_manager", **claims: str) -> None:
        self.url = url
        self.token = dev_token(role, **claims)

    def __call__(self, query: str, **variables: Any) -> dict[str, Any]:
        response = httpx.post(
            self.url,
            json={"query": query, "variables": variables},
            headers={"authorization": f"Bearer {self.token}"},
            timeout=30,
        )
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def data(self, query: str, **variables: Any) -> dict[str, Any]:
        body = self(query, **variables)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data
