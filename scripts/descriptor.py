"""The package descriptor: tabular resources generated from the models, file statistics.

Package-level metadata (title, licences, contributors, version…) and the non-tabular resources
(the source texts) are written by hand in `datapackage.json` and kept as they are; the tabular
resources are rebuilt from `schemas.models`, and every `bytes` and `hash` is recomputed."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from schemas.models import MODELS

from .paths import table_path
from .tableschema import DIALECT, table_schema


def file_stats(path: Path) -> tuple[int, str]:
    data = path.read_bytes()
    return len(data), "sha256:" + hashlib.sha256(data).hexdigest()


def table_resource(name: str) -> dict[str, Any]:
    labels = MODELS[name].labels
    return {
        "name": name,
        "type": "table",
        "path": table_path(name),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": labels.label_en,
        "title_ko": labels.label_ko,
        "description": labels.description_en,
        "description_ko": labels.description_ko,
        "dialect": DIALECT,
        "schema": table_schema(name),
    }


def generate(package_dir: Path, current: dict[str, Any]) -> dict[str, Any]:
    """The descriptor `current` should be: its hand-written parts kept, the rest regenerated.
    Files missing from the folder get no statistics (the validator reports them)."""
    texts = [r for r in current.get("resources", []) if r.get("name") not in MODELS]
    resources = [dict(r) for r in texts] + [table_resource(name) for name in MODELS]
    for resource in resources:
        resource.pop("bytes", None)
        resource.pop("hash", None)
        path = package_dir / resource["path"]
        if path.is_file():
            resource["bytes"], resource["hash"] = file_stats(path)
    return {**current, "resources": resources}


def dumps(descriptor: dict[str, Any]) -> str:
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
