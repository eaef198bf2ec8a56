"""The interactive chat: a prompt-toolkit session in a terminal, plain lines when piped.

    aftercare            # or: aftercare chat --speak
History, suggestions from it, completion of common questions, a bottom toolbar with the clinic,
the recovery day and the number to call; triage banners in colour; Ctrl-C cancels the line and
Ctrl-D leaves. When standard input is not a terminal it reads one question per line and prints
plain answers, so it can be scripted.
"""
from __future__ import annotations

import io

from assistant.clinic.protocol import ProtocolError, bundled_ids, load
from assistant.core import diary, profile
from assistant.core.context import Env, Exit, UsageError
from assistant.core.levels import WORDS
from assistant.core.storage import StorageError
from assistant.core.text import shown
from assistant.dialogue.conversation import Conversation
from assistant.dialogue.toolbar import toolbar
from assistant.interfaces.context import context, now_of, saved_profile
from assistant.interfaces.handsfree import hands_free, speak
from assistant.interfaces.history import ChatHistory
from assistant.interfaces.listen import hear_once
from assistant.interfaces.plan import write_plan
from assistant.interfaces.terminal import Screen, plain_lines
from assistant.interfaces.today import write_today
from assistant.timeline.clock import FORMS, DateError, parse_when, say_date
from assistant.voice.speech import Voice, VoiceUnavailable, audio_out
from assistant.voice.spoken import for_ear

STYLE = {**{str(level): w.style for level, w in WORDS.items() if w.banner}, "answer": "",
         "source": "fg:ansibrightblack", "info": "italic",
         "repeat": "", "rate": "italic", "toolbar": "reverse"}
BANNER = {str(level): f" {w.banner} " for level, w in WORDS.items() if w.banner}
SUGGESTIONS = ["can I wear makeup?", "can I take Tylenol?", "can I take Advil?", "when can I exercise?",
               "can I go in the sun?", "can I wash my face?", "is redness normal?", "how long does healing take?",
               "what should I use on my skin?", "when is my next appointment?", "what number do I call?",
               "today", "plan", "clinic", "repeat", "speak on", "speak off", "slower", "faster", "say-text", "help",
               "quit"]


def chat(args, env: Env) -> int:
    """Start the chat: onboarding if needed, then the loop (hands-free with --voice)."""
    interactive = _is_tty(env.stdin) and _is_tty(env.stdout)
    try:
        talk = _conversation(args, env, interactive)
    except EOFError:  # Ctrl-D during the first questions: leave, nothing half-saved
        env.stdout.write("\nNothing saved. Run 'aftercare' again when you are ready.\n")
        return Exit.OK
    talk.can_speak = audio_out
    talk.rate = args.rate
    voice = None
    if getattr(args, "speak", False) or getattr(args, "voice", False):
        why_not = audio_out()
        if why_not:  # said before anything is promised
            env.stderr.write(f"{why_not[:1].upper()}{why_not[1:]}: reading aloud is off.\n")
        else:
            voice = _voice(env, getattr(args, "voice_name", None))
            talk.speaking = voice is not None
    if getattr(args, "voice", False) and hands_free(talk, env, voice, lambda kind: _extra(kind, talk, env)):
        _save_checkin(talk, env)
        return Exit.OK
    if not interactive:
        return _plain(talk, env, voice)
    return session_loop(talk, env, voice=voice)


def _is_tty(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty()


def _conversation(args, env: Env, interactive: bool) -> Conversation:
    clock = env.clock
    if getattr(args, "now", None):
        fixed = now_of(args, env)
        clock = lambda: fixed
    saved = saved_profile(env)
    welcome = saved is None and interactive and not args.protocol and not args.treated
    if welcome:
        saved = onboard(env, clock)
    protocol, treated, _ = context(args, env)
    same = saved is not None and not args.treated and saved.treated_at == treated  # told-so-far is about this one
    talk = Conversation(protocol, treated, clock, saved.last_checkin if saved else None, keep=_keeper(env),
                        last_pain=_last_pain(env), told=saved.told_at if same else None)
    if welcome:
        talk.last_checkin = clock().date().isoformat()  # the welcome is today's check-in
        env.stdout.write(_extra("today", talk, env) + "\n\n")
    return talk


def onboard(env: Env, clock, ask=None):
    """Ask which clinic and when, save the profile, and return it."""
    ask = ask or (lambda prompt: input(prompt))
    ids = bundled_ids()
    say = env.stdout.write
    # two short lines: the first thing a newcomer reads must not break mid-word on an 80-column terminal
    say("Welcome. I answer questions about your microneedling aftercare\n"
        "from your clinic's own instructions. Which clinic's instructions do you have?\n")
    for n, pid in enumerate(ids, 1):
        say(f"  {n}. {pid} — {load(pid).clinic}\n")
    while True:
        pick = ask("Number, id, or path of your clinic's protocol file: ").strip()
        ref = ids[int(pick) - 1] if pick.isdecimal() and len(pick) < 4 and 1 <= int(pick) <= len(ids) else pick
        try:
            load(ref)
            break
        except ProtocolError as exc:
            say(f"{exc}\n")
    while True:
        text = ask(f"When was your treatment? ({FORMS}): ").strip()
        try:
            treated = parse_when(text, clock(), default_hour=12)
        except DateError as exc:
            say(f"{exc}\n")
            continue
        ahead = " That is still ahead: your upcoming appointment?" if treated > clock() else ""
        if _yes(ask(f"I took “{text}” as {say_date(treated, clock())}.{ahead} Is that right? [Y/n] ")):
            break
    phone = None
    if not load(ref).phone:
        phone = ask("Your clinic's sheet gives no phone number. What number should I tell you to call? "
                    "(Enter to skip): ").strip() or None
    saved = profile.Profile(protocol=ref, treated=treated.isoformat(timespec="minutes"), clinic_phone=phone)
    profile.save(saved, env.environ)
    say("Saved. If you ever have trouble breathing or swallowing, call 911; for pus, fever or "
        "spreading redness, call your clinic straight away.\n")
    return saved


def _yes(answer: str) -> bool:
    """Read a confirmation: Enter or a yes."""
    return answer.strip().lower() in ("", "y", "yes", "yeah", "yep", "right", "correct", "ok", "okay")


def _voice(env: Env, name: str | None = None):
    try:
        return Voice(voice=name)
    except VoiceUnavailable as exc:
        env.stderr.write(f"{exc}\n")
        return None


def _extra(kind: str, talk: Conversation, env: Env) -> str:
    """Run the commands the shell answers: today and plan (a whole page), say-text (the words read aloud)."""
    if kind == "say_text":
        return f"Read aloud: {for_ear(talk.last_text)}" if talk.last_text else "There is nothing read aloud yet."
    buf = io.StringIO()
    try:
        if kind == "today":
            write_today(talk.protocol, talk.treated, talk.clock(), buf)
        else:
            write_plan(talk.protocol, talk.treated, talk.clock(), buf)
    except UsageError as exc:
        return str(exc)
    return buf.getvalue().rstrip()


def _plain(talk: Conversation, env: Env, voice) -> int:
    keep = _checkin_keeper(talk, env)
    for raw in plain_lines(env.stdin):
        for style, text in talk.hear(raw):
            if style in ("today", "plan", "say_text"):
                text = _extra(style, talk, env)
            elif style == "listen":
                text = "Voice input needs a terminal: run 'aftercare listen'."
            prefix = BANNER.get(style, "").strip()
            env.stdout.write((f"{prefix}: " if prefix else "") + shown(text, lines=True) + "\n")
        env.stdout.flush()
        keep()
        speak(env, talk, voice, talk.last_text)
        if talk.done:
            break
    return Exit.OK


def session_loop(talk: Conversation, env: Env, session_cls=None, voice=None, **session_kwargs) -> int:
    """Run the prompt-toolkit loop (tests pass a pipe input and a dummy output in session_kwargs)."""
    screen = Screen(STYLE, BANNER, session_kwargs.get("output"))
    bottom = lambda: toolbar(talk.protocol, talk.day(), screen.columns())
    kept = ChatHistory.open(env, talk.protocol, talk.clock)  # stamped by the chat's clock; never fatal
    session = screen.session(kept, SUGGESTIONS, bottom, session_cls, **session_kwargs)
    screen.show("info", "Ask me about your aftercare. Type help for commands, quit to leave.")
    keep = _checkin_keeper(talk, env)
    while not talk.done:
        for note in kept.news():  # damaged lines skipped, or questions that can no longer be kept
            screen.show("info", note)
        for line in talk.tick():  # a phase entered since the last answer, or a new day
            screen.show(*line)
        keep()  # as soon as it is told: a terminal closed next loses none of it
        try:
            text = session.prompt("you> ")
        except KeyboardInterrupt:
            continue  # Ctrl-C cancels the line
        except EOFError:
            break  # Ctrl-D leaves
        for style_name, line in talk.hear(text):
            if style_name in ("today", "plan", "say_text"):
                line, style_name = _extra(style_name, talk, env), "answer"
            elif style_name == "listen":
                line, style_name = _listen(talk, env), "info"
            screen.show(style_name, line)
        keep()
        speak(env, talk, voice or (_voice(env) if talk.speaking else None), talk.last_text)
    return Exit.OK


def _listen(talk: Conversation, env: Env) -> str:
    try:
        heard = hear_once(env)
    except Exception as exc:
        return f"Voice input is not available: {exc}"
    if not heard:
        return "Sorry, I didn't catch that — please say it again or type it."
    return f"I heard: {heard}\n" + "\n".join(t for _, t in talk.hear(heard))


def _checkin_keeper(talk: Conversation, env: Env):
    """Return a function to call after each turn that keeps the check-in and what was told as soon as they
    change: the profile is read and written only then, not at every turn."""
    kept = [None]

    def keep() -> None:
        state = (talk.last_checkin, talk.told)
        if state != kept[0]:
            kept[0] = state
            _save_checkin(talk, env)
    return keep


def _save_checkin(talk: Conversation, env: Env) -> None:
    """Remember the day of the last check-in, and up to when openings were told, for the next chat."""
    try:
        saved = profile.load(env.environ)
    except profile.ProfileError:
        return
    if saved is None or saved.treated_at != talk.treated:
        return
    told = talk.told.isoformat(timespec="minutes") if talk.told else saved.last_told
    if (saved.last_checkin, saved.last_told) != (talk.last_checkin or saved.last_checkin, told):
        saved.last_checkin, saved.last_told = talk.last_checkin or saved.last_checkin, told
        try:
            profile.save(saved, env.environ)
        except StorageError:  # a read-only home: the chat was had; tomorrow's check-in just comes again
            pass


def _keeper(env: Env):
    """Keep diary entries; a diary that cannot be written is said once, and the chat goes on."""
    said = []

    def keep(entry) -> None:
        try:
            diary.keep(entry, env.environ)
        except OSError as exc:
            if not said:
                said.append(True)
                env.stderr.write(f"Your diary could not be written ({exc.strerror or exc}); the chat goes on.\n")
    return keep


def _last_pain(env: Env) -> int | None:
    """Return the last pain score in the diary, to tell a rise from a steady day."""
    return next((e.pain for e in reversed(diary.entries(env.environ)) if e.pain is not None), None)
