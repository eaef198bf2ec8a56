"""Find the line of every table and key of a TOML text in one pass, so each problem is located at once.

    where = Lines(text)
    where.of("rule", 3, "to")            # the line of `to` in the fourth [[rule]]
    where.of("rule", 3, "source", 1)     # the line of the second { ... } in that rule's `source`
    where.of(None, 0, "documents")       # a top-level key
    where.of("conditions.healed", 0)     # a table's header
tomllib gives no positions, and searching the text for each problem made locating 20,000 bad rules
quadratic (minutes); this reads the text once and answers from dictionaries. It follows strings
(basic, literal and multi-line), comments and brackets, so a key inside a string or inside a
multi-line array is never taken for a key of the table. Anything it cannot place falls back to
the table's header, then to line 1.
"""
from __future__ import annotations

import re

_HEADER = re.compile(r"\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_SPECIAL = re.compile(r'"""|\'\'\'|["\'#\[\]{}]')
_PART = r"""(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')"""  # a bare, "basic" or 'literal' key
_KEY = re.compile(rf"\s*({_PART}(?:\s*\.\s*{_PART})*)\s*=")


def _name(dotted: str) -> str:
    """Say a dotted name as the checker does: parts without quotes or spaces, joined by dots."""
    if not ('"' in dotted or "'" in dotted or " " in dotted):
        return dotted  # the usual bare name: no need to split it
    return ".".join(part.strip().strip("\"'") for part in re.split(r"\.(?=(?:[^\"']|\"[^\"]*\"|'[^']*')*$)", dotted))


class Lines:
    """Lines of tables, keys and the inline tables of array values, read in one pass."""

    def __init__(self, text: str):
        self.headers: dict[tuple[str | None, int], int] = {(None, 0): 1}
        self.keys: dict[tuple[str | None, int, str], int] = {}
        self.items: dict[tuple[str | None, int, str], list[int]] = {}
        self._scan(text.split("\n"))

    def of(self, table: str | None, index: int = 0, key: str | None = None, item: int | None = None) -> int:
        """Return the line of the key (and of its item-th inline table) in the table, or the nearest known line."""
        if key is not None:
            items = self.items.get((table, index, key), [])
            if item is not None and item < len(items):
                return items[item]
            line = self.keys.get((table, index, key), self.headers.get((f"{table}.{key}" if table else key, 0)))
            if line is not None:  # a key, or a table of that name: [[rules]], [conditions.healed]
                return line
        line = self.headers.get((table, index))
        if line is not None:
            return line
        if table and "." in table:  # [conditions.healed] written as a key of [conditions]
            parent, _, child = table.rpartition(".")
            return self.of(parent, 0, child)
        return self.keys.get((None, 0, table), 1) if table else 1

    def _scan(self, lines: list[str]) -> None:
        counts: dict[str, int] = {}
        table: tuple[str | None, int] = (None, 0)
        depth, quote, owner = 0, "", None  # brackets open, the multi-line string we are in, the key they belong to
        for number, line in enumerate(lines, 1):
            start = 0
            if not quote and depth == 0:
                header = _HEADER.match(line) if line.lstrip().startswith("[") else None
                if header:
                    name = _name(header[2])
                    counts[name] = counts.get(name, -1) + 1 if header[1] == "[[" else 0
                    table = (name, counts[name])
                    self.headers.setdefault(table, number)
                    continue
                key = _KEY.match(line)
                if key:
                    name = _name(key[1])
                    owner = (*table, name)
                    self.keys.setdefault(owner, number)
                    self.keys.setdefault((*table, name.split(".")[0]), number)
                    start = key.end()
            depth, quote = self._walk(line, start, depth, quote, owner, number)

    def _walk(self, line: str, i: int, depth: int, quote: str, owner, number: int) -> tuple[int, str]:
        """Follow strings and brackets along one line; note where inline tables of an array start."""
        n = len(line)
        while i < n:
            if quote:
                end = line.find(quote, i)
                if end == -1:
                    return depth, quote
                if quote == '"""' and _escaped(line, end):
                    i = end + 1
                    continue
                i, quote = end + 3, ""
                continue
            m = _SPECIAL.search(line, i)  # jump to the next character that matters
            if m is None:
                break
            c, i = m[0], m.end()
            if c == "#":
                break
            if c in ('"""', "'''"):
                quote = c
            elif c in "\"'":
                end = line.find(c, i)
                while end != -1 and c == '"' and _escaped(line, end):
                    end = line.find(c, end + 1)
                i = n if end == -1 else end + 1
            elif c in "[{":
                if c == "{" and depth == 1 and owner is not None:
                    self.items.setdefault(owner, []).append(number)
                depth += 1
            else:
                depth = max(0, depth - 1)
        return depth, quote


def _escaped(line: str, at: int) -> bool:
    """Say whether the character at `at` follows an odd number of backslashes."""
    slashes = 0
    while at - slashes - 1 >= 0 and line[at - slashes - 1] == "\\":
        slashes += 1
    return slashes % 2 == 1
