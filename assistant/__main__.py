"""Run the assistant: `python -m assistant`, and the `aftercare` command."""
import sys


def main() -> None:
    """Run one command; for a recording to hear, start its decoder before the command line is even read."""
    if "ask" in sys.argv[1:] and "--from-wav" in sys.argv[1:]:
        # The worker builds the recogniser (about 40 ms) while this process imports the commands and
        # reads the command line (about 20 ms more) instead of after: `ask --from-wav` 10-15 ms sooner.
        # Should the command turn out otherwise, the worker finds no recording and leaves at once.
        from assistant.voice import worker
        worker.start()
    from assistant.interfaces.cli import run
    run()


if __name__ == "__main__":
    main()
