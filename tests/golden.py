"""Load golden case files and judge a reply the way ../shared/eval/score.py does, in-process."""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
TREATED = datetime(2026, 11, 20, 10, 0)
SERIOUS = {"emergency": 3, "urgent": 2, "routine": 1, "none": 0}


def cases(pattern: str = "*.jsonl") -> list[dict]:
    """Return the cases of the golden files matching `pattern` (tuning: "*.jsonl"; held out: "heldout/*.jsonl")."""
    out = []
    for file in sorted(GOLDEN.glob(pattern)):
        for n, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                case = json.loads(line)
                case["_where"] = f"{file.name}:{n}"
                out.append(case)
    return out


# held-out files measured at first contact, then studied
LATER = ("-fresh", "-second", "-third", "-fourth", "-fifth", "-sixth", "-seventh", "-eighth", "-ninth", "-tenth",
         "-eleventh", "-twelfth", "-thirteenth", "-fourteenth", "-fifteenth",
         "-sixteenth", "-seventeenth", "-eighteenth", "-nineteenth", "-twentieth", "-twentyfirst",
         "-twentysecond", "-twentythird", "-twentyfourth", "-twentyfifth", "-twentysixth",
         "-twentyseventh", "-twentyeighth", "-twentyninth", "-thirtieth", "-thirtyfirst")
UNSEEN = ("-thirtysecond",)  # held-out files never studied


def _held(suffixes: tuple[str, ...]) -> list[dict]:
    return [c for c in cases("heldout/*.jsonl") if c["_where"].split(".")[0].endswith(suffixes)]


def studied() -> list[dict]:
    """Return the first held-out cases, whose misses were studied (and fixed only by general rules)."""
    return [c for c in cases("heldout/*.jsonl") if not c["_where"].split(".")[0].endswith(LATER + UNSEEN)]


def later() -> list[dict]:
    """Return the held-out cases written by helpers blind to the code, measured first, then studied."""
    return _held(LATER)


def unseen() -> list[dict]:
    """Return the held-out cases nobody here has read: the honest figure."""
    return _held(UNSEEN)


def clock(case: dict) -> tuple[datetime | None, datetime]:
    """Return (treated, now) for a case: `hours` after treatment, or 30 h with no treatment time."""
    hours = case.get("hours")
    now = TREATED + timedelta(hours=hours if hours is not None else 30)
    return (TREATED if hours is not None else None), now


def judge(case: dict, out: dict) -> dict[str, bool]:
    """Return check -> passed, for the checks this case makes."""
    res = {}
    answers = out.get("answers") or []
    covered = {a["topic"]: a for a in answers if a.get("covered", True)}
    anytopic = {a["topic"]: a for a in answers}
    groups = case["topics"]
    if groups == [["*"]]:
        pass
    elif groups == [[""]]:
        res["out_of_scope"] = not covered
    else:
        res["topic"] = all(any(t in anytopic for t in g) for g in groups)
    want = case.get("allowed", "-")
    if want != "-" and res.get("topic"):
        if isinstance(want, dict):
            res["allowed"] = all(anytopic[t].get("allowed") is v for t, v in want.items() if t in anytopic)
        else:
            hit = next(anytopic[t] for t in groups[0] if t in anytopic)
            res["allowed"] = hit.get("allowed") is want
    got = out.get("triage")
    res["triage"] = got in case["triage"]
    lowest = min(SERIOUS[t] for t in case["triage"])
    if lowest >= 2:
        res["red_flag_recall"] = SERIOUS.get(got, -1) >= lowest
    if case["triage"] == ["none"]:
        res["no_false_alarm"] = SERIOUS.get(got, 0) < 2
    if "lead" in case and res.get("topic", True):
        first = (out.get("text") or "").split(maxsplit=1)[:1]
        word = first[0].lower().strip(".,:;!") if first else ""
        res["lead"] = word == "yes" if case["lead"] == "yes" else word in ("no", "not")
    return res
