"""`make schemas`: regenerate the Table Schemas, statistics and JSON Schema files from the models.

    python -m scripts.make_schemas            # rewrite $DATASET/datapackage.json and schemas/json/
    python -m scripts.make_schemas --check    # list what differs, exit 1 if anything does
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from schemas.models import MODELS

from .descriptor import dumps, generate, refused_paths
from .package.files import Refused, read_inside
from .problems import escape
from .paths import DESCRIPTOR, SCHEMAS_JSON, dataset_dir, json_schema_path
from .tableschema import json_schema


def read_descriptor(package_dir: Path) -> dict:
    current = json.loads(read_inside(package_dir, DESCRIPTOR).decode("utf-8"))
    if not isinstance(current, dict):
        raise ValueError("not a JSON object")
    return current


def expected_files(package_dir: Path) -> dict[Path, str]:
    """Every generated file with the text it should have."""
    descriptor_path = package_dir / DESCRIPTOR
    current = read_descriptor(package_dir)
    files = {descriptor_path: dumps(generate(package_dir, current))}
    for name, model in MODELS.items():
        files[json_schema_path(name)] = json.dumps(json_schema(model), ensure_ascii=False, indent=2) + "\n"
    return files


def drift(package_dir: Path) -> list[str]:
    """Generated files whose committed text differs from what the models and data generate."""
    problems = []
    for path, text in expected_files(package_dir).items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            problems.append(f"{path}: differs from what the models and data generate; run `make schemas`")
    known = {json_schema_path(name) for name in MODELS}
    problems += [f"{p}: no resource of that name; delete it" for p in sorted(SCHEMAS_JSON.glob("*.json")) if p not in known]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="report drift instead of writing")
    args = parser.parse_args(argv)
    package_dir = dataset_dir()
    where = escape(str(package_dir / DESCRIPTOR))
    try:
        refused = refused_paths(package_dir, read_descriptor(package_dir))
        files = expected_files(package_dir)
    except FileNotFoundError:
        print(f"{where}: no data package descriptor here", file=sys.stderr)
        return 2
    except Refused as e:
        print(f"{where}: {e}", file=sys.stderr)
        return 2
    except json.JSONDecodeError as e:
        print(f"{where}: invalid JSON at line {e.lineno}: {e.msg}", file=sys.stderr)
        return 2
    except (UnicodeDecodeError, ValueError) as e:
        print(f"{where}: not a data package descriptor ({escape(str(e))})", file=sys.stderr)
        return 2
    if refused:
        # Nothing is hashed or written for a path that leads out of the package.
        print("\n".join(escape(line) for line in refused), file=sys.stderr)
        return 1
    if args.check:
        problems = drift(package_dir)
        print("\n".join(problems) if problems else "schemas: up to date")
        return 1 if problems else 0
    SCHEMAS_JSON.mkdir(parents=True, exist_ok=True)
    for stale in set(SCHEMAS_JSON.glob("*.json")) - set(files):
        stale.unlink()
    for path, text in files.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
