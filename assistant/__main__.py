"""Run the assistant: `python -m assistant`, and the `aftercare` command."""
import sys


def main() -> None:
    """Run one command; for a recording to hear, start its decoder before the command line is even read."""
    if "ask" in sys.argv[1:] and "--from-wav" in sys.argv[1:]:
        # The worker is forked about 1 ms into the process, not 15-20 ms in after the commands are
        # imported and the command line read, and builds the recogniser (about 40 ms) meanwhile.
        # Should the command turn out otherwise, the worker finds no recording and leaves on its own.
        from assistant.voice import worker
        worker.start()
    from assistant.interfaces.cli import run
    run()


if __name__ == "__main__":
    main()
