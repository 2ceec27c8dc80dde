"""What the gateway publishes besides the graph: the stream's contract (no token needed: the AsyncAPI
document and every event JSON Schema) and the IATI export (gateway.iati).

`GET /contracts/<path>` serves contracts/schemas/<path>, the path `ce_dataschema` and the schemas' `$id`
name (https://schemas.mieux.eu/contracts/<path>), so a schema URL resolves once that host points at a
gateway. Revisions (`…/<Event>.v<N>/<K>.json`) never change and are cached as immutable.
"""

from __future__ import annotations

import re
from pathlib import Path

from contracts.revisions import ASYNCAPI, published_dir
from fastapi import APIRouter
from fastapi.responses import FileResponse, JSONResponse, Response
from service_core.app import error_body
from service_core.auth import verifier_from

from gateway.iati.feed import IatiFeed
from gateway.iati.routes import iati_router
from gateway.settings import GatewaySettings

_SAFE_PATH = re.compile(r"^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/){0,2}[A-Za-z0-9_-][A-Za-z0-9_.-]*\.json$")
_REVISION = re.compile(r"\.v\d+/\d+\.json$")


def _not_found(path: str) -> JSONResponse:
    message = f"no published contract file {path!r}; the list is at /contracts/index.json"
    return JSONResponse(error_body("NOT_FOUND", message, "path"), status_code=404)


def _serve(root: Path, path: str) -> Response:
    if not _SAFE_PATH.match(path) or ".." in path:
        return _not_found(path)
    file = (root / path).resolve()
    if not file.is_relative_to(root.resolve()) or not file.is_file():
        return _not_found(path)
    cache = "public, max-age=31536000, immutable" if _REVISION.search(path) else "public, max-age=300"
    return FileResponse(file, media_type="application/json", headers={"Cache-Control": cache})


def published_routes(settings: GatewaySettings, feed: IatiFeed | None = None) -> APIRouter:
    """`feed` lets tests read their own topics; by default the IATI export reads the platform's."""
    router = APIRouter()
    router.include_router(contract_router())
    router.include_router(iati_router(verifier_from(settings), feed or IatiFeed(settings.kafka_bootstrap_servers)))
    return router


def contract_router() -> APIRouter:
    router = APIRouter(tags=["contract"])

    @router.get("/asyncapi.json", summary="The AsyncAPI 3.0 description of the event stream")
    async def asyncapi() -> Response:
        return _serve(published_dir(), ASYNCAPI)

    @router.get("/contracts/{path:path}", summary="A published event JSON Schema, the index or the AsyncAPI document")
    async def contract_file(path: str) -> Response:
        return _serve(published_dir(), path)

    return router
