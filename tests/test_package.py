"""A plain (non-editable) install carries the protocols, their sources and the intents."""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_wheel_install_loads_every_protocol_and_the_vocabulary(tmp_path):
    # Without PYTHONPATH: the checkout on it would stand in for the wheel, or make pip think it installed.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
                   check=True, capture_output=True, env=env)
    wheel = next(tmp_path.glob("aftercare-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "assistant/protocols/alexander.toml" in names
    assert "assistant/protocols/sources/000_d8d7b222d24b091f.txt" in names
    assert "assistant/intents/topics.toml" in names and "assistant/intents/realwords.txt" in names
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, env=env)
    py = venv / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True, capture_output=True,
                   env=env)
    code = ("from assistant.clinic import protocol\nfrom assistant.understanding import vocabulary\nfrom assistant.core import data\n"
            "assert 'site-packages' in str(data.protocol_dir()), data.protocol_dir()\n"
            "print(sorted((p, len(protocol.load(p).rules)) for p in protocol.bundled_ids()))\n"
            "print(len(vocabulary.load().topics))\n")
    out = subprocess.run([str(py), "-c", code], cwd=tmp_path, env=env, check=True, capture_output=True,
                         text=True).stdout
    assert "('alexander'," in out and "('rf'," in out and out.strip().endswith("34")
