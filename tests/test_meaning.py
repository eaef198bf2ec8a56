"""The semantic layer: wordllama's table read from its wheel, offline, without numpy; gate, fallback, net."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.core import data
from assistant.understanding import meaning, sense
from assistant.understanding.utterance import Utterance

ROOT = Path(__file__).resolve().parents[1]
needs_model = pytest.mark.skipif(meaning.package_folder() is None, reason="wordllama is not installed")


@needs_model
def test_paraphrases_are_near_and_unrelated_text_is_far():
    def vec(text):
        return sense.message_vector(Utterance.of(text))
    assert meaning.dot(vec("breathing is difficult"), vec("trouble breathing")) > 0.8
    assert meaning.dot(vec("flip a coin"), vec("can I wear makeup")) < 0.2


@needs_model
@pytest.mark.parametrize("text, topic", [("can I sleep flat?", "swelling"), ("when can i do pilates", "exercise"),
                                         ("what's the office phone number", "contact_clinic")])
def test_the_nearest_topic_by_meaning(text, topic):
    assert sense.nearest_topic(Utterance.of(text))[0] == topic


@needs_model
def test_the_gate_tells_aftercare_from_general_text():
    assert sense.in_domain(Utterance.of("can I go for a run after my treatment")) > 0.7
    assert sense.in_domain(Utterance.of("please book a table for four at eight")) < 0.2


@needs_model
def test_built_offline_from_the_wheel_without_numpy_or_the_network(tmp_path):
    """A fresh cache built with every socket refused; the answer path never imports numpy or wordllama."""
    code = (
        "import socket\n"
        "def refuse(*a, **k): raise OSError('network used')\n"
        "socket.socket = refuse; socket.create_connection = refuse\n"
        "import sys\n"
        "from assistant.understanding import sense\n"
        "from assistant.understanding.utterance import Utterance\n"
        "assert sense.nearest_topic(Utterance.of('can I sleep flat?'))[0] == 'swelling'\n"
        "from assistant.dialogue.reply import answer\n"
        "from assistant.clinic.protocol import load\n"
        "import datetime\n"
        "answer('can I sleep flat?', load('rf'), None, datetime.datetime(2026, 11, 21))\n"
        "print(sorted(m for m in ('numpy', 'wordllama', 'tokenizers') if m in sys.modules))\n")
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    fresh = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert fresh.returncode == 0, fresh.stderr
    warm = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120)
    assert warm.returncode == 0 and warm.stdout.strip() == "[]", warm.stdout + warm.stderr


def test_without_the_model_keywords_alone_decide(monkeypatch):
    monkeypatch.setattr(sense, "compiled", lambda: None)
    assert sense.in_domain(Utterance.of("flip a coin")) == 1.0 and sense.nearest_topic(Utterance.of("x y")) is None


@needs_model
def test_the_token_cache_is_rebuilt_when_the_intents_change_and_gathers_words_only_then(monkeypatch):
    seen = {}

    def fake_cached(kind, sources, build, **_):
        seen[kind] = sources
        return build()
    monkeypatch.setattr(meaning, "cached", fake_cached)
    meaning.meaning.cache_clear()
    asked = []
    try:
        meaning.meaning(lambda: asked.append(1) or frozenset({"swim"}), ("intents/topics.toml",))
    finally:
        meaning.meaning.cache_clear()
    assert "intents/topics.toml" in seen["meaning-tokens"] and asked == [1]


@needs_model
def test_the_compiled_references_are_keyed_by_every_intents_file(monkeypatch):
    # the references are read by the vocabulary every intents file shapes: a stale entry misjudged a test
    asked = {}
    monkeypatch.setattr(sense, "cached", lambda kind, files, build: asked.setdefault(kind, list(files)) and None)
    sense.compiled.cache_clear()
    try:
        sense.compiled()
    finally:
        sense.compiled.cache_clear()
    assert {os.path.basename(f) for f in data.intents()} >= {"instances.toml", "language.toml", "synonyms.toml"}
    assert set(data.intents()) <= set(asked["meaning-model"])


@pytest.mark.parametrize("text, net", [("can I wear makeup tomorrow", False), ("I'll swim later, ok?", False),
                                      ("I feel ill and my throat is weird", True)])
def test_the_red_flag_net_reads_by_meaning_only_what_says_how_a_body_is(monkeypatch, text, net):
    from datetime import datetime

    from assistant.clinic import protocol
    from assistant.dialogue.reply import answer
    asked = []
    monkeypatch.setattr(sense, "nearest_sign", lambda part: asked.append(part) or None)
    answer(text, protocol.load("alexander"), None, datetime(2026, 11, 21, 16))
    assert bool(asked) is net
