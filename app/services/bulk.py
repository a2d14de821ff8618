"""Bulk reads and inserts for the sync hot path.

`one_of` binds a list as one parameter. An expanding `IN` renders, names and converts one parameter per value: for
the 500 client ids of a full batch that costs twice the lookup itself.

`session.execute(table.insert(), rows)` spends about 10 microseconds of Python per row building parameters
(twice what SQLite needs to store the row). Here each column's bind processor is looked up once and applied in one
loop, and the driver gets plain tuples, so values are converted exactly as SQLAlchemy would convert them.
"""
from __future__ import annotations

import json

from sqlalchemy import ColumnElement, Table, Text, any_, bindparam, func, select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import TypeDecorator

MARKS = {"qmark": "?", "format": "%s", "pyformat": "%s"}


def insert_rows(session: Session, table: Table, rows: list[dict]) -> None:
    """INSERT every row (dicts with the same keys) in one executemany, in the session's transaction."""
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    mark = MARKS.get(dialect.paramstyle)
    if mark is None:  # a driver with another parameter style: let SQLAlchemy do it
        session.execute(table.insert(), rows)
        return
    names = list(rows[0])
    # Python-side column defaults (received_at = now, ...), evaluated once for the batch, as one INSERT would.
    defaults = {c.name: c.default.arg if c.default.is_scalar else c.default.arg(None)
                for c in table.columns if c.name not in rows[0] and c.default is not None
                and (c.default.is_scalar or c.default.is_callable)}
    columns = [[row[name] for row in rows] for name in names]  # column by column: C-speed list building
    columns += [[value] * len(rows) for value in defaults.values()]
    names += list(defaults)
    for i, name in enumerate(names):
        convert = table.c[name].type.dialect_impl(dialect).bind_processor(dialect)
        if convert:
            seen: dict = {}  # dates and times repeat within a batch: convert each distinct value once
            columns[i] = [None if v is None else seen[v] if v in seen else seen.setdefault(v, convert(v))
                          for v in columns[i]]
    sql = (f"INSERT INTO {table.name} ({', '.join(dialect.identifier_preparer.quote(n) for n in names)}) "
           f"VALUES ({', '.join([mark] * len(names))})")
    connection.exec_driver_sql(sql, list(zip(*columns)))


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


def one_of(column, name: str, dialect: str) -> ColumnElement[bool]:
    """`column IN (the list bound to name)`, with the list as one parameter: an array on PostgreSQL, JSON on SQLite."""
    if dialect == "postgresql":
        return column == any_(bindparam(name, type_=ARRAY(column.type)))
    values = func.json_each(bindparam(name, type_=_JSONList(column.type))).table_valued("value")
    return column.in_(select(values.c.value))
