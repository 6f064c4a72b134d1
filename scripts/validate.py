"""`make validate`: check a data package and print every problem as `<path>:<row>:<field>: <message>`.

    python -m scripts.validate [DIR]      # DIR defaults to $DATASET, else dataset/

Exit status: 0 valid, 1 problems found, 2 no readable package at that path. Checks, in order:
frictionless (Table Schema types, constraints, keys, hashes), each row through its pydantic model,
then what frictionless does not check (`scripts.checks`)."""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import re
import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from schemas.models import MODELS, PRIMARY_KEYS

from .checks import CHECKS, Loaded
from schemas.package import NAME_PATTERN, PACKAGE_PROFILE, PackageMetadata

from .csvfile import BOM, Table, read_table, read_text
from .descriptor import stats, table_resource
from .tableschema import foreign_keys
from .package.files import Refused, read_inside, unsafe_reason
from .paths import DESCRIPTOR, dataset_dir, table_path
from .problems import Problem, Problems, Report, escape, report, shown, shown_lines


class Unreadable(Exception):
    """No package can be read at the given path (exit 2)."""


def load_descriptor(package_dir: Path) -> dict[str, Any]:
    if not package_dir.is_dir():
        raise Unreadable(f"{package_dir}: no such folder")
    try:
        data = read_inside(package_dir, DESCRIPTOR)
    except FileNotFoundError:
        raise Unreadable(f"{package_dir}: no {DESCRIPTOR} here") from None
    except Refused as e:
        raise Unreadable(f"{DESCRIPTOR}: {e}") from None
    try:
        descriptor = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as e:
        raise Unreadable(f"{DESCRIPTOR}: invalid UTF-8 at byte {e.start}") from None
    except json.JSONDecodeError as e:
        raise Unreadable(f"{DESCRIPTOR}: invalid JSON at line {e.lineno} column {e.colno}: {e.msg}") from None
    except RecursionError:
        raise Unreadable(f"{DESCRIPTOR}: nested too deeply to read") from None
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise Unreadable(f"{DESCRIPTOR}: not a data package descriptor (an object with a list of resources)")
    return descriptor


# What a descriptor problem in the package metadata means for the build, beyond pydantic's words.
_METADATA_HINTS = {
    "name": "it names the release files, so lowercase letters, digits and . _ - only",
    "version": "it names the release folder and files: MAJOR.MINOR.PATCH, as in CHANGELOG.md",
    "$schema": f"the one profile this package follows is {PACKAGE_PROFILE}; another would be fetched",
}


def metadata_problems(descriptor: dict[str, Any]) -> list[Problem]:
    """The package's own metadata through its pydantic model: every key the build reads is there
    and has the form it needs."""
    found = []
    if "profile" in descriptor:
        found.append(Problem(DESCRIPTOR, "profile: not allowed (a profile is fetched to validate against); use $schema", cause=True))
    try:
        PackageMetadata.model_validate({k: v for k, v in descriptor.items() if k != "resources"})
    except ValidationError as e:
        for err in e.errors(include_url=False):
            where = ".".join(str(part) for part in err["loc"]) or "-"
            hint = _METADATA_HINTS.get(str(err["loc"][0])) if err["loc"] else None
            message = "missing" if err["type"] == "missing" else err["msg"]
            found.append(Problem(DESCRIPTOR, f"{where}: {message}" + (f" ({hint})" if hint else ""), cause=True))
    return found


def check_descriptor(package_dir: Path, descriptor: dict[str, Any], problems: list[Problem], raw: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    """Resources by name, after checking that the tabular ones are what the models generate, that
    every path names a regular file inside the package, and that every file's `bytes` and `hash`
    are current. The bytes of each file read are left in `raw`, by resource name."""
    problems += metadata_problems(descriptor)
    resources: dict[str, dict[str, Any]] = {}
    for i, resource in enumerate(descriptor["resources"]):
        if not isinstance(resource, dict) or not isinstance(resource.get("name"), str):
            problems.append(Problem(DESCRIPTOR, f"resources[{i}] has no name", cause=True))
            continue
        name = resource["name"]
        if not re.match(NAME_PATTERN, name):
            problems.append(Problem(DESCRIPTOR, f"resources[{i}]: name {shown(name)} is not a slug (lowercase letters, digits and . _ -)", cause=True))
            continue
        if name in resources:
            problems.append(Problem(DESCRIPTOR, f"resource {name} is declared twice", cause=True))
            continue
        reason = unsafe_reason(resource.get("path"))
        if reason:
            problems.append(Problem(DESCRIPTOR, f"resource {name}: path {reason}", cause=True))
            continue
        path = resource["path"]
        outside = [key for key in ("$schema", "profile") if key in resource]
        if name not in MODELS:
            outside += [key for key in ("schema", "dialect") if key in resource]
        if outside:
            # frictionless would fetch or open what these name: only the generated table resources
            # carry a schema and a dialect, written inline.
            problems.append(Problem(DESCRIPTOR, f"resource {name}: {', '.join(outside)} not allowed here (only the table resources generated from the models have a schema and a dialect)", cause=True))
            continue
        resources[name] = resource
        if name in MODELS:
            expected = table_resource(name)
            for key in ("path", "dialect", "schema"):
                if resource.get(key) != expected[key]:
                    problems.append(Problem(DESCRIPTOR, f"resource {name}: {key} differs from what the models generate; run `make schemas`"))
        try:
            data = read_inside(package_dir, path)
        except (FileNotFoundError, Refused):
            continue  # reported where the file is read
        raw[name] = data
        size, digest = stats(data)
        if resource.get("bytes") != size:
            said = resource.get("bytes")
            said = said if isinstance(said, int) or said is None else shown(said)
            problems.append(Problem(path, f"is {size} bytes but {DESCRIPTOR} says {said}; run `make schemas` after editing data"))
        if resource.get("hash") != digest:
            problems.append(Problem(path, f"sha256 differs from the hash in {DESCRIPTOR}; run `make schemas` after editing data"))
    for name in MODELS:
        if name not in resources:
            problems.append(Problem(DESCRIPTOR, f"resource {name} is missing; run `make schemas`", cause=True))
    return resources


# Frictionless errors about reading a file: the byte-level reader reports these with a row and field.
_READ_ERRORS = {"encoding-error", "scheme-error", "source-error", "format-error", "hash-count", "byte-count"}


class NoNetwork:
    """What frictionless gets as its HTTP session: any request is refused before it is made. (The
    descriptor it is given names no URL; this is the guard should it ever try.)"""

    headers: dict[str, str] = {}

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        raise ConnectionRefusedError("network access is off while validating")

    def get(self, url: str, *args: Any, **kwargs: Any) -> Any:
        return self.request("GET", url)

    def post(self, url: str, *args: Any, **kwargs: Any) -> Any:
        return self.request("POST", url)


# Enough for any header the models generate (a few hundred bytes); a longer one is not theirs.
HEADER_BYTES = 65536


def usable_resources(package_dir: Path, resources: dict[str, dict[str, Any]]) -> set[str]:
    """The resources frictionless is given: texts that read cleanly, and tables whose header is
    the one the models generate. (Our reader says what is wrong with the others; a damaged header
    would have frictionless report every row.) Only a table's first bytes are read: the rest is
    frictionless's to read, and a file that does not decode is damaged for our reader too, which
    drops frictionless's lines about it."""
    usable = set()
    for name, resource in resources.items():
        if name not in MODELS:
            if read_text(package_dir, resource["path"], []) is not None:
                usable.add(name)
            continue
        try:
            start = read_inside(package_dir, resource["path"], HEADER_BYTES).removeprefix(BOM).decode("utf-8", errors="replace")
            header = next(csv.reader(io.StringIO(start, newline="")), None)
        except (OSError, Refused, csv.Error):
            continue
        if header == list(MODELS[name].model_fields):
            usable.add(name)
    return usable


def frictionless_descriptor(descriptor: dict[str, Any], resources: dict[str, dict[str, Any]], usable: set[str]) -> dict[str, Any]:
    """What frictionless is given: the package metadata with the one known profile, and only the
    usable resources that passed our path checks, each table with the schema and dialect the models
    generate (inline: nothing for frictionless to fetch or open)."""
    out = {k: v for k, v in descriptor.items() if k not in ("resources", "$schema", "profile")}
    out["$schema"] = PACKAGE_PROFILE
    out["resources"] = []
    for name, resource in resources.items():
        if name not in usable:
            continue
        if name in MODELS:
            expected = table_resource(name)
            # Foreign keys are left to `scripts.checks.keys`, which also checks the references
            # frictionless skips (into empty tables, all-null); frictionless would read the
            # referenced table once per reference to it.
            schema = {k: v for k, v in expected["schema"].items() if k != "foreignKeys"}
            resource = {**resource, "dialect": expected["dialect"], "schema": schema}
        out["resources"].append(resource)
    return out


def frictionless_errors(package_dir: Path, descriptor: dict[str, Any], resources: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """`frictionless validate` on the usable resources, each error as a plain dict."""
    from frictionless import FrictionlessException, Package, system

    fl = frictionless_descriptor(descriptor, resources, usable_resources(package_dir, resources))
    try:
        with system.use_context(http_session=NoNetwork(), trusted=False):
            report_ = Package(fl, basepath=str(package_dir)).validate()
    except FrictionlessException as e:
        return [{"package": m, "cause": True} for m in [e.error.message, *(r.message for r in e.reasons)]]
    found: list[dict[str, Any]] = [{"package": e.message} for e in report_.errors]
    for task in report_.tasks:
        for e in task.errors:
            if e.type in _READ_ERRORS:
                continue
            note = getattr(e, "note", "") or e.message
            if getattr(e, "cell", None):
                note = f"{shown(e.cell)}: {note}"
            row = getattr(e, "row_number", None)
            fieldname = getattr(e, "field_name", None) or ",".join(getattr(e, "field_names", None) or [])
            if e.type.endswith("-label"):
                row, fieldname = 1, getattr(e, "label", None) or fieldname
            found.append({"task": task.name, "type": e.type, "row": row, "field": fieldname, "note": note})
    return found


class Frictionless:
    """frictionless validate, run in a process of its own (forked before our reader starts), so that
    its row-by-row work, the slowest part of validation, goes on while our reader and checks use the
    other core. Its errors come back as plain dicts through a pipe."""

    def __init__(self, package_dir: Path, descriptor: dict[str, Any], resources: dict[str, dict[str, Any]]) -> None:
        context = multiprocessing.get_context("fork")
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=self._child, args=(send, package_dir, descriptor, resources), daemon=True)
        self.process.start()
        send.close()

    @staticmethod
    def _child(send: Any, package_dir: Path, descriptor: dict[str, Any], resources: dict[str, dict[str, Any]]) -> None:
        try:
            send.send(frictionless_errors(package_dir, descriptor, resources))
        except Exception as e:  # reported by the parent as a located line, never a traceback
            send.send([{"package": f"validation failed: {type(e).__name__}: {e}", "cause": True}])
        finally:
            send.close()

    def problems(self, paths: dict[str, str], tables: dict[str, Table], damaged: set[str]) -> list[Problem]:
        """Errors about files and rows our reader could not read cell by cell are left out: it has
        said what is wrong with them, and a shifted or missing cell would repeat as a type error."""
        try:
            errors = self.receive.recv()
        except EOFError:
            errors = [{"package": "the validation process ended without a report", "cause": True}]
        finally:
            self.receive.close()
            self.process.join()
        found = []
        for e in errors:
            if "package" in e:
                found.append(Problem(DESCRIPTOR, f"frictionless: {e['package']}", cause=e.get("cause", False)))
                continue
            name, row, fieldname = e["task"], e["row"], e["field"]
            if name in damaged or (name in tables and row in tables[name].bad_rows):
                continue
            if row is not None and not fieldname:
                fieldname = ",".join(PRIMARY_KEYS.get(name, ("-",)))
            found.append(Problem(paths.get(name, name), f"{e['type']}: {e['note']}", row, fieldname or None))
        return found

    def close(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()


class RowModel:
    """Each row through its pydantic model as it is read; the rows that pass are kept for the later
    checks, the others give located problems."""

    def __init__(self, name: str, path: str, loaded: Loaded, problems: list[Problem]) -> None:
        self.model = MODELS[name]
        self.path = path
        self.kept = loaded.rows[name]
        self.refs = loaded.failed_refs[name]
        self.ref_columns = [column for column, _ in foreign_keys(name)]
        self.problems = problems
        # Every row gives every field (an empty cell is None), so one frozen set serves them all:
        # pydantic's own set per record is 700 bytes, more than the record.
        self.fields_set = frozenset(self.model.model_fields)

    def __call__(self, number: int, row: dict[str, str | None]) -> None:
        try:
            record = self.model.model_validate(row)
        except ValidationError as e:
            for err in e.errors(include_url=False):
                fieldname = str(err["loc"][0]) if err["loc"] else err.get("ctx", {}).get("fields", "-")
                self.problems.append(Problem(self.path, err["msg"], number, fieldname))
            # Its references are still checked (`scripts.checks.keys`).
            self.refs.append((number, {column: row.get(column) for column in self.ref_columns}))
            return
        object.__setattr__(record, "__pydantic_fields_set__", self.fields_set)
        self.kept.append((number, record))


def validate(package_dir: Path) -> tuple[Report, Loaded]:
    """All problems of the package at `package_dir`, and its rows (those that passed their model)."""
    descriptor = load_descriptor(package_dir)
    problems = Problems()
    raw: dict[str, bytes] = {}
    resources = check_descriptor(package_dir, descriptor, problems, raw)
    frictionless = Frictionless(package_dir, descriptor, resources)
    try:
        return _validate(package_dir, descriptor, problems, raw, resources, frictionless)
    finally:
        frictionless.close()


def _validate(package_dir: Path, descriptor: dict[str, Any], problems: Problems, raw: dict[str, bytes], resources: dict[str, dict[str, Any]], frictionless: Frictionless) -> tuple[Report, Loaded]:
    loaded = Loaded()
    tables: dict[str, Table] = {}
    # The models' problems are reported after frictionless's: where both find fault with one cell,
    # frictionless's line (it names the constraint and the value) is the one kept.
    model_found = Problems()
    for name, resource in resources.items():
        path = resource["path"]
        if name in MODELS:
            columns = list(MODELS[name].model_fields)
            on_row = RowModel(name, path, loaded, model_found)
            tables[name] = read_table(package_dir, path, columns, ",".join(PRIMARY_KEYS[name]), problems, on_row, raw.pop(name, None))
            loaded.paths[name] = path
            loaded.ids[name] = tables[name].ids  # the set itself: a copy of a million ids is 40 MB
            loaded.id_rows[name] = tables[name].id_rows
        else:
            text = read_text(package_dir, path, problems, raw=raw.pop(name, None))
            if text is not None:
                loaded.texts[name] = text
    loaded.damaged = {name for name, t in tables.items() if t.damaged} | {n for n in MODELS if n not in tables}
    problems += frictionless.problems({name: r["path"] for name, r in resources.items()}, tables, loaded.damaged)
    problems += model_found
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
        print(escape(str(e)))
        return 2
    try:
        for line in shown_lines(problems):
            print(line)
    except BrokenPipeError:  # the reader (head, less) has seen enough
        sys.stdout = None
        return 1 if problems else 0
    if problems:
        print(f"{problems.total} problem(s) in {escape(str(package_dir))}", file=sys.stderr)
        return 1
    print(f"valid: {escape(str(package_dir))}: " + ", ".join(f"{name} {len(loaded.rows[name])}" for name in MODELS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
