"""Print the diary summary as a one-page PDF with fpdf2: the one module that imports it.

    data = render(summary)      # bytes of an A4 page; PdfUnavailable when fpdf2 is not installed
A Unicode font (DejaVu Sans) is used where the system has one; otherwise the PDF core font, with
the few characters it lacks spelled out, so the patient's words are never lost to a box.
"""
from __future__ import annotations

import os

from assistant.dialogue.summary import TEMP_RANGE, Summary, heading, series, trend
from assistant.timeline.clock import say_date

FONTS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans.ttf",
         "/Library/Fonts/DejaVuSans.ttf", "/usr/local/share/fonts/DejaVuSans.ttf")
_PLAIN = str.maketrans({"…": "...", "—": "-", "–": "-", "“": '"', "”": '"', "‘": "'", "’": "'", "·": "-"})


class PdfUnavailable(Exception):
    """fpdf2 is not installed: the HTML summary prints to PDF from any browser instead."""


def render(s: Summary) -> bytes:
    """Return the summary as one A4 page."""
    try:
        # fpdf2 costs about 0.9 s to import (it brings Pillow and fontTools): only `diary --pdf` pays it.
        from fpdf import FPDF
    except ImportError:
        raise PdfUnavailable("a PDF needs fpdf2 (pip install 'aftercare[pdf]'); "
                             "or export HTML and print it to PDF") from None
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_page()
    font = next((f for f in FONTS if os.path.isfile(f)), None)
    if font:
        pdf.add_font("body", fname=font)
        family, clean = "body", (lambda t: t)
    else:
        family = "helvetica"
        clean = lambda t: t.translate(_PLAIN).encode("latin-1", "replace").decode("latin-1")
    size = max(6.0, 10.0 - max(0, len(s.days) - 24) / 4)  # many days: smaller type, still one page
    pdf.set_font(family, size=15)
    pdf.cell(0, 8, "Recovery summary", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=9)
    pdf.multi_cell(0, 4.5, clean(f"{heading(s)}. Clinic: {s.protocol.how_to_reach()}. Made {say_date(s.now)}."),
                   new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_font(family, size=size)
    widths = (10, 24, 14, 12, 100, 20)
    row_h = size * 0.55
    rows = [("" if d.day is None else str(d.day), d.date, "" if d.temperature_f is None else f"{d.temperature_f:g}",
             "" if d.pain is None else str(d.pain), "; ".join(d.said)[:90],
             ", ".join(sorted({e.level for e in d.flags}))) for d in s.days]
    for cells in [("Day", "Date", "°F", "Pain", "Check-in", "Raised"), *rows]:
        for w, c in zip(widths, cells):
            pdf.cell(w, row_h, clean(c), border="B")
        pdf.ln(row_h)
    pdf.ln(3)
    for name, values, low, high in (("Pain 0-10", series(s, "pain"), 0, 10),
                                    ("Temperature 97-104 °F", series(s, "temperature_f"), *TEMP_RANGE)):
        if any(v is not None for v in values):
            _chart(pdf, clean(f"{name} {trend(values)}"), values, low, high)
    pdf.set_font(family, size=11)
    pdf.cell(0, 7, "Red flags raised", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(family, size=size)
    for e in s.flags or []:
        line = f"{e.level.upper()} {e.at.replace('T', ' ')}: {', '.join(e.reasons)} - \"{e.said}\""
        pdf.multi_cell(0, row_h, clean(line[:220]), new_x="LMARGIN", new_y="NEXT")
    if not s.flags:
        pdf.cell(0, row_h, "None raised.", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _chart(pdf, caption: str, values: list[float | None], low: float, high: float) -> None:
    """Draw a small line chart, a point a day, under its caption."""
    pdf.cell(0, 5, caption, new_x="LMARGIN", new_y="NEXT")
    x0, y0, h, step = pdf.l_margin, pdf.get_y(), 14, 5
    points = [(x0 + i * step, y0 + h - (min(max(v, low), high) - low) / (high - low) * h)
              for i, v in enumerate(values) if v is not None]
    for a, b in zip(points, points[1:]):
        pdf.line(*a, *b)
    for x, y in points:
        pdf.circle(x=x, y=y, radius=0.8, style="F")
    pdf.set_y(y0 + h + 3)
