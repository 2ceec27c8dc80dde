"""Global ids: strawberry's `base64("<GraphQL type>:<service id>")`, for every Node and every reference to one.

Every argument and input field typed `ID` takes either a global id or the service's raw id (a UUID, a region
or country code), so clients written before global ids keep working; `node(id:)` / `nodes(ids:)` take
global ids only. Output fields that name another node (`actionId`, `expertId`, …) hold its global id.
"""

from __future__ import annotations

import binascii

from strawberry import relay

# The GraphQL types implementing Node (gateway/tests/test_schema_lint.py checks this against the schema).
NODE_TYPES = frozenset(
    {
        "AssistanceRequest",
        "Authority",
        "Action",
        "Activity",
        "Deliverable",
        "Expert",
        "Deployment",
        "RegionNode",
        "CountryNode",
    }
)
# Output fields typed ID (or [ID]) that name a node of this type: the services' views hold raw ids there.
REFERENCES = {
    "request_id": "AssistanceRequest",
    "action_id": "Action",
    "activity_id": "Activity",
    "first_activity_id": "Activity",
    "expert_id": "Expert",
    "deployment_id": "Deployment",
    "authority_id": "Authority",
    "co_requester_ids": "Authority",
    "action_ids": "Action",
    "experts_deployed": "Expert",
    "experts_without_feedback": "Expert",
    "without_feedback": "Activity",
}
# Node ids made of their parent's id and their own (a deliverable has no lookup of its own).
COMPOSITE_SEPARATOR = "/"


def parse_global_id(value: str) -> relay.GlobalID | None:
    """The global id `value` holds, or None when it is not one of this graph's."""
    try:
        global_id = relay.GlobalID.from_id(value)
    except (relay.GlobalIDValueError, binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return global_id if global_id.type_name in NODE_TYPES and global_id.node_id else None


def raw_id(value: object) -> str:
    """The service id behind an argument: a global id is decoded, a raw id passes unchanged."""
    text = str(value)
    global_id = parse_global_id(text)
    if global_id is None:
        return text
    return global_id.node_id.rsplit(COMPOSITE_SEPARATOR, 1)[-1]


def global_id_of(type_name: str, node_id: object) -> str:
    return str(relay.GlobalID(type_name=type_name, node_id=str(node_id)))
