"""Print the trade-offs behind intents/meaning.toml, on the tuning cases and the general queries only.

    .venv/bin/python scripts/calibrate_meaning.py
For each threshold: how many in-scope tuning questions keep their answer, how many general queries
(training half of intents, and the other half apart) would be answered or alarmed. The held-out
golden files are never read.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests"), str(ROOT / "scripts")]

import golden
from train_domain_gate import GENERAL, training_intent

from assistant.understanding import sense, things
from assistant.understanding.matcher import without_ignored
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import load


def _keywords(utt, vocab) -> tuple[list, bool]:
    """Return the keywords found, as (topic, words), and whether an aftercare word stands beside them, as the
    matcher reads both."""
    tokens = without_ignored(utt.tokens, vocab)
    found = list(vocab.keywords.find(tokens))
    named = things.aftercare_named(tokens, vocab, things.things(tokens, vocab), [(s, e) for s, e, _ in found])
    return [(t, tuple(tokens[s:e])) for s, e, t in found], named


def everyday_only(utt, vocab) -> bool:
    found, named = _keywords(utt, vocab)
    return bool(found) and all(f in vocab.general for f in found) and not named


def keyword_only(utt, vocab) -> bool:
    found, named = _keywords(utt, vocab)
    return bool(found) and not named


def main() -> None:
    vocab = load()
    inscope = [Utterance.of(c["q"], vocab) for c in golden.cases() if c["topics"] not in ([[""]], [["*"]])]
    flags = [Utterance.of(c["q"], vocab) for c in golden.cases() if set(c["triage"]) & {"urgent", "emergency"}]
    rows = [json.loads(line) for line in GENERAL.read_text(encoding="utf-8").splitlines() if line.strip()]
    halves = {"train": [Utterance.of(r["text"], vocab) for r in rows if training_intent(r["intent"])],
              "unseen": [Utterance.of(r["text"], vocab) for r in rows if not training_intent(r["intent"])]}
    print("gate on messages whose keywords are all everyday words")
    mine = [sense.in_domain(u) for u in inscope if everyday_only(u, vocab)]
    theirs = {k: [sense.in_domain(u) for u in us if everyday_only(u, vocab)] for k, us in halves.items()}
    for cut in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8):
        kept = sum(p >= cut for p in mine)
        print(f"  {cut:.1f}: tuning kept {kept}/{len(mine)}; general answered " +
              ", ".join(f"{k} {sum(p >= cut for p in ps)}/{len(halves[k])}" for k, ps in theirs.items()))
    print("nearest topic for messages with no keyword (gate 0.5 first)")
    none_kw = [u for u in inscope if not any(True for _ in vocab.keywords.find(u.tokens))]
    gen = {k: [u for u in us if not any(True for _ in vocab.keywords.find(u.tokens))] for k, us in halves.items()}
    def near(u):
        n = sense.nearest_topic(u)
        return n[1] if n and sense.in_domain(u) >= 0.5 else -1
    mine_s = [near(u) for u in none_kw]
    gen_s = {k: [near(u) for u in us] for k, us in gen.items()}
    for cut in (0.6, 0.65, 0.7, 0.75, 0.8, 0.85):
        print(f"  {cut:.2f}: tuning with no keyword answered {sum(s >= cut for s in mine_s)}/{len(mine_s)}; general " +
              ", ".join(f"{k} {sum(s >= cut for s in ss)}" for k, ss in gen_s.items()))
    print("nearest topic as the fallback, tried on every in-scope tuning question as if no keyword had matched")
    want = [({t for g in c["topics"] for t in g}, Utterance.of(c["q"], vocab)) for c in golden.cases()
            if c["topics"] not in ([[""]], [["*"]])]
    scored = [(sense.in_domain(u), sense.nearest_topic(u), topics) for topics, u in want]
    for gate, cut in ((0.3, 0.8), (0.5, 0.75), (0.5, 0.7), (0.5, 0.65), (0.3, 0.7)):
        taken = [n[0] in topics for g, n, topics in scored if n and g >= gate and n[1] >= cut]
        print(f"  gate {gate:.1f}, near {cut:.2f}: taken {len(taken)}/{len(scored)}, right {sum(taken)}")
    print("gate floor: keywords that answer nothing, in messages with no aftercare word")
    bare = [sense.in_domain(u) for u in inscope if keyword_only(u, vocab)]
    gen_b = {k: [sense.in_domain(u) for u in us if keyword_only(u, vocab)] for k, us in halves.items()}
    for cut in (0.02, 0.03, 0.05, 0.08, 0.1):
        print(f"  {cut:.2f}: tuning dropped {sum(p < cut for p in bare)}/{len(bare)}; general dropped " +
              ", ".join(f"{k} {sum(p < cut for p in ps)}/{len(ps)}" for k, ps in gen_b.items()))
    print("nearest red flag")
    flag_s = [sense.nearest_sign(u)[1] for u in flags]
    gen_f = {k: [sense.nearest_sign(u)[1] for u in us] for k, us in halves.items()}
    calm = [sense.nearest_sign(u)[1] for u in inscope]
    for cut in (0.75, 0.8, 0.85, 0.88, 0.9, 0.93):
        print(f"  {cut:.2f}: red-flag tuning cases {sum(s >= cut for s in flag_s)}/{len(flag_s)}; in-scope questions "
              f"{sum(s >= cut for s in calm)}/{len(calm)}; general " +
              ", ".join(f"{k} {sum(s >= cut for s in ss)}" for k, ss in gen_f.items()))


if __name__ == "__main__":
    main()
