"""`make diff FROM=<git ref>`: per resource, the ids added, removed and changed between the data
package at that git ref and the one in DATASET (default dataset/).

    python -m scripts.diff REF
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from schemas.models import MODELS, PRIMARY_KEYS

from .paths import ROOT, dataset_dir, table_path


def rows_by_key(text: str, name: str) -> dict[str, dict[str, str]]:
    key = PRIMARY_KEYS[name]
    return {"/".join(r[k] for k in key): r for r in csv.DictReader(io.StringIO(text, newline=""))}


def at_ref(ref: str, path: str) -> str | None:
    done = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=ROOT, capture_output=True)
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


def diff(ref: str, package_dir: Path) -> tuple[list[str], int]:
    """Lines to print, and how many ids differ in all."""
    try:
        prefix = package_dir.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        prefix = "dataset"  # a copy outside the repository is compared with the repository's package
    lines, total = [], 0
    for name in MODELS:
        old_text = at_ref(ref, f"{prefix}/{table_path(name)}")
        new_file = package_dir / table_path(name)
        old = rows_by_key(old_text, name) if old_text is not None else {}
        new = rows_by_key(new_file.read_text(encoding="utf-8"), name) if new_file.is_file() else {}
        added = sorted(set(new) - set(old))
        removed = sorted(set(old) - set(new))
        changed = sorted(k for k in set(old) & set(new) if old[k] != new[k])
        total += len(added) + len(removed) + len(changed)
        parts = [f"+{len(added)}", f"-{len(removed)}", f"~{len(changed)}"]
        lines.append(f"{name}: " + " ".join(parts))
        lines += [f"  + {k}" for k in added] + [f"  - {k}" for k in removed] + [f"  ~ {k}" for k in changed]
    return lines, total


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m scripts.diff <git ref>", file=sys.stderr)
        return 2
    if subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{args[0]}^{{commit}}"], cwd=ROOT, capture_output=True).returncode != 0:
        print(f"make diff: {args[0]} is not a commit of this repository", file=sys.stderr)
        return 2
    lines, total = diff(args[0], dataset_dir())
    print("\n".join(lines))
    print(f"{total} id(s) differ since {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
