"""`make load`: 50 simulated patients against gunicorn for 60 s, on PostgreSQL and then on SQLite, then a count of
what was stored.

Steps, for each database: reset it (`inoplan_load` on PostgreSQL, instance/inoplan_load.sqlite3 for SQLite),
migrate, create the patients with plans, start gunicorn with several workers, run locust headless, stop gunicorn,
and check that every acknowledged entry is in the database exactly once. On SQLite the workers are separate
processes writing one file: the run proves that writers queue for the lock (BEGIN IMMEDIATE) instead of failing.
Exits non-zero on any 5xx, any failed request, or any mismatch. `--db sqlite` or `--db postgresql` runs one.
"""
from __future__ import annotations

import argparse
import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
VENV = ROOT / ".venv" / "bin"
PASSWORD = "load-test-password"


SQLITE_FILE = ROOT / "instance" / "inoplan_load.sqlite3"


def reset_database(kind: str, server: str, name: str) -> str:
    if kind == "sqlite":
        SQLITE_FILE.parent.mkdir(exist_ok=True)
        for path in (SQLITE_FILE, Path(f"{SQLITE_FILE}-wal"), Path(f"{SQLITE_FILE}-shm")):
            path.unlink(missing_ok=True)
        return f"sqlite:///{SQLITE_FILE}"
    with psycopg.connect(f"postgresql://{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"postgresql+psycopg://{server}/{name}"


def flask(env: dict, *args: str) -> None:
    subprocess.run([str(VENV / "flask"), *args], env=env | {"FLASK_APP": "wsgi.py"}, cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def create_patients(count: int) -> list[str]:
    """Patients with a three-item daily plan; the environment already points at the load database."""
    sys.path.insert(0, str(ROOT))
    from app import create_app
    from app.extensions import db
    from app.models import Routine, User
    from app.services.plans.versions import ItemSpec, plan_for, save_version
    app = create_app("development")
    with app.app_context():
        template = User()
        template.set_password(PASSWORD)
        routines = list(db.session.scalars(db.select(Routine).where(Routine.slug.in_(
            ["knee-to-chest-stretch", "gentle-walk", "heat-pack"]))))
        emails = []
        for i in range(count):
            # Made years ago: the simulated patients record one past day after another.
            user = User(email=f"load-{i:03d}@example.com", display_name=f"Load {i}", role="patient", timezone="UTC",
                        password_hash=template.password_hash, created_at=datetime.now(UTC) - timedelta(days=3650))
            db.session.add(user)
            db.session.flush()
            specs = [ItemSpec.from_routine(r, times=[t]) for r, t in zip(routines, ["08:00", "12:30", "19:00"],
                                                                         strict=False)]
            save_version(db.session, plan_for(db.session, user, create=True), specs, user)
            emails.append(user.email)
        db.session.commit()
    return emails


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def check(url: str, acked: dict[str, str]) -> dict:
    """Each acknowledged client id stored exactly once, and no stored entry that was not acknowledged."""
    sql = ("SELECT client_id, count(*) FROM (SELECT c.client_id FROM completions c JOIN users u ON u.id = c.patient_id"
           " WHERE u.email LIKE 'load-%%' UNION ALL SELECT k.client_id FROM checkins k JOIN users u"
           " ON u.id = k.patient_id WHERE u.email LIKE 'load-%%') t GROUP BY client_id")
    if url.startswith("sqlite:///"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            rows = conn.execute(sql.replace("%%", "%")).fetchall()
    else:
        with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://")) as conn:
            rows = conn.execute(sql).fetchall()
    stored = dict(rows)
    return {"acknowledged": len(acked), "stored": sum(stored.values()),
            "missing": sum(1 for c in acked if c not in stored),
            "twice_or_more": sum(1 for n in stored.values() if n > 1),
            "unacknowledged_rows": sum(1 for c in stored if c not in acked)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--port", type=int, default=5099)
    parser.add_argument("--server", default=os.environ.get("LOAD_PG", "postgres@127.0.0.1:5432"))
    parser.add_argument("--database", default="inoplan_load")
    parser.add_argument("--db", choices=["both", "postgresql", "sqlite"], default="both")
    args = parser.parse_args()
    if args.db != "both":
        return run(args, args.db)
    # One process per database: the app reads DATABASE_URL once, when its configuration is imported.
    failed = [kind for kind in ("postgresql", "sqlite")
              if subprocess.run([sys.executable, __file__, *sys.argv[1:], "--db", kind]).returncode != 0]
    print("\n== Inoplan load: " + (f"FAILED on {', '.join(failed)}" if failed else "ok on PostgreSQL and SQLite"))
    return 1 if failed else 0


def run(args, kind: str) -> int:
    url = reset_database(kind, args.server, args.database)
    env = os.environ | {"DATABASE_URL": url, "INOPLAN_ENV": "development",
                        # Every simulated patient logs in from 127.0.0.1: lift the per-address login limit.
                        "LOGIN_LIMITS": "10000 per minute", "ACCOUNT_LOGIN_LIMITS": "1000 per minute"}
    os.environ.update(env)
    flask(env, "db", "upgrade")
    flask(env, "library", "load")
    emails = create_patients(args.users)
    print(f"Prepared {len(emails)} patients with plans in {args.database}.")

    host = f"http://127.0.0.1:{args.port}"
    gunicorn = subprocess.Popen([str(VENV / "gunicorn"), "-w", str(args.workers), "-b", f"127.0.0.1:{args.port}",
                                 "--log-level", "warning", "wsgi:app"], env=env, cwd=ROOT)
    ack_file = Path(tempfile.mkstemp(prefix="inoplan-load-", suffix=".json")[1])
    try:
        wait_for(f"{host}/login")
        locust = subprocess.run(
            [str(VENV / "locust"), "-f", str(Path(__file__).with_name("locustfile.py")), "--headless",
             "-u", str(args.users), "-r", str(max(1, args.users // 5)), "-t", f"{args.seconds}s", "--host", host,
             "--only-summary", "--stop-timeout", "10"],
            env=env | {"LOAD_EMAILS": ",".join(emails), "LOAD_PASSWORD": PASSWORD, "LOAD_ACK_FILE": str(ack_file)},
            cwd=ROOT)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
    result = json.loads(ack_file.read_text())
    ack_file.unlink()
    codes = {int(k): v for k, v in result["status_codes"].items()}
    rows = check(url, result["acked"])
    requests = sum(codes.values())
    errors_5xx = sum(v for k, v in codes.items() if k >= 500)
    failures = sum(v for k, v in codes.items() if k >= 400 or k == 0)
    print("\n== Inoplan load summary ==")
    where = f"PostgreSQL {args.database}" if kind == "postgresql" else f"SQLite {SQLITE_FILE.name}"
    print(f"users {args.users}, {args.seconds} s, gunicorn workers {args.workers}, {where}")
    print(f"requests {requests}, failures {failures}, 5xx {errors_5xx}, status codes {dict(sorted(codes.items()))}")
    print(f"sync entries answered: {result['sync_statuses']}")
    print(f"rows checked: {rows['stored']} stored for {rows['acknowledged']} acknowledged client ids; "
          f"missing {rows['missing']}, stored twice {rows['twice_or_more']}, "
          f"stored but never acknowledged {rows['unacknowledged_rows']}")
    ok = (errors_5xx == 0 and failures == 0 and locust.returncode == 0 and rows["missing"] == 0
          and rows["twice_or_more"] == 0 and rows["unacknowledged_rows"] == 0 and rows["acknowledged"] > 0)
    print("RESULT: " + ("ok" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
