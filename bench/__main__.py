"""`make bench`: generate data, measure, print a table and one JSON line of the figures (see docs/bench.md)."""
from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

LINKED, LINKED_DAYS = 200, 365      # the clinician's patients, a year of history each
OTHERS_SMALL, OTHERS_LARGE = 100, 10_000  # patients not linked to the clinician
OTHER_DAYS = 60                     # history of each other patient, in days
DISPATCH_PATIENTS = 100_000


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--scale", type=float, default=float(os.environ.get("BENCH_SCALE", "1")),
                        help="shrink or grow the large data sets (default BENCH_SCALE or 1)")
    parser.add_argument("--requests", type=int, default=int(os.environ.get("BENCH_REQUESTS", "2000")),
                        help="requests per throughput round")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium repeat-visit timing")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    workdir = Path(tempfile.mkdtemp(prefix="inoplan-bench-"))
    url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    # Read by app.config at import time, and by the gunicorn workers.
    os.environ.update(DATABASE_URL=url, INOPLAN_ENV="development", LOGIN_LIMITS="100000 per minute",
                      ACCOUNT_LOGIN_LIMITS="100000 per minute")
    from .run import run
    try:
        report = run(url, args, log, sizes={
            "linked": LINKED, "linked_days": LINKED_DAYS, "others_small": OTHERS_SMALL,
            "others_large": max(OTHERS_SMALL, round(OTHERS_LARGE * args.scale)), "other_days": OTHER_DAYS,
            "dispatch": max(LINKED + OTHERS_SMALL, round(DISPATCH_PATIENTS * args.scale))})
    finally:
        for path in sorted(workdir.rglob("*"), reverse=True):
            path.unlink() if path.is_file() else path.rmdir()
        workdir.rmdir()
    print(report.table())
    print(report.json_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
