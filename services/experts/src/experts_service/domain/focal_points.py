"""Focal points who later join the roster: a partner institution's contact becomes an expert deployed elsewhere.

One person, one link: a focal point is recorded for one expert only, once, and not after its personal data
was erased in the requests service (the erasure asked for that person to be forgotten there).
"""

from __future__ import annotations

from contracts.events.experts import ExpertServedAsFocalPoint

from experts_service.domain import errors as e
from experts_service.domain.commands import RecordFormerFocalPoint
from experts_service.domain.state import Expert


def served_as_focal_point(state: Expert, command: RecordFormerFocalPoint) -> ExpertServedAsFocalPoint:
    focal_point = command.focal_point
    if focal_point.erased:
        raise e.Refused(e.FOCAL_POINT_ERASED, "the focal point's personal data was erased", "focal_point_id")
    if focal_point.focal_point_id in state.former_focal_points:
        raise e.Refused(e.FOCAL_POINT_ALREADY_RECORDED, "the expert is already recorded as this focal point",
                        "focal_point_id")  # fmt: skip
    if focal_point.expert_id is not None and focal_point.expert_id != state.expert_id:
        raise e.Refused(e.FOCAL_POINT_OF_ANOTHER_EXPERT, "another expert is recorded as this focal point",
                        "focal_point_id")  # fmt: skip
    assert state.expert_id is not None
    return ExpertServedAsFocalPoint(
        expert_id=state.expert_id,
        focal_point_id=focal_point.focal_point_id,
        request_id=focal_point.request_id,
        authority_id=focal_point.authority_id,
        kind=focal_point.kind,
        recorded_on=command.recorded_on,
    )
