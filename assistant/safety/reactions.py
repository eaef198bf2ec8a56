"""Grade the reactions a clinic expects (redness, swelling, flaking…) against that clinic's own windows.

    reactions(tokens, vocab, protocol, treated, now, elapsed_hours, ctx)   # [Finding, ...]
A reaction within its window is expected (no level); past it, a routine call, unless it is said beside a
reaction it is a stage of (its `part_of`) still expected ("flaky and dry"); described as more than normal
("very swollen") where the sheet says to report that at once, its [[report]] level.
The windows are the ones `plan` dates (clinic.state.ends_at); without one, the usual length in
intents/redflags.toml.
"""
from __future__ import annotations

from assistant.clinic.state import ends_at
from assistant.core.levels import Level
from assistant.safety.assertion import CLAUSE_END, NEGATIVES, Context
from assistant.safety.finding import Finding
from assistant.timeline.window import add_hours
from assistant.understanding import things
from assistant.understanding.phrases import around

ELLIPSIS = 3  # words of a clause that says only how a reaction named before it goes ("today less")
SO_THAT = frozenset({"the", "my", "that", "it", "its", "i", "this", "her", "his", "their", "any"})  # "so the …"


def reactions(tokens, vocab, protocol, treated, now, elapsed_hours, ctx: Context):
    out, seen, procedures, body = [], set(), None, None
    for start, stop, reaction in vocab.reaction_index.find(tokens):
        if reaction.id in seen:
            continue
        if reaction.needs_context:  # the body said in the reaction's own sentence ("The heat went off
            # overnight. I haven't fainted." is no warm skin); found at the first such word: most hold none
            body = body if body is not None else [s for s, _e, _ in vocab.body.find(tokens)]
            lo, hi = around(tokens, start, stop, ".!?;")
            if not any(lo <= s < hi for s in body):
                continue
        if procedures is None:  # found at the first reaction: most messages hold none
            found = list(vocab.keywords.all_at(tokens))  # read twice below: a list, not the generator
            procedures = [(s, e) for s, e, topic in found if topic in vocab.general_treatments]
            products = things.products(tokens, vocab, found)
            doings = [(s, e) for s, e, topic in found if vocab.topics[topic].kind == "activity"]
        if any(start <= s < stop < e for s, e in doings):
            continue  # "a bath with very hot water": the heat of what is done, the words running on into it
        if any(s <= start and stop <= e and e - s > stop - start for s, e in procedures) or \
                things.names_a_product(start, stop, products) or _put_on(tokens, start, vocab) or \
                things.product_for(tokens, start, products):
            continue  # "a chemical peel", "a warm compress", "use heat", "Differin for my breakouts": what is
            # done or put on, or what a product is for, not the skin now
        seen.add(reaction.id)
        # "a little puffy", "small bruise", "burning a little"; never a word of the reaction's own phrase ("hot to
        # the touch" is no "a touch red")
        mild = not vocab.mild.isdisjoint(tokens[max(0, start - 3):start]) or _mild_after(tokens, stop, vocab)
        entries = [e for e in protocol.expectations if e.reaction == reaction.id]  # the sheet's own windows
        level = _level(reaction, entries, treated, now, elapsed_hours, 2 if mild else 1)
        if entries:
            name = f"{reaction.id} that lasts longer than your clinic's sheet expects"
            say = (f"{reaction.id.capitalize()} this long after treatment is more than your clinic's sheet calls "
                   "normal, so they will want to know.")
        else:  # the window is microneedling's usual one: never say the sheet said what it did not
            name = f"{reaction.id} that lasts longer than microneedling usually causes"
            say = (f"{reaction.id.capitalize()} usually settles sooner after microneedling, and your clinic's sheet "
                   "does not say how long to expect it, so they will want to know.")
        report = next((r for r in protocol.reports if r.reaction == reaction.id), None)
        improving = _improving(tokens, start, stop, vocab)
        if report and _intense(tokens, start, stop, vocab) and report.level > level and not improving:
            # "excessive swelling": the sheet says to call at once, whatever the day (not "way down")
            level, name, say = report.level, f"more {reaction.id} than your clinic calls normal", report.text
        status = ctx.status(start, stop, level)
        if level == Level.ROUTINE and improving:
            level = Level.NONE  # "the swelling is going down": healing on its way, however long it took
        if status == "present" and level == Level.NONE:
            status = "expected"
        out.append(Finding(reaction.id, level, " ".join(tokens[start:stop]), status, say, ctx.who(start), name,
                           span=(start, stop)))
    return _in_stage(out, vocab)


def _in_stage(found: list[Finding], vocab) -> list[Finding]:
    """Grade as expected a reaction past its own window said beside one it is a stage of (its `part_of`) that is
    still expected ("flaky and dry" on day 4: dry skin is part of the flaking)."""
    calm = {f.sign for f in found if f.level == Level.NONE and f.status == "expected"}  # not "no flakes, just dry"
    if not calm:
        return found  # most messages: no reaction still expected beside another
    stages = {r.id: r.part_of for r in vocab.reactions}
    return [f.replace(level=Level.NONE, status="expected" if f.status == "present" else f.status)
            if f.level == Level.ROUTINE and stages.get(f.sign, frozenset()) & calm else f for f in found]


def _level(reaction, entries, treated, now, elapsed_hours, stretch: int = 1) -> Level:
    """Grade a reaction against the sheet's own windows for it (`entries`, its [[expect]] tables), the same
    windows `plan` dates; `stretch` times as long for one said to be mild."""
    if elapsed_hours is None or treated is None:
        return Level.NONE  # cannot tell whether it is past its window
    usual = None if reaction.usual_hours is None else add_hours(treated, reaction.usual_hours)
    if entries:  # "short-term" windows with no end fall back on the usual length
        ends = [ends_at(e, treated) or usual for e in entries]
    else:
        ends = [usual] if usual is not None else []
    if not ends:
        return Level.ROUTINE  # no window at all: worth a routine call whenever it is
    return Level.NONE if any(end is None or now < treated + (end - treated) * stretch for end in ends) \
        else Level.ROUTINE


def _intense(tokens, start: int, stop: int, vocab) -> bool:
    """Say whether a word of size stands beside the reaction ("so puffy", "swollen really badly"), not the "so"
    that opens a clause of purpose ("sleep propped up so the puffiness goes down")."""
    lo = max(0, start - 3)
    return any(t in vocab.intensity and not (t == "so" and tokens[k + 1:k + 2] and tokens[k + 1] in SO_THAT)
               for k, t in enumerate(tokens[lo:stop + 2], lo))


def _mild_after(tokens, stop: int, vocab) -> bool:
    """Say whether the words right after a reaction make it mild ("burning a little", "puffy slightly"), and not
    a little more of it ("swollen a little more today" is growing)."""
    after = tokens[stop:stop + 3]
    size = 1 if after[:1] and after[0] in vocab.mild else 2 if after[:1] == ["a"] and after[1:2] and \
        after[1] in vocab.mild else 0
    return bool(size) and vocab.intensity.isdisjoint(after[size:size + 1])


def _put_on(tokens, start: int, vocab) -> bool:
    """Say whether the reaction word at start is what is put on the skin ("use heat", "apply a warm cloth")."""
    before = tokens[max(0, start - 2):start]
    return bool(before) and (before[-1] in vocab.applying or (
        len(before) == 2 and before[0] in vocab.applying and before[1] in ("a", "an", "the", "some")))


def _improving(tokens, start: int, stop: int, vocab) -> bool:
    """Say whether the reaction's own clause says it is settling ("already going down", "fading"), or a
    short clause right after it that names nothing else does ("very warm yesterday, today less"), or the
    word right after it says it has ended ("the flaking's done")."""
    if tokens[stop:stop + 1] and tokens[stop] in vocab.ended:
        return True
    lo, hi = around(tokens, start, stop, CLAUSE_END)
    if tokens[hi:hi + 1] == [","]:
        _lo, end = around(tokens, hi + 1, hi + 1, CLAUSE_END)
        if end - hi - 1 <= ELLIPSIS and not any(True for _ in vocab.reaction_index.find(tokens, hi + 1, end)):
            hi = end
    # "never went down", "has not faded": a negated improvement is a reaction that lingers; "has gone | red" what
    # the skin became
    return any(not NEGATIVES & set(tokens[max(lo, s - 2):s])
               and not (tokens[e - 1] in vocab.becoming and e <= start <= e + 2)
               for s, e, _ in vocab.improving.find(tokens, lo, hi))
