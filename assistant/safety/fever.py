"""Read a temperature the patient gives as a finding: its level against the clinic's own threshold, said back
as written ("38.9 °C (102 °F)"), and the reason in words."""
from __future__ import annotations

from assistant.clinic.protocol import Protocol
from assistant.core.levels import Level

ROUTINE_FEVER_F = 100.4  # the floor for a fever worth a routine call (docs/json.md, triage levels)


def level(temp_f: float, threshold_f: float) -> Level:
    """Grade a temperature: urgent at or above the clinic's threshold, routine over 100.4 °F."""
    if temp_f >= threshold_f:
        return Level.URGENT
    if temp_f >= ROUTINE_FEVER_F:
        return Level.ROUTINE
    return Level.NONE


def as_said(tokens: list[str], at: int, temp_f: float) -> str:
    """Say a temperature back as it was written, with °F beside a Celsius one: "38.9 °C (102 °F)"."""
    try:
        written = float(tokens[at])
    except ValueError:
        return f"{temp_f:g} °F"  # said in words: "a hundred and one"
    return f"{temp_f:g} °F" if abs(written - temp_f) < 0.05 else f"{written:g} °C ({temp_f:g} °F)"


def words(said: str, grade: Level, protocol: Protocol) -> str:
    """Name a temperature as the reason, against the clinic's own threshold where it gives one."""
    owner = "your clinic's" if protocol.fever_stated else "the usual"
    if grade == Level.URGENT:
        return f"a fever of {said}, at or above {owner} {protocol.fever_f:g} °F"
    if grade == Level.ROUTINE:
        return f"a temperature of {said}, under {owner} {protocol.fever_f:g} °F but over {ROUTINE_FEVER_F:g} °F"
    return f"a temperature of {said}"
