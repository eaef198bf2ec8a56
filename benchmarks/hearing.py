"""Print how well offline voice input hears aftercare questions: setup, decode time, topic and red-flag rates.

    .venv/bin/python benchmarks/hearing.py            # needs espeak-ng (sox optional), about 35 s
    .venv/bin/python benchmarks/hearing.py --verbose  # and every hearing that went wrong
    .venv/bin/python benchmarks/hearing.py --others   # and a British and a female voice, not asserted
The spoken set is made here with espeak-ng in two voices and two rates; tests/test_hearing.py
imports it from here, so the test and the figures judge the same recordings the same way. A
question counts as recognised when the verdict is to answer it and the reply answers its topic;
a red flag counts when the answer, or the red flag put to the patient to confirm, reaches its level.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

# Two questions for every contract topic as patients ask them: where possible one of the topic's
# own example questions and one worded otherwise (the figures are given for each kind).
QUESTIONS = [
    ("can I wear makeup", "makeup"), ("is foundation ok tomorrow", "makeup"),
    ("can I put on sunscreen", "sunscreen"), ("is sunscreen ok", "sunscreen"),
    ("can I go to the beach", "sun_exposure"), ("is sunbathing ok", "sun_exposure"),
    ("can I go to the gym", "exercise"), ("when can I go running", "exercise"),
    ("can I go swimming", "swimming"), ("is swimming ok", "swimming"),
    ("can I use the sauna", "heat"), ("can I use the steam room", "heat"),
    ("can I take advil", "nsaids"), ("is advil ok", "nsaids"),
    ("can I take tylenol", "acetaminophen"), ("is tylenol ok", "acetaminophen"),
    ("can I use retinol", "active_skincare"), ("when can I use glycolic acid", "active_skincare"),
    ("can I wash my face", "washing"), ("can I use a cleanser", "washing"),
    ("can I use moisturizer", "moisturizer"), ("can I use lotion", "moisturizer"),
    ("what products should I use", "skincare_routine"), ("what is my morning routine", "skincare_routine"),
    ("can I pick the scabs", "scabs_peeling"), ("my skin is peeling", "scabs_peeling"),
    ("is redness normal", "redness"), ("my face is very red", "redness"),
    ("is swelling normal", "swelling"), ("my face is swollen", "swelling"),
    ("is bruising normal", "bruising"), ("I have a bruise", "bruising"),
    ("what should I expect", "discomfort"), ("my skin feels sore", "discomfort"),
    ("is it normal to bleed", "oozing_bleeding"), ("there is some bleeding", "oozing_bleeding"),
    ("can I shower", "showering"), ("can I take a shower", "showering"),
    ("can I shave", "shaving"), ("when can I shave my face", "shaving"),
    ("when can I wax", "waxing"), ("is waxing ok", "waxing"),
    ("can I get botox", "injections"), ("is botox ok", "injections"),
    ("I get cold sores", "cold_sores"), ("what about cold sores", "cold_sores"),
    ("what are the signs of infection", "infection_signs"), ("what does infection look like", "infection_signs"),
    ("can I touch my face", "touching_face"), ("is it ok to touch my face", "touching_face"),
    ("how long does healing take", "healing_time"), ("how long is the recovery", "healing_time"),
    ("when will I see results", "results"), ("when will I see a difference", "results"),
    ("when is my next appointment", "follow_up"), ("when is my next treatment", "follow_up"),
    ("what number do I call", "contact_clinic"), ("what is the phone number", "contact_clinic"),
    ("do I have to stop accutane", "isotretinoin"), ("can I take accutane", "isotretinoin"),
    ("what should I stop before my appointment", "pre_treatment_skincare"),
    ("what should I stop before my treatment", "pre_treatment_skincare"),
    ("can I get a chemical peel", "peels_laser"), ("is a chemical peel ok", "peels_laser"),
    ("can I do this if I'm pregnant", "contraindications"), ("is it ok if I am pregnant", "contraindications"),
    ("how early should I arrive", "anesthetic_arrival"), ("do you use numbing cream", "anesthetic_arrival"),
]
# One or more phrases for every emergency and urgent sign in intents/redflags.toml (and the
# emergency combinations), as a patient would report them.
RED_FLAGS = [
    ("I can't breathe", "breathing"), ("I have trouble breathing", "breathing"),
    ("my throat is swelling", "throat"), ("my tongue is swollen", "throat"),
    ("I fainted", "fainting"), ("I feel like I'm going to pass out", "fainting"),
    ("I have chest pain", "chest_pain"), ("my heart is racing", "chest_pain"),
    ("I have hives and I feel dizzy", "hives_dizzy"),
    ("there is pus", "pus"), ("it looks infected", "pus"),
    ("I have a fever of one hundred two", "fever"), ("I have a fever", "fever"),
    ("I have red streaks", "spreading"), ("the redness is spreading", "spreading"),
    ("the pain is getting worse", "pain"), ("I have severe pain", "pain"),
    ("I have blisters", "blisters"), ("I have a cold sore outbreak", "blisters"),
    ("I have blurry vision", "eyes"), ("my eye hurts", "eyes"),
    ("I have hives", "allergy"), ("I have a rash", "allergy"),
]
# The recogniser's acoustic model is American English: the asserted set uses two American voices
# (espeak's own and its Klatt synthesiser) at two rates; OTHER_VOICES are measured and printed only.
VOICES = [("en-us", 140), ("en-us+klatt", 180), ("en-us", 180), ("en-us+klatt", 140)]
OTHER_VOICES = [("en", 160), ("en-us+f3", 160)]
TREATED, NOW = datetime(2026, 11, 20, 10, 0), datetime(2026, 11, 21, 16, 0)


@dataclass
class Sample:
    text: str
    topic: str | None   # the contract topic the question must reach
    sign: str | None    # the red flag it must raise
    voice: str
    rate: int
    path: Path


@dataclass
class Hearing:
    sample: Sample
    heard: str         # the decoder's best hypothesis
    kind: str          # the verdict: answer, confirm or sorry
    confidence: float
    ms: float          # decoding alone
    topics: list[str]  # answered, when the verdict was to answer
    level: str         # triage level reached: of the answer, or of the red flag put to confirm


def cases() -> list[tuple[str, str | None, str | None]]:
    return [(q, t, None) for q, t in QUESTIONS] + [(q, None, s) for q, s in RED_FLAGS]


def synthesise(folder: Path, voices=VOICES, per_case: int = 2) -> list[Sample]:
    """Speak every case in `per_case` of the voices (rotating) into 16 kHz mono WAV files in folder."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise RuntimeError("espeak-ng is not installed")
    sox = shutil.which("sox")
    jobs = []
    for i, (text, topic, sign) in enumerate(cases()):
        for k in range(per_case):
            voice, rate = voices[(i + k * max(1, len(voices) // per_case)) % len(voices)]
            jobs.append(Sample(text, topic, sign, voice, rate, folder / f"{i:03d}-{voice}-{rate}.wav"))

    def make(s: Sample) -> None:
        raw = s.path.with_suffix(".22k.wav") if sox else s.path
        subprocess.run([espeak, "-v", s.voice, "-s", str(s.rate), "-w", str(raw), s.text], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if sox:  # without sox, hearing.read_wav converts espeak's 22,050 Hz itself
            subprocess.run([sox, "-V1", str(raw), "-r", "16000", "-c", "1", "-b", "16", str(s.path)], check=True)
            raw.unlink()

    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(make, jobs))
    return jobs


def levels() -> dict[str, str]:
    """Each red flag's level, signs and their combinations alike."""
    from assistant.understanding import vocabulary
    vocab = vocabulary.load()
    return {s.id: s.level for s in vocab.signs + vocab.combos}


def hear_all(samples: list[Sample], recogniser, protocol) -> list[Hearing]:
    """Decode each sample once, decide what to do with it, and answer what is answered."""
    from assistant.dialogue.reply import answer
    from assistant.voice import audio
    from assistant.voice.verdict import decide
    out = []
    for s in samples:
        pcm = audio.read_wav(str(s.path))
        start = time.perf_counter()
        heard = recogniser.hear(pcm)
        ms = (time.perf_counter() - start) * 1000
        verdict = decide(heard, protocol, TREATED, NOW)
        topics, level = [], verdict.level
        if verdict.kind == "answer":
            reply = answer(verdict.question, protocol, TREATED, NOW)
            topics, level = [a.topic for a in reply.answers], reply.triage.level
        out.append(Hearing(s, heard.text, verdict.kind, verdict.confidence, ms, topics, level))
    return out


def topic_ok(h: Hearing) -> bool:
    return h.kind == "answer" and h.sample.topic in h.topics


def flag_ok(h: Hearing, wanted: dict[str, str]) -> bool:
    from assistant.core.levels import Level
    return h.kind != "sorry" and Level(h.level) >= Level(wanted[h.sample.sign])


def rates(heard: list[Hearing]) -> dict[str, tuple[int, int]]:
    """(right, of) for topics, example-worded and other-worded questions, red flags and emergencies."""
    from assistant.understanding import vocabulary
    from assistant.voice import grammar
    wanted = levels()
    examples = {grammar.tokens(e) for t in vocabulary.load().topics.values() for e in t.examples}
    groups = {
        "topics": [topic_ok(h) for h in heard if h.sample.topic],
        "example-worded": [topic_ok(h) for h in heard if h.sample.topic and grammar.tokens(h.sample.text) in examples],
        "other-worded": [topic_ok(h) for h in heard
                         if h.sample.topic and grammar.tokens(h.sample.text) not in examples],
        "red flags": [flag_ok(h, wanted) for h in heard if h.sample.sign],
        "emergencies": [flag_ok(h, wanted) for h in heard if h.sample.sign and wanted[h.sample.sign] == "emergency"],
    }
    return {name: (sum(oks), len(oks)) for name, oks in groups.items()}


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def _share(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]} = {100 * pair[0] / max(1, pair[1]):.1f} %"


def main(argv: list[str] | None = None) -> int:
    import tempfile

    from assistant.clinic import protocol
    from assistant.voice import hearing
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every hearing that went wrong")
    parser.add_argument("--others", action="store_true", help="also measure " +
                        ", ".join(f"{v} {r}" for v, r in OTHER_VOICES) + " (not asserted by the tests)")
    args = parser.parse_args(argv)
    proto, wanted = protocol.load("alexander"), levels()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        samples = synthesise(Path(tmp))
        made = time.perf_counter() - start
        start = time.perf_counter()
        rec = hearing.Recogniser()
        setup = (time.perf_counter() - start) * 1000
        heard = hear_all(samples, rec, proto)
        extra = {}
        for voice, rate in OTHER_VOICES if args.others else []:
            folder = Path(tmp) / f"{voice}-{rate}"
            folder.mkdir()
            extra[f"{voice} {rate}"] = hear_all(synthesise(folder, [(voice, rate)], 1), rec, proto)
    if args.verbose:
        for h in heard + [h for hs in extra.values() for h in hs]:
            if not (topic_ok(h) if h.sample.topic else flag_ok(h, wanted)):
                print(f"  wrong: {h.sample.voice} {h.sample.rate} {h.sample.text!r} -> {h.heard!r}: {h.kind} "
                      f"({h.confidence:.2f}) {h.topics} {h.level}")
    got = rates(heard)
    times = [h.ms for h in heard]
    print(f"spoken set:        {len(samples)} recordings of {len(cases())} questions and red flags, voices "
          f"{', '.join(sorted({f'{s.voice} {s.rate}' for s in samples}))} (made in {made:.1f} s)")
    print(f"decoder setup:     {setup:.0f} ms")
    print(f"decode per utt:    p50 {percentile(times, 50):.0f} ms, p99 {percentile(times, 99):.0f} ms")
    print(f"topic recognised:  {_share(got['topics'])}  (example-worded {_share(got['example-worded'])}, "
          f"other-worded {_share(got['other-worded'])})")
    print(f"red flag raised:   {_share(got['red flags'])}  (emergencies {_share(got['emergencies'])})")
    topical = [h for h in heard if h.sample.topic]
    print(f"questions:         {sum(h.kind == 'answer' and topic_ok(h) for h in topical)} answered right, "
          f"{sum(h.kind == 'answer' and not topic_ok(h) for h in topical)} answered on a wrong topic, "
          f"{sum(h.kind == 'confirm' for h in topical)} put to confirm as a red flag, "
          f"{sum(h.kind == 'sorry' for h in topical)} sorry")
    for name, hs in extra.items():
        other = rates(hs)
        print(f"other voice {name}: topics {_share(other['topics'])}, red flags {_share(other['red flags'])}, "
              f"emergencies {_share(other['emergencies'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
