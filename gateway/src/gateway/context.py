"""Per-request GraphQL context: the caller, the services, and DataLoaders made fresh for each request."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from service_core.auth import Principal
from strawberry.dataloader import DataLoader
from strawberry.fastapi import BaseContext

from gateway.clients import ServiceClient
from gateway.consistency import ReadGate


@dataclass
class Services:
    """Long-lived clients, one per service, shared by all requests (connection reuse); one field per name of
    `contracts.services.NAMES`, in that order (a test checks it), so resolvers reach them typed."""

    requests: ServiceClient
    actions: ServiceClient
    experts: ServiceClient
    feedback: ServiceClient

    def all(self) -> tuple[ServiceClient, ...]:
        return tuple(getattr(self, f.name) for f in fields(self))

    async def close(self) -> None:
        for client in self.all():
            await client.close()


@dataclass
class GatewayContext(BaseContext):
    principal: Principal
    token: str
    services: Services
    max_page_size: int = 100
    gate: ReadGate | None = None
    deadline: float | None = None  # time.monotonic() by which every service call of this request must end
    loaders: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__()

    def client(self, service: str) -> ReadClient:
        """The service's client for this request: reads wait for the consistency token first, if one was given."""
        return ReadClient(self, service)

    def loader(self, name: str) -> DataLoader[Any, Any]:
        """One DataLoader per type per request: every lookup in the same query level shares one batch."""
        found = self.loaders.get(name)
        if found is None:
            from gateway.loaders import LOADERS

            # the services accept 500 keys a batch; a bigger level is split into several calls
            found = self.loaders[name] = DataLoader(load_fn=LOADERS[name](self), max_batch_size=500)
        return found


@dataclass
class ReadClient:
    ctx: GatewayContext
    service: str

    async def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        await self._ready()
        return await getattr(self.ctx.services, self.service).get(path, self.ctx.token, params, self.ctx.deadline)

    async def read_batch(self, path: str, body: dict[str, Any]) -> Any:
        await self._ready()
        return await getattr(self.ctx.services, self.service).read_batch(path, self.ctx.token, body, self.ctx.deadline)

    async def _ready(self) -> None:
        if self.ctx.gate is not None:
            await self.ctx.gate.ready(self.ctx, self.service)
