# The project's front door. Every target sets up .venv from the pinned requirements on first use.
# DATASET names any folder holding a datapackage.json (default: dataset).
# Values given on the command line or in the environment are data, never make or shell code: each
# is taken literally (a `$(shell …)` in it is not run), exported, and read by the recipes as a
# quoted shell variable ("$$DATASET"), so that no value is ever part of a recipe's text.
SHELL := /bin/bash
USER_VARIABLES := PYTHON DATASET SITE_DIR SITE_URL REPO_URL SOURCE_DATE_EPOCH FROM VERSION PORT
$(foreach v,$(USER_VARIABLES),$(if $(filter undefined default,$(origin $v)),,$(eval override $v := $$(value $v))))
PYTHON ?= $(shell command -v python3.11 || command -v python3)
override VENV := .venv
override PY := $(VENV)/bin/python
DATASET ?= dataset
SITE_DIR ?= site
SITE_URL ?= http://127.0.0.1:8000/
PORT ?= 8000
# REPO_URL (the project's repository, e.g. https://github.com/owner/name) has no default: unset or
# empty, the citation and the JSON-LD leave out every field that would hold it.
# The same commit builds the same bytes: page dates come from the last commit, not the clock.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export $(USER_VARIABLES)

.PHONY: site serve validate schemas diff review release bench test clean

$(VENV)/.installed: requirements.txt requirements-cffconvert.txt scripts/bootstrap.sh
	VENV=$(VENV) scripts/bootstrap.sh
	touch $@

## site: validate, generate and build the bilingual site (Korean at /, English at /en/) into $(SITE_DIR); installs Debian's graphviz (dot, for the maps) when missing, as root
site: $(VENV)/.installed
	scripts/ensure_graphviz.sh
	$(PY) -m scripts.site.build

## serve: preview $(DATASET) at http://127.0.0.1:$(PORT)/ (PORT, default 8000), rebuilt on every save (the data, docs/, schemas/, mkdocs.yml); open pages reload themselves and show the data's problems; without downloads and search; built in build/preview/, never SITE_DIR
serve: $(VENV)/.installed
	scripts/ensure_graphviz.sh
	$(PY) -m scripts.preview

## validate: check the data package ($(DATASET)) and print every problem with its file, row and field
validate: $(VENV)/.installed
	$(PY) -m scripts.validate "$$DATASET"

## schemas: regenerate Table Schemas, bytes/hash and schemas/json/ from the models after an edit
schemas: $(VENV)/.installed
	$(PY) -m scripts.make_schemas

## diff: ids added, removed and changed per resource since FROM (a git ref): make diff FROM=v0.1.0
diff: $(VENV)/.installed
	@test -n "$$FROM" || { echo "make diff: give FROM=<git ref>, e.g. make diff FROM=HEAD~1" >&2; exit 2; }
	$(PY) -m scripts.package.diff "$$FROM"

## review: what changed for readers since FROM (a git ref), record by record and field by field, old → new, with links to the pages under SITE_URL, as Markdown: make review FROM=main
review: $(VENV)/.installed
	@test -n "$$FROM" || { echo "make review: give FROM=<git ref>, e.g. make review FROM=HEAD~1 (a tag, branch or commit)" >&2; exit 2; }
	@$(PY) -m scripts.site.review "$$FROM"

## release: check that both changelogs have VERSION (x.y.z, newer than the package's), then stamp it into dataset/datapackage.json and CITATION.cff: make release VERSION=0.5.0
release: $(VENV)/.installed
	@test -n "$$VERSION" || { echo "make release: give VERSION=x.y.z, e.g. make release VERSION=1.0.0" >&2; exit 2; }
	$(PY) -m scripts.release.version "$$VERSION"

## bench: the pipeline on synthetic packages of 500, 2,000 and 8,000 records against bare Material building the same pages (same navigation and Markdown extensions, both languages at once, its own search on), then the stress section (hostile and oversized packages through the validator); results in bench/
bench: $(VENV)/.installed
	scripts/ensure_chromium.sh
	scripts/ensure_graphviz.sh
	$(PY) -m scripts.bench
	$(PY) -m scripts.bench.stress

## test: run every test, the browser tests in Debian's Chromium included
test: $(VENV)/.installed
	scripts/ensure_chromium.sh
	scripts/ensure_graphviz.sh
	$(PY) -m pytest

clean:
	rm -rf $(VENV) $(VENV)-cffconvert .pytest_cache build
