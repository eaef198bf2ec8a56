"""Read a clinic's source documents, check a quote against its line, and say where a line sits on the paper.

    lines = read_lines(Path("protocols/alexander.toml"), "000_d8d7b222d24b091f.txt")
    place(lines, 17)    -> "item 8"                                     the sheet numbers it "8."
    place(lines, 29)    -> "item 5 under Post-Treatment Instructions"   two lists on one sheet count from 1
    place(lines, 15)    -> "line 15"                                    no number is printed there
A patient holds the paper, not the file: the number printed beside an instruction is what they
can find on it, and the heading above the list tells two lists apart. Where the sheet prints no
number, the line of the text is all there is to go by.
"""
from __future__ import annotations

import re
from pathlib import Path

from assistant.core import data

# "8. It is recommended…", "3) Avoid…", "(1) CLEANSE": an item the sheet numbers.
_ITEM = re.compile(r"^\s*(?:(\d{1,2})[.)]|\((\d{1,2})\))\s+\S")
# "• Redness…", "- Day 1 -", "* …": an item with no number; its lines go by their own number.
_BULLET = re.compile(r"^\s*[-*\u2022\u2023\u25e6]\s")


def read_lines(protocol_path: Path, name: str) -> list[str] | None:
    """Return the lines of a document a protocol names, from where docs/protocols.md says to look."""
    for folder in (protocol_path.parent / "sources", protocol_path.parent, Path(data.source_dir())):
        candidate = folder / name
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8", errors="replace").splitlines()
    return None


def _squash(text: str) -> str:
    return " ".join(text.split())


def quote_stands(lines: list[str], line: int, quote: str) -> bool:
    """Say whether quote starts on the 1-based line, allowing it to run over the next two lines."""
    if not 1 <= line <= len(lines) or not quote.strip():
        return False
    head = _squash(lines[line - 1])
    joined = _squash(" ".join(lines[line - 1:line + 2]))
    at = joined.find(_squash(quote))
    return at != -1 and at < len(head)


def _number(text: str) -> int | None:
    m = _ITEM.match(text)
    return None if m is None else int(m[1] or m[2])


def _item_start(lines: list[str], line: int) -> int | None:
    """Return the 0-based line where the numbered item holding `line` starts, if it is one."""
    i = line - 1
    while i >= 0 and lines[i].strip():
        if _number(lines[i]) is not None:
            return i
        if _BULLET.match(lines[i]):
            return None
        i -= 1
    return None


def _heading(lines: list[str], start: int) -> str:
    """Return the words just above the list that holds the item at `start` ("Post-Treatment Instructions").

    Only a line of its own is a heading: the tail of a bullet or of another item is not.
    """
    first = start
    while first > 0 and _number(lines[first]) != 1:
        first -= 1
    above = first - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    top = above
    while top >= 0 and lines[top].strip():
        if _number(lines[top]) is not None or _BULLET.match(lines[top]):
            return ""
        top -= 1
    return _squash(lines[above].strip(" #*:\t")) if above >= 0 else ""


def place(lines: list[str], line: int) -> str:
    """Say where the 1-based line is on the paper: its printed item number, else its line."""
    start = _item_start(lines, line) if 1 <= line <= len(lines) else None
    if start is None:
        return f"line {line}"
    said = f"item {_number(lines[start])}"
    lists = sum(1 for ln in lines if _number(ln) == 1)
    heading = _heading(lines, start) if lists > 1 else ""
    return f"{said} under {heading}" if heading else said
