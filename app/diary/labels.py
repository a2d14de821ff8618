"""The diary's names (app/services/diary/labels.py) for templates: a context processor and the area_name filter."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.diary import bp
from app.services.diary.labels import AREA_NAMES, KIND_NAMES, QUALITY_NAMES, TRIGGER_NAMES, area_name
from app.services.diary.read import flare_days


@bp.app_context_processor
def diary_labels() -> dict:
    return {"area_names": AREA_NAMES, "quality_names": QUALITY_NAMES, "trigger_names": TRIGGER_NAMES,
            "kind_names": KIND_NAMES, "flare_days": lambda f: flare_days(f, datetime.now(UTC)),
            "timedelta_days": lambda n: timedelta(days=n)}


bp.add_app_template_filter(area_name, "area_name")
