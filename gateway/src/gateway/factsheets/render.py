"""One factsheet, read and drawn: the figures gathered live, then the charts and the document off the event loop
(matplotlib and fpdf2 are CPU work)."""

from __future__ import annotations

import asyncio
from typing import Literal

from gateway.context import Services
from gateway.factsheets.charts import charts
from gateway.factsheets.data import Factsheet, Subject, gather
from gateway.factsheets.document import pdf_document
from gateway.factsheets.page import html_page

Format = Literal["html", "pdf"]
MEDIA_TYPES: dict[str, str] = {"html": "text/html; charset=utf-8", "pdf": "application/pdf"}


def draw(sheet: Factsheet, formats: tuple[Format, ...]) -> dict[Format, bytes]:
    drawn = charts(sheet)
    made: dict[Format, bytes] = {}
    for wanted in formats:
        made[wanted] = html_page(sheet, drawn).encode() if wanted == "html" else pdf_document(sheet, drawn)
    return made


async def render(
    services: Services, token: str, subject: Subject, formats: tuple[Format, ...], deadline: float | None = None
) -> dict[Format, bytes]:
    sheet = await gather(services, token, subject, deadline)
    return await asyncio.to_thread(draw, sheet, formats)
