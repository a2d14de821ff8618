"""Inoplan: a self-management plan for chronic deep muscle pain, shared with a physiotherapist.

Importing the package imports nothing else: the application factory lives in `app/factory.py`, loaded on the first
`from app import create_app`. A process that needs one module (a push worker process needs
`app.services.reminders.webpush`) pays for that module, not for Flask, Alembic and every blueprint."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.factory import create_app


def __getattr__(name: str):
    if name == "create_app":
        from app.factory import create_app
        return create_app
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["create_app"]
