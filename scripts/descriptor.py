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

from .package.files import Refused, read_inside
from .paths import DESCRIPTOR, table_path
from .tableschema import DIALECT, table_schema


def stats(data: bytes) -> tuple[int, str]:
    """A file's `bytes` and `hash`, as the descriptor records them."""
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
    Files that are missing, or are not regular files inside the package, get no statistics (the
    validator reports them; `make schemas` refuses such paths first)."""
    texts = [r for r in current.get("resources", []) if isinstance(r, dict) and r.get("name") not in MODELS]
    resources = [dict(r) for r in texts] + [table_resource(name) for name in MODELS]
    for resource in resources:
        resource.pop("bytes", None)
        resource.pop("hash", None)
        try:
            data = read_inside(package_dir, resource.get("path"))
        except (FileNotFoundError, Refused):
            continue
        resource["bytes"], resource["hash"] = stats(data)
    return {**current, "resources": resources}


def refused_paths(package_dir: Path, current: dict[str, Any]) -> list[str]:
    """Lines naming each resource whose path is not a regular file inside the package (a missing
    file is not refused: the validator reports it)."""
    lines = []
    for i, resource in enumerate(current.get("resources", [])):
        if not isinstance(resource, dict) or resource.get("name") in MODELS:
            continue
        try:
            read_inside(package_dir, resource.get("path"))
        except FileNotFoundError:
            pass
        except Refused as e:
            lines.append(f"{DESCRIPTOR}: resources[{i}] path {e}")
    return lines


def refresh(package_dir: Path) -> None:
    """What `make schemas DATASET=…` does to a package's descriptor after its files were edited:
    regenerate it, `bytes` and `hash` included."""
    path = package_dir / DESCRIPTOR
    path.write_text(dumps(generate(package_dir, json.loads(path.read_text(encoding="utf-8")))), encoding="utf-8")


def dumps(descriptor: dict[str, Any]) -> str:
    return json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
