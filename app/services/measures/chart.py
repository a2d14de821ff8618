"""A measure's trend as a small SVG: its bands shaded, the minimal important change around the first answer.

No inline styles (strict CSP): colours come from classes in static/css/measures.css, for light and dark.
"""
from __future__ import annotations

from markupsafe import Markup, escape

from app.services.measures.instruments import BY_ID
from app.services.measures.trends import Trend

W, H, L, R, T, B = 340, 170, 34, 8, 10, 22


def _y(v: float, hi: float) -> float:
    return T + (H - T - B) * (1 - v / hi)


def trend_svg(trend: Trend, title: str, summary: str, show_bands: bool = True) -> Markup:
    inst = BY_ID[trend.instrument]
    hi = inst.score_range[1] if trend.instrument != "psfs" else 10
    parts = []
    if show_bands and inst.bands:
        edges = [low for low, _ in inst.bands] + [hi]
        for i, (low, _name) in enumerate(inst.bands):
            top, bottom = _y(edges[i + 1], hi), _y(low, hi)
            parts.append(f'<rect class="m-band m-band-{i}" x="{L}" width="{W - L - R}" y="{top:.1f}" '
                         f'height="{bottom - top:.1f}"/>')
    if inst.mic and trend.points:
        base = trend.points[0][1]
        top, bottom = _y(min(hi, base + inst.mic), hi), _y(max(0, base - inst.mic), hi)
        parts.append(f'<rect class="m-mic" x="{L}" width="{W - L - R}" y="{top:.1f}" height="{bottom - top:.1f}"/>')
    ticks = sorted({0, hi, *(low for low, _ in inst.bands)}) if show_bands and inst.bands else (0, hi / 2, hi)
    for tick in ticks:
        y = _y(tick, hi)
        parts.append(f'<line class="chart-grid" x1="{L}" x2="{W - R}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="chart-axis" x="{L - 5}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>')
    n = len(trend.points)
    xs = [L + (W - L - R) * (i / max(1, n - 1)) if n > 1 else (L + W - R) / 2 for i in range(n)]
    coords = [(x, _y(v, hi)) for x, (_, v) in zip(xs, trend.points, strict=True)]
    if n > 1:
        parts.append('<polyline class="chart-line m-line" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in coords) + '"/>')
    for (x, y), (day, value) in zip(coords, trend.points, strict=True):
        parts.append(f'<circle class="m-point" cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{day.isoformat()}: '
                     f'{value:g}</title></circle>')
    if trend.points:
        parts.append(f'<text class="chart-axis" x="{L}" y="{H - 4}">{trend.points[0][0].strftime("%-d %b")}</text>')
        parts.append(f'<text class="chart-axis" x="{W - R}" y="{H - 4}" text-anchor="end">'
                     f'{trend.points[-1][0].strftime("%-d %b")}</text>')
    return Markup(f'<svg class="chart m-chart" viewBox="0 0 {W} {H}" role="img" aria-label="{escape(title)}">'
                  f'<title>{escape(title)}</title><desc>{escape(summary)}</desc>{"".join(parts)}</svg>')
