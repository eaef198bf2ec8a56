"""Sum up the diary for the patient and their clinician: day by day, the trend, every red flag and when.

    s = summarise(protocol, treated, diary.entries(env), now)
    text(s)   html(s)   as_json(s)        # the terminal view, a one-page HTML, the same as plain data
Pain is 0-10 and temperatures are °F; a day's figure is its highest, so a bad evening is never
averaged away. The sparklines are one mark a recovery day, blank where nothing was said.
"""
from __future__ import annotations

import html as markup
from datetime import datetime

from assistant.clinic.protocol import Protocol
from assistant.core.diary import Entry, by_day
from assistant.core.record import Default, Record
from assistant.timeline.clock import say_date

BARS = "▁▂▃▄▅▆▇█"
TEMP_RANGE = (97.0, 104.0)  # °F drawn from the lowest bar to the highest
STATUS = {"good": "all good", "some": "yes, something", "number": "", "told": ""}


class Day(Record):
    date: str
    day: int | None
    said: list[str] = Default(list)          # the check-in answers, in the patient's words
    temperature_f: float | None = None       # the day's highest
    pain: int | None = None                  # the day's highest
    flags: list[Entry] = Default(list)       # anything that raised a level


class Summary(Record):
    protocol: Protocol
    treated: datetime | None
    now: datetime
    days: list[Day]

    @property
    def flags(self) -> list[Entry]:
        return [e for d in self.days for e in d.flags]


def summarise(protocol: Protocol, treated: datetime | None, entries: list[Entry], now: datetime) -> Summary:
    """Group the diary by day, keeping each day's highest temperature and pain and its red flags."""
    days = []
    for date, items in by_day(entries).items():
        d = Day(date, next((e.day for e in items if e.day is not None), None))
        for e in items:
            if e.kind == "checkin":
                d.said.append(STATUS.get(e.status) or e.said)
            if e.temperature_f is not None:
                d.temperature_f = max(e.temperature_f, d.temperature_f or e.temperature_f)
            if e.pain is not None:
                d.pain = max(e.pain, d.pain if d.pain is not None else e.pain)
            if e.level != "none":
                d.flags.append(e)
        days.append(d)
    return Summary(protocol, treated, now, days)


def sparkline(values: list[float | None], low: float, high: float) -> str:
    """Draw values as block marks from `low` to `high`; a missing value is a blank."""
    out = []
    for v in values:
        if v is None:
            out.append(" ")
            continue
        share = (min(max(v, low), high) - low) / (high - low)
        out.append(BARS[round(share * (len(BARS) - 1))])
    return "".join(out)


def trend(values: list[float | None]) -> str:
    """Say which way the last two figures went: rising, falling or steady."""
    known = [v for v in values if v is not None]
    if len(known) < 2:
        return ""
    last, before = known[-1], known[-2]
    return "rising" if last > before else "falling" if last < before else "steady"


def series(s: Summary, field: str) -> list[float | None]:
    """Return one value a recovery day from the first day kept to the last, None where none was given."""
    numbered = [d for d in s.days if d.day is not None]
    if not numbered:
        return [getattr(d, field) for d in s.days]
    first, last = numbered[0].day, numbered[-1].day
    at = {d.day: getattr(d, field) for d in numbered}
    return [at.get(n) for n in range(first, last + 1)]


def heading(s: Summary) -> str:
    p = s.protocol
    when = f"treated {say_date(s.treated, s.now)}" if s.treated else "treatment time not given"
    return f"{p.clinic} ({p.id}), {when}"


def text(s: Summary) -> str:
    """Return the terminal view: one line a day, the trend as sparklines, then the red flags."""
    out = [f"Your diary — {heading(s)}", ""]
    if not s.days:
        return "\n".join(out + ["Nothing kept yet: the chat asks a short check-in once a day."]) + "\n"
    out.append(f"{'day':>4}  {'date':<10}  {'temp °F':>7}  {'pain':>4}  check-in")
    for d in s.days:
        when = datetime.fromisoformat(d.date)
        temp = f"{d.temperature_f:g}" if d.temperature_f is not None else "—"
        pain = str(d.pain) if d.pain is not None else "—"
        mark = "  ! " + ", ".join(sorted({e.level.upper() for e in d.flags})) if d.flags else ""
        said = "; ".join(d.said) or "—"
        out.append(f"{'' if d.day is None else d.day:>4}  {when:%a} {when.day:>2} {when:%b}  {temp:>7}  {pain:>4}  "
                   f"{said}{mark}")
    pains, temps = series(s, "pain"), series(s, "temperature_f")
    out.append("")
    if any(v is not None for v in pains):
        out.append(f"pain  {sparkline(pains, 0, 10)}  (0-10, a mark a day) {trend(pains)}".rstrip())
    if any(v is not None for v in temps):
        out.append(f"temp  {sparkline(temps, *TEMP_RANGE)}  (97-104 °F, a mark a day) {trend(temps)}".rstrip())
    out += ["", "Red flags raised:" if s.flags else "No red flags raised."]
    for e in s.flags:
        out.append(f"  {_when(e)}  {e.level.upper()}: {', '.join(e.reasons) or 'see the words'} — “{e.said}”")
    return "\n".join(out) + "\n"


def _when(e: Entry) -> str:
    at = datetime.fromisoformat(e.at)
    return f"{at:%a} {at.day} {at:%b %H:%M}"


def as_json(s: Summary) -> dict:
    """Return the summary as plain data: the same days, figures and red flags as the text."""
    return {"protocol": s.protocol.id, "clinic": s.protocol.clinic,
            "treated": s.treated.isoformat(timespec="minutes") if s.treated else None,
            "made": s.now.isoformat(timespec="minutes"),
            "days": [{"date": d.date, "day": d.day, "check_in": d.said, "temperature_f": d.temperature_f,
                      "pain": d.pain, "flags": [_flag(e) for e in d.flags]} for d in s.days],
            "trend": {"pain": trend(series(s, "pain")), "temperature_f": trend(series(s, "temperature_f"))},
            "red_flags": [_flag(e) for e in s.flags]}


def _flag(e: Entry) -> dict:
    return {"at": e.at, "level": e.level, "reasons": e.reasons, "said": e.said}


def html(s: Summary) -> str:
    """Return a one-page HTML summary a patient can print, bring or send; every word of theirs escaped."""
    esc = markup.escape
    p = s.protocol
    rows = "".join(
        f"<tr{' class=flag' if d.flags else ''}><td>{'' if d.day is None else d.day}</td><td>{esc(d.date)}</td>"
        f"<td>{'' if d.temperature_f is None else f'{d.temperature_f:g}'}</td>"
        f"<td>{'' if d.pain is None else d.pain}</td><td>{esc('; '.join(d.said))}</td>"
        f"<td>{esc(', '.join(sorted({e.level for e in d.flags})))}</td></tr>" for d in s.days)
    flags = "".join(f"<li><b>{esc(e.level.upper())}</b> {esc(_when(e))}: {esc(', '.join(e.reasons))} — "
                    f"“{esc(e.said)}”</li>" for e in s.flags) or "<li>None raised.</li>"
    charts = "".join(f"<figure><figcaption>{esc(name)} {esc(trend(vals))}</figcaption>{_svg(vals, low, high)}"
                     "</figure>" for name, vals, low, high in
                     (("Pain (0-10)", series(s, "pain"), 0, 10),
                      ("Temperature (97-104 °F)", series(s, "temperature_f"), *TEMP_RANGE))
                     if any(v is not None for v in vals))
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Recovery summary</title>
<style>
@page {{ size: A4; margin: 14mm; }}
body {{ font: 11pt/1.35 system-ui, sans-serif; max-width: 46em; margin: auto; color: #111; }}
h1 {{ font-size: 15pt; margin: 0 0 .2em; }} p.meta {{ margin: 0 0 .8em; color: #444; }}
table {{ border-collapse: collapse; width: 100%; font-size: 10pt; }}
th, td {{ border-bottom: 1px solid #ccc; padding: 2px 6px; text-align: left; vertical-align: top; }}
tr.flag td {{ background: #fde8e8; }} figure {{ display: inline-block; margin: .6em 1.2em 0 0; }}
figcaption {{ font-size: 9pt; color: #444; }}
</style></head><body>
<h1>Recovery summary</h1>
<p class="meta">{esc(heading(s))}. Clinic: {esc(p.how_to_reach())}. Made {esc(say_date(s.now))}.</p>
<table><thead><tr><th>Day</th><th>Date</th><th>°F</th><th>Pain</th><th>Check-in</th><th>Raised</th></tr></thead>
<tbody>{rows}</tbody></table>
{charts}
<h2 style="font-size:12pt">Red flags raised</h2><ul>{flags}</ul>
<p class="meta">Written by the aftercare assistant from the patient's own check-ins; the clinic's sheet is the
authority on care.</p>
</body></html>
"""


def _svg(values: list[float | None], low: float, high: float) -> str:
    """Draw a small line chart, a point a day, for the page (no script, no library)."""
    width, height, step = max(60, 12 * len(values)), 40, 12
    points = [(6 + i * step, height - 4 - (min(max(v, low), high) - low) / (high - low) * (height - 8))
              for i, v in enumerate(values) if v is not None]
    path = " ".join(f"{x:.0f},{y:.1f}" for x, y in points)
    dots = "".join(f'<circle cx="{x:.0f}" cy="{y:.1f}" r="2"/>' for x, y in points)
    return (f'<svg width="{width}" height="{height}" role="img"><polyline points="{path}" fill="none" '
            f'stroke="currentColor"/>{dots}</svg>')
