"""Map an utterance onto contract topics, in the order asked, and tell what kind of question it is.

Keywords are whole-word phrases (so "pus" never hides in "campus" and "bed" alone is no tanning
bed); where phrases overlap the longest wins ("hot shower" is heat, not showering). When no keyword
is found, the whole message is compared with each topic's example questions and accepted only
above a calibrated score, so short off-topic questions stay out of scope.
"""
from __future__ import annotations

from assistant.core.record import Record
from assistant.understanding import fuzzy
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import Vocabulary

# token_sort_ratio against the example questions, for messages with no keyword at all. Measured on
# the golden set (216 such messages): at 60 it fires 18 times and is never right (4 of them on
# out-of-scope questions), at 70 three times, from 80 up never; so it stays high, to catch only a
# close paraphrase of an example.
EXAMPLE_CUTOFF = 90.0


class Ask(Record):
    topic: str
    start: int
    verdict: bool          # does the patient want a yes/no?
    avoid: bool = False    # ... to "should I stop / avoid it?", where yes means avoid


def topics(utt: Utterance, vocab: Vocabulary) -> list[Ask]:
    """Return one Ask per topic mentioned, in order of first mention."""
    tokens = without_ignored(utt.tokens, vocab)
    hits: list[tuple[int, str]] = []
    seen: set[str] = set()
    for start, _stop, topic in vocab.keywords.find(tokens):
        if topic not in seen:
            seen.add(topic)
            hits.append((start, topic))
    if not hits:
        guess = _by_example(utt, vocab)
        if guess:
            hits.append((0, guess))
    cues = list(vocab.cues.find(tokens))
    reasons = {stop for _start, stop, _ in vocab.purpose.find(tokens)}
    out = []
    for n, (start, topic) in enumerate(hits):
        verdict = _wants_verdict(vocab.topics[topic].kind, start, cues, tokens)
        if n and start in reasons and _same_sentence(tokens, hits[0][0], start):
            verdict = False  # named as the reason for the first topic, not asked about
        out.append(Ask(topic, start, verdict, verdict and _asks_to_avoid(start, cues, tokens)))
    return out


def _same_sentence(tokens: list[str], a: int, b: int) -> bool:
    return not any(t in ".!?;" for t in tokens[a:b])


def _asks_to_avoid(start: int, cues, tokens) -> bool:
    """Say whether the question asks about stopping or avoiding the topic.

    The cue comes before the topic ("should I stop retinol?"), or after it with a pronoun that points
    back ("I'm on Accutane, should I stop it?").
    """
    before = [c for c in cues if c[0] <= start and _same_sentence(tokens, c[0], start)]
    if before and before[-1][2] == "avoid":
        return True
    return any(kind == "avoid" and s > start and _same_sentence(tokens, start, s)
               and tokens[e:e + 1] in (["it"], ["them"], ["that"], ["this"]) for s, e, kind in cues)


def without_ignored(tokens: list[str], vocab: Vocabulary) -> list[str]:
    """Blank out phrases that look like topics or signs but are not ("Miami Heat", "ice cream")."""
    out = list(tokens)
    for start, stop, _ in vocab.ignore.find(tokens):
        out[start:stop] = ["_"] * (stop - start)
    return out


def _wants_verdict(kind: str, start: int, cues, tokens) -> bool:
    """Pick the question kind: "why"/"how long" in the sentence first, else the nearest cue before."""
    sentence_start = max((i + 1 for i in range(start) if tokens[i] in ".!?;"), default=0)
    sentence_end = next((i for i in range(start, len(tokens)) if tokens[i] in ".!?;"), len(tokens))
    clause_start = max((i + 1 for i in range(sentence_start, start) if tokens[i] == ","), default=sentence_start)
    clause_end = next((i for i in range(start, sentence_end) if tokens[i] == ","), sentence_end)
    inside = [c for c in cues if sentence_start <= c[0] < sentence_end]
    if any(c[2] == "strong" and clause_start <= c[0] < clause_end for c in inside):
        return False
    before = [c for c in inside if c[0] <= start]
    around = before[-1:] or inside[:1]
    if not around:
        return kind == "activity"
    return around[0][2] in ("verdict", "avoid")


def _by_example(utt: Utterance, vocab: Vocabulary) -> str | None:
    if len(utt.tokens) < 3:
        return None
    best = fuzzy.best_match(utt.text, _examples(vocab), EXAMPLE_CUTOFF)
    return best[0] if best else None


_EXAMPLES: dict[int, dict] = {}


def _examples(vocab: Vocabulary) -> dict:
    """Normalise every example question once per vocabulary."""
    if id(vocab) not in _EXAMPLES:
        _EXAMPLES[id(vocab)] = {(tid, ex): Utterance.of(ex, vocab).text
                                for tid, t in vocab.topics.items() for ex in t.examples}
    return _EXAMPLES[id(vocab)]
