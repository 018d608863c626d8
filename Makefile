# Two commands set everything up on a fresh machine with Python 3.11 and pip:
#   make report   bootstrap .venv, install framing, analyse the sample corpus into reports/seed/
#   make test     bootstrap .venv, install framing with its test extras, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: all install report test test-fast lab clean

all: test

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall when the dependency list changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

# TOPIC_MODEL=DIR adds topics from a model fitted on a reference corpus (`framing topics fit`);
# without one the report says the one-article sample is too small for topics.
TOPIC_MODEL ?=
report: $(STAMP)
	$(BIN)/framing report corpora/seed --out reports/seed $(if $(TOPIC_MODEL),-p topic_model=$(TOPIC_MODEL))

test: $(STAMP)
	$(BIN)/python -m pytest -q

# the inner loop: everything but the tests marked slow (notebooks in kernels, whole corpora, Dask clusters)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# --allow-root: containers often run as root, where JupyterLab refuses to start without it
lab: $(STAMP)
	$(BIN)/jupyter lab --allow-root --no-browser --ServerApp.root_dir=.

clean:
	rm -rf $(VENV) .pytest_cache
