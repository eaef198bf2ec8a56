"""`aftercare ask` with a voice: `--from-wav` hears the question, `--speak` and `--speak-to` read the answer."""
from __future__ import annotations

from assistant.core.context import Env, Exit
from assistant.dialogue.render import spoken_text
from assistant.dialogue.reply import answer
from assistant.interfaces.ask import questions, show
from assistant.interfaces.context import context
from assistant.interfaces.listen import recognise_file
from assistant.voice.speech import Voice, VoiceUnavailable


def ask(args, env: Env) -> int:
    """Answer a recorded or typed question, and speak or save each answer."""
    protocol, treated, now = context(args, env)
    asked = questions(args.question, env)
    if args.from_wav:
        heard = recognise_file(args.question, env, (protocol, treated, now))
        if heard is None:
            return Exit.OK
        asked = iter([heard])
    for question in asked:
        reply = answer(question, protocol, treated, now)
        show(reply, args, env)
        try:
            voice = Voice()
            if args.speak_to:
                voice.save(spoken_text(reply), args.speak_to)
            if args.speak:
                voice.say(spoken_text(reply))
        except VoiceUnavailable as exc:
            env.stderr.write(f"{exc}\n")
    return Exit.OK
