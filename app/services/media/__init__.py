"""Routine images: checked by content, re-encoded without metadata, stored under the instance folder."""
