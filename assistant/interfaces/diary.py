"""`aftercare diary`: each day's check-in, temperatures and pain with the trend, and every red flag raised.

    aftercare diary                             # the terminal view, with sparklines
    aftercare diary --json                      # the same as plain data
    aftercare diary --export summary.html       # a one-page summary to bring or send (.html, .txt, .json)
    aftercare diary --pdf summary.pdf           # the same page as a PDF, where fpdf2 is installed
Files are written owner-only, into a folder that must already exist.
"""
from __future__ import annotations

import json
import os

from assistant.core import diary as kept
from assistant.core.context import Env, Exit, UsageError
from assistant.core.storage import write_output
from assistant.core.text import json_line
from assistant.dialogue import pdf, summary
from assistant.interfaces.context import context

FORMATS = {".html": "html", ".htm": "html", ".txt": "text", ".text": "text", ".json": "json", ".pdf": "pdf"}


def diary(args, env: Env) -> int:
    """Show the diary, or write it as a one-page summary."""
    protocol, treated, now = context(args, env)
    s = summary.summarise(protocol, treated, kept.entries(env.environ), now)
    if args.json:
        env.stdout.write(json_line(summary.as_json(s)) + "\n")
        return Exit.OK
    target, kind = (args.pdf, "pdf") if args.pdf else (args.export, args.format or _format_of(args.export))
    if not target:
        env.stdout.write(summary.text(s))
        return Exit.OK
    data = _render(s, kind)
    try:
        write_output(target, data)
    except OSError as exc:
        raise UsageError(f"cannot write {target}: {exc.strerror or exc}") from None
    days = len(s.days)
    env.stdout.write(f"Summary written to {target} ({kind}, {days} day{'s' if days != 1 else ''}, "
                     f"{len(s.flags)} red flag{'s' if len(s.flags) != 1 else ''}).\n")
    return Exit.OK


def _format_of(path: str | None) -> str | None:
    if path is None:
        return None
    kind = FORMATS.get(os.path.splitext(path)[1].lower())
    if kind is None:
        raise UsageError(f"--export: say which format with --format, or end the name in {', '.join(FORMATS)}")
    return kind


def _render(s: summary.Summary, kind: str) -> str | bytes:
    if kind == "html":
        return summary.html(s)
    if kind == "json":
        return json.dumps(summary.as_json(s), ensure_ascii=False, indent=2) + "\n"
    if kind == "pdf":
        try:
            return pdf.render(s)
        except pdf.PdfUnavailable as exc:
            raise UsageError(f"--pdf: {exc}") from None
    return summary.text(s)
