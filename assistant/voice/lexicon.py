"""Give every word the recogniser may hear a pronunciation: the decoder's dictionary's, else espeak-ng's.

    lexicon = Lexicon(lookup, words)   # lookup(word) -> "K AE N" or None: the decoder's own dictionary
    lexicon("advil")                   # "AE D V IH L", from the dictionary
    lexicon("aquaphor")                # "AE K W AE F ER", generated: the dictionary lacks it
    lexicon("tmrw")                    # None: neither can say it
The decoder's dictionary (CMUdict) lacks brands and drug names ("Aquaphor", "Valtrex", "Accutane"),
so those were left out of what could be heard. espeak-ng, which already reads the replies aloud,
turns spelling into sound: each missing word goes through it once, in one call, when the model is
built (then cached), and its IPA becomes the decoder's phone set. Without espeak-ng the missing
words are left out, as before.
"""
from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable, Iterable

Lookup = Callable[[str], "str | None"]

# espeak-ng's American IPA -> the decoder's phones (CMUdict's ARPAbet, no stress). Longest first.
IPA = {
    "aɪ": "AY", "aʊ": "AW", "eɪ": "EY", "oʊ": "OW", "ɔɪ": "OY", "iə": "IY AH", "dʒ": "JH", "tʃ": "CH",
    "ɑːɹ": "AA R", "ɔːɹ": "AO R", "ɛɹ": "EH R", "ɪɹ": "IH R", "ʊɹ": "UH R", "əl": "AH L", "oːɹ": "AO R",
    "iː": "IY", "i": "IY", "ɪ": "IH", "ᵻ": "IH", "ɛ": "EH", "e": "EH", "æ": "AE", "a": "AE", "ɐ": "AH",
    "ə": "AH", "ʌ": "AH", "ɑː": "AA", "ɑ": "AA", "ɒ": "AA", "ɔː": "AO", "ɔ": "AO", "oː": "OW", "o": "OW",
    "uː": "UW", "u": "UW", "ʊ": "UH", "ɚ": "ER", "ɜː": "ER", "ɜ": "ER",
    "b": "B", "d": "D", "ð": "DH", "f": "F", "ɡ": "G", "g": "G", "h": "HH", "j": "Y", "k": "K", "l": "L",
    "m": "M", "n": "N", "ŋ": "NG", "p": "P", "ɹ": "R", "r": "R", "s": "S", "ʃ": "SH", "t": "T", "θ": "TH",
    "v": "V", "w": "W", "z": "Z", "ʒ": "ZH", "ɾ": "T", "ʔ": "T", "x": "K", "ç": "HH", "l̩": "AH L",
    "n̩": "AH N", "m̩": "AH M",
}
_MARKS = str.maketrans("", "", "ˈˌ")
TIMEOUT = 20.0  # seconds for one batch of a few hundred words (about 50 ms when well)


class Lexicon:
    """Pronounce words from the decoder's dictionary, with espeak-ng's pronunciations for the rest."""

    def __init__(self, lookup: Lookup, words: Iterable[str]):
        self.lookup = lookup
        missing = sorted({w for w in words if w and not lookup(w)})
        self.generated = generate(missing)

    def __call__(self, word: str) -> str | None:
        return self.lookup(word) or self.generated.get(word)


def generate(words: list[str], voice: str = "en-us") -> dict[str, str]:
    """Return ARPAbet pronunciations from espeak-ng for the words it can say; {} without espeak-ng."""
    exe = shutil.which("espeak-ng")
    if exe is None or not words:
        return {}
    # One word a paragraph, so each comes back on a line of its own, phones joined by "_".
    try:
        done = subprocess.run([exe, "-q", "-v", voice, "--ipa", "--sep=_", "--stdin"], input="\n\n".join(words),
                              capture_output=True, text=True, timeout=TIMEOUT)
    except (OSError, subprocess.TimeoutExpired):
        return {}
    lines = [line.strip() for line in done.stdout.splitlines() if line.strip()]
    if done.returncode != 0 or len(lines) != len(words):
        return {}
    out = {}
    for word, line in zip(words, lines):
        phones = arpabet(line)
        if phones:
            out[word] = phones
    return out


def arpabet(ipa: str) -> str | None:
    """Turn espeak-ng's "ˈæ_k_w_æ_f_ɚ" into "AE K W AE F ER"; None when a sound has no phone here."""
    phones = []
    for chunk in ipa.translate(_MARKS).replace(" ", "_").split("_"):
        while chunk:
            size = next((n for n in (3, 2, 1) if chunk[:n] in IPA), 0)
            if not size:
                return None
            phones.append(IPA[chunk[:size]])
            chunk = chunk[size:]
    return " ".join(phones) or None
