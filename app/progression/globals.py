"""Template globals of the progression partials; none runs a query (the views pass what the panels show, see
app/progression/panels.py)."""
from __future__ import annotations

from app.progression import bp
from app.progression.labels import STATUS_LABELS, amount, player_strings


@bp.app_template_global()
def dose_amount(field, n):
    return amount(field, n)


@bp.app_template_global()
def status_label(status):
    return str(STATUS_LABELS.get(status, status))


bp.add_app_template_global(player_strings)
