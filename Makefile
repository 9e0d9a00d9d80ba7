# The kiosk's everyday commands. `make test` is THE test command; `make demo` shows the kiosk.
# Every target that runs the kiosk's code sets the machine up first (scripts/setup.sh is
# idempotent and takes about a second when nothing changed).

SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

VENV := .venv
PY := $(VENV)/bin/python
KIOSK := $(VENV)/bin/kiosk

PYTEST_ARGS ?=
BENCH_ARGS ?=
# `make screenshots`: every screen in French, and these screens in every other language.
SCREENSHOT_DIR := docs/screenshots
SCREENSHOT_LANGS ?= fr-falc en ar
SCREENSHOT_SCREENS_PER_LANG ?= attract home help idle-warning

.PHONY: help setup demo test lint docs i18n screenshots bench clean distclean

help:
	@echo "make setup        install system packages, .venv/, the kiosk and its catalogs"
	@echo "make demo         run the kiosk on its demo content, in a window"
	@echo "make test         lint, type-check, then run every test (PYTEST_ARGS='-k wipe')"
	@echo "make lint         ruff and mypy"
	@echo "make docs         regenerate docs/configuration.md from the config schema"
	@echo "make i18n         compile the translation catalogs"
	@echo "make screenshots  render screens into $(SCREENSHOT_DIR)/"
	@echo "make bench        run the benchmarks (JSON on stdout)"
	@echo "make clean        remove caches and build outputs (distclean: .venv/ too)"

setup:
	@bash scripts/setup.sh >&2  # progress on stderr: `make bench | jq` gets JSON only

demo: setup
	@if [[ -n "$${DISPLAY:-}" || -n "$${WAYLAND_DISPLAY:-}" ]]; then \
		exec $(KIOSK) --demo --windowed; \
	else \
		echo "demo: no screen here (DISPLAY and WAYLAND_DISPLAY are empty): the window opens on a virtual display you cannot see; try \`make screenshots\` to see the screens as PNG files."; \
		if [[ "$$(id -u)" -eq 0 ]]; then export QTWEBENGINE_DISABLE_SANDBOX=1; fi; \
		exec xvfb-run -a -s "-screen 0 1280x800x24" $(KIOSK) --demo --windowed; \
	fi

test: setup
	$(VENV)/bin/ruff check -q kiosk tests bench bench/run
	$(VENV)/bin/mypy kiosk
	$(PY) -m pytest -p no:cacheprovider $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check kiosk tests bench bench/run
	$(VENV)/bin/mypy kiosk

docs: setup
	$(PY) -m kiosk.config.docs

i18n: setup
	$(PY) -m kiosk.i18n compile

screenshots: setup
	@mkdir -p $(SCREENSHOT_DIR)
	@for screen in $$($(KIOSK) screenshot --screen list); do \
		$(KIOSK) screenshot --screen "$$screen" --lang fr --out "$(SCREENSHOT_DIR)/$$screen-fr.png"; \
	done
	@for lang in $(SCREENSHOT_LANGS); do \
		for screen in $(SCREENSHOT_SCREENS_PER_LANG); do \
			$(KIOSK) screenshot --screen "$$screen" --lang "$$lang" --out "$(SCREENSHOT_DIR)/$$screen-$$lang.png"; \
		done; \
	done

bench: setup
	@$(PY) bench/run $(BENCH_ARGS)

clean:
	rm -rf .pytest_cache .ruff_cache .mypy_cache build dist
	find kiosk tests bench -name __pycache__ -type d -prune -exec rm -rf {} +
	if [[ -d kiosk/i18n/locale ]]; then find kiosk/i18n/locale -name '*.mo' -delete; fi

distclean: clean
	rm -rf $(VENV)
