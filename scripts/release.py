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

import datetime as dt
import hashlib
import io
import json
import re
import shutil
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from schemas.models import MODELS, PRIMARY_KEYS

from .checks import Loaded
from .package import files
from .paths import DESCRIPTOR, json_schema_path
from .tableschema import foreign_keys, table_schema

XLSX_MEDIATYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a file name made from the package's name and version may be: no folder, no way up.
STEM = re.compile(r"[a-z0-9][a-z0-9._-]*")


@dataclass(frozen=True)
class Artifact:
    name: str
    kind: str  # zip, csv, xlsx, json, sqlite, datasette, schema
    mediatype: str
    size: int
    sha256: str


def epoch_datetime(epoch: int) -> dt.datetime:
    # ZIP cannot store dates before 1980.
    return max(dt.datetime.fromtimestamp(epoch, dt.timezone.utc).replace(tzinfo=None), dt.datetime(1980, 1, 1))


def write_zip(path: Path, entries: dict[str, bytes], epoch: int) -> None:
    """A ZIP whose bytes depend only on `entries`: sorted names, fixed times and permissions."""
    stamp = epoch_datetime(epoch).timetuple()[:6]
    with zipfile.ZipFile(path, "w") as z:
        for name in sorted(entries):
            info = zipfile.ZipInfo(entry_name(name), date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3
            z.writestr(info, entries[name], compresslevel=9)


def package_name(loaded: Loaded) -> str:
    return f"{loaded.descriptor['name']}-{loaded.descriptor['version']}"


def checked_stem(loaded: Loaded) -> str:
    """package_name, refused (ValueError) unless it is a plain file name: the validator checks the
    name and version too; this is the belt, as the name becomes file and ZIP entry names."""
    stem = package_name(loaded)
    if not STEM.fullmatch(stem) or ".." in stem:
        raise ValueError(f"datapackage.json: name and version make {stem!r}, which is not a file name of a-z, 0-9, '.', '_' and '-'")
    return stem


def package_file(package_dir: Path, rel: str) -> Path:
    """A file of the package the release copies: a regular file that resolves inside the package folder."""
    try:
        path = files.inside(package_dir, rel)
    except files.Refused:
        path = None
    if path is None or not path.is_file():
        raise ValueError(f"{rel}: not a regular file inside the package folder")
    return path


def inside(out: Path, name: str) -> Path:
    """out / name, refused (ValueError) unless it stays inside `out`."""
    path = out / name
    if Path(name).is_absolute() or ".." in Path(name).parts or path.resolve().parent != out.resolve():
        raise ValueError(f"{name}: would be written outside {out}")
    return path


def entry_name(name: str) -> str:
    """A ZIP entry name, refused (ValueError) unless it is relative with no `..` part."""
    parts = name.split("/")
    if name.startswith("/") or "\\" in name or any(p in ("", ".", "..") for p in parts) or ":" in parts[0]:
        raise ValueError(f"{name}: not a relative ZIP entry name")
    return name


def records(loaded: Loaded, name: str) -> list[dict[str, Any]]:
    return [r.model_dump(mode="json") for r in loaded.records(name)]


def write_package_zip(package_dir: Path, loaded: Loaded, out: Path, epoch: int, extra: dict[str, bytes]) -> None:
    top = checked_stem(loaded)
    entries = {f"{top}/{DESCRIPTOR}": package_file(package_dir, DESCRIPTOR).read_bytes()}
    for resource in loaded.descriptor["resources"]:
        entries[f"{top}/{resource['path']}"] = package_file(package_dir, resource["path"]).read_bytes()
    entries |= {f"{top}/{name}": data for name, data in extra.items()}
    write_zip(out, entries, epoch)


def header(name: str, field: dict[str, Any]) -> str:
    """A bilingual column header that still names the field: `식별자 · Identifier [id]`."""
    return f"{field['title_ko']} · {field['title']} [{field['name']}]"


def write_xlsx(loaded: Loaded, out: Path, epoch: int) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for name in MODELS:
        ws = wb.create_sheet(name)
        fields = table_schema(name)["fields"]
        ws.append([header(name, f) for f in fields])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row_number, record in enumerate(records(loaded, name), start=2):
            for column, f in enumerate(fields, start=1):
                value = record[f["name"]]
                cell = ws.cell(row=row_number, column=column, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text: a value starting with "=" is not a formula
        ws.freeze_panes = "A2"
    stamp = epoch_datetime(epoch)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = str(loaded.descriptor["name"])
    wb.properties.title = str(loaded.descriptor.get("title", ""))
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl stamps every ZIP entry, and the `modified` property, with the current time: rewrite
    # them with the fixed one.
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:
        entries = {info.filename: z.read(info) for info in z.infolist()}
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + iso, entries["docProps/core.xml"])
    write_zip(out, entries, epoch)


def package_metadata(loaded: Loaded) -> dict[str, Any]:
    return {k: v for k, v in loaded.descriptor.items() if k != "resources"}


def write_json(loaded: Loaded, out: Path) -> None:
    data = {"package": package_metadata(loaded), "resources": {name: records(loaded, name) for name in MODELS}}
    out.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


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
    write_sqlite(loaded, inside(out, f"{stem}.sqlite"))
    made.append((f"{stem}.sqlite", "sqlite", "application/vnd.sqlite3"))
    inside(out, "metadata.json").write_text(json.dumps(datasette_metadata(loaded, stem), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
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
