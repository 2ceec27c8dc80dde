"""The published contract over HTTP, no token needed: the AsyncAPI document and every event JSON Schema.

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

router = APIRouter(tags=["contract"])

_SAFE_PATH = re.compile(r"^(?:[A-Za-z0-9_-][A-Za-z0-9_.-]*/){0,2}[A-Za-z0-9_-][A-Za-z0-9_.-]*\.json$")
_REVISION = re.compile(r"\.v\d+/\d+\.json$")


def _not_found(path: str) -> JSONResponse:
    message = f"no published contract file {path!r}; the list is at /contracts/index.json"
    return JSONResponse({"error": {"code": "NOT_FOUND", "message": message, "field": "path"}}, status_code=404)


def _serve(root: Path, path: str) -> Response:
    if not _SAFE_PATH.match(path) or ".." in path:
        return _not_found(path)
    file = (root / path).resolve()
    if not file.is_relative_to(root.resolve()) or not file.is_file():
        return _not_found(path)
    cache = "public, max-age=31536000, immutable" if _REVISION.search(path) else "public, max-age=300"
    return FileResponse(file, media_type="application/json", headers={"Cache-Control": cache})


@router.get("/asyncapi.json", summary="The AsyncAPI 3.0 description of the event stream")
async def asyncapi() -> Response:
    return _serve(published_dir(), ASYNCAPI)


@router.get("/contracts/{path:path}", summary="A published event JSON Schema, the index or the AsyncAPI document")
async def contract_file(path: str) -> Response:
    return _serve(published_dir(), path)
