"""`make validate`: check a data package and print every problem as `<path>:<row>:<field>: <message>`.

    python -m scripts.validate [DIR]      # DIR defaults to $DATASET, else dataset/

Exit status: 0 valid, 1 problems found, 2 no readable package at that path. Checks, in order:
frictionless (Table Schema types, constraints, keys, hashes), each row through its pydantic model,
then what frictionless does not check (`scripts.checks`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import ValidationError

from schemas.models import MODELS, PRIMARY_KEYS

from .checks import CHECKS, Loaded
from .csvfile import Table, read_table, read_text
from .descriptor import file_stats, table_resource
from .paths import DESCRIPTOR, dataset_dir, table_path
from .problems import Problem, report


class Unreadable(Exception):
    """No package can be read at the given path (exit 2)."""


def load_descriptor(package_dir: Path) -> dict[str, Any]:
    path = package_dir / DESCRIPTOR
    if not path.is_file():
        raise Unreadable(f"{package_dir}: no {DESCRIPTOR} here")
    try:
        descriptor = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as e:
        raise Unreadable(f"{DESCRIPTOR}: invalid UTF-8 at byte {e.start}") from None
    except json.JSONDecodeError as e:
        raise Unreadable(f"{DESCRIPTOR}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise Unreadable(f"{DESCRIPTOR}: not a data package descriptor (an object with a list of resources)")
    return descriptor


def _safe_path(resource: dict[str, Any]) -> str | None:
    path = resource.get("path")
    if not isinstance(path, str):
        return None
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or "://" in path:
        return None
    return path


def check_descriptor(package_dir: Path, descriptor: dict[str, Any], problems: list[Problem]) -> dict[str, dict[str, Any]]:
    """Resources by name, after checking that the tabular ones are what the models generate and that
    every file's `bytes` and `hash` are current."""
    resources: dict[str, dict[str, Any]] = {}
    for i, resource in enumerate(descriptor["resources"]):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            problems.append(Problem(DESCRIPTOR, f"resources[{i}] has no name"))
            continue
        name = resource["name"]
        if name in resources:
            problems.append(Problem(DESCRIPTOR, f"resource {name} is declared twice"))
            continue
        path = _safe_path(resource)
        if path is None:
            problems.append(Problem(DESCRIPTOR, f"resource {name}: path must be a relative path inside the package"))
            continue
        resources[name] = resource
        if name in MODELS:
            expected = table_resource(name)
            for key in ("path", "dialect", "schema"):
                if resource.get(key) != expected[key]:
                    problems.append(Problem(DESCRIPTOR, f"resource {name}: {key} differs from what the models generate; run `make schemas`"))
        file = package_dir / path
        if file.is_file():
            size, digest = file_stats(file)
            if resource.get("bytes") != size:
                problems.append(Problem(path, f"is {size} bytes but {DESCRIPTOR} says {resource.get('bytes')}; run `make schemas` after editing data"))
            if resource.get("hash") != digest:
                problems.append(Problem(path, f"sha256 differs from the hash in {DESCRIPTOR}; run `make schemas` after editing data"))
    for name in MODELS:
        if name not in resources:
            problems.append(Problem(DESCRIPTOR, f"resource {name} is missing; run `make schemas`"))
    return resources


# Frictionless errors about reading a file: the byte-level reader reports these with a row and field.
_READ_ERRORS = {"encoding-error", "scheme-error", "source-error", "format-error", "hash-count", "byte-count"}


def frictionless_problems(package_dir: Path, descriptor: dict[str, Any], tables: dict[str, Table], damaged: set[str]) -> list[Problem]:
    """`frictionless validate` on the package, its errors as located problems. Errors about files
    and rows that could not be read cell by cell are left out: the reader has reported what is wrong
    with them, and a shifted or missing cell would otherwise repeat as a type or constraint error."""
    from frictionless import FrictionlessException, Package

    paths = {r.get("name"): r.get("path") for r in descriptor["resources"] if isinstance(r, dict)}
    try:
        report_ = Package(descriptor, basepath=str(package_dir)).validate()
    except FrictionlessException as e:
        return [Problem(DESCRIPTOR, f"frictionless: {e.error.message}")]
    found = [Problem(DESCRIPTOR, f"frictionless: {e.message}") for e in report_.errors]
    for task in report_.tasks:
        if task.name in damaged:
            continue
        path = paths.get(task.name) or task.name
        for e in task.errors:
            if e.type in _READ_ERRORS or getattr(e, "reference_name", None) in damaged:
                continue
            row = getattr(e, "row_number", None)
            if task.name in tables and row in tables[task.name].bad_rows:
                continue
            fieldname = getattr(e, "field_name", None) or ",".join(getattr(e, "field_names", None) or [])
            if e.type.endswith("-label"):
                row, fieldname = 1, getattr(e, "label", None) or fieldname
            if row is not None and not fieldname:
                fieldname = ",".join(PRIMARY_KEYS.get(task.name, ("-",)))
            note = getattr(e, "note", "") or e.message
            if getattr(e, "cell", None):
                note = f"{e.cell!r}: {note}"
            found.append(Problem(path, f"{e.type}: {note}", row, fieldname or None))
    return found


def model_problems(table: Table, name: str, loaded: Loaded) -> list[Problem]:
    """Each row through its pydantic model; the rows that pass are kept for the later checks."""
    found = []
    model = MODELS[name]
    loaded.ids[name] |= table.ids
    for number, row in table.rows:
        try:
            loaded.rows[name].append((number, model.model_validate(row)))
        except ValidationError as e:
            for err in e.errors(include_url=False):
                fieldname = str(err["loc"][0]) if err["loc"] else err.get("ctx", {}).get("fields", "-")
                found.append(Problem(table.path, err["msg"], number, fieldname))
    return found


def validate(package_dir: Path) -> tuple[list[Problem], Loaded]:
    """All problems of the package at `package_dir`, and its rows (those that passed their model)."""
    descriptor = load_descriptor(package_dir)
    problems: list[Problem] = []
    resources = check_descriptor(package_dir, descriptor, problems)
    file_problems: list[Problem] = []
    loaded = Loaded()
    tables: dict[str, Table] = {}
    for name, resource in resources.items():
        path = resource["path"]
        if name in MODELS:
            columns = list(MODELS[name].model_fields)
            tables[name] = read_table(package_dir / path, path, columns, ",".join(PRIMARY_KEYS[name]), file_problems)
            loaded.paths[name] = path
        else:
            text = read_text(package_dir / path, path, file_problems)
            if text is not None:
                loaded.texts[name] = text
    loaded.damaged = {name for name, t in tables.items() if t.damaged} | {n for n in MODELS if n not in tables}
    problems += file_problems
    problems += frictionless_problems(package_dir, descriptor, tables, loaded.damaged)
    for name, table in tables.items():
        problems += model_problems(table, name, loaded)
    for name in MODELS:
        loaded.paths.setdefault(name, table_path(name))
    for check in CHECKS:
        check(loaded, problems)
    loaded.descriptor = descriptor
    return report(problems), loaded


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    package_dir = Path(args[0]) if args else dataset_dir()
    try:
        problems, loaded = validate(package_dir)
    except Unreadable as e:
        print(e)
        return 2
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem(s) in {package_dir}", file=sys.stderr)
        return 1
    print(f"valid: {package_dir}: " + ", ".join(f"{name} {len(loaded.rows[name])}" for name in MODELS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
