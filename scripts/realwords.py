"""Regenerate intents/realwords.txt: real English words that look like a known word but are not it.

The typo corrector never "corrects" these ("paint" is not "pain", "spain" is not "pain",
"slathering" is not "smothering"), nor reads them as two words run together ("topics" is no "to
pics"). Source: the CMU pronouncing dictionary that ships inside the pocketsphinx wheel, less the words
its general English language model has never seen: the dictionary lists names and rare spellings
("bruse", "tuch") that are far likelier typos of "bruise" and "touch".
The list depends on every word the intents know, so it goes stale whenever they grow
(tests/test_matcher.py checks it is current). Run after changing intents:
    .venv/bin/python scripts/realwords.py
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from assistant.core import data
from assistant.understanding import utterance
from assistant.understanding.vocabulary import Vocabulary, _read_all

UNSEEN = -(2 ** 29)  # the model's log probability for a word it has never seen


def wanted() -> set[str]:
    """Return the dictionary's words that the corrector would otherwise turn into a known word."""
    import pocketsphinx
    cmu = Path(pocketsphinx.get_model_path()) / "en-us" / "cmudict-en-us.dict"
    raw = _read_all()
    raw.pop("realwords", None)
    vocab = Vocabulary(raw)
    pools = utterance._candidates(vocab)
    likelier = set(raw["language"]["typos"]["likelier"])  # seen in English, but typed as typos far more
    english = _unigrams()
    keep = set()
    for line in cmu.read_text(encoding="utf-8", errors="replace").splitlines():
        word = line.split(" ", 1)[0]
        if not word.isalpha() or len(word) < utterance.MIN_SWAPPED or word in vocab.known:
            continue
        if len(word) < utterance.MIN_FUZZY:  # a short word only ever has two letters swapped ("sue" is no "use")
            hit = utterance._swapped(word, vocab)
        else:
            hit = utterance.closest(word, pools) or utterance._split(word, vocab) or \
                utterance._by_ear(word, vocab)  # "topics" is no "to pics"; "process" no "progress"
        if hit is not None and hit != word and english(word) > UNSEEN and word not in likelier:
            keep.add(word)
    return keep


def _unigrams():
    """Return word -> its log probability in the general English model that ships with pocketsphinx."""
    import pocketsphinx
    model = Path(pocketsphinx.get_model_path()) / "en-us" / "en-us.lm.bin"
    config = pocketsphinx.Config()
    config["loglevel"] = "ERROR"
    lm = pocketsphinx.NGramModel(config, pocketsphinx.LogMath(), str(model))
    return lambda word: lm.prob([word])


def main() -> None:
    keep = wanted()
    out = Path(data.intents_dir()) / "realwords.txt"
    out.write_text("\n".join(sorted(keep)) + "\n", encoding="utf-8")
    print(f"{len(keep)} words -> {out}")


if __name__ == "__main__":
    main()
