# The project's front door. Every target sets up .venv from the pinned requirements on first use.
# DATASET names any folder holding a datapackage.json (default: dataset).
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DATASET ?= dataset
export DATASET

.PHONY: validate schemas test clean

$(VENV)/.installed: requirements.txt scripts/bootstrap.sh
	PYTHON=$(PYTHON) VENV=$(VENV) scripts/bootstrap.sh
	touch $@

## validate: check the data package ($(DATASET)) and print every problem with its file, row and field
validate: $(VENV)/.installed
	$(PY) -m scripts.validate "$(DATASET)"

## schemas: regenerate Table Schemas, bytes/hash and schemas/json/ from the models after an edit
schemas: $(VENV)/.installed
	$(PY) -m scripts.make_schemas

## test: run every test
test: $(VENV)/.installed
	$(PY) -m pytest

clean:
	rm -rf $(VENV) .pytest_cache
