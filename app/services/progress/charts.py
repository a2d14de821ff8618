"""Small server-rendered SVG charts: readable on a phone, no JavaScript, no inline styles (strict CSP).

Colours come from CSS classes in static/css/app.css (chart-line, chart-bar, chart-grid, ...),
so the charts follow the light and dark schemes.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from app.formatting import date_text

WIDTH, HEIGHT, PAD_L, PAD_R, PAD_T, PAD_B = 340, 160, 36, 8, 10, 22


@dataclass
class Series:
    name: str
    points: list[tuple[date, float | None]]
    css: str = "chart-line"


def _x(i: int, n: int) -> float:
    return PAD_L + (WIDTH - PAD_L - PAD_R) * (i / max(1, n - 1))


def _y(value: float, lo: float, hi: float) -> float:
    return PAD_T + (HEIGHT - PAD_T - PAD_B) * (1 - (value - lo) / ((hi - lo) or 1))


def _frame(lo: float, hi: float, ticks: list[float], first: date | None, last: date | None) -> list[str]:
    parts = []
    for t in ticks:
        y = _y(t, lo, hi)
        parts.append(f'<line class="chart-grid" x1="{PAD_L}" x2="{WIDTH - PAD_R}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="chart-axis" x="{PAD_L - 6}" y="{y + 4:.1f}" text-anchor="end">{t:g}</text>')
    if first and last:
        parts.append(f'<text class="chart-axis" x="{PAD_L}" y="{HEIGHT - 4}">{escape(date_text(first, "day"))}</text>')
        parts.append(f'<text class="chart-axis" x="{WIDTH - PAD_R}" y="{HEIGHT - 4}" text-anchor="end">'
                     f'{escape(date_text(last, "day"))}</text>')
    return parts


def line_chart(series: list[Series], lo: float, hi: float, title: str, summary: str,
               ticks: list[float] | None = None) -> Markup:
    """A line chart; gaps (None) break the line. `summary` is the text alternative."""
    n = max((len(s.points) for s in series), default=0)
    dates = [d for s in series for d, _ in s.points]
    parts = _frame(lo, hi, ticks or [lo, (lo + hi) / 2, hi], min(dates, default=None), max(dates, default=None))
    for s in series:
        segment: list[str] = []
        segments = []
        for i, (_, value) in enumerate(s.points):
            if value is None:
                if segment:
                    segments.append(segment)
                segment = []
                continue
            segment.append(f"{_x(i, n):.1f},{_y(value, lo, hi):.1f}")
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) == 1:
                x, y = seg[0].split(",")
                parts.append(f'<circle class="{s.css}" cx="{x}" cy="{y}" r="2.5"/>')
            else:
                parts.append(f'<polyline class="{s.css}" points="{" ".join(seg)}"/>')
    return _svg(parts, title, summary)


def bar_chart(values: list[tuple[str, float | None]], title: str, summary: str, lo: float = 0, hi: float = 1,
              percent: bool = True) -> Markup:
    """Vertical bars with labels under them (e.g. adherence per week)."""
    parts = _frame(lo, hi, [lo, hi], None, None)
    if percent:
        parts = [p.replace(">1<", ">100%<").replace(">0<", ">0%<") for p in parts]
    n = len(values) or 1
    slot = (WIDTH - PAD_L - PAD_R) / n
    for i, (label, value) in enumerate(values):
        x = PAD_L + i * slot + slot * 0.15
        if value is not None:
            y = _y(value, lo, hi)
            parts.append(f'<rect class="chart-bar" x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" '
                         f'height="{_y(lo, lo, hi) - y:.1f}" rx="3"/>')
        parts.append(f'<text class="chart-axis" x="{x + slot * 0.35:.1f}" y="{HEIGHT - 6}" text-anchor="middle">'
                     f'{escape(label)}</text>')
    return _svg(parts, title, summary)


def _svg(parts: list[str], title: str, summary: str) -> Markup:
    return Markup(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}: {escape(summary)}"'
        f' xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title><desc>{escape(summary)}</desc>'
        + "".join(parts) + "</svg>"
    )
