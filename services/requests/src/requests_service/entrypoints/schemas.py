"""The HTTP API's answers: the published request view (`contracts.views.requests`) filled from the
projection's row with the warnings the service computes, and the pages, batches and answers around it."""

from __future__ import annotations

from typing import Any

from contracts.views import requests as published
from contracts.views.requests import RuleWarningView
from pydantic import BaseModel, Field


class RequestView(published.RequestView):
    @classmethod
    def from_row(cls, row: dict[str, Any]) -> RequestView:
        def authority(data: dict[str, Any]) -> dict[str, Any]:
            return {**data, "id": data["authority_id"]}

        return cls.model_validate(
            {
                **row,
                "authority": authority(row["authority"]),
                "co_requesters": [authority(a) for a in row["co_requesters"]],
                "warnings": _without_focal_point(row),
            }
        )


def _without_focal_point(row: dict[str, Any]) -> list[RuleWarningView]:
    """R23: in a request of several institutions, each should have a focal point of its own."""
    if not row["co_requesters"]:
        return []
    covered = {fp.get("authority_id") for fp in row["focal_points"]}
    return [
        RuleWarningView(
            code="INSTITUTION_WITHOUT_FOCAL_POINT", rule="R23", message=f"{a['name']} has no focal point of its own"
        )
        for a in (row["authority"], *row["co_requesters"])
        if a["authority_id"] not in covered
    ]


class CommandResponse(BaseModel):
    request: RequestView
    version: int = Field(description="the request's version after the command")
    position: int = Field(description="store position of the last event appended (consistency token)")


class RequestPage(BaseModel):
    items: list[RequestView]
    cursors: list[str] = Field(description="the cursor of each item, to page on after it")
    total_count: int = Field(description="all matching requests, ignoring paging")
    has_next_page: bool
    has_previous_page: bool = False
    next_cursor: str | None


class BatchResponse(BaseModel):
    items: list[RequestView | None] = Field(description="one per id asked, same order; null if unknown or hidden")
