"""`make diff FROM=<git ref>`: per resource, the ids added, removed and changed between the data
package at that git ref and the one in DATASET (default dataset/). `make review` (scripts/site/
review.py) reads the same rows to say what changed for readers.

    python -m scripts.package.diff REF
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

from schemas.models import MODELS, PRIMARY_KEYS

from ..paths import ROOT, dataset_dir, table_path

Rows = dict[str, dict[str, str]]  # a table's rows by key (its primary key's values joined by "/")


def rows_by_key(text: str, name: str) -> Rows:
    """The rows of a CSV text by key; a key column the text lacks (an older layout) counts as empty."""
    key = PRIMARY_KEYS[name]
    return {"/".join(r.get(k) or "" for k in key): r for r in csv.DictReader(io.StringIO(text, newline=""))}


def at_ref(ref: str, path: str) -> str | None:
    done = subprocess.run(["git", "show", f"{ref}:{path}"], cwd=ROOT, capture_output=True)
    return done.stdout.decode("utf-8") if done.returncode == 0 else None


def is_commit(ref: str) -> bool:
    """Whether `ref` names a commit of this repository (a tag, branch, sha or `HEAD~1`)."""
    done = subprocess.run(["git", "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}"], cwd=ROOT, capture_output=True)
    return done.returncode == 0


def tables(ref: str, package_dir: Path) -> tuple[dict[str, Rows], dict[str, Rows]]:
    """Every table's rows at `ref` and in `package_dir`, by resource name (a table missing on one
    side has no rows there)."""
    try:
        prefix = package_dir.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        prefix = "dataset"  # a copy outside the repository is compared with the repository's package
    old, new = {}, {}
    for name in MODELS:
        old_text = at_ref(ref, f"{prefix}/{table_path(name)}")
        new_file = package_dir / table_path(name)
        old[name] = rows_by_key(old_text, name) if old_text is not None else {}
        new[name] = rows_by_key(new_file.read_text(encoding="utf-8"), name) if new_file.is_file() else {}
    return old, new


def changes(old: Rows, new: Rows) -> tuple[list[str], list[str], list[str]]:
    """The keys added, removed and changed (any field), each sorted."""
    added = sorted(set(new) - set(old))
    removed = sorted(set(old) - set(new))
    changed = sorted(k for k in set(old) & set(new) if old[k] != new[k])
    return added, removed, changed


def diff(ref: str, package_dir: Path) -> tuple[list[str], int]:
    """Lines to print, and how many ids differ in all."""
    old, new = tables(ref, package_dir)
    lines, total = [], 0
    for name in MODELS:
        added, removed, changed = changes(old[name], new[name])
        total += len(added) + len(removed) + len(changed)
        parts = [f"+{len(added)}", f"-{len(removed)}", f"~{len(changed)}"]
        lines.append(f"{name}: " + " ".join(parts))
        lines += [f"  + {k}" for k in added] + [f"  - {k}" for k in removed] + [f"  ~ {k}" for k in changed]
    return lines, total


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m scripts.package.diff <git ref>", file=sys.stderr)
        return 2
    if not is_commit(args[0]):
        print(f"make diff: {args[0]} is not a commit of this repository", file=sys.stderr)
        return 2
    lines, total = diff(args[0], dataset_dir())
    print("\n".join(lines))
    print(f"{total} id(s) differ since {args[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
