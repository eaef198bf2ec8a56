"""The documentation stands alone: every link in it opens a file of this repository, and every anchor a heading."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(ROOT / name for name in subprocess.run(
    ["git", "ls-files", "*.md"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split())
# [text](target), ![alt](target), <scheme:...> and [label]: target
LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)|<([a-z][a-z0-9+.-]*:[^>\s]+)>|"
                  r"^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.M | re.I)
SCHEME = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
# a path written out in the text that climbs out of its folder: "../shared/CONTRACT.md"
CLIMB = re.compile(r"(?<![\w./-])(?:\.\./)+[\w.-][\w./-]*")


def _links(text: str) -> list[str]:
    return [next(g for g in m.groups() if g) for m in LINK.finditer(text)]


def _anchors(page: Path) -> set[str]:
    """Return the ids GitHub gives a page's headings: lowercase, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.S | re.M)
    out = set()
    for heading in re.findall(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, flags=re.M):
        slug = re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")
        n = 1
        while slug in out:  # a repeated heading gets -1, -2, ...
            slug = f"{re.sub(r'-[0-9]+$', '', slug)}-{n}"
            n += 1
        out.add(slug)
    return out


def _problem(page: Path, target: str) -> str | None:
    """Say what is wrong with one link of a page, or None when it opens inside the repository."""
    if SCHEME.match(target):
        return "leaves the repository (say it here, or leave the link out)"
    path, _, anchor = target.partition("#")
    where = (page.parent / path).resolve() if path else page
    if not where.is_relative_to(ROOT):
        return "points outside the repository"
    if not where.exists():
        return "points at nothing"
    if anchor and where.suffix == ".md" and anchor not in _anchors(where):
        return f"no heading '#{anchor}' in {where.relative_to(ROOT)}"
    return None


@pytest.mark.parametrize("page", PAGES, ids=[str(p.relative_to(ROOT)) for p in PAGES])
def test_every_link_opens_inside_the_repository(page):
    text = page.read_text(encoding="utf-8")
    bad = [f"{target}: {why}" for target in _links(text) if (why := _problem(page, target))]
    bad += [f"{path}: climbs out of its folder to nothing in the repository" for path in CLIMB.findall(text)
            if _problem(page, path)]
    assert not bad, f"{page.relative_to(ROOT)}:\n" + "\n".join(bad)


def test_the_pages_have_links_to_check():
    assert len(PAGES) >= 4 and sum(len(_links(p.read_text(encoding="utf-8"))) for p in PAGES) >= 6


@pytest.mark.parametrize("target, why", [
    ("../shared/CONTRACT.md", "points outside the repository"),
    ("https://example.com/aftercare", "leaves the repository"),
    ("mailto:clinic@example.com", "leaves the repository"),
    ("docs/nothing-here.md", "points at nothing"),
    ("docs/json.md#no-such-heading", "no heading '#no-such-heading'"),
    ("docs/json.md#topic-ids", None),
    ("#for-clinics", None),
])
def test_the_checker_knows_a_link_that_leaves(target, why):
    said = _problem(ROOT / "README.md", target)
    assert (said is None) if why is None else (said is not None and said.startswith(why)), said


def test_a_path_climbing_out_is_caught_in_plain_text_too():
    assert CLIMB.findall("one of the ids below; ../shared/CONTRACT.md lists them") == ["../shared/CONTRACT.md"]
