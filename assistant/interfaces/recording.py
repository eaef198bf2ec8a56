"""`aftercare ask --from-wav`: hear a recording and print one reply (one JSON object with --json).

A worker process (voice.worker) builds the recogniser while the recording is read, then decodes it
while the dialogue's modules are imported and the clinic's data loaded: what the parent does is
hidden behind the ~130 ms the worker takes. interfaces.listen then decides what to do with what was
heard and prints it, as for the microphone.
"""
from __future__ import annotations

from assistant.core.context import Env, UsageError
from assistant.voice.audio import has_speech, read_wav
from assistant.voice.hearing import HearingUnavailable
from assistant.voice.worker import ahead


def ask(args, env: Env) -> int:
    """Hear the WAV file given as the question and answer it."""
    with ahead() as pending:  # the worker builds the recogniser while the recording is read
        pcm = read_wav(args.question)
        if not has_speech(pcm):  # a recording of nothing is bad input, not a question misheard
            raise UsageError(f"--from-wav: {args.question} holds no speech (silence or steady noise)")
        pending.hear(pcm)
        from assistant.interfaces import listen  # the dialogue: imported while the worker decodes
        from assistant.interfaces.context import context
        from assistant.understanding import fuzzy, sense, vocabulary
        where = context(args, env)
        vocabulary.load()  # what answering reads first, loaded now rather than after the hearing
        # A hearing's alternatives hold everyday words the vocabulary lacks ("what fitness latest warm"),
        # and answering them compares spellings and reads the meaning model: about 40 ms on the first,
        # spent here while the worker decodes rather than after it.
        fuzzy.load()
        sense.compiled()
        try:
            heard = pending.result()
        except HearingUnavailable as exc:
            raise UsageError(f"--from-wav: {exc}") from None
    return listen.answer_recording(heard, args, env, where)
