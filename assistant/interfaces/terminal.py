"""Read lines from a person or a pipe, and draw styled text: the one module that imports prompt-toolkit.

    for line in plain_lines(sys.stdin): ...             # a pipe: undecodable bytes become U+FFFD
    for line in terminal_lines(lambda: "desk> "): ...   # a terminal: Ctrl-C clears, Ctrl-D ends
prompt-toolkit costs about 150 ms to import, so it is imported only when a terminal is really
there; piped chat and desk sessions, and every one-shot command, never load it.
"""
from __future__ import annotations

import os
import shutil
import sys
import textwrap

from assistant.core.text import shown


def plain_lines(stream):
    """Yield lines from a pipe or file without their line ends; undecodable bytes become U+FFFD."""
    raw = getattr(stream, "buffer", None)
    for line in raw if raw is not None else stream:
        text = line.decode("utf-8", errors="replace") if isinstance(line, bytes) else line
        yield text.rstrip("\r\n")


def terminal_lines(prompt, **session_options):
    """Yield typed lines from a prompt-toolkit session: Ctrl-C clears the line, Ctrl-D ends."""
    from prompt_toolkit import PromptSession
    session = PromptSession(**session_options)
    while True:
        try:
            yield session.prompt(prompt())
        except KeyboardInterrupt:
            continue
        except EOFError:
            return


class Screen:
    """Print styled, wrapped text with an optional banner; build the chat's prompt session."""

    def __init__(self, styles: dict[str, str], banners: dict[str, str], output=None):
        from prompt_toolkit.styles import Style
        self.style = Style.from_dict({k: v for k, v in styles.items() if v})
        self.banners, self.output = banners, output

    def show(self, style_name: str, text: str) -> None:
        from prompt_toolkit import print_formatted_text
        from prompt_toolkit.formatted_text import FormattedText
        head = [(f"class:{style_name}", self.banners[style_name]), ("", " ")] if style_name in self.banners else []
        width = max(20, self.columns() - 2)  # a full-width line would make the terminal wrap it again
        lead = len(self.banners[style_name]) + 1 if head else 0  # the banner shares the first line
        lines = []
        for n, part in enumerate(text.split("\n")):
            indent = " " * lead if n == 0 else ""
            lines.append(textwrap.fill(shown(part), width, initial_indent=indent)[len(indent):] if part else "")
        text = "\n".join(lines)
        print_formatted_text(FormattedText([*head, (f"class:{style_name}", text)]), style=self.style,
                             output=self.output)

    def columns(self) -> int:
        """Return the width of the terminal being drawn on, as prompt-toolkit sees it now."""
        from prompt_toolkit.application.current import get_app_or_none
        app = get_app_or_none()
        if app is not None:
            return app.output.get_size().columns
        if self.output:
            return self.output.get_size().columns
        try:  # the terminal itself, not $COLUMNS, which goes stale when a window is resized
            return os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (OSError, AttributeError, ValueError):
            return shutil.get_terminal_size().columns

    def session(self, kept, suggestions: list[str], toolbar, session_cls=None, **options):
        """Return a prompt session with the kept history, suggestions only from its lines `kept` allows,
        completion of common questions and a bottom toolbar (`kept`: interfaces.history.ChatHistory)."""
        from prompt_toolkit import PromptSession
        from prompt_toolkit.completion import WordCompleter
        return (session_cls or PromptSession)(
            history=_kept_history(kept), auto_suggest=_suggest_only(kept.suggestible),
            completer=WordCompleter(suggestions, ignore_case=True, sentence=True),
            bottom_toolbar=toolbar, style=self.style, **options)


def _kept_history(kept):
    """A prompt-toolkit History over `kept`: it reads and writes through core.history, never the file itself."""
    from prompt_toolkit.history import History

    class Kept(History):
        def load_history_strings(self):
            return reversed(kept.entries)  # newest first, as prompt-toolkit asks

        def store_string(self, string: str) -> None:
            kept.store(string)
    return Kept()


def _suggest_only(allowed):
    """AutoSuggestFromHistory, but offering only the history lines `allowed` passes."""
    from prompt_toolkit.auto_suggest import AutoSuggest, Suggestion

    class Only(AutoSuggest):
        def get_suggestion(self, buffer, document):
            text = document.text.rsplit("\n", 1)[-1]
            if not text.strip():
                return None
            for string in reversed(buffer.history.get_strings()):
                for line in reversed(string.splitlines()):
                    if line.startswith(text) and allowed(line):
                        return Suggestion(line[len(text):])
            return None
    return Only()
