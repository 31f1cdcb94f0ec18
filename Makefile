# policybrief: `make demo` sets up and writes the briefs and digest of seeds/ into briefs/;
# `make test` sets up and runs the tests. Each creates its own virtualenv in .venv/.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	touch $@ $(VENV)/.installed

# The digest is dated by the seeds' last commit (SOURCE_DATE_EPOCH), so a rerun on the same
# checkout writes the same files and leaves the checkout clean.
demo: $(VENV)/.installed
	rm -rf briefs.new
	$(BIN)/policybrief brief seeds/ --out briefs.new
	export SOURCE_DATE_EPOCH="$$(git log -1 --format=%ct -- seeds 2>/dev/null || date +%s)"; \
		$(BIN)/policybrief digest seeds/ --out briefs.new/digest.md && \
		$(BIN)/policybrief digest seeds/ --out briefs.new/digest.html
	rm -rf briefs && mv briefs.new briefs
	@echo "briefs/ is up to date:" && ls briefs

test: $(VENV)/.installed-test
	bash .ci/system-deps
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests
	$(BIN)/mypy

bench: $(VENV)/.installed-test
	$(BIN)/python tests/bench/bench_quality.py
	$(BIN)/python tests/bench/bench_speed.py

clean:
	rm -rf $(VENV) briefs.new .pytest_cache .mypy_cache .ruff_cache tests/artifacts
