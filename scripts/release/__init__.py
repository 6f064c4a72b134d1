"""Release artifacts: the data package in the formats data users load, each byte-reproducible.

    <name>-<version>.zip      the data package as it is (valid for `frictionless validate`)
    <resource>.csv            each resource's CSV, as in the package
    <name>-<version>.xlsx     one sheet per resource, bilingual column headers
    <name>-<version>.json     every resource as a list of objects, with the package metadata
    <name>-<version>.sqlite   a table per resource: primary and foreign keys, an index per foreign key
    metadata.json             Datasette metadata for the SQLite file (bilingual titles, descriptions)
    <resource>.schema.json    the JSON Schema of every resource
    SHA256SUMS                over all of the above
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

from schemas.models import MODELS

from ..checks import Loaded
from ..paths import DESCRIPTOR, json_schema_path
from .common import checked_stem, entry_name, epoch_datetime, inside, package_file, records, write_zip  # noqa: F401 (the release API)
from .datasette import datasette_metadata
from .jsonpackage import write_json
from .sqlite import database_stem, write_sqlite
from .xlsx import write_xlsx

XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Artifact:
    name: str
    kind: str  # zip, csv, xlsx, json, sqlite, datasette, schema
    mediatype: str
    size: int
    sha256: str


def write_package_zip(package_dir: Path, loaded: Loaded, out: Path, epoch: int, extra: dict[str, bytes]) -> None:
    top = checked_stem(loaded)
    entries = {f"{top}/{DESCRIPTOR}": package_file(package_dir, DESCRIPTOR).read_bytes()}
    for resource in loaded.descriptor["resources"]:
        entries[f"{top}/{resource['path']}"] = package_file(package_dir, resource["path"]).read_bytes()
    entries |= {f"{top}/{name}": data for name, data in extra.items()}
    write_zip(out, entries, epoch)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(package_dir: Path, loaded: Loaded, out: Path, epoch: int, extra: dict[str, bytes]) -> list[Artifact]:
    """Write every artifact into `out` (created empty) and SHA256SUMS over them; return them in order."""
    stem = checked_stem(loaded)  # before anything is written
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    made: list[tuple[str, str, str]] = []
    write_package_zip(package_dir, loaded, inside(out, f"{stem}.zip"), epoch, extra)
    made.append((f"{stem}.zip", "zip", "application/zip"))
    write_xlsx(loaded, inside(out, f"{stem}.xlsx"), epoch)
    made.append((f"{stem}.xlsx", "xlsx", XLSX_MEDIATYPE))
    write_json(loaded, inside(out, f"{stem}.json"))
    made.append((f"{stem}.json", "json", "application/json"))
    database = database_stem(loaded)  # no dot: Datasette's foreign-key links use it unencoded
    write_sqlite(loaded, inside(out, f"{database}.sqlite"))
    made.append((f"{database}.sqlite", "sqlite", "application/vnd.sqlite3"))
    inside(out, "metadata.json").write_text(json.dumps(datasette_metadata(loaded, database), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    made.append(("metadata.json", "datasette", "application/json"))
    for name in MODELS:
        path = next(r["path"] for r in loaded.descriptor["resources"] if r["name"] == name)
        shutil.copyfile(package_file(package_dir, path), inside(out, f"{name}.csv"))
        made.append((f"{name}.csv", "csv", "text/csv"))
    for name in MODELS:
        shutil.copyfile(json_schema_path(name), inside(out, f"{name}.schema.json"))
        made.append((f"{name}.schema.json", "schema", "application/schema+json"))
    artifacts = [Artifact(n, kind, media, (out / n).stat().st_size, sha256(out / n)) for n, kind, media in made]
    (out / "SHA256SUMS").write_text("".join(f"{a.sha256}  {a.name}\n" for a in sorted(artifacts, key=lambda a: a.name)), encoding="utf-8")
    return artifacts
