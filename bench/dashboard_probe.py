"""`python -m bench.dashboard_probe EMAIL EXPECTED RUNS` with DATABASE_URL set: the median seconds of
GET /api/v1/patients for that clinician, printed. One process per measurement, so the bench can alternate
between two databases (the 100-patient snapshot and the 10,000-patient one) in the same minutes."""
from __future__ import annotations

import sys

from app import create_app

from .later import dashboard_seconds

if __name__ == "__main__":
    email, expected, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    print(dashboard_seconds(create_app(), email, expected, runs))
