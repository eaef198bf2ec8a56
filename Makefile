# Two commands for a fresh machine: `make chat` and `make test`. Everything else is a helper.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat test quick lint bench system clean

chat: $(STAMP)
	$(BIN)/aftercare chat

test: system $(STAMP) lint
	$(BIN)/python -m pytest

# the quick loop while working: everything but the spoken set, the wheel and the hour-by-hour walks
quick: $(STAMP) lint
	$(BIN)/python -m pytest -m "not slow"

lint: $(STAMP)
	$(BIN)/ruff check --quiet
	$(BIN)/lint-imports --no-logo --no-cache

bench: system $(STAMP)
	$(BIN)/python benchmarks/run.py

# espeak-ng speaks the answers, sox measures the sound, PortAudio feeds the microphone,
# tmux drives the terminal test; installed with apt when missing and we are root.
system:
	@missing=""; \
	for c in espeak-ng:espeak-ng sox:sox tmux:tmux; do \
	  command -v $${c%%:*} >/dev/null 2>&1 || missing="$$missing $${c##*:}"; done; \
	ldconfig -p 2>/dev/null | grep -q libportaudio || missing="$$missing libportaudio2"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || echo "warning: could not install$$missing; speech tests will say so"; \
	  else echo "note: missing$$missing (install them with apt to hear answers)"; fi; \
	fi

$(STAMP): pyproject.toml
	@echo "setting up $(VENV): Python packages (first run only; the log is $(VENV)/setup.log)"
	@$(PY) -m venv $(VENV)
	@$(BIN)/pip install --upgrade pip > $(VENV)/setup.log 2>&1 || { cat $(VENV)/setup.log; exit 1; }
	@$(BIN)/pip install -e '.[dev,voice,pdf]' >> $(VENV)/setup.log 2>&1 || { cat $(VENV)/setup.log; exit 1; }
	@$(BIN)/python -m compileall -q assistant  # bytecode even where PYTHONDONTWRITEBYTECODE is set
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info
