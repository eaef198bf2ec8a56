"""The entries of intents/ once read: a topic patients ask about, a red-flag sign, an expected reaction."""
from __future__ import annotations

from assistant.core.levels import Level
from assistant.core.record import Default, Record
from assistant.understanding.phrases import Phrase


class Topic(Record):
    id: str
    label: str
    kind: str
    keywords: list[Phrase]
    examples: list[str]
    instances: list[Phrase] = Default(list)  # kinds of the thing ("kickboxing", "night balm"): matched as keywords
    thing: str = ""  # what a reply calls it in "go without …" when the question names nothing: the label if empty

    @property
    def phrases(self) -> list[Phrase]:
        """Return every phrase that names the topic: its keywords, then its instances."""
        return [*self.keywords, *self.instances]

    @property
    def called(self) -> str:
        """Return what a reply calls the topic in "go without …": its `thing` ("the products it lists"), else its
        label."""
        return self.thing or self.label


class Sign(Record):
    id: str
    level: Level
    ask: str
    say: str
    name: str = ""                              # the sign in a reply's words: "pus or cloudy drainage"
    topics: tuple[str, ...] = ()                # answers that must not reassure while it is present
    phrases: list[Phrase] = Default(list)
    words: list[Phrase] = Default(list)
    near: list[Phrase] = Default(list)
    within: int = 0
    on_skin: frozenset = frozenset()            # near-words that, said around the other, are marks on the skin
    marks: frozenset = frozenset()              # nouns that make an on_skin word before them a mark: "dark patches"
    lying_on: frozenset = frozenset()           # words that, after a near-word and before the other, only lay it on
    made_of: bool = False                       # "spots of blood": a word followed by "of" and another thing is that
    describes: frozenset = frozenset()          # nouns a near-word right before describes instead: "big blisters"
    dry: frozenset = frozenset()                # words beside which tightness is dryness: "dry and tight"
    part: bool = False                          # its words name a part of the body ("lips", "chest")
    about: str = ""                             # the topic a message naming no other speaks of: "infection_signs"


class Reaction(Record):
    id: str
    usual_hours: float | None
    words: list[Phrase]
    needs_context: bool = True
    part_of: frozenset[str] = frozenset()  # reactions whose stage of healing this one is, said beside them


def pair_sets(pairs: list | None) -> list[list[list[str]]]:
    """Return a topic's pairs as a list of two-list sets: topics.toml writes one set as its two lists."""
    if not pairs:
        return []
    return [pairs] if isinstance(pairs[0][0], str) else pairs
