# Parkeerloket Assistent. `make run` and `make test` are all a new user needs.
SHELL := /bin/bash
ROOT := $(abspath .)
PY310 := $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.10.*/bin/python) $(shell command -v python3.10))
PY311 := $(firstword $(shell command -v python3.11) $(shell command -v python3))
RASA_VENV := .venv/rasa
BACKEND_VENV := .venv/backend
RASA := $(RASA_VENV)/bin/rasa
MODEL := models/parkeerloket.tar.gz
BOT_FILES := config.yml bot/language_detector.py $(shell find bot -type f -name '*.yml' 2>/dev/null | sort)
WIDGET_JS := backend/static/widget.js
WIDGET_SRC := widget/package.json widget/package-lock.json $(wildcard widget/src/*.js)

.PHONY: run test train shell bench bench-enforcement clean venvs lock validate lint renewals widget eval

run: venvs train widget ## start backend, action server and Rasa; prints the chat URL
	@$(BACKEND_VENV)/bin/python scripts/stack.py run

test: venvs widget ## the whole test suite (CI runs exactly this)
	@bash scripts/test.sh

# The web chat widget: npm packages from package-lock.json (no install scripts needed),
# bundled by esbuild into one file the backend serves. Rebuilt only when sources changed.
widget: $(WIDGET_JS)

$(WIDGET_JS): $(WIDGET_SRC) widget/node_modules/.installed
	cd widget && npm run -s build

widget/node_modules/.installed: widget/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found (apt-get install -y npm)"; exit 1; }
	cd widget && npm ci --ignore-scripts --no-audit --no-fund
	@touch $@

venvs: $(RASA_VENV)/.installed $(BACKEND_VENV)/.installed

$(BACKEND_VENV)/.installed: requirements/backend.lock
	@test -x $(BACKEND_VENV)/bin/python || $(PY311) -m venv $(BACKEND_VENV)
	$(BACKEND_VENV)/bin/pip install -q --disable-pip-version-check --no-deps -r requirements/backend.lock
	@touch $@

$(RASA_VENV)/.installed: requirements/rasa.lock
	@test -n "$(PY310)" || { echo "Python 3.10 not found (pyenv install 3.10)"; exit 1; }
	@test -x $(RASA_VENV)/bin/python || $(PY310) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install -q --disable-pip-version-check --no-deps -r requirements/rasa.lock
	@touch $@

# Train only when bot data or config changed (fingerprint of the files).
train: venvs
	@fp=$$(cat $(BOT_FILES) | sha256sum | cut -c1-16); \
	if [ -f $(MODEL) ] && [ "$$(cat models/.fingerprint 2>/dev/null)" = "$$fp" ]; then \
	  echo "Model is up to date ($(MODEL))."; \
	else \
	  echo "Training the model ..."; \
	  $(RASA) train --config config.yml --domain bot/domain --data bot/nlu bot/stories bot/rules \
	    --out models --fixed-model-name parkeerloket --force && echo "$$fp" > models/.fingerprint; \
	fi

renewals: venvs ## one round of the renewals job (Verlengingen) on DATABASE_URL
	@$(BACKEND_VENV)/bin/python -m backend renewals

validate: venvs
	$(RASA) data validate --config config.yml --domain bot/domain --data bot/nlu bot/stories bot/rules --fail-on-warnings

# NLU and dialogue evaluation into reports/ (summary: reports/eval.md); 9-18 minutes on 2 shared cores.
EVAL_FOLDS ?= 3
eval: venvs train
	rm -rf reports/heldout reports/cv reports/stories
	$(RASA) test nlu --model $(MODEL) --nlu tests/nlu/test_nlu.yml --out reports/heldout --no-plot
	$(RASA) test nlu --config config.yml --nlu bot/nlu --cross-validation --folds $(EVAL_FOLDS) \
	  --out reports/cv --no-plot
	$(RASA) test core --model $(MODEL) --stories tests/stories --out reports/stories --no-plot
	$(RASA_VENV)/bin/python scripts/eval_report.py reports

shell: venvs train ## chat in the terminal (backend and action server run alongside)
	@$(BACKEND_VENV)/bin/python scripts/shell.py

bench: venvs train ## concurrency benchmark and the enforcement check, write bench/results.json
	@$(RASA_VENV)/bin/python bench/bench.py
	@$(BACKEND_VENV)/bin/python bench/enforcement.py

bench-enforcement: venvs ## only the enforcement check on 100k permits (key "enforcement" in bench/results.json)
	@$(BACKEND_VENV)/bin/python bench/enforcement.py

lint: venvs
	$(BACKEND_VENV)/bin/ruff check backend actions bot tests scripts bench

lock: ## re-resolve requirements/*.in into the lock files
	rm -rf /tmp/lock-backend /tmp/lock-rasa
	$(PY311) -m venv /tmp/lock-backend && /tmp/lock-backend/bin/pip install -q -r requirements/backend.in
	/tmp/lock-backend/bin/pip freeze --all | grep -v -E '^(-e|pip==)' > requirements/backend.lock
	$(PY310) -m venv /tmp/lock-rasa && /tmp/lock-rasa/bin/pip install -q -r requirements/rasa.in
	/tmp/lock-rasa/bin/pip freeze --all | grep -v -E '^(-e|pip==)' > requirements/rasa.lock

clean:
	rm -rf .venv models var reports .rasa tests/artifacts widget/node_modules $(WIDGET_JS)
