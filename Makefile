# Two commands for a newcomer: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test install install-dev model lint check-content bench clean messages

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q -U pip setuptools wheel

$(STAMP): pyproject.toml | $(VENV)/bin/python
	$(PY) -m pip install -q -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)
install-dev: $(STAMP)

model: $(STAMP)
	$(PY) -m intents.ensure_model

demo: $(STAMP) model
	$(VENV)/bin/asabot demo

test: $(STAMP) model
	PYTHON=$(PY) scripts/ensure-services.sh
	scripts/ensure-browser.sh
	$(VENV)/bin/asabot content check
	$(VENV)/bin/ruff check bot linesim intents tests bench
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check bot linesim intents tests bench
	$(VENV)/bin/mypy

# After writing or changing a bot message: collect the marked messages and merge them into the
# Malay catalogue (new ones come out empty or fuzzy; tests/bot/test_catalogue.py lists them).
messages: $(STAMP)
	mkdir -p var
	$(VENV)/bin/pybabel extract -F bot/locale/babel.cfg --no-default-keywords \
		-k N_ -k L_ -k t --sort-by-file --project AsaBot -o var/messages.pot .
	$(VENV)/bin/pybabel update -i var/messages.pot -d bot/locale -l ms --ignore-obsolete

bench: $(STAMP) model
	$(PY) bench/webhook.py
	$(PY) bench/intents.py

clean:
	rm -rf $(VENV) var .pytest_cache
