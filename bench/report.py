"""The results table and the final JSON line."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

GOALS = {  # key -> (what, goal text, test)
    "today_vs_bare_throughput": ("GET /api/v1/today req/s over bare JSON route req/s", ">= 0.5", lambda v: v >= 0.5),
    "dashboard_10k_vs_100_time": ("GET /api/v1/patients time, 10,000 vs 100 other patients", "<= 1.5",
                                  lambda v: v <= 1.5),
    "sync_500_vs_raw_insert_time": ("POST /api/v1/sync of 500 entries over raw executemany", "<= 3",
                                    lambda v: v <= 3),
    "first_load_kb_gzip": ("first visit to /today, KiB on the wire (gzip)", "<= 100", lambda v: v <= 100),
    "dispatch_100k_vs_scan_time": ("flask reminders send, 100,000 patients, over one SELECT", "<= 3",
                                   lambda v: v <= 3),
    "today_cold_vs_bare_throughput": ("GET /api/v1/today, each request another patient, no cached day, over bare",
                                      ">= 0.4", lambda v: v >= 0.4),
    "today_page_vs_bare_throughput": ("the /today page, a year of history, over bare", ">= 0.4", lambda v: v >= 0.4),
    "sync_8_devices_vs_1_throughput": ("entries stored per second, 8 devices syncing at once over 1", ">= 1.0",
                                       lambda v: v >= 1.0),
    "dispatch_vs_bare_push_throughput": ("dispatcher pushes/s in its busiest minute over a bare encrypt-and-POST loop",
                                         ">= 0.7", lambda v: v >= 0.7),
    "dispatch_2_workers_vs_1_throughput": ("queue path: pushes/s with 2 worker processes over 1", ">= 1.5",
                                           lambda v: v >= 1.5),
}
NOT_BUILT = "n/a (not built yet)"


@dataclass
class Report:
    figures: dict[str, float | None] = field(default_factory=lambda: {k: None for k in GOALS})
    details: dict[str, str] = field(default_factory=dict)   # key -> what the ratio was made of
    extras: list[tuple[str, str]] = field(default_factory=list)  # table-only rows

    def set(self, key: str, value: float | None, detail: str = "") -> None:
        self.figures[key] = None if value is None else round(value, 3)
        if detail:
            self.details[key] = detail

    def table(self) -> str:
        rows = [("figure", "value", "goal", "", "made of")]
        for key, (what, goal, ok) in GOALS.items():
            value = self.figures[key]
            shown = (("n/a (failed)" if key in self.details else NOT_BUILT) if value is None else f"{value:g}")
            verdict = "" if value is None else ("ok" if ok(value) else "MISSED")
            rows.append((key, shown, goal, verdict, self.details.get(key, what)))
        widths = [max(len(r[i]) for r in rows) for i in range(4)]
        lines = ["  ".join(c.ljust(w) for c, w in zip(r[:4], widths, strict=False)) + "  " + r[4] for r in rows]
        lines.insert(1, "-" * len(lines[0]))
        lines += ["", "also measured (table only)"]
        width = max((len(k) for k, _ in self.extras), default=0)
        lines += [f"  {k.ljust(width)}  {v}" for k, v in self.extras]
        return "\n".join(lines)

    def json_line(self) -> str:
        return json.dumps(self.figures)
