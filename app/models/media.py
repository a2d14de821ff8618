"""Images a clinician attaches to their own routines (services/media/images.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models.base import UTCDateTime, utcnow


class RoutineImage(db.Model):
    __tablename__ = "routine_images"

    id: Mapped[int] = mapped_column(primary_key=True)
    routine_id: Mapped[int] = mapped_column(ForeignKey("routines.id", ondelete="CASCADE"), index=True)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Random and never reused, so the served file is immutable and can be cached for a year.
    name: Mapped[str] = mapped_column(String(64), unique=True)
    alt: Mapped[str] = mapped_column(String(300))
    width: Mapped[int] = mapped_column()
    height: Mapped[int] = mapped_column()
    size: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def is_clip(self) -> bool:
        """A short looping clip (re-encoded as animated WebP; a still upload is stored as JPEG or PNG)."""
        return self.name.endswith(".webp")

    @property
    def first_frame_name(self) -> str | None:
        """A clip's first frame, stored beside it (shown when the phone asks for less motion)."""
        return self.name.removesuffix(".webp") + "-first.webp" if self.is_clip else None

    @property
    def files(self) -> list[str]:
        return [self.name, self.first_frame_name] if self.is_clip else [self.name]
