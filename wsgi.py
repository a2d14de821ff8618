"""WSGI entry point: `gunicorn wsgi:app` (INOPLAN_ENV=production in production)."""
from app import create_app

app = create_app()
