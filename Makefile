# Two commands for a fresh machine: `make chat` and `make test`. Everything else is a helper.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: chat test quick lint bench system clean

chat: $(STAMP)
	@$(BIN)/aftercare chat

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
	$(BIN)/python benchmarks/desk.py

# espeak-ng speaks the answers, sox measures the sound, PortAudio feeds the microphone, tmux drives
# the terminal test, PostgreSQL serves the shared call log's tests (a throwaway cluster that the tests
# start on a private socket and stop: no server is left running); installed with apt when missing and
# we are root. Debian would create and start a "main" cluster on install: the drop-in stops that.
system:
	@missing=""; \
	for c in espeak-ng:espeak-ng sox:sox tmux:tmux; do \
	  command -v $${c%%:*} >/dev/null 2>&1 || missing="$$missing $${c##*:}"; done; \
	ldconfig -p 2>/dev/null | grep -q libportaudio || missing="$$missing libportaudio2"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
	  || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "installing:$$missing"; \
	    mkdir -p /etc/postgresql-common/createcluster.d; \
	    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/aftercare-no-main.conf; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || echo "warning: could not install$$missing; speech and PostgreSQL tests will say so"; \
	  else echo "note: missing$$missing (install them with apt to hear answers and test the shared call log)"; fi; \
	fi

# The first run prints one line per step; everything the tools say goes to the log, shown on failure.
$(STAMP): pyproject.toml
	@echo "setting up $(VENV), first run only (the log is $(VENV)/setup.log):"
	@echo "  1/3 a virtual environment"
	@$(PY) -m venv $(VENV)
	@echo "  2/3 Python packages"
	@$(BIN)/pip install --upgrade pip > $(VENV)/setup.log 2>&1 || { cat $(VENV)/setup.log; exit 1; }
	@# compat: the project folder on sys.path by a plain .pth line; the default editable finder loads
	@# pathlib into every process, about 10 ms of each `ask`
	@$(BIN)/pip install -e '.[dev,voice,clinic,pdf]' --config-settings editable_mode=compat \
	  >> $(VENV)/setup.log 2>&1 || { cat $(VENV)/setup.log; exit 1; }
	@echo "  3/3 compiled bytecode"
	@$(BIN)/python -m compileall -q assistant  # bytecode even where PYTHONDONTWRITEBYTECODE is set
	@touch $(STAMP)

clean:
	rm -rf $(VENV) build *.egg-info
