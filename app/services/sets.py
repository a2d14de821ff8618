"""Set-based filters for many ids at once, fast on both databases.

SQLite takes a plain IN list (in chunks, under its parameter limit). PostgreSQL takes one array parameter
(`= ANY(:ids)`): psycopg parses a statement with hundreds of placeholders slowly, and one statement is enough.
"""
from __future__ import annotations

from sqlalchemy import any_, bindparam
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

CHUNK = 500


def is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def batches(session: Session, values: list) -> list[list]:
    """The values in as few groups as the database allows."""
    if is_postgres(session):
        return [values] if values else []
    return [values[i:i + CHUNK] for i in range(0, len(values), CHUNK)]


def among(session: Session, column, values: list):
    """`column IN values` as the database likes it best."""
    if is_postgres(session):
        return column == any_(bindparam(None, list(values), type_=ARRAY(column.type), unique=True))
    return column.in_(values)
