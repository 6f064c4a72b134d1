"""Synthetic data packages for the benchmark: the real package copied `k` times, each copy's text
made distinct while every offset stays valid.

Copy j prefixes every identifier with `s<j>-` and rotates every Hangul syllable and Latin letter of
every free-text value (and of its source text) by an amount of its own. Rotation keeps lengths,
so `start`/`end` stay right, `exact`/`prefix`/`suffix` still match their text, an alias printed in
copy j occurs in copy j's text only, and the package spreads its records over the resources exactly
like the real one. Identifiers, references, enums, dates and numbers are left as they are.

    python -m scripts.bench.synthesize RECORDS OUT_DIR
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from pathlib import Path

from schemas.models import FIELD_NAME_PATTERN, HTTP_URL_PATTERN, MODELS, PARTIAL_DATE_PATTERN, SLUG_PATTERN

from ..descriptor import dumps, generate
from ..paths import DESCRIPTOR, ROOT, table_path
from ..tableschema import table_schema

HANGUL_FIRST, HANGUL_COUNT = 0xAC00, 11172
KEPT_PATTERNS = {SLUG_PATTERN, PARTIAL_DATE_PATTERN, HTTP_URL_PATTERN, FIELD_NAME_PATTERN, r"^Q[1-9][0-9]*$"}  # addresses stay addresses, field names name fields


def rotate(text: str, j: int) -> str:
    """Rotate Hangul syllables and Latin letters by an amount that depends on `j` (0 leaves text as is)."""
    if j == 0:
        return text
    out = []
    for ch in text:
        c = ord(ch)
        if HANGUL_FIRST <= c < HANGUL_FIRST + HANGUL_COUNT:
            out.append(chr(HANGUL_FIRST + (c - HANGUL_FIRST + 101 * j) % HANGUL_COUNT))
        elif "a" <= ch <= "z":
            out.append(chr(ord("a") + (c - ord("a") + j) % 26))
        elif "A" <= ch <= "Z":
            out.append(chr(ord("A") + (c - ord("A") + j) % 26))
        else:
            out.append(ch)
    return "".join(out)


def field_kinds(name: str) -> tuple[set[str], set[str]]:
    """(identifier columns, text columns) of a resource: the first get a copy prefix, the second rotate."""
    ids, texts = set(), set()
    for f in table_schema(name)["fields"]:
        constraints = f.get("constraints", {})
        if constraints.get("pattern") == SLUG_PATTERN:
            ids.add(f["name"])
        elif f["type"] == "string" and "enum" not in constraints and constraints.get("pattern") not in KEPT_PATTERNS:
            texts.add(f["name"])
    return ids, texts


def real_rows(source: Path) -> dict[str, list[dict[str, str]]]:
    rows = {}
    for name in MODELS:
        with open(source / table_path(name), encoding="utf-8", newline="") as f:
            rows[name] = list(csv.DictReader(f))
    return rows


def copies_for(records: int, source: Path = ROOT / "dataset") -> int:
    total = sum(len(r) for r in real_rows(source).values())
    return max(1, round(records / total))


def synthesize(records: int, out: Path, source: Path = ROOT / "dataset") -> int:
    """Write a package of about `records` rows into `out`; returns the number of rows written."""
    k = copies_for(records, source)
    rows = real_rows(source)
    descriptor = json.loads((source / DESCRIPTOR).read_text(encoding="utf-8"))
    texts = [r for r in descriptor["resources"] if r["name"] not in MODELS]
    shutil.rmtree(out, ignore_errors=True)
    (out / "data").mkdir(parents=True)
    (out / "sources").mkdir()
    new_texts = []
    for j in range(k):
        for resource in texts:
            text = (source / resource["path"]).read_text(encoding="utf-8")
            name = f"s{j}-{resource['name']}"
            path = f"sources/{name}.txt"
            (out / path).write_text(rotate(text, j), encoding="utf-8", newline="")
            new_texts.append({**resource, "name": name, "path": path})
            for licence in resource.get("licenses", []):  # a rights file the release ships beside the text
                rel = licence.get("path", "")
                if rel and "://" not in rel and not (out / rel).exists():
                    (out / rel).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source / rel, out / rel)
    written = 0
    for name, model in MODELS.items():
        ids, text_columns = field_kinds(name)
        columns = list(model.model_fields)
        with open(out / table_path(name), "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(columns)
            for j in range(k):
                for row in rows[name]:
                    cells = []
                    for c in columns:
                        value = row[c]
                        if value and c in ids:
                            value = f"s{j}-{value}"
                        elif value and c in text_columns:
                            value = rotate(value, j)
                        cells.append(value)
                    writer.writerow(cells)
                    written += 1
    descriptor["name"] = f"synthetic-{records}"
    descriptor["resources"] = new_texts
    (out / DESCRIPTOR).write_text(dumps(generate(out, descriptor)), encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2 or not args[0].isdigit():
        print("usage: python -m scripts.bench.synthesize RECORDS OUT_DIR", file=sys.stderr)
        return 2
    written = synthesize(int(args[0]), Path(args[1]))
    print(f"wrote {args[1]}: {written} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
