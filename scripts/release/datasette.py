"""Datasette metadata for the SQLite download."""

from __future__ import annotations

from typing import Any

from schemas.models import MODELS

from ..checks import Loaded
from ..tableschema import table_schema


def datasette_metadata(loaded: Loaded, database: str) -> dict[str, Any]:
    d = loaded.descriptor
    licence = d["licenses"][0]
    tables = {}
    for name, model in MODELS.items():
        labels = model.labels
        tables[name] = {
            "title": f"{labels.label_en} / {labels.label_ko}",
            "description": f"{labels.description_en} / {labels.description_ko}",
            "columns": {f["name"]: f"{f['title']} / {f['title_ko']}: {f['description']} / {f['description_ko']}" for f in table_schema(name)["fields"]},
        }
    return {
        "title": d["title"],
        "description": d["description"],
        "license": licence["name"],
        "license_url": licence["path"],
        "source": d["sources"][0]["title"],
        "databases": {database: {"title": d["title"], "tables": tables}},
    }
