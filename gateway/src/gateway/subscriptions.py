"""`Subscription.regionEvents`: the services' events of one region, live, filtered by the subscriber's access.

Who may subscribe to which region (docs/architecture.md):
- programme_manager: any region, every event of it;
- regional_coordinator: its own region only (another region: FORBIDDEN);
- focal_point: any region, but only events of its own authority's Actions and requests (each one checked
  through the actions or requests service with the subscriber's token);
- reporting, expert: FORBIDDEN.

An event's region is its `region` field (a regional review: `scope_value`); an event without one is
placed through the Action (`action_id`) or request (`request_id`) it concerns, read with the subscriber's
token, once per aggregate per subscription; what the subscriber may not read is skipped. Events that
belong to no region (an expert's registration, the portfolio review) are never sent. Events about one
individual participant response (`ParticipantFeedbackRecorded`, or any event carrying a `response_id`) go
to programme managers only, whatever else the subscriber may see (summaries suppress small groups; single
responses would undo that).

Feeding: the process's one live reader (`gateway.fanout.EventHub`) offers each record to `RegionFilter.accepts`
(cheap, no service call); this subscription's task then places what needs a lookup and signs each event's
cursor for this caller (`gateway.cursors`).
"""

from __future__ import annotations

import time
from collections.abc import AsyncGenerator, Iterable
from datetime import datetime
from enum import Enum
from typing import Any, cast

import jwt
import strawberry
from contracts.events import default_registry
from graphql import GraphQLError
from service_core.auth import Principal, Role
from strawberry.scalars import JSON
from strawberry.types import Info

from gateway.clients import ServiceError, ServiceUnavailable
from gateway.context import GatewayContext
from gateway.cursors import CursorError, CursorSigner
from gateway.event_payloads import EventPayload, EventType, payload_of
from gateway.fanout import Delivery, EventHub, SlowSubscriber, TooManyStreams
from gateway.schema.enums import Region
from gateway.streaming import Positions, StreamedEvent, StreamUnavailable
from gateway.websocket import NO_TOKEN, SocketContext

EVENT_NAMES = frozenset(cls.event_name for cls in default_registry().classes)
# One participant's answers: never on a non-manager's stream, whatever shape the event takes.
PER_RESPONSE_EVENTS = frozenset(
    {"ParticipantFeedbackRecorded"}
    | {cls.event_name for cls in default_registry().classes if "response_id" in cls.model_fields}
)
_LOOKUPS = (("action_id", "actions", "/actions/batch"), ("request_id", "requests", "/requests/batch"))
_BATCH = 200  # ids per lookup call (the services accept up to 500)
_CACHE_LIMIT = 20_000


class Reach(Enum):
    EVERYTHING = "everything"  # the whole requested region
    AUTHORITY = "authority"  # only what the subscriber's authority owns


@strawberry.type(
    description="One event a service published (CloudEvents on Kafka), as a subscriber of its region sees it. "
    "Events carry ids and non-identifying attributes only, never personal data."
)
class RegionEvent:
    id: strawberry.ID = strawberry.field(name="eventId", description="The CloudEvents id (unique per event).")
    cursor: str = strawberry.field(
        description="Opaque, signed and bound to you (the token's subject, roles, region and authority). Pass it "
        "as `after` when subscribing again to resume right after this event without missing any event still "
        "retained by the broker; anyone else's cursor is refused (INVALID_CURSOR)."
    )
    type: EventType = strawberry.field(description="The event name, e.g. `ActivityHeld`, `RequestApproved`.")
    version: int = strawberry.field(description="The event schema version (`.vN` of the CloudEvents type).")
    service: str = strawberry.field(description="The publishing service: requests, actions, experts, feedback.")
    subject: str = strawberry.field(description="The aggregate the event belongs to (the Kafka key).")
    occurred_at: datetime = strawberry.field(description="When the service recorded the event.")
    region: Region
    payload: EventPayload | None = strawberry.field(
        description="The event's payload, typed by its name (`... on ActivityHeldPayload { heldFrom }`), camelCase, "
        "ids of nodes as global ids; null for a version this gateway cannot read."
    )
    data: JSON = strawberry.field(
        description="The event payload as published (snake_case field names).",
        deprecation_reason="Use `payload`: typed, camelCase, global ids.",
    )


def unauthenticated(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "UNAUTHENTICATED"})


def forbidden(message: str) -> GraphQLError:
    return GraphQLError(message, extensions={"code": "FORBIDDEN"})


def reach_of(principal: Principal, region: str) -> Reach:
    if principal.has(Role.PROGRAMME_MANAGER):
        return Reach.EVERYTHING
    if principal.has(Role.REGIONAL_COORDINATOR) and principal.region == region:
        return Reach.EVERYTHING
    if principal.has(Role.FOCAL_POINT) and principal.authority_id:
        return Reach.AUTHORITY
    if principal.has(Role.REGIONAL_COORDINATOR):
        raise forbidden(f"a regional coordinator may only subscribe to its own region ({principal.region})")
    raise forbidden("this role may not subscribe to region events")


def stated_region(event: StreamedEvent) -> str | None:
    """The region the event itself names, if any."""
    region = event.data.get("region")
    if region is None and event.data.get("scope") == "REGION":
        region = event.data.get("scope_value")
    return region if isinstance(region, str) else None


def per_response(event: StreamedEvent) -> bool:
    return event.name in PER_RESPONSE_EVENTS or "response_id" in event.data


def lookup_key(event: StreamedEvent) -> tuple[str, str] | None:
    """(field, id) of the Action or request that decides who may see the event."""
    for field, _, _ in _LOOKUPS:
        value = event.data.get(field)
        if isinstance(value, str) and value:
            return field, value
    return None


class RegionFilter:
    """What one subscriber may receive; remembers each aggregate's region (None: not visible)."""

    def __init__(self, ctx: GatewayContext, region: str, reach: Reach, types: frozenset[str] | None) -> None:
        self._ctx = ctx
        self.region = region
        self.reach = reach
        self.types = types
        self.individual_responses = ctx.principal.has(Role.PROGRAMME_MANAGER)
        self._regions: dict[tuple[str, str], str | None] = {}

    def accepts(self, event: StreamedEvent) -> bool:
        """Cheap checks, no service call: wanted type, not one response, not in another region, placeable."""
        if self.types is not None and event.name not in self.types:
            return False
        if not self.individual_responses and per_response(event):
            return False
        stated = stated_region(event)
        if stated is not None and stated != self.region:
            return False
        return not (self.needs_lookup(event) and lookup_key(event) is None)

    def needs_lookup(self, event: StreamedEvent) -> bool:
        return self.reach is Reach.AUTHORITY or stated_region(event) is None

    async def prepare(self, events: Iterable[StreamedEvent]) -> None:
        """One batch call per service for the aggregates not seen yet."""
        missing: dict[str, set[str]] = {}
        for event in events:
            key = lookup_key(event)
            if self.needs_lookup(event) and key is not None and key not in self._regions:
                missing.setdefault(key[0], set()).add(key[1])
        if len(self._regions) > _CACHE_LIMIT:
            self._regions.clear()
        for field, service, path in _LOOKUPS:
            ids = sorted(missing.get(field, ()))
            for start in range(0, len(ids), _BATCH):
                chunk = ids[start : start + _BATCH]
                client = getattr(self._ctx.services, service)
                body = await client.read_batch(path, self._ctx.token, {"ids": chunk})
                for aggregate_id, item in zip(chunk, body["items"], strict=True):
                    region = item.get("region") if isinstance(item, dict) else None
                    self._regions[(field, aggregate_id)] = region if isinstance(region, str) else None

    def region_of(self, event: StreamedEvent) -> str | None:
        """The event's region if the subscriber may see it (after `prepare`), else None."""
        if not self.accepts(event):
            return None
        if not self.needs_lookup(event):
            return stated_region(event)
        key = lookup_key(event)
        looked_up = self._regions.get(key) if key is not None else None
        if looked_up is None:  # not visible to the subscriber (or gone)
            return None
        return stated_region(event) or looked_up


def token_expiry(token: str) -> float | None:
    """`exp` of an already verified token (to end a subscription that outlives it)."""
    try:
        exp = jwt.decode(token, options={"verify_signature": False}).get("exp")
    except jwt.InvalidTokenError:
        return None
    return float(exp) if isinstance(exp, int | float) else None


def to_region_event(event: StreamedEvent, region: str, cursor: str) -> RegionEvent:
    return RegionEvent(
        id=strawberry.ID(event.id),
        cursor=cursor,
        type=EventType(event.name),
        version=event.version,
        service=event.service,
        subject=event.subject,
        occurred_at=event.time,
        region=Region(region),
        payload=payload_of(event.name, event.version, event.data),
        data=cast(JSON, event.data),
    )


def checked_types(types: list[str] | None) -> frozenset[str] | None:
    if types is None:
        return None
    unknown = sorted(set(types) - EVENT_NAMES)
    if unknown:
        raise GraphQLError(
            f"unknown event type(s): {', '.join(unknown)}", extensions={"code": "BAD_USER_INPUT", "field": "types"}
        )
    return frozenset(types)


def start_of(ctx: GatewayContext, after: str | None) -> Positions | None:
    if after is None:
        return None
    try:
        return cursors_of(ctx).read(after, ctx.principal)
    except CursorError as exc:
        raise GraphQLError(str(exc), extensions={"code": "INVALID_CURSOR", "field": "after"}) from exc


def _app_state(ctx: GatewayContext) -> Any:
    if ctx.request is None:  # pragma: no cover - Strawberry always sets it
        raise GraphQLError("no connection", extensions={"code": "INTERNAL"})
    return ctx.request.app.state


def cursors_of(ctx: GatewayContext) -> CursorSigner:
    signer: CursorSigner = _app_state(ctx).cursors
    return signer


def hub_of(ctx: GatewayContext) -> EventHub:
    hub: EventHub = _app_state(ctx).events
    return hub


async def placed(wanted: RegionFilter, batch: list[Delivery]) -> list[tuple[Delivery, str]]:
    """The deliveries the subscriber may see, with their region (one lookup call per service per batch)."""
    try:
        await wanted.prepare(delivery.event for delivery in batch)
    except ServiceUnavailable as exc:
        raise GraphQLError(
            f"{exc}; subscribe again with `after` = your last cursor",
            extensions={"code": "SERVICE_UNAVAILABLE", "service": exc.service},
        ) from exc
    except ServiceError as exc:
        raise GraphQLError(exc.message, extensions={"code": exc.code}) from exc
    found = [(delivery, wanted.region_of(delivery.event)) for delivery in batch]
    return [(delivery, region) for delivery, region in found if region is not None]


@strawberry.type
class Subscription:
    @strawberry.subscription(  # type: ignore[untyped-decorator]  # (as in gateway.schema.*)
        description="Events of one region as the services publish them, over graphql-transport-ws (token in "
        'the `connection_init` payload: `{Authorization: "Bearer …"}`). `types` keeps only these event names '
        '(e.g. ["ActivityHeld"]). Without `after`, only events from now on; with `after` (the `cursor` of '
        "an event received earlier) every event after that one still retained by the broker, then live ones. "
        "Programme managers: any region; regional coordinators: their own region (else FORBIDDEN); focal "
        "points: the events of their authority's requests and Actions; reporting and expert roles: FORBIDDEN. "
        "Individual participant responses reach programme managers only.",
    )
    async def region_events(
        self,
        info: Info[GatewayContext, None],
        region: Region,
        types: list[EventType] | None = None,
        after: str | None = None,
    ) -> AsyncGenerator[RegionEvent, None]:
        # Checked before the stream starts, so a refusal is the protocol's `error` message for the operation.
        ctx = info.context
        if isinstance(ctx, SocketContext) and not ctx.authenticated:
            raise unauthenticated(ctx.auth_error)
        if not ctx.token:
            raise unauthenticated(NO_TOKEN)
        names = None if types is None else [t.value for t in types]
        wanted = RegionFilter(ctx, region.value, reach_of(ctx.principal, region.value), checked_types(names))
        start = start_of(ctx, after)
        return region_stream(ctx, wanted, start)


async def region_stream(
    ctx: GatewayContext, wanted: RegionFilter, start: Positions | None
) -> AsyncGenerator[RegionEvent, None]:
    """Failures while streaming end it with a `next` carrying the error (then `complete`)."""
    expires_at = token_expiry(ctx.token)
    signer = cursors_of(ctx)
    try:
        hub = hub_of(ctx)
        async with hub.subscribe(wanted.accepts, wanted.region, start, expires_at, ctx.principal.sub) as deliveries:
            async for batch in deliveries:
                if expires_at is not None and time.time() > expires_at:
                    raise unauthenticated(
                        "token expired: subscribe again with a fresh token and `after` = your last cursor"
                    )
                for delivery, region in await placed(wanted, batch):
                    yield to_region_event(delivery.event, region, signer.issue(delivery.positions, ctx.principal))
    except TooManyStreams as exc:
        raise GraphQLError(str(exc), extensions={"code": "TOO_MANY_SUBSCRIPTIONS"}) from exc
    except StreamUnavailable as exc:
        raise GraphQLError(
            f"{exc}; subscribe again with `after` = your last cursor",
            extensions={"code": "SERVICE_UNAVAILABLE", "service": "kafka"},
        ) from exc
    except SlowSubscriber as exc:
        raise GraphQLError(
            f"{exc}: this subscription was ended so that the others keep up; subscribe again with `after` = "
            "your last cursor (nothing is lost)",
            extensions={"code": "SUBSCRIBER_TOO_SLOW"},
        ) from exc
