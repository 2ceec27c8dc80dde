"""The factsheet's charts, drawn by matplotlib from the live figures: SVG for the HTML page, PNG for the PDF."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from gateway.factsheets.data import AREA_NAMES, REGION_NAMES, Factsheet

BLUE, GOLD, GREY = "#003399", "#f2a900", "#8a8a8a"  # the EU's blue and a warm accent


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    svg: str
    png: bytes


def charts(sheet: Factsheet) -> list[Chart]:
    """The charts the reader's figures allow (a part it may not see draws nothing)."""
    drawn = [_per_year(sheet), _breakdown(sheet), _experts(sheet), _feedback(sheet)]
    return [chart for chart in drawn if chart is not None]


def _render(key: str, title: str, figure: Figure) -> Chart:
    figure.suptitle(title, fontsize=11, x=0.02, ha="left")
    figure.tight_layout()
    svg, png = io.StringIO(), io.BytesIO()
    figure.savefig(svg, format="svg", metadata={"Date": None})
    figure.savefig(png, format="png", dpi=150)
    inline = svg.getvalue()
    return Chart(key, title, inline[inline.index("<svg") :], png.getvalue())  # no XML prolog inside HTML


def _figure() -> Figure:
    return Figure(figsize=(7.0, 3.0))


def _bars(
    labels: Sequence[str], series: Sequence[tuple[str, Sequence[int | float], str]], horizontal: bool = False
) -> Figure:
    figure = _figure()
    axes = figure.add_subplot()
    width = 0.8 / len(series)
    for index, (name, values, colour) in enumerate(series):
        positions = [i + (index - (len(series) - 1) / 2) * width for i in range(len(labels))]
        drawn = (axes.barh if horizontal else axes.bar)(positions, values, width, label=name, color=colour)
        axes.bar_label(drawn, fontsize=7, padding=2)
    ticks = range(len(labels))
    (axes.xaxis if horizontal else axes.yaxis).set_major_locator(MaxNLocator(integer=True))  # counts, not 0.2s
    if horizontal:
        axes.set_yticks(list(ticks), labels, fontsize=8)
        axes.invert_yaxis()
    else:
        axes.set_xticks(list(ticks), labels, fontsize=8, rotation=45 if len(labels) > 8 else 0)
    if len(series) > 1:
        axes.legend(fontsize=8, frameon=False)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    return figure


def _per_year(sheet: Factsheet) -> Chart | None:
    if not sheet.by_year:
        return None
    years = [item["period"] for item in sheet.by_year]
    figure = _bars(
        years,
        [
            ("opened", [item["opened"] for item in sheet.by_year], BLUE),
            ("completed", [item["completed"] for item in sheet.by_year], GOLD),
        ],
    )
    return _render("per-year", "Actions opened and completed per year", figure)


def _breakdown(sheet: Factsheet) -> Chart | None:
    """A region's Actions by thematic area; a thematic area's by region."""
    by_area = sheet.subject.kind == "region"
    cells = sheet.figure("actions", "by_thematic_area_phase" if by_area else "by_region_phase")
    if not cells:
        return None
    key = "thematic_area" if by_area else "region"
    opened, completed = Counter[str](), Counter[str]()
    for cell in cells:
        opened[cell[key]] += cell["opened"]
        completed[cell[key]] += cell["completed"]
    names: dict[str, str] = {str(k): v for k, v in (AREA_NAMES if by_area else REGION_NAMES).items()}
    order = sorted(opened, key=lambda k: (-opened[k], k))
    figure = _bars(
        [names.get(k, k) for k in order],
        [("opened", [opened[k] for k in order], BLUE), ("completed", [completed[k] for k in order], GOLD)],
        horizontal=True,
    )
    return _render("breakdown", "Actions by thematic area" if by_area else "Actions by region", figure)


def _experts(sheet: Factsheet) -> Chart | None:
    categories = sheet.figure("experts", "deployed", "by_category")
    if not categories:
        return None
    labels = [
        c["category"].replace("_", " ").title().replace("Eu Ms", "EU MS").replace("Non Eu", "Non-EU")
        for c in categories
    ]
    figure = _bars(labels, [("deployed", [c["count"] for c in categories], BLUE)], horizontal=True)
    return _render("experts", "Experts deployed by category", figure)


def _feedback(sheet: Factsheet) -> Chart | None:
    criteria = [c for c in sheet.figure("feedback", "participant", "criteria") or [] if c["mean"] is not None]
    if not criteria:
        return None  # none, or every cell suppressed for this reader
    labels = [c["criterion"].replace("_", " ").lower() for c in criteria]
    figure = _bars(labels, [("mean (1-5)", [c["mean"] for c in criteria], GOLD)], horizontal=True)
    figure.axes[0].set_xlim(0, 5)
    return _render("feedback", "Participants' feedback: mean score per criterion (1-5)", figure)
