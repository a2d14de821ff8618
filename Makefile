# Inoplan: `make run` to try it, `make test` to check it.
PORT ?= 5000
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := FLASK_APP=wsgi.py $(VENV)/bin/flask
STAMP := $(VENV)/.installed

.PHONY: run test lint install db demo bench load clean translations translations-extract

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP) translations

# Compiled catalogues are committed too, so a plain clone works; recompiling is harmless.
translations: $(STAMP)
	$(VENV)/bin/pybabel -q compile -d translations

# Collect new or changed strings into the .pot and merge them into every language's .po.
translations-extract: $(STAMP)
	$(VENV)/bin/pybabel -q extract -F babel.cfg -k _l -k lazy_gettext -o translations/messages.pot --no-location --sort-output .
	$(VENV)/bin/pybabel -q update -i translations/messages.pot -d translations --no-fuzzy-matching

db: install
	$(FLASK) db upgrade
	$(FLASK) library load

demo: db
	$(FLASK) demo load

run: demo
	BASE_URL=$${BASE_URL:-http://127.0.0.1:$(PORT)} $(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .

bench: install
	$(PY) -m bench $(BENCH_ARGS)

load: install
	$(PY) bench/load/run.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache test-artifacts
