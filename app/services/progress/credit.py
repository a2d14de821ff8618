"""What a recorded routine counts for, in every figure: Today's "N of M done", Progress, the dashboard, the
patient page and the summary API. Done counts 1, partly done half, skipped and not recorded nothing."""
from __future__ import annotations

CREDIT = {"done": 1.0, "partial": 0.5, "skipped": 0.0}
