"""Topic and reaction ids have one source, intents/: docs/json.md, the protocols and the shared contract agree with it."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.clinic import protocol
from assistant.core.ids import reaction_ids, topic_ids

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT.parent / "shared" / "CONTRACT.md"


def _table_ids(text: str, heading: str) -> list[str]:
    """Read the first column of the markdown tables under a heading ("## Topic ids")."""
    part = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z_]+)` \|", part, flags=re.M)


@pytest.mark.skipif(not CONTRACT.is_file(), reason="../shared/CONTRACT.md is not beside this checkout")
def test_the_contracts_topic_list_is_the_data():
    assert _table_ids(CONTRACT.read_text(encoding="utf-8"), "## Topic ids") == list(topic_ids())


def test_the_projects_own_json_guide_lists_the_same_topics():
    assert _table_ids((ROOT / "docs" / "json.md").read_text(encoding="utf-8"), "## Topic ids") == list(topic_ids())


def test_every_reaction_a_protocol_expects_is_one_triage_can_hear(any_protocol):
    assert {e.reaction for e in any_protocol.expectations} <= set(reaction_ids())


def test_ids_are_unique_and_snake_case():
    for ids in (topic_ids(), reaction_ids()):
        assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-z][a-z_]*", i) for i in ids)


def test_a_protocol_naming_a_topic_not_in_the_data_is_refused(tmp_path):
    good = (ROOT / "docs" / "example" / "sunrise.toml").read_text(encoding="utf-8")
    (tmp_path / "sources").mkdir()
    src = ROOT / "docs" / "example" / "sources" / "sunrise-aftercare.txt"
    (tmp_path / "sources" / src.name).write_text(src.read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(good.replace('topic = "makeup"', 'topic = "lipstick_art"', 1), encoding="utf-8")
    with pytest.raises(protocol.ProtocolError, match="unknown topic 'lipstick_art'"):
        protocol.load(str(bad))
