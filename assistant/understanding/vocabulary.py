"""Load what patients mean from intents/: topics, synonyms, red flags, and the words of the language.

Everything is turned into token tuples once, so matching is dictionary lookups on whole words.
"""
from __future__ import annotations

import os
from functools import lru_cache

from assistant.core import data
from assistant.core.cache import cached
from assistant.understanding.dates import DayParts
from assistant.understanding.entries import Topic, pair_sets
from assistant.understanding.phrases import Phrase, PhraseIndex, phrase, possessed

DECIMAL_POINT = "point"  # the word of a spelled decimal ("ninety nine point five"), never a typo of "points"


class Vocabulary:
    """Every list in intents/, ready for matching."""

    def __init__(self, raw: dict[str, dict]):
        from assistant.understanding import alarms  # only a cache miss builds the vocabulary
        lang, topics, syn, flags = raw["language"], raw["topics"], raw["synonyms"], raw["redflags"]
        said = raw["assertions"]
        self.contractions = {k: v.split() for k, v in lang["contractions"].items()}
        self.kept_after = {k: frozenset(v) for k, v in lang["possessives"].items()}
        self.prepositions = self.kept_after["its"]  # "its" is a possessive after exactly the prepositions
        tables = [syn.get(table, {}) for table in ("words", "brands")]
        # a canonical phrase of two words or more stands for itself: "benzoyl peroxide" typed whole is not
        # its short form "benzoyl" followed by the rest again
        self.synonyms = PhraseIndex([(self.expand(phrase(v)), phrase(k)) for table in tables
                                     for k, vs in table.items() for v in vs] +
                                    [(phrase(k), phrase(k)) for table in tables for k, vs in table.items()
                                     if len(phrase(k)) > 1 and any(len(phrase(v)) < len(phrase(k)) for v in vs)])
        self.written = frozenset(" ".join(phrase(w)) for w in syn.get("written", {}).get("only", ()))
        self.brands = frozenset(" ".join(phrase(v)) for vs in syn.get("brands", {}).values() for v in vs)
        canon = self.canon  # every other list is matched after synonyms, so store it that way
        self.ignore = PhraseIndex([(canon(p), "ignore") for p in [*lang["ignore"]["phrases"], *_reconciling(lang)]])
        kinds = raw.get("instances", {})  # intents/instances.toml: each topic's specific and everyday instances
        self.topics = {tid: Topic(tid, t["label"], t["kind"], [canon(k) for k in t["keywords"]],
                                  t.get("examples", []), [canon(k) for part in ("specific", "everyday")
                                                          for k in kinds.get(tid, {}).get(part, [])],
                                  t.get("thing", ""))
                       for tid, t in topics.items()}
        area = frozenset(w for p in said["others"]["treated_area"] for w in canon(p))
        self.keywords = PhraseIndex([(k, t.id) for t in self.topics.values() for k in _unowned(t.phrases, area)])
        # a two-word keyword typed as one ("hottub"): read as its two words before any spelling fix
        self.run_together = {p[0] + p[1]: (p[0], p[1]) for p, _t in self.keywords.entries()
                             if len(p) == 2 and p[0].isalpha() and p[1].isalpha()}
        self.pairs = PhraseIndex([(canon(w), (tid, n, side)) for tid, t in topics.items()
                                  for n, lists in enumerate(pair_sets(t.get("pairs")))
                                  for side in (0, 1) for w in lists[side]])
        # topic -> the topic it is also about when asked before treatment ("retinol" -> what to stop before)
        self.before = {t: tid for tid, topic in topics.items() for t in topic.get("before", [])}
        self.ahead = {t: tid for tid, topic in topics.items() for t in topic.get("ahead", [])}  # ... asked to go ahead
        # topic -> the topics named inside its pairs as what it is done to ("cover the bruise": makeup)
        self.done_to = {tid: frozenset(topic["done_to"]) for tid, topic in topics.items() if "done_to" in topic}
        self.covers = PhraseIndex([(canon(p), tid) for tid, topic in topics.items() for p in topic.get("covers", [])])
        # topic -> the topics whose words between its pair words name what the pair speaks of ("take Advil for pain")
        self.named = {tid: frozenset(topic["named"]) for tid, topic in topics.items() if "named" in topic}
        # topic -> the topics whose words, as its own pair words, are what it speaks of ("send a photo": no results)
        self.holds = {tid: frozenset(topic["holds"]) for tid, topic in topics.items() if "holds" in topic}
        self.pair_within = {tid: int(t.get("within", 3)) for tid, t in topics.items() if t.get("pairs")}
        self.general = frozenset((tid, canon(k)) for tid, t in topics.items()
                                 for k in [*t.get("general", []), *kinds.get(tid, {}).get("everyday", [])])
        self.framing = frozenset((tid, canon(k)) for tid, t in topics.items() for k in t.get("frames", []))
        self.timing = frozenset((tid, canon(k)) for tid, t in topics.items() for k in t.get("timing", []))
        houses = syn.get("houses", {}).get("names", [])  # "CeraVe", "La Roche-Posay": skin care, no topic
        self.domain = PhraseIndex([(canon(p), "domain") for p in [*lang["domain"]["words"], *houses]])
        self.houses = PhraseIndex([(canon(p), "house") for p in houses])
        aged = [a.format(n=n) for a in lang["elsewhere"]["ages"] for n in range(1, 100)]
        self.elsewhere = PhraseIndex(possessed([(canon(p), "elsewhere")
                                                 for p in [*lang["elsewhere"]["phrases"], *aged]]))
        self.world = PhraseIndex([(canon(p), "world") for p in lang["world"]["phrases"]] +
                                 [(canon(p), "always") for p in lang["world"].get("always", [])] +
                                 [(canon(p), "occasion") for p in lang["world"]["occasions"]] +
                                 [(canon(p), "shopping") for p in lang["world"]["shopping"]])
        self.sold = frozenset(lang["world"]["sold"])
        self.treatment_named = PhraseIndex([(canon(p), "treatment") for p in lang["world"]["unless"]])
        self.in_general = PhraseIndex([(canon(p), "general") for p in lang["world"]["in_general"]] +
                                      [(canon(p), "looks") for p in lang["world"]["choosing"]])
        self.general_treatments, self.looks = frozenset(lang["world"]["treatments"]), frozenset(lang["world"]["looks"])
        self.general_about = frozenset(lang["world"]["about_them"])
        self.personal = frozenset(lang["world"]["personal"])
        self.talk = frozenset(lang["world"]["talk"])
        self.people = PhraseIndex(possessed([(canon(p), "person") for p in lang["elsewhere"]["people"]]))
        self.pronouns = frozenset(w for p in lang["elsewhere"]["pronouns"] for w in canon(p))
        self.occasions = frozenset(w for p in lang["elsewhere"]["occasions"] for w in canon(p))
        self.applied = frozenset(lang["things"]["applied"])
        self.built = frozenset(lang["things"]["built"])
        self.for_them = PhraseIndex([(canon(p), "for") for p in lang["elsewhere"]["for_them"]])
        self.asked_for = frozenset(canon(p) for p in lang["elsewhere"]["asked_for"])
        self.letting, self.theirs = (frozenset(lang["elsewhere"][k]) for k in ("letting", "theirs"))
        self.links = frozenset(lang["things"]["links"])
        self.deadlines = frozenset(lang["things"]["deadlines"])
        self.subjects = frozenset(lang["things"]["subjects"])
        self.pointing = frozenset(lang["things"]["pointing"])
        self.likeness = frozenset(lang["things"]["likeness"])
        self.likening = PhraseIndex([(canon(p), "like") for p in lang["things"]["likening"]])
        self.things = PhraseIndex([(canon(p), "thing") for p in lang["things"]["words"]] +
                                  [(canon(p), "body") for p in lang["things"]["body"]])
        # their words are real words the typo corrector leaves alone ("peaches", "wifi"), never one it aims at
        self.thing_words = frozenset(w for p, _ in self.things.entries() for w in p)
        q = lang["questions"]
        self.cues = PhraseIndex([(canon(p), "info") for p in q["information"]] +
                                [(canon(p), "strong") for p in q["strong_information"]] +
                                [(canon(p), "verdict") for p in q["verdict"] + q["advice"]] +
                                [(canon(p), "avoid") for p in q["avoid"]])
        self.stated = PhraseIndex([(canon(p), "verdict") for p in q["stated"]] +
                                  [(canon(p), "advice") for p in q["stated_advice"]])
        self.advice = PhraseIndex([(canon(p), "advice") for p in q["advice"]])
        self.denying = PhraseIndex([(canon(p), "denying") for p in q["denying"]])
        self.unlisted = PhraseIndex([(canon(p), "unlisted") for p in q["unlisted"]])
        self.purpose = PhraseIndex([(canon(p), "purpose") for p in q["purpose"]])
        self.actions = frozenset(w for p in q["actions"] for w in canon(p))
        self.reaction_state = PhraseIndex([(canon(p), "state") for p in q["reaction_state"]])
        self.state_asked = PhraseIndex([(canon(p), "state") for p in q["state_asked"]])
        # the words of a question ("how long", "is it ok") add no sense to a general keyword beside them,
        # but for those that name someone or something ("can you call me", "is it going to be sunny")
        self.joined = frozenset(lang["joined"]["words"])
        self.alone = frozenset(w for part in (lang["alone"]["words"], *(q[k] for k in (
            "information", "strong_information", "verdict", "advice", "avoid"))) for p in part for w in canon(p)
            if w not in lang["alone"]["not"])
        self.avoid_words = PhraseIndex([(canon(p), "avoid") for p in q["avoid_words"]])
        self.numbers = {k: float(v) for k, v in lang["numbers"].items()}
        self.day_parts = DayParts.of(lang["day_parts"]["glue"], lang["day_parts"]["hours"])
        self.holidays = PhraseIndex([(canon(k), tuple(int(x) for x in v.split("-")))
                                     for k, v in lang["holidays"].items()])
        self.parts_alone = PhraseIndex([(canon(p), tuple(lang["day_parts"]["hours"][p]))
                                        for p in lang["day_parts"]["alone"]])
        follow = lang["follow_up"]
        self.follow_starts = frozenset(w for p in follow["starts"] for w in canon(p))
        self.follow_words = frozenset(w for p in follow["words"] for w in canon(p)) | self.follow_starts
        eligible = lang["eligibility"]
        self.eligibility = PhraseIndex([(canon(p), "treatment") for p in eligible["treatment"]])
        self.ongoing = PhraseIndex([(canon(p), "ongoing") for p in eligible["ongoing"]])
        self.too_soon = PhraseIndex([(canon(p), " ".join(canon(p))) for p in eligible["too"]])
        checkin = lang["checkin"]
        self.checkin = {canon(p): kind for kind in ("good", "some") for p in checkin[kind]}
        self.checkin_filler = frozenset(w for p in checkin["filler"] for w in canon(p))
        self.weekdays = frozenset(lang["weekdays"]["words"])  # known as typed: see _known_tokens
        self.awaiting = frozenset(lang["awaiting"]["words"])  # a condition after one is waited for, not told
        el = lang["elapsed"]
        self.elapsed_treatment = PhraseIndex([(canon(p), "treatment") for p in el["treatment"]])
        self.elapsed_last_use = PhraseIndex([(canon(p), "last_use") for p in el["last_use"]])
        self.stopped = PhraseIndex([(canon(p), "stopped") for p in el["stopped"]])
        self.used_for = PhraseIndex([(canon(p), "used_for") for p in el["used_for"]])
        self.elapsed_ahead = PhraseIndex([(canon(p), "ahead") for p in el["ahead"]])
        self.after_what = PhraseIndex([(canon(p), "treatment") for p in el["after_what"]])
        self.arriving = PhraseIndex([(canon(p), "arriving") for p in el["arriving"]] +
                                    [(canon(p), "until") for p in el["until_it"]] +
                                    [(canon(p), "before") for p in el["before_it"]])
        self.counted = PhraseIndex([(canon(p), tuple(v)) for p, v in el["counted"].items()])
        self.counted_ahead = PhraseIndex([(canon(p), tuple(v)) for p, v in el["counted_ahead"].items()])
        self.joins, self.join_openers = frozenset(el["clauses"]["joins"]), frozenset(el["clauses"]["openers"])
        self.beside, self.other_visits = frozenset(el["beside"]), frozenset(el["other_visits"])
        self.clock_words, self.through = frozenset(el["clock_words"]), frozenset(el["through"])
        self.whole, self.hedges, self.time_own = frozenset(el["whole"]), frozenset(el["hedges"]), frozenset(el["own"])
        self.conditions_said = PhraseIndex([(canon(p), (name, met)) for name, said in lang["conditions"].items()
                                            for met, key in ((True, "met"), (False, "not_met")) for p in said[key]])
        self.behind = PhraseIndex([(canon(p), "behind") for p in el["behind"]])
        self.waiting = PhraseIndex([(canon(p), "waiting") for p in el["waiting"]])
        self.upcoming = PhraseIndex([(canon(p), "treatment") for p in el["upcoming"]])
        self.stating = frozenset(el["stating"])
        self.units = {k: float(v) for k, v in el["units"].items()}
        temp = lang["temperature"]
        self.temp_context = frozenset(temp["context"])
        self.temp_reading = (frozenset(tuple(p.split()) for p in temp["reading"]), frozenset(temp["reading_then"]))
        self.temp_units = PhraseIndex([(canon(p), "f") for p in temp["fahrenheit"]] +
                                      [(canon(p), "c") for p in temp["celsius"]])
        self.temp_not_before = frozenset(temp["not_before"])
        self.temp_threshold = frozenset(tuple(p.split()) for p in temp["threshold"])
        self.temp_of_things = PhraseIndex([(canon(p), "thing") for p in temp["of_things"]] +
                                          [(canon(p), "body") for p in temp["bodily"]])
        self.__dict__.update(alarms.lists(flags, said, canon))  # redflags.toml and assertions.toml
        # kept as one string and made a set only when a message has a word outside the lists: unpickling
        # 8,000 strings cost every `ask` about a millisecond, and most messages hold only known words
        self._realwords_text = "\n".join(sorted(raw.get("realwords", ())))
        listed = self._known_tokens()
        # instances and the words of pairs are known but no typo is corrected to them: they would pull
        # real words the real-word list lacks onto the long tail ("dining" is no "diving")
        self.known = listed | {w for t in self.topics.values() for p in t.instances for w in p if w.isalpha()} | \
            {w for p, _ in self.pairs.entries() for w in p if w.isalpha()}
        self._instance_only = self.known - listed
        self.alarm_words = alarms.words_to_read(self)

    def expand(self, tokens) -> tuple[str, ...]:
        """Expand contractions ("cant" -> "can not"), but not a possessive after a preposition ("back to its
        old self"), nor a letter after a number, which is its unit ("a 5k run" is no "5 okay")."""
        out: list[str] = []
        for n, t in enumerate(tokens):
            kept = n and (tokens[n - 1] in self.kept_after.get(t, ()) or (len(t) == 1 and tokens[n - 1].isdigit()))
            out.extend((t,) if kept else self.contractions.get(t, (t,)))
        return tuple(out)

    def canon(self, text: str) -> Phrase:
        """Return a data phrase in the form utterances take after contractions and synonyms."""
        tokens = list(self.expand(phrase(text)))
        out, last = [], 0
        for start, stop, canonical in self.synonyms.find(tokens):
            out.extend(tokens[last:start])
            out.extend(canonical)
            last = stop
        out.extend(tokens[last:])
        return tuple(out)

    @property
    def realwords(self) -> frozenset[str]:
        """Real English words that look like a known word but are not it (intents/realwords.txt)."""
        words = self.__dict__.get("_realwords")
        if words is None:
            words = self.__dict__["_realwords"] = frozenset(self._realwords_text.split("\n")) - {""}
        return words

    @property
    def correctable(self) -> frozenset[str]:
        """The known words a typo may be corrected to: not the instances or the words of pairs, which would
        pull real words the real-word list lacks ("slathering") onto the long tail."""
        words = self.__dict__.get("_correctable")
        if words is None:
            words = self.__dict__["_correctable"] = self.known - self._instance_only
        return words

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k not in ("_realwords", "_correctable")}

    def _known_tokens(self) -> frozenset[str]:
        known: set[str] = set(self.contractions) | set(self.numbers) | set(self.units) | \
            set(self.temp_context) | set(self.temp_not_before) | self.weekdays | {DECIMAL_POINT}
        known.update(w for t in self.topics.values() for p in t.keywords for w in p)
        for index in (self.synonyms, self.negation, self.terminators, self.cues,
                      self.sign_index, self.reaction_index, self.others, self.hypothetical, self.body,
                      self.seen_by, self.seen_of, self.judged, self.recurring_now,
                      self.elapsed_treatment, self.elapsed_last_use, self.stopped, self.used_for, self.elapsed_ahead,
                      self.patient_body, self.temp_units, self.ignore, self.after_negation, self.capacity, self.history,
                      self.frames, self.present, self.others_treated, self.purpose, self.avoid_words, self.domain,
                      self.elsewhere, self.world, self.treatment_named, self.people, self.improving,
                      self.treated_area, self.after_what, self.arriving, self.counted, self.counted_ahead,
                      self.parts_alone, self.upcoming, self.temp_of_things,
                      self.behind, self.stated, self.for_them, self.in_general, self.conditions_said):
            for p, value in index.entries():
                known.update(p)
                if isinstance(value, tuple):
                    known.update(value)
        for c in self.combos:
            for p in c.words + c.near:
                known.update(p)
        return frozenset(t for t in known if isinstance(t, str) and t.isalpha())


def _read_all() -> dict:
    import tomllib  # about 4 ms: only a cache miss reads the intents files

    folder = data.intents_dir()

    def read(name: str) -> str:
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            return f.read()
    raw = {name: tomllib.loads(read(f"{name}.toml"))
           for name in ("language", "topics", "synonyms", "redflags", "assertions")}
    if os.path.isfile(os.path.join(folder, "instances.toml")):
        raw["instances"] = tomllib.loads(read("instances.toml"))
    if os.path.isfile(os.path.join(folder, "realwords.txt")):
        raw["realwords"] = frozenset(read("realwords.txt").split())
    return raw


@lru_cache(maxsize=1)
def load() -> Vocabulary:
    """Return the shared vocabulary, read once per process (and kept compiled between runs)."""
    return cached("vocabulary", data.intents(), lambda: Vocabulary(_read_all()))


def _unowned(phrases: list[Phrase], area: frozenset[str]) -> list[Phrase]:
    """Add each phrase with "my" before a treated part as learners often write it, without: "wash face",
    "put on skin"."""
    return phrases + [p[:i] + p[i + 1:] for p in phrases for i in range(1, len(p) - 1)
                      if p[i] == "my" and p[i + 1] in area]


def _reconciling(lang: dict) -> list[str]:
    """Return the phrases of making peace ("make up with his best friend", "make up after a fight"): each
    template of [ignore] filled with every noun for a person, every person, or every quarrel."""
    ignore, people = lang["ignore"], lang["elsewhere"]["people"]
    nouns = sorted({p.removeprefix("my ") for p in people if not p.startswith("a ")} | set(ignore["nouns"]))
    fills = {"{noun}": ("noun", nouns), "{quarrel}": ("quarrel", ignore["quarrels"]),
             "{who}": ("who", sorted({*nouns, *people, *lang["elsewhere"]["pronouns"], *ignore["who"]}))}
    return [t.format(**{name: w}) for t in ignore["reconciling"] for slot, (name, words) in fills.items()
            if slot in t for w in words]
