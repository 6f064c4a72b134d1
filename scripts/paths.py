"""Every folder and fixed file name the tooling uses, spelled once."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DESCRIPTOR = "datapackage.json"
SCHEMAS_JSON = ROOT / "schemas" / "json"


def dataset_dir() -> Path:
    """The package folder: `DATASET` from the environment, else `dataset/`."""
    return Path(os.environ.get("DATASET") or ROOT / "dataset")


def table_path(name: str) -> str:
    """Where a tabular resource lives, relative to the package folder."""
    return f"data/{name}.csv"


def json_schema_path(name: str) -> Path:
    return SCHEMAS_JSON / f"{name}.schema.json"
