"""Run the assistant as `python -m assistant`."""
import sys

from assistant.interfaces.cli import main

sys.exit(main())
