# Two commands for a newcomer: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test install install-dev model lint check-content bench clean

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

bench: $(STAMP) model
	$(PY) bench/webhook.py
	$(PY) bench/intents.py

clean:
	rm -rf $(VENV) var .pytest_cache
