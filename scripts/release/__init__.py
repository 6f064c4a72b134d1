"""Release artifacts: the data package in the formats data users load, each byte-reproducible.

Every file name is version-less (`<name>` is the package name): the version is the name of the
folder the site publishes them in (downloads/<version>/), and downloads/latest/ is a byte copy of
the newest one, so a link into latest/ keeps working across releases.

    <name>.zip                the data package, datapackage.json at the root, with a README
    package/                  the same files unzipped: package/datapackage.json loads by URL
    <name>.xlsx               a `fields` sheet, then one sheet per resource (field names in row 1)
    <name>.json               a Data Package v2 descriptor with every resource's data inline
    <database>.sqlite         a table per resource: keys, NOT NULL, enum CHECKs, indexes, full-text
                              search, user_version (<database>: the name, '.' made '-')
    metadata.json             Datasette metadata for the SQLite file
    <resource>.csv            each resource's CSV, as in the package
    <resource>.schema.json    the JSON Schema of every resource
    SHA256SUMS                over all of the above, package/ files included (`sha256sum -c`)
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas.models import MODELS

from ..checks import Loaded
from ..paths import DESCRIPTOR, json_schema_path
from .common import checked_stem, database_stem, entry_name, epoch_datetime, inside, inside_tree, package_file, records, write_zip  # noqa: F401 (the release API)
from .datasette import datasette_metadata
from .jsonpackage import write_json
from .package import entries, readme_text, write_package_tree, write_package_zip
from .sqlite import write_sqlite
from .xlsx import write_xlsx

XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# The media type of a file of the package tree, by its name's ending.
TREE_MEDIATYPES = {".json": "application/json", ".csv": "text/csv", ".md": "text/markdown", ".txt": "text/plain", "": "text/plain"}
PACKAGE_DIR = "package"


@dataclass(frozen=True)
class Artifact:
    name: str  # the path inside the release folder: `people.csv`, `package/data/people.csv`
    kind: str  # zip, csv, xlsx, json, sqlite, datasette, schema, datapackage (package/datapackage.json), package (the tree's other files)
    mediatype: str
    size: int
    sha256: str


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(package_dir: Path, loaded: Loaded, out: Path, epoch: int, extra: dict[str, bytes], *, citation: dict[str, Any] | None = None) -> list[Artifact]:
    """Write every artifact into `out` (created empty) and SHA256SUMS over them; return them in order.
    `extra`: files added to the package (LICENSE-DATA); `citation`: CITATION.cff, for the README.
    No file depends on the site's address (links between them are relative): the same release is
    the same bytes on every host."""
    name = checked_stem(loaded)  # before anything is written
    database = database_stem(name)
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    made: list[tuple[str, str, str]] = []
    files = entries(package_dir, loaded, extra, readme_text(loaded, citation))
    write_package_zip(inside(out, f"{name}.zip"), files, epoch)
    made.append((f"{name}.zip", "zip", "application/zip"))
    write_xlsx(loaded, inside(out, f"{name}.xlsx"), epoch)
    made.append((f"{name}.xlsx", "xlsx", XLSX_MEDIATYPE))
    write_json(loaded, inside(out, f"{name}.json"), f"{PACKAGE_DIR}/")
    made.append((f"{name}.json", "json", "application/json"))
    write_sqlite(loaded, inside(out, f"{database}.sqlite"))
    made.append((f"{database}.sqlite", "sqlite", "application/vnd.sqlite3"))
    inside(out, "metadata.json").write_text(json.dumps(datasette_metadata(loaded, database), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    made.append(("metadata.json", "datasette", "application/json"))
    for resource in MODELS:
        path = next(r["path"] for r in loaded.descriptor["resources"] if r["name"] == resource)
        shutil.copyfile(package_file(package_dir, path), inside(out, f"{resource}.csv"))
        made.append((f"{resource}.csv", "csv", "text/csv"))
    for resource in MODELS:
        shutil.copyfile(json_schema_path(resource), inside(out, f"{resource}.schema.json"))
        made.append((f"{resource}.schema.json", "schema", "application/schema+json"))
    tree = write_package_tree(inside(out, PACKAGE_DIR), files)
    for rel in [DESCRIPTOR] + [r for r in tree if r != DESCRIPTOR]:  # the descriptor first: what one opens
        kind = "datapackage" if rel == DESCRIPTOR else "package"  # the descriptor is what one loads
        made.append((f"{PACKAGE_DIR}/{rel}", kind, TREE_MEDIATYPES.get(Path(rel).suffix, "application/octet-stream")))
    artifacts = [Artifact(n, kind, media, (out / n).stat().st_size, sha256(out / n)) for n, kind, media in made]
    (out / "SHA256SUMS").write_text("".join(f"{a.sha256}  {a.name}\n" for a in sorted(artifacts, key=lambda a: a.name)), encoding="utf-8")
    return artifacts
