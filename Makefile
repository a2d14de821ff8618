# Inoplan: `make run` to try it, `make test` to check it.
PORT ?= 5000
VENV ?= .venv
PY := $(VENV)/bin/python
FLASK := FLASK_APP=wsgi.py $(VENV)/bin/flask
STAMP := $(VENV)/.installed

.PHONY: run test install db demo bench load clean

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

install: $(STAMP)

db: install
	$(FLASK) db upgrade
	$(FLASK) library load

demo: db
	$(FLASK) demo load

run: demo
	$(FLASK) run --host 127.0.0.1 --port $(PORT)

test: install
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install
	$(PY) -m bench $(BENCH_ARGS)

load: install
	$(PY) bench/load/run.py $(LOAD_ARGS)

clean:
	rm -rf $(VENV) instance .pytest_cache test-artifacts
