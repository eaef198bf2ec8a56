"""Show text from users and data on a terminal without letting it drive the terminal.

    shown("C-1\x1b[2J")            # 'C-1\\x1b[2J': the escape is printed, never executed
    shown("two\nlines", lines=True) # newlines kept; every other control character escaped
Everything printed from a caller, a log, a database or a protocol file passes here once: C0 and
C1 control characters (ESC, so every escape sequence, CSI, OSC, carriage return, backspace, bell)
and DEL are shown as backslash escapes, and so are the bidirectional overrides and isolates that
can make a line read differently from what it holds. Ordinary Unicode (accents, °, curly quotes)
passes unchanged.
"""
from __future__ import annotations

import json
import re

_NAMED = {"\t": "\\t", "\r": "\\r", "\n": "\\n", "\\": "\\\\"}
# C0, DEL, C1; the bidi embeddings, overrides and isolates; line and paragraph separators
_CONTROL = "\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029"
_UNSAFE = re.compile(f"[{_CONTROL}]")
_UNSAFE_OR_BACKSLASH = re.compile(f"[{_CONTROL}\\\\]")


def _escape(m: re.Match) -> str:
    c = m[0]
    if c in _NAMED:
        return _NAMED[c]
    return f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}"


def shown(text, lines: bool = False) -> str:
    """Return text safe to print: control characters as escapes; newlines kept only with `lines`.

    A backslash is doubled only when the text holds something escaped, so "C:\\clinic" prints as
    typed and an escape shown can never be mistaken for one typed."""
    text = "" if text is None else str(text)
    if lines:
        return "\n".join(shown(part) for part in text.split("\n"))
    if not _UNSAFE.search(text):
        return text
    return _UNSAFE_OR_BACKSLASH.sub(_escape, text)


def listed(items: list[str]) -> str:
    """Join things the way they are said: "pus, a fever and red streaks"; empty ones left out."""
    items = [i for i in items if i]
    return ", ".join(items[:-1]) + " and " + items[-1] if len(items) > 1 else "".join(items)


_JSON_UNSAFE = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_line(value) -> str:
    """Return one line of JSON: readable Unicode kept, and every C1 or bidi control escaped as \\uXXXX
    (json.dumps escapes only C0), so a terminal that shows the JSON is never driven by it."""
    text = json.dumps(value, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


class CleanWriter:
    """Wrap a stream so everything written to it passes `shown`, line breaks kept."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text: str) -> int:
        return self.stream.write(shown(text, lines=True))

    def flush(self) -> None:
        self.stream.flush()
