"""GET /api/v1/export: everything about the signed-in user, for the privacy page's download links."""
from __future__ import annotations

import json
from datetime import UTC, datetime

from flask import Response, request
from flask_login import current_user, login_required

from app.api import bp
from app.errors import api_error
from app.extensions import db
from app.services.accounts import export, fhir
from app.services.care import audit
from app.services.media import images, storage

FORMATS = {"json": "application/json", "csv": "application/zip", "fhir": "application/fhir+json"}


@bp.get("/export")
@login_required
def export_all():
    """Everything about the signed-in user: JSON, ?format=csv (zip) or ?format=fhir (R4 Bundle)."""
    kind = request.args.get("format", "json")
    if kind not in FORMATS:
        return api_error(400, "Choose format json, csv or fhir.", {"format": "must be json, csv or fhir"})
    if kind == "fhir":
        body = json.dumps(fhir.bundle(db.session, current_user), indent=1)
    else:
        data = export.export_data(db.session, current_user)
        if kind == "csv":
            try:  # the zip holds the image files the user uploaded
                files = images.owned_files(db.session, current_user)
            except storage.StorageError:
                return api_error(503, "Your images could not be read just now. Try again in a minute.")
            body = export.to_csv_zip(data, files)
        else:
            body = json.dumps(data, indent=1)
    audit.record(db.session, current_user, current_user.id, "export", format=kind)
    db.session.commit()
    stamp = datetime.now(UTC).strftime("%Y%m%d")
    name = f"inoplan-{stamp}.{'zip' if kind == 'csv' else 'fhir.json' if kind == 'fhir' else 'json'}"
    return Response(body, mimetype=FORMATS[kind], headers={"Content-Disposition": f'attachment; filename="{name}"'})
