"""Set-based filters for many ids at once, fast on both databases.

`among` takes the values when the statement is built. SQLite takes a plain IN list (in chunks, under its
parameter limit). PostgreSQL takes one array parameter (`= ANY(:ids)`): psycopg parses a statement with hundreds
of placeholders slowly, and one statement is enough.

`among_bound` is the same filter for a statement built once and run with the list bound later (the sync's
lookups): one parameter on both databases, the array on PostgreSQL and JSON text read with `json_each` on SQLite.
An expanding IN would render, name and convert one parameter per value: for the 500 client ids of a full sync
batch that costs twice the lookup itself.
"""
from __future__ import annotations

import json

from sqlalchemy import ColumnElement, Text, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

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


class _JSONList(TypeDecorator):
    """A list bound as JSON text, each value converted first as its column stores it (SQLite's json_each reads it)."""

    impl = Text
    cache_ok = True

    def __init__(self, item_type):
        super().__init__()
        self.item_type = item_type

    def process_bind_param(self, value, dialect):
        convert = self.item_type.dialect_impl(dialect).bind_processor(dialect)
        return json.dumps([convert(v) for v in value] if convert else list(value))


def among_bound(column, name: str, dialect: str) -> ColumnElement[bool]:
    """`column IN` the list bound to `name` when the statement runs, as one parameter on either database."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    values = func.json_each(bindparam(name, type_=_JSONList(column.type))).table_valued("value")
    return column.in_(select(values.c.value))
