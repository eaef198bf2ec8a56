"""Voice input without the slow set: the recogniser's words from intents/, its cached model, and
one JSON object on standard output whatever was heard."""
from __future__ import annotations

import array
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import wave
from pathlib import Path

import pytest

from assistant.core import cache
from assistant.understanding import vocabulary
from assistant.voice import grammar, lexicon, worker
from assistant.voice.hearing import Heard, HearingUnavailable
from assistant.voice.verdict import SORRY

needs_espeak = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
needs_sphinx = pytest.mark.skipif(importlib.util.find_spec("pocketsphinx") is None,
                                  reason="pocketsphinx is not installed (pip install '.[voice]')")


def _wav(path: Path) -> Path:
    """Something a person might have said: quiet, a second of sound, quiet (the fake decoder hears the rest)."""
    import random
    rnd = random.Random(3)
    sound = [0] * 4800 + [int(rnd.gauss(0, 3000)) for _ in range(16000)] + [0] * 4800
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(array.array("h", sound).tobytes())
    return path


def test_espeak_ipa_becomes_the_decoders_phones():
    assert lexicon.arpabet("\u02c8\u00e6_k_w_\u00e6_f_\u025a") == "AE K W AE F ER"
    assert lexicon.arpabet("d\u0292_j_\u02c8u\u02d0_v_o\u028a") == "JH Y UW V OW"
    assert lexicon.arpabet("\u02c8\u00e6_\u01c0") is None  # a click: no phone for it, so the word is left out


@needs_espeak
def test_words_the_dictionary_lacks_get_espeak_pronunciations():
    said = lexicon.Lexicon(lambda w: "K AE N" if w == "can" else None, ["can", "aquaphor", "valtrex"])
    assert said("can") == "K AE N"  # the dictionary's own first
    assert said("aquaphor").startswith("AE K W") and said("valtrex").startswith("V AE L T R")


def _grammar(vocab, missing=()):
    return grammar.build(vocab, lambda w: None if w in missing else " ".join(w.upper()))


def test_typed_only_forms_and_misspellings_are_not_listened_for(vocab):
    words = _grammar(vocab).words
    assert {"tmrw", "yday", "appt", "advill", "tylanol"}.isdisjoint(words)
    assert {"tomorrow", "yesterday", "appointment", "advil", "tylenol", "aquaphor", "valtrex"} <= words


def test_times_are_heard_with_questions(vocab):
    sentences = set(_grammar(vocab).sentences)
    assert {"can i wear makeup tomorrow", "i had it done yesterday", "can i go swimming in three days",
            "i had it done two days ago"} <= sentences


def test_the_voice_rooms_code_keys_its_own_entries_only():
    plain, voiced = cache.code_digest(), cache.code_digest(("voice",))
    assert plain != voiced and cache.code_digest(("voice",)) is voiced  # hashed once per process


class _Hears:
    def __init__(self, heard: Heard):
        self.heard = heard

    def hear(self, pcm):
        return self.heard


class _Deaf:
    def hear(self, pcm):
        raise HearingUnavailable("voice input needs pocketsphinx (pip install 'aftercare[voice]')")


def test_what_the_worker_raises_is_one_line_from_the_parent(run, tmp_path, monkeypatch):
    monkeypatch.setattr(worker, "recogniser", lambda: _Deaf())
    r = run("ask", str(_wav(tmp_path / "q.wav")), "--from-wav", "--json")
    assert r.code == 2 and r.out == "" and r.err == "--from-wav: voice input needs pocketsphinx (pip install " \
        "'aftercare[voice]')\n"


def _asked(pcm: bytes = b"\0\0" * 1600) -> worker.Pending:
    pending = worker.ahead()
    pending.hear(pcm)
    return pending


def test_a_worker_that_dies_without_a_word_is_decoded_in_the_parent(monkeypatch):
    parent = os.getpid()

    def recogniser():  # the worker dies building it; the parent, asked again, hears
        if os.getpid() != parent:
            os._exit(1)
        return _Hears(Heard("can i take advil", [], 0.9))
    monkeypatch.setattr(worker, "recogniser", recogniser)
    assert _asked().result().text == "can i take advil"
    monkeypatch.setattr(worker, "_outcome", lambda down, shared: b"\x80\x04\x95")  # half a message, then gone
    assert _asked().result().text == "can i take advil"


def test_the_worker_decodes_what_the_parent_read_after_it_started(monkeypatch):
    class Echo:
        def hear(self, pcm):
            return Heard(f"{len(pcm)} bytes {pcm[:2].hex()}")
    monkeypatch.setattr(worker, "recogniser", lambda: Echo())
    assert _asked(b"\x01\x02" * 48000).result().text == "96000 bytes 0102"
    assert _asked(b"\0" * (worker.ROOM + 2)).result().text == f"{worker.ROOM + 2} bytes 0000"  # too long: here


def test_a_worker_no_longer_wanted_is_stopped_and_reaped(monkeypatch):
    monkeypatch.setattr(worker, "recogniser", lambda: time.sleep(30))
    pending = worker.ahead()
    pid, started = pending._pid, time.monotonic()
    with pending:
        pass  # the parent failed first: a recording that is no WAV, say
    assert pid and time.monotonic() - started < 5
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # not left behind, not even as a zombie


def test_the_worker_starts_without_the_vocabulary_or_the_dialogue():
    # what `ask --from-wav` imports before the worker is forked is on the way to every spoken answer
    code = ("import sys; import assistant.interfaces.recording; "
            "print(sorted(m for m in sys.modules if m.startswith(('assistant.understanding', 'assistant.dialogue'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_a_spoken_answer_loads_what_misheard_words_need_before_it_waits(run, tmp_path, monkeypatch):
    from assistant.understanding import fuzzy, sense
    loaded = []
    real = fuzzy.load  # what a comparison still needs, should one be made
    monkeypatch.setattr(fuzzy, "load", lambda: loaded.append("fuzzy") or real())
    monkeypatch.setattr(sense, "compiled", lambda: loaded.append("sense"))
    monkeypatch.setattr(worker.Pending, "result", lambda self: loaded.append("waited") or Heard("can i swim", [], 0.9))
    run("ask", str(_wav(tmp_path / "q.wav")), "--from-wav", "--json")
    assert loaded[:3] == ["fuzzy", "sense", "waited"]


def test_the_shared_room_holds_the_longest_question_and_the_worker_module_imports_nothing_first():
    from assistant.voice import audio
    assert worker.ROOM >= (audio.LONGEST + 1) * audio.RATE * 2
    code = "import sys; import assistant.voice.worker; print(sorted(m for m in sys.modules if m.startswith('assistant')))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "['assistant', 'assistant.voice', 'assistant.voice.worker']"


def test_a_worker_started_before_the_command_line_is_read_is_the_one_used(monkeypatch):
    monkeypatch.setattr(worker, "recogniser", lambda: _Hears(Heard("can i swim", [], 0.9)))
    worker.start()
    early = worker._STARTED
    with worker.ahead() as pending:
        assert pending is early and early._pid
        pending.hear(b"\1\2" * 1600)
        assert pending.result().text == "can i swim"
    with worker.ahead() as later:
        assert later is not early  # taken once; the next recording gets a worker of its own


def test_a_worker_started_for_a_command_that_is_not_run_leaves_on_its_own(tmp_path):
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}  # the session's cache: the model may be built there
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "assistant", "ask", "--from-wav"], capture_output=True, text=True,
                          env=env, timeout=60)  # waits for the worker too: it holds the same output pipes
    assert done.returncode == 2 and "required: question" in done.stderr and done.stdout == ""
    assert time.monotonic() - started < 30


def test_without_fork_the_recording_is_decoded_in_the_parent(monkeypatch):
    monkeypatch.delattr(os, "fork")
    monkeypatch.setattr(worker, "recogniser", lambda: _Hears(Heard("can i swim", [], 0.9)))
    assert _asked().result().text == "can i swim"


@pytest.mark.parametrize("heard, kind", [
    (Heard("my throat feels tight", [], 0.2), "confirm"),
    (Heard("can i wrinkle i in sunlight", [], 0.1), "sorry"),
    (Heard(""), "sorry"),
    (Heard("can i take advil", [], 0.95), "answer"),
])
def test_json_is_one_object_whatever_was_heard(run, tmp_path, monkeypatch, heard, kind):
    monkeypatch.setattr(worker, "recogniser", lambda: _Hears(heard))
    r = run("ask", str(_wav(tmp_path / "q.wav")), "--from-wav", "--json", "--treated", "2026-11-20T10:00")
    assert r.code == 0 and len(r.out.splitlines()) == 1
    out = json.loads(r.out)
    assert out["confidence"] == round(heard.confidence, 2) and out["heard"] == heard.text.replace("i ", "I ")
    if kind == "confirm":
        assert out["confirm"] == "Did you say: my throat feels tight?" and out["triage"] == "emergency"
        assert out["text"].startswith("Did you say: my throat feels tight? If so, call 911 now")
    elif kind == "sorry":
        assert (out["text"], out["answers"], out["confirm"], out["triage"]) == (SORRY, [], None, "none")
    else:
        assert [a["topic"] for a in out["answers"]] == ["nsaids"] and out["confirm"] is None
        assert r.err == "I heard: can I take advil?\n"


def test_print_spoken_adds_the_words_read_aloud(run):
    r = run("ask", "can I call the clinic?", "--protocol", "alexander", "--json", "--print-spoken")
    out = json.loads(r.out)
    assert "(250) 477-2343" in out["text"] and "2 5 0, 4 7 7, 2 3 4 3" in out["spoken"]
    text = run("ask", "can I call the clinic?", "--protocol", "alexander", "--print-spoken").out
    assert text.splitlines()[-1] == "Spoken: " + out["spoken"]


def test_new_vocabulary_written_only_list_is_read(vocab):
    assert "tmrw" in vocab.written and "vit c" in vocab.written


@needs_sphinx
def test_a_cold_and_a_warm_recogniser_hear_the_same(tmp_path, monkeypatch):
    from assistant.voice import hearing
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    cold = hearing.Recogniser()
    assert list((tmp_path / "aftercare").glob("recogniser-*.pickle"))
    warm = hearing.Recogniser()
    assert warm.grammar == cold.grammar and "aquaphor" in warm.grammar
    assert vocabulary.load() is vocabulary.load()


# ---- bad input: one line, exit 2, bounded time ---------------------------------------------------

def _tone_wav(path: Path, seconds: float, rate: int = 16000, channels: int = 1, noise: int = 0) -> Path:
    import random
    rnd = random.Random(5)
    with wave.open(str(path), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(array.array("h", [int(rnd.gauss(0, noise)) if noise else 0
                                        for _ in range(int(rate * seconds) * channels)]).tobytes())
    return path


def _bad(tmp_path: Path, kind: str) -> Path:
    import os
    if kind == "silence":
        return _tone_wav(tmp_path / "s.wav", 2)
    if kind == "noise":
        return _tone_wav(tmp_path / "n.wav", 2, noise=2500)
    if kind == "ten minutes":
        return _tone_wav(tmp_path / "long.wav", 600, rate=8000)
    if kind == "fifo":
        os.mkfifo(tmp_path / "pipe.wav")
        return tmp_path / "pipe.wav"
    if kind == "directory":
        (tmp_path / "dir.wav").mkdir()
        return tmp_path / "dir.wav"
    if kind == "truncated header":
        whole = _tone_wav(tmp_path / "t.wav", 1, noise=2000).read_bytes()
        (tmp_path / "t.wav").write_bytes(whole[:30])
        return tmp_path / "t.wav"
    if kind == "not a wav":
        (tmp_path / "x.wav").write_text("hello")
        return tmp_path / "x.wav"
    raise AssertionError(kind)


@pytest.mark.parametrize("kind, says", [
    ("silence", "holds no speech"), ("noise", "holds no speech"), ("ten minutes", "600 s long"),
    ("fifo", "not a recording"), ("directory", "not a recording"), ("truncated header", "not a WAV file"),
    ("not a wav", "not a WAV file")])
@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_bad_recordings_are_one_line_and_exit_2(run, tmp_path, kind, says, json_flag):
    import time
    path = _bad(tmp_path, kind)
    start = time.monotonic()
    r = run("ask", str(path), "--from-wav", *json_flag)
    assert time.monotonic() - start < 10
    assert (r.code, r.out) == (2, "") and len(r.err.splitlines()) == 1 and says in r.err, r.err
    assert str(path) in r.err and "Traceback" not in r.err


@pytest.mark.parametrize("rate, channels", [(8000, 1), (48000, 2), (44100, 2), (22050, 1)])
def test_any_rate_and_channel_count_becomes_16k_mono(tmp_path, rate, channels):
    import math

    from assistant.voice import audio
    tone = [int(8000 * math.sin(2 * math.pi * 300 * i / rate)) for i in range(rate)]
    with wave.open(str(tmp_path / "t.wav"), "wb") as w:
        w.setnchannels(channels)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(array.array("h", [s for s in tone for _ in range(channels)]).tobytes())
    pcm = array.array("h", audio.read_wav(str(tmp_path / "t.wav")))
    assert abs(len(pcm) - 16000) <= 2 and 7000 < max(pcm) <= 8100


@needs_espeak
@needs_sphinx
@pytest.mark.skipif(shutil.which("sox") is None, reason="sox is not installed")
@pytest.mark.parametrize("rate, channels", [(8000, 1), (48000, 2)])
def test_a_question_recorded_at_8k_or_48k_stereo_is_heard_or_honestly_not(run, tmp_path, rate, channels):
    """48 kHz stereo is heard; telephone-band 8 kHz lacks the sounds above 4 kHz the model knows, so it
    may be "sorry", but never another topic."""
    import subprocess
    subprocess.run(["espeak-ng", "-v", "en-us", "-w", str(tmp_path / "q.wav"), "can I take advil"], check=True)
    subprocess.run(["sox", str(tmp_path / "q.wav"), "-r", str(rate), "-c", str(channels), str(tmp_path / "o.wav")],
                   check=True)
    r = run("ask", str(tmp_path / "o.wav"), "--from-wav", "--json", "--protocol", "pre-post")
    out = json.loads(r.out)
    assert r.code == 0 and [a["topic"] for a in out["answers"]] in ([["nsaids"], []] if rate == 8000 else [["nsaids"]])
    assert out["answers"] or out["text"] == SORRY
