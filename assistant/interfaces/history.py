"""The chat's history as the prompt uses it: earlier questions to scroll back through, suggestions only
from those that tell of no sign or symptom, and never a reason to stop the chat.

    kept = ChatHistory.open(env, protocol, clock)
    kept.entries         # the questions, oldest first
    kept.store(text)     # stamped by the chat's clock (--now when given)
    kept.suggestible(t)  # False for "there is pus", "is redness normal?": nothing on screen recalls them
    kept.news()          # lines to show: what was skipped, or that questions can no longer be kept
"""
from __future__ import annotations

from assistant.clinic.protocol import Protocol
from assistant.core import history
from assistant.core.storage import StorageError
from assistant.safety.triage import assess_message
from assistant.understanding.utterance import Utterance
from assistant.understanding.vocabulary import load


class ChatHistory:
    """Questions kept between chats; every failure to read or keep them becomes a note, never an error."""

    def __init__(self, file: str | None, clock, protocol: Protocol, entries: list[str], note: str = ""):
        self.file, self.clock, self.protocol = file, clock, protocol
        self.entries, self._news = entries, [note] if note else []
        self._private: dict[str, bool] = {}

    @classmethod
    def open(cls, env, protocol: Protocol, clock) -> ChatHistory:
        """Read the history kept within the retention; report what was skipped in `note`."""
        file = history.path(env.environ)
        try:
            days = history.retention(env.environ)
            if days == 0:
                return cls(None, clock, protocol, [], "")
            kept = history.read(file, clock(), days)
        except (ValueError, StorageError) as exc:
            return cls(None, clock, protocol, [], f"(Your questions will not be kept: {exc}.)")
        note = ""
        if kept.problems:
            line = ", ".join(str(n) for n, _ in kept.problems[:5]) + (" …" if len(kept.problems) > 5 else "")
            note = (f"(Skipped {len(kept.problems)} damaged line{'s' if len(kept.problems) != 1 else ''} "
                    f"of your chat history {file}: line {line}.)")
        return cls(file, clock, protocol, [text for _, text in kept.entries], note)

    def store(self, text: str) -> None:
        """Keep one question; when it cannot be kept, say so once and keep none for the rest of this chat."""
        if self.file is None or not text.strip():
            return
        try:
            history.add(self.file, text, self.clock())
        except StorageError as exc:
            self.file = None
            self._news.append(f"(Your questions will not be kept from here on: {exc}.)")

    def news(self) -> list[str]:
        """Return the notes not shown yet, and forget them."""
        out, self._news = self._news, []
        return out

    def suggestible(self, text: str) -> bool:
        """Say whether a line may be offered as a suggestion: only when it mentions no sign or reaction."""
        if text not in self._private:
            vocab = load()
            utt = Utterance.of(text, vocab)
            found = assess_message(text, utt, vocab, self.protocol)
            # a reaction named at all counts, even where triage needs the body mentioned too: "is redness normal?"
            self._private[text] = bool(found.findings) or found.temperature_f is not None or \
                any(True for _ in vocab.reaction_index.find(utt.tokens))
        return not self._private[text]
