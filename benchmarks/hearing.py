"""Print how well offline voice input hears aftercare questions, and how fast voice in and out are.

    .venv/bin/python benchmarks/hearing.py            # needs espeak-ng, about a minute
    .venv/bin/python benchmarks/hearing.py --verbose  # and every hearing that went wrong
    .venv/bin/python benchmarks/hearing.py --others   # and a British and a female voice, not asserted
The spoken set is made here with espeak-ng in four voices and rates; tests/test_hearing.py
imports it from here, so the test and the figures judge the same recordings the same way. A
question counts as recognised when the verdict is to answer it and the reply answers its topic;
a red flag counts when the answer, or the red flag put to the patient to confirm, reaches its level.
Speech about other things (OUT_OF_GRAMMAR, written before any threshold was set and never tuned
on; the thresholds in voice/verdict.py were set on OUT_OF_GRAMMAR_TUNING) counts as a failure when
it is answered on a covered topic. QUESTIONS_HELD_OUT and RED_FLAGS_HELD_OUT, other words for every
topic and red flag, are measured and printed beside the tuning set, never tuned on. Timings are
whole processes, the median of several runs:
`ask --from-wav` on a 2 s question, and `ask --speak-to` less `ask` against `espeak-ng -w`.
"""
from __future__ import annotations

import argparse
import json
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
# Held out: other words for every topic and red flag, written (session four) before any change to
# voice/verdict.py was tried against them, and never tuned on. Typed, 32 of the 34 questions reach
# their topic, so 32 is the most hearing could give here. Two labels were mended in session five to
# agree with the typed golden files, which hold both sentences: "how many sessions will I need" is
# follow_up (pa-038) and "a hot shower" is heat (pp-049).
QUESTIONS_HELD_OUT = [
    ("when can I put makeup back on", "makeup"), ("do I need sunscreen every day", "sunscreen"),
    ("can I sit outside in the sun", "sun_exposure"), ("can I lift weights today", "exercise"),
    ("when can I get in the pool", "swimming"), ("is a hot tub ok", "heat"),
    ("can I take ibuprofen for the pain", "nsaids"), ("what can I take for a headache", "acetaminophen"),
    ("when can I start my vitamin c serum again", "active_skincare"),
    ("how should I wash my face tonight", "washing"), ("what moisturizer should I use", "moisturizer"),
    ("what should my skincare look like this week", "skincare_routine"), ("my skin is flaking", "scabs_peeling"),
    ("how long will the redness last", "redness"), ("my cheeks are puffy", "swelling"),
    ("why do I have a bruise", "bruising"), ("my face feels tight and itchy", "discomfort"),
    ("there is a little blood on my pillow", "oozing_bleeding"), ("is it ok to take a hot shower", "heat"),
    ("can I shave my legs", "shaving"), ("can I get my eyebrows waxed", "waxing"),
    ("when can I get filler", "injections"), ("I think I am getting a cold sore", "cold_sores"),
    ("how do I know if it is infected", "infection_signs"), ("can I rub my eyes", "touching_face"),
    ("when will my skin look normal again", "healing_time"), ("how many sessions will I need", "follow_up"),
    ("when should I come back", "follow_up"), ("how do I reach the clinic", "contact_clinic"),
    ("I took accutane last year", "isotretinoin"),
    ("should I stop retinol before my appointment", "pre_treatment_skincare"),
    ("can I get laser next week", "peels_laser"), ("can I have this done while breastfeeding", "contraindications"),
    ("do I need to come early", "anesthetic_arrival"),
]
RED_FLAGS_HELD_OUT = [
    ("I cannot catch my breath", "breathing"), ("my lips are swelling", "throat"), ("I passed out", "fainting"),
    ("my chest feels tight", "chest_pain"), ("yellow stuff is coming out", "pus"),
    ("my temperature is one hundred and one", "fever"), ("there are red lines going up my neck", "spreading"),
    ("it hurts more every day", "pain"), ("I have little blisters", "blisters"), ("my vision is blurry", "eyes"),
    ("I broke out in hives", "allergy"), ("my face is hot and I have chills", "fever"),
]
# Household questions with nothing to do with aftercare, as a voice assistant in a home hears them.
# The tuning set chose voice/verdict.py's thresholds; the held-out set is only ever measured.
OUT_OF_GRAMMAR_TUNING = [
    "can I drink wine tonight", "what time does the pharmacy close", "how do I unclog the kitchen sink",
    "where are my car keys", "is it going to rain this weekend", "how long do I boil an egg",
    "can I paint the fence tomorrow", "what should I cook for dinner", "when does the garbage truck come",
    "how do I reset the router", "can my son go to the movies", "is the dishwasher finished",
    "should I water the tomatoes today", "where is the nearest gas station", "how much is a stamp",
    "can I mow the lawn in the rain", "what is the capital of France", "turn off the living room lights",
    "how do I fold a fitted sheet", "can I freeze cooked rice", "what day is trash pickup",
    "is the bank open on Saturday", "how do I change a tire", "can I wear jeans to the wedding",
    "what channel is the football game on", "how many cups are in a quart", "should I buy a new vacuum",
    "where did I leave my glasses", "can the cat eat tuna", "how do I get rid of ants in the kitchen",
    "is it too late to plant tulips", "what time is it in London", "can I recycle pizza boxes",
    "how do I remove a coffee stain", "when is my library book due", "should I bring an umbrella",
    "how do I descale the kettle", "can I microwave aluminum foil", "what is a good name for a puppy",
    "play some jazz music",
]
OUT_OF_GRAMMAR = [
    "can I drink beer with dinner", "how do I fix a leaky faucet", "what time does the grocery store open",
    "where is the remote control", "how do I bake banana bread", "can I put this shirt in the dryer",
    "is it cold outside tonight", "how do I clean the oven", "when should I change the furnace filter",
    "can I use bleach on colored clothes", "how do I unlock my phone", "what is the weather tomorrow",
    "can my daughter have a sleepover", "how much does a gallon of milk cost", "how do I hang a picture frame",
    "should I repaint the bedroom", "where can I park downtown", "can I take the bus to the airport",
    "how do I get gum out of hair", "is the post office open today", "what goes in the compost bin",
    "how do I reheat leftover pizza", "can I leave the dog alone all day", "how do I stop the toilet running",
    "what is the best way to store bananas", "how many tablespoons are in a cup", "can I plant roses in the fall",
    "when does daylight saving time end", "how do I defrost the freezer", "can I wash a pillow in the machine",
    "where do I buy light bulbs", "how long does chicken soup keep in the fridge", "should I call a plumber",
    "can I iron a silk blouse", "what time does the game start", "how do I program the thermostat",
    "is it safe to eat raw cookie dough", "how do I sharpen a kitchen knife", "can I bring snacks to the theater",
    "what is the password for the wifi", "how do I make iced coffee at home", "should I renew my passport",
    "can I charge my phone overnight", "how do I get the kids to sleep", "where is the spare key",
    "what should I get my mom for her birthday", "how do I clean a cast iron pan", "can I recycle plastic bags",
    "when is the next full moon", "how far is it to the lake house", "can we order takeout tonight",
    "how do I patch a hole in the wall", "what time is sunset today", "is the laundry dry yet",
    "set a timer for ten minutes", "how do I clean my glasses", "can I feed the birds bread",
    "what is on television tonight", "can I vacuum the stairs", "how do I whiten my teeth at home",
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


def cases(held_out: bool = False) -> list[tuple[str, str | None, str | None]]:
    questions, flags = (QUESTIONS_HELD_OUT, RED_FLAGS_HELD_OUT) if held_out else (QUESTIONS, RED_FLAGS)
    return [(q, t, None) for q, t in questions] + [(q, None, s) for q, s in flags]


def other_cases(tuning: bool = False) -> list[tuple[str, None, None]]:
    return [(q, None, None) for q in (OUT_OF_GRAMMAR_TUNING if tuning else OUT_OF_GRAMMAR)]


def synthesise(folder: Path, voices=VOICES, per_case: int = 2, said=None) -> list[Sample]:
    """Speak every case (or `said`) in `per_case` of the voices (rotating) into espeak-ng WAV files."""
    espeak = shutil.which("espeak-ng")
    if espeak is None:
        raise RuntimeError("espeak-ng is not installed")
    jobs = []
    for i, (text, topic, sign) in enumerate(cases() if said is None else said):
        for k in range(per_case):
            voice, rate = voices[(i + k * max(1, len(voices) // per_case)) % len(voices)]
            jobs.append(Sample(text, topic, sign, voice, rate, folder / f"{i:03d}-{voice}-{rate}.wav"))

    def make(s: Sample) -> None:
        # espeak-ng's own 22,050 Hz file, converted by audio.read_wav as `ask --from-wav` would: one
        # resampler, no dither, so every machine hears the same samples the same way.
        subprocess.run([espeak, "-v", s.voice, "-s", str(s.rate), "-w", str(s.path), s.text], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

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
    from assistant.interfaces.listen import voiced_reply
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
        if verdict.kind == "answer":  # with any red flag put back before it; the topics said, not only listed
            reply = voiced_reply(verdict, protocol, TREATED, NOW)
            topics, level = [p.ruling.topic for p in reply.parts() if p.ruling], reply.triage.level
        out.append(Hearing(s, heard.text, verdict.kind, verdict.confidence, ms, topics, level))
    return out


def topic_ok(h: Hearing) -> bool:
    return h.kind == "answer" and h.sample.topic in h.topics


def on_a_topic(h: Hearing) -> bool:
    """Speech about something else answered as if it were about a covered topic: the failure to avoid."""
    return h.kind == "answer" and bool(h.topics)


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
        # First, while this process is small: a child's peak memory counts what it forked from.
        timing = timings(Path(tmp))
        start = time.perf_counter()
        samples = synthesise(Path(tmp))
        for name in ("other", "tuning", "held"):
            (Path(tmp) / name).mkdir()
        held = synthesise(Path(tmp) / "held", said=cases(held_out=True))
        others = synthesise(Path(tmp) / "other", said=other_cases())
        tuning = synthesise(Path(tmp) / "tuning", said=other_cases(tuning=True))
        made = time.perf_counter() - start
        start = time.perf_counter()
        rec = hearing.Recogniser()
        setup = (time.perf_counter() - start) * 1000
        start = time.perf_counter()
        hearing.Recogniser()
        again = (time.perf_counter() - start) * 1000
        heard, held_heard = hear_all(samples, rec, proto), hear_all(held, rec, proto)
        other, tuned = hear_all(others, rec, proto), hear_all(tuning, rec, proto)
        extra = {}
        for voice, rate in OTHER_VOICES if args.others else []:
            folder = Path(tmp) / f"{voice}-{rate}"
            folder.mkdir()
            extra[f"{voice} {rate}"] = hear_all(synthesise(folder, [(voice, rate)], 1), rec, proto)
    if args.verbose:
        for h in heard + held_heard + [h for hs in extra.values() for h in hs]:
            if not (topic_ok(h) if h.sample.topic else flag_ok(h, wanted)):
                print(f"  wrong: {h.sample.voice} {h.sample.rate} {h.sample.text!r} -> {h.heard!r}: {h.kind} "
                      f"({h.confidence:.2f}) {h.topics} {h.level}")
        for h in other:
            if on_a_topic(h) or h.kind == "confirm":
                print(f"  other speech acted on: {h.sample.voice} {h.sample.rate} {h.sample.text!r} -> {h.heard!r}: "
                      f"{h.kind} ({h.confidence:.2f}) {h.topics} {h.level}")
    got = rates(heard)
    times = [h.ms for h in heard]
    print(f"spoken set:        {len(samples)} recordings of {len(cases())} questions and red flags, voices "
          f"{', '.join(sorted({f'{s.voice} {s.rate}' for s in samples}))} (made in {made:.1f} s)")
    print(f"decoder setup:     {again:.0f} ms with the model cached ({setup:.0f} ms the first time here)")
    print(f"decode per utt:    p50 {percentile(times, 50):.0f} ms, p99 {percentile(times, 99):.0f} ms")
    print(f"topic recognised:  {_share(got['topics'])}  (example-worded {_share(got['example-worded'])}, "
          f"other-worded {_share(got['other-worded'])})")
    print(f"red flag raised or confirmed: {_share(got['red flags'])}  (emergencies {_share(got['emergencies'])})")
    topical = [h for h in heard if h.sample.topic]
    print(f"questions:         {sum(h.kind == 'answer' and topic_ok(h) for h in topical)} answered right, "
          f"{sum(h.kind == 'answer' and not topic_ok(h) for h in topical)} answered on a wrong topic, "
          f"{sum(h.kind == 'confirm' for h in topical)} put to confirm as a red flag, "
          f"{sum(h.kind == 'sorry' for h in topical)} sorry")
    held_rates = rates(held_heard)
    print(f"held-out questions: topics {_share(held_rates['topics'])}, red flags {_share(held_rates['red flags'])} "
          f"(emergencies {_share(held_rates['emergencies'])}): {len(held)} recordings of other words, never tuned on")
    for name, group in (("held out", other), ("tuning", tuned)):
        print(f"other speech ({name}): {len(group)} recordings of {len(group) // 2} household questions: "
              f"answered on a covered topic {_share((sum(map(on_a_topic, group)), len(group)))}, "
              f"asked back as a red flag {sum(h.kind == 'confirm' for h in group)}, "
              f"sorry or out of scope {sum(not on_a_topic(h) and h.kind != 'confirm' for h in group)}")
    for name, hs in extra.items():
        other_rates = rates(hs)
        print(f"other voice {name}: topics {_share(other_rates['topics'])}, "
              f"red flags {_share(other_rates['red flags'])}, emergencies {_share(other_rates['emergencies'])}")
    for line in timing:
        print(line)
    return 0


def timings(folder: Path, runs: int = 7) -> list[str]:
    """Whole-process medians: `ask --from-wav` on a 2 s question, and speech out against espeak-ng -w."""
    import os
    import statistics

    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    question = folder / "question.wav"
    subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(question), "can I wear makeup tomorrow"],
                   check=True)

    peaks: dict[str, float] = {}

    # The warm run may write the bytecode an installed copy has: with PYTHONDONTWRITEBYTECODE set
    # and stale .pyc files, every timed run compiled some 40 modules first (about 130 ms).
    warm_env = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def run(cmd: list[str], counted: bool = True) -> float:
        """Time one run; keep its own peak memory (wait4's rusage is that child's alone)."""
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env if counted else warm_env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            raise RuntimeError(f"{cmd} exited {proc.returncode}")
        if counted:
            peaks[" ".join(cmd)] = max(peaks.get(" ".join(cmd), 0.0), usage.ru_maxrss / 1024)
        return time.perf_counter() - start

    def median(cmd: list[str]) -> float:
        run(cmd, counted=False)  # warm: the cache (it may build the recogniser's model), the page cache
        return statistics.median(run(cmd) for _ in range(runs)) * 1000

    ask = [sys.executable, "-m", "assistant", "ask"]
    seconds = float(subprocess.run(["soxi", "-D", str(question)], capture_output=True, text=True).stdout or 0) \
        if shutil.which("soxi") else 0.0
    heard_cmd = ask + [str(question), "--from-wav", "--json"]
    heard = median(heard_cmd)
    peak = peaks[" ".join(heard_cmd)]  # wait4 counts the worker too: the larger of the two processes
    # The decoding worker runs beside the parent: its own peak, measured as one process that decodes
    # the question and nothing else (an upper bound: the worker shares its parent's pages at first).
    alone = ("import resource, sys\nfrom assistant.voice import audio, hearing\n"
             "hearing.recogniser().hear(audio.read_wav(sys.argv[1]))\n"
             "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)")
    worker = int(subprocess.run([sys.executable, "-c", alone, str(question)], env=env, capture_output=True,
                                text=True, check=True).stdout) / 1024
    typed = median(ask + ["can I wear makeup tomorrow", "--json"])
    reply = "can I wear makeup tomorrow?"
    text = json.loads(subprocess.run(ask + [reply, "--json", "--print-spoken"], env=env, capture_output=True,
                                     text=True, check=True).stdout)["spoken"]
    out = str(folder / "answer.wav")
    # Speech out is a difference of two ~100 ms processes measured against a ~25 ms one: run the three
    # in turn, round after round, and take the median of each round's difference, so the machine's
    # load, which drifts over seconds, falls on both sides (separate medians swung from 0.3 to 1.8).
    # espeak-ng at the rate `ask` speaks (160 words a minute, its own default 175): a slower rate is
    # more audio to write, about 2.5 ms of 40 for this reply, which is no cost of the wrapper.
    from assistant.voice.speech import DEFAULT_RATE
    cmds = [ask + [reply], ask + [reply, "--speak-to", out], ["espeak-ng", "-w", out, "-s", str(DEFAULT_RATE), text]]
    for cmd in cmds:
        run(cmd, counted=False)
    rounds = [[run(cmd) * 1000 for cmd in cmds] for _ in range(3 * runs)]
    added = statistics.median(spoken - plain for plain, spoken, _ in rounds)
    espeak = statistics.median(e for _, _, e in rounds)
    return [f"ask --from-wav, {seconds:.1f} s question: {heard:.0f} ms end to end (typed ask {typed:.0f} ms), "
            f"peak {peak:.1f} MiB a process (the decoding worker alone {worker:.1f} MiB)",
            f"--speak-to adds {added:.0f} ms to ask; espeak-ng -w the same text at its rate {espeak:.0f} ms: "
            f"ratio {added / espeak:.2f}"]


if __name__ == "__main__":
    sys.exit(main())
