"""Run the assistant: `python -m assistant`, and the `aftercare` command."""
import sys


def main() -> None:
    """Run one command; for a recording to hear, start its decoder before the command line is even read."""
    args = sys.argv[1:]
    asking = args[:1] == ["ask"]  # the command comes first: --version is the only option before it
    if asking and "-" not in args:
        # One question, then exit: Python's cyclic garbage collector would only walk what was just loaded
        # (the vocabulary, the protocol, the meaning model), freeing nothing the exit does not: 4-6 ms of a
        # typed answer's 65, and 8 of a spoken one's after the hearing. The chat, the desk and `ask -` (a
        # question a line, as many as come) keep it.
        import gc
        gc.disable()
    if asking and "--from-wav" in args:
        # The worker is forked about 1 ms into the process, not 15-20 ms in after the commands are
        # imported and the command line read, and builds the recogniser (about 40 ms) meanwhile.
        # Should the command turn out otherwise, the worker finds no recording and leaves on its own.
        from assistant.voice import worker
        worker.start()
    from assistant.interfaces.cli import run
    run()


if __name__ == "__main__":
    main()
