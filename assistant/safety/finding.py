"""Hold one red flag found in a message, as read in its context: the sign, its level, whose, when, how sure."""
from __future__ import annotations

from assistant.core.levels import Level
from assistant.core.record import Record


class Finding(Record):
    sign: str
    level: Level
    words: str
    status: str             # present, negated, hypothetical, past, expected, other (someone untreated),
                            # untreated (a baby's or a pet's: no patient at all),
                            # unsure (only near in meaning: put back as a question),
                            # before (a routine sign of recovery said before the treatment)
    say: str = ""
    who: str = "patient"    # or "other": someone else's sign, which counts all the same
    name: str = ""          # the sign in a reply's words
    detail: str = ""        # the reason with its number: "a fever of 102 °F, at or above …"
    span: tuple = ()        # (start, stop) in the utterance's tokens, when found there

    @property
    def counts(self) -> bool:
        """Say whether this finding sets the level: a present one, or an emergency only asked about."""
        return self.status == "present" or (self.status == "hypothetical" and self.level == Level.EMERGENCY)

    @property
    def reason(self) -> str:
        return self.detail or self.name or self.words
