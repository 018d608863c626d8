# Two commands set everything up on a fresh machine with Python 3.11 and pip:
#   make report   bootstrap .venv, install framing, analyse the sample corpus into reports/seed/
#   make test     bootstrap .venv, install framing with its test extras, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: all install report test lab clean

all: test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

report: $(STAMP)
	$(BIN)/framing analyze corpora/seed --out reports/seed

test: $(STAMP)
	$(BIN)/python -m pytest -q

lab: $(STAMP)
	$(BIN)/jupyter lab --allow-root --notebook-dir=.

clean:
	rm -rf $(VENV) .pytest_cache
