"""The JSON download."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from schemas.models import MODELS

from ..checks import Loaded
from .common import records


def package_metadata(loaded: Loaded) -> dict[str, Any]:
    return {k: v for k, v in loaded.descriptor.items() if k != "resources"}


def write_json(loaded: Loaded, out: Path) -> None:
    data = {"package": package_metadata(loaded), "resources": {name: records(loaded, name) for name in MODELS}}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")



