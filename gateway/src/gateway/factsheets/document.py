"""The factsheet as a PDF (fpdf2): the same figures, charts and Actions as the HTML page, A4 portrait."""

from __future__ import annotations

import io
from datetime import UTC, datetime, time
from pathlib import Path

import matplotlib
from fpdf import FPDF

from gateway.factsheets.charts import Chart
from gateway.factsheets.data import Factsheet
from gateway.factsheets.figures import SECTIONS, criteria, scope_note
from gateway.factsheets.page import action_line, lesson_line, outcome_line

# matplotlib ships DejaVu Sans: every script the platform's names use, and the charts' own font.
FONTS = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
BLUE = (0, 51, 153)
WIDTH = 180  # mm between the margins


def pdf_document(sheet: Factsheet, drawn: list[Chart]) -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_title(f"MIEUX factsheet: {sheet.subject.title}")
    pdf.set_author("MIEUX")
    pdf.set_creation_date(datetime.combine(sheet.as_of, time(), UTC))  # the figures' date: same data, same file
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 18)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(WIDTH, 9, f"MIEUX factsheet: {sheet.subject.title}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font("DejaVu", "", 9)
    pdf.multi_cell(
        WIDTH,
        5,
        f"{sheet.subject.kind_label} {sheet.subject.value} · figures as of {sheet.as_of:%d %B %Y}, live from the "
        f"platform · within your access: {scope_note(sheet)}",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    _heading(pdf, "In numbers")
    for name, figures in SECTIONS:
        pdf.set_font("DejaVu", "B", 10)
        pdf.cell(WIDTH, 6, name, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 9)
        for figure in figures:
            pdf.cell(130, 5, figure.label)
            pdf.cell(50, 5, figure.text(sheet), align="R", new_x="LMARGIN", new_y="NEXT")
    for chart in drawn:
        if pdf.will_page_break(80):
            pdf.add_page()
        pdf.ln(3)
        pdf.image(io.BytesIO(chart.png), w=WIDTH)
    found = criteria(sheet)
    if found:
        _heading(pdf, "Participants' feedback per criterion")
        pdf.set_font("DejaVu", "", 9)
        for name, mean in found:
            pdf.cell(110, 5, name)
            pdf.cell(70, 5, mean, align="R", new_x="LMARGIN", new_y="NEXT")
    _actions(pdf, sheet)
    return bytes(pdf.output())


def _heading(pdf: FPDF, text: str) -> None:
    if pdf.will_page_break(20):
        pdf.add_page()
    pdf.ln(4)
    pdf.set_font("DejaVu", "B", 13)
    pdf.set_text_color(*BLUE)
    pdf.cell(WIDTH, 8, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)


def _actions(pdf: FPDF, sheet: Factsheet) -> None:
    _heading(pdf, "Actions")
    pdf.set_font("DejaVu", "", 9)
    if sheet.actions is None:
        pdf.multi_cell(WIDTH, 5, "The Actions themselves are not within your access: figures only.")
        return
    if not sheet.actions:
        pdf.multi_cell(WIDTH, 5, "No Action yet.")
        return
    pdf.multi_cell(WIDTH, 5, f"{len(sheet.actions)} Actions, oldest first.", new_x="LMARGIN", new_y="NEXT")
    for action in sheet.actions:
        if pdf.will_page_break(18):
            pdf.add_page()
        pdf.ln(2)
        pdf.set_font("DejaVu", "B", 10)
        pdf.multi_cell(WIDTH, 5, f"{action['code']} · {action['label']}", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 8)
        pdf.multi_cell(WIDTH, 4, action_line(action), new_x="LMARGIN", new_y="NEXT")
        for outcome in action["outcomes"]:
            pdf.multi_cell(WIDTH, 4, f"Outcome: {outcome_line(outcome)}", new_x="LMARGIN", new_y="NEXT")
        for lesson in action["lessons"]:
            pdf.multi_cell(WIDTH, 4, lesson_line(lesson), new_x="LMARGIN", new_y="NEXT")
