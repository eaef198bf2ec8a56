"""Run the assistant as `python -m assistant`."""
from assistant.interfaces.cli import run

run()
