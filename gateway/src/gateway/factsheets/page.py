"""The factsheet as one self-contained HTML page (charts inline as SVG, no script, no external resource)."""

from __future__ import annotations

import json
from html import escape
from typing import Any

from gateway.factsheets.charts import Chart
from gateway.factsheets.data import Factsheet
from gateway.factsheets.figures import SECTIONS, criteria, scope_note

STYLE = """
body { font-family: "DejaVu Sans", Verdana, sans-serif; margin: 2rem auto; max-width: 60rem; color: #1a1a1a; }
h1 { color: #003399; margin-bottom: 0.2rem; } h2 { color: #003399; border-bottom: 2px solid #f2a900; }
.meta { color: #555; } table { border-collapse: collapse; margin: 0.5rem 0 1rem; }
td, th { padding: 0.2rem 0.8rem; border-bottom: 1px solid #ddd; text-align: left; } td.n { text-align: right; }
.figures { display: grid; grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr)); gap: 0 2rem; }
figure { margin: 1rem 0; } figure svg { width: 100%; height: auto; }
.action { margin: 0.8rem 0; padding-left: 0.8rem; border-left: 3px solid #003399; }
.action h3 { margin: 0; font-size: 1rem; } .action ul { margin: 0.2rem 0; }
"""


def html_page(sheet: Factsheet, drawn: list[Chart]) -> str:
    title = f"MIEUX factsheet: {sheet.subject.title}"
    body = [
        f"<h1>{escape(title)}</h1>",
        f'<p class="meta">{escape(sheet.subject.kind_label)} <code>{escape(sheet.subject.value)}</code> · '
        f'figures as of <time datetime="{sheet.as_of.isoformat()}">{sheet.as_of:%d %B %Y}</time>, '
        f'live from the platform · within your access: <span class="scope">{escape(scope_note(sheet))}</span></p>',
        '<h2>In numbers</h2><div class="figures">',
        *(_section(name, figures, sheet) for name, figures in SECTIONS),
        "</div>",
    ]
    if drawn:
        body.append("<h2>Charts</h2>")
        body.extend(
            f'<figure data-chart="{c.key}">{c.svg}<figcaption>{escape(c.title)}</figcaption></figure>' for c in drawn
        )
    found = criteria(sheet)
    if found:
        body.append("<h2>Participants' feedback per criterion</h2><table>")
        body.extend(f'<tr><td>{escape(name)}</td><td class="n">{escape(mean)}</td></tr>' for name, mean in found)
        body.append("</table>")
    body.append(_actions(sheet))
    return (
        f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{STYLE}</style></head><body>{''.join(body)}</body></html>\n"
    )


def _section(name: str, figures: list[Any], sheet: Factsheet) -> str:
    rows = "".join(
        f'<tr><td>{escape(f.label)}</td><td class="n" data-figure="{f.key}" '
        f"data-value='{escape(json.dumps(f.value(sheet)))}'>{escape(f.text(sheet))}</td></tr>"
        for f in figures
    )
    return f"<section><h3>{escape(name)}</h3><table>{rows}</table></section>"


def _actions(sheet: Factsheet) -> str:
    if sheet.actions is None:
        return "<h2>Actions</h2><p>The Actions themselves are not within your access: figures only.</p>"
    if not sheet.actions:
        return "<h2>Actions</h2><p>No Action yet.</p>"
    blocks = [f'<h2>Actions</h2><p data-figure="actions.listed">{len(sheet.actions)} Actions, oldest first.</p>']
    for action in sheet.actions:
        blocks.append(f'<div class="action" data-action="{escape(action["code"])}">')
        blocks.append(f"<h3>{escape(action['code'])} · {escape(action['label'])}</h3>")
        blocks.append(f'<p class="meta">{escape(action_line(action))}</p>')
        if action["outcomes"]:
            blocks.append("<p>Outcomes:</p><ul>")
            blocks.extend(f"<li>{escape(outcome_line(o))}</li>" for o in action["outcomes"])
            blocks.append("</ul>")
        if action["lessons"]:
            blocks.append("<p>Lessons learnt and good practices:</p><ul>")
            blocks.extend(f"<li>{escape(lesson_line(x))}</li>" for x in action["lessons"])
            blocks.append("</ul>")
        blocks.append("</div>")
    return "".join(blocks)


def action_line(action: dict[str, Any]) -> str:
    status = action["status"].replace("_", " ").lower()
    dates = [f"approved {action['approved_on']}"]
    if action["launched_on"]:
        dates.append(f"launched {action['launched_on']}")
    if action["completed_on"]:
        dates.append(f"completed {action['completed_on']}")
    return (
        f"{action['topic']} · {action['phase'].replace('_', ' ')} · {status} · {', '.join(dates)} · "
        f"{action['activities_held']} activities held · {action['deliverables_count']} deliverables"
    )


def outcome_line(outcome: dict[str, Any]) -> str:
    level = f" ({outcome['capacity_level'].replace('_', ' ').lower()} level)" if outcome["capacity_level"] else ""
    return f"{outcome['summary']}{level}, observed {outcome['observed_on']}"


def lesson_line(lesson: dict[str, Any]) -> str:
    kind = "Lesson learnt" if lesson["kind"] == "LESSON_LEARNT" else "Good practice"
    return f"{kind} ({lesson['category'].lower()}): {lesson['summary']}"
