"""The SQLite download: a table per resource."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from schemas.models import MODELS, PRIMARY_KEYS

from ..checks import Loaded
from ..tableschema import foreign_keys, table_schema
from .common import records


def _sql_type(field: dict[str, Any]) -> str:
    return "INTEGER" if field["type"] == "integer" else "TEXT"


def write_sqlite(loaded: Loaded, out: Path) -> None:
    out.unlink(missing_ok=True)
    db = sqlite3.connect(out)
    try:
        db.execute("PRAGMA journal_mode = OFF")
        for name in MODELS:
            schema = table_schema(name)
            columns = [f'"{f["name"]}" {_sql_type(f)}' + (" NOT NULL" if f.get("constraints", {}).get("required") else "") for f in schema["fields"]]
            columns.append("PRIMARY KEY (" + ", ".join(f'"{c}"' for c in PRIMARY_KEYS[name]) + ")")
            columns += [f'FOREIGN KEY ("{column}") REFERENCES "{target}" ("id")' for column, target in foreign_keys(name)]
            db.execute(f'CREATE TABLE "{name}" (\n  ' + ",\n  ".join(columns) + "\n)")
            for column, _ in foreign_keys(name):
                db.execute(f'CREATE INDEX "{name}__{column}" ON "{name}" ("{column}")')
            names = [f["name"] for f in schema["fields"]]
            db.executemany(
                f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in names)})',
                [[r[n] for n in names] for r in records(loaded, name)],
            )
        db.commit()
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"{out.name}: foreign_key_check found {problems[:5]}")
    finally:
        db.close()
