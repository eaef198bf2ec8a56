"""Protocol files under attack, through `protocols check` and `--protocol`: one line each, in bounded time."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from attack.hostile import plant

ROOT = Path(__file__).resolve().parents[2]
SUNRISE = (ROOT / "docs" / "example" / "sunrise.toml").read_text()
HOSTILE = {
    "2,000 nested [": lambda s: "x = " + "[" * 2000 + "]" * 2000 + "\n" + s,
    "100,000 nested {": lambda s: "x = " + "{ a = " * 100_000 + "1" + " }" * 100_000 + "\n" + s,
    "conditions = 5": lambda s: "conditions = 5\n" + s.replace("[conditions.", "[x."),
    "a list as a document": lambda s: s.replace("source = [{ line = 6,", 'source = [{ document = ["x"], line = 6,'),
    "a 5,000-character document": lambda s: s.replace('"sunrise-aftercare.txt"]', f'"{"a" * 5000}"]'),
    "/etc/shadow": lambda s: s.replace('"sunrise-aftercare.txt"]', '"/etc/shadow"]'),
    "../../../../etc/passwd": lambda s: s.replace('"sunrise-aftercare.txt"]', '"../../../../etc/passwd"]'),
    "an id with CR LF": lambda s: s.replace('id = "sunrise"', 'id = "sunrise\\r\\nBEGIN:VEVENT"'),
    "tot for to": lambda s: s.replace('to = "+24h"', 'tot = "+7d"', 1),
    "[[rules]]": lambda s: s.replace("[[rule]]", "[[rules]]"),
    "+99999999d": lambda s: s.replace('to = "+24h"', 'to = "+99999999d"', 1),
    "day 99999999999999": lambda s: s.replace('from = "day 1"', 'from = "day 99999999999999"', 1),
    "a bool as a number": lambda s: s.replace("fever_threshold_f = 101", "fever_threshold_f = true"),
    "nan fever": lambda s: s.replace("fever_threshold_f = 101", "fever_threshold_f = nan"),
    "line 0": lambda s: s.replace("line = 6,", "line = 0,", 1),
    "a huge line number": lambda s: s.replace("line = 6,", "line = 99999999999999999999,", 1),
    "20,000 bad rules": lambda s: s + '[[rule]]\ntot = 1\n' * 20_000,
    "a megabyte and more": lambda s: s + "# " + "x" * (1 << 20) + "\n",
    "not UTF-8": lambda s: s.replace("Sunrise Skin Studio", "Sunrise \udcff Studio"),
    "a NUL in a string": lambda s: s.replace('clinic = "Sunrise Skin Studio"', 'clinic = "Sun\\u0000rise"'),
    "an escape in a text": lambda s: s.replace("No makeup for 24 hours", "No makeup\\u001b[2J for 24 hours", 1),
    "empty": lambda s: "",
    "only a table": lambda s: "[[rule]]\n",
}


@pytest.fixture
def clinic(tmp_path):
    shutil.copytree(ROOT / "docs" / "example" / "sources", tmp_path / "sources")
    return tmp_path


@pytest.mark.parametrize("name", HOSTILE)
def test_a_hostile_protocol_is_refused_in_one_line_per_problem(aftercare, clinic, name):
    path = clinic / "sunrise.toml"
    path.write_bytes(HOSTILE[name](SUNRISE).encode("utf-8", "surrogateescape"))
    r = aftercare("protocols", "check", str(path))
    assert r.code == 2 and "Traceback" not in r.err and r.out == ""
    assert all(line.startswith(str(path)) for line in r.err.splitlines()[:-1]), r.err[:500]
    for argv in (["ask", "makeup?"], ["plan"], ["today"]):
        aftercare(*argv, "--protocol", str(path), "--treated", "yesterday").clean(codes=(2,))


@pytest.mark.parametrize("what", ["fifo", "folder", "/dev/zero", "/etc/shadow"])  # the last two as links
def test_a_protocol_or_sheet_that_is_no_file_never_hangs(aftercare, clinic, what):
    path = clinic / "sunrise.toml"
    path.write_text(SUNRISE)
    sheet = clinic / "sources" / "sunrise-aftercare.txt"
    sheet.unlink()
    plant(sheet, what)
    r = aftercare("protocols", "check", str(path))
    assert r.code == 2 and "Traceback" not in r.err and "documents: source document" in r.err
    assert "root:" not in r.err
