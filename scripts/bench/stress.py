"""The stress section of `make bench`: validation of hostile and oversized packages, each timed in a
process of its own (median of the runs) with its peak memory, against the hardening issue's targets.

    python -m scripts.bench.stress [--runs 3] [--people 1000000]

Packages are written under bench/stress/ (gitignored); results go to bench/stress.md and are printed.
Tests assert bounded output and refusals at small sizes; the times are only measured here."""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

from ..descriptor import dumps, refresh
from ..paths import DESCRIPTOR, ROOT

BENCH = ROOT / "bench"
# Runs a command and prints the peak resident memory (KiB) of the largest process it started.
PEAK = "import resource, subprocess, sys; r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); print(r.returncode)"


def append_rows(package: Path, name: str, rows) -> None:
    with open(package / f"data/{name}.csv", "a", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)


def wide_header(package: Path, columns: int = 2000) -> None:
    """people.csv with 2,000 columns the models do not know."""
    path = package / "data/people.csv"
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(header + "," + ",".join(f"extra{i}" for i in range(columns)) + "\n" + rest, encoding="utf-8")


def many_aliases(package: Path, count: int = 3000) -> None:
    """A second source text of `count` lines, each printing a new as-printed alias of one person,
    with its sentence and its mention: a valid package with 3,000 more aliases and mentions."""
    lines = [f"별칭{i:04d}이 말했다." for i in range(count)]
    text = "\n".join(lines)
    (package / "sources/stress-ko.txt").write_text(text, encoding="utf-8")
    d = json.loads((package / DESCRIPTOR).read_text(encoding="utf-8"))
    article = next(r for r in d["resources"] if r["name"] == "article-ko")
    d["resources"].insert(1, {**article, "name": "stress-ko", "path": "sources/stress-ko.txt"})
    (package / DESCRIPTOR).write_text(dumps(d), encoding="utf-8")
    with open(package / "data/sources.csv", encoding="utf-8", newline="") as f:
        header, first = list(csv.reader(f))[:2]
    source = dict(zip(header, first)) | {"id": "stress-ko", "text_resource": "stress-ko"}
    append_rows(package, "sources", [[source[c] for c in header]])
    sentences, aliases, mentions, start = [], [], [], 0
    for i, line in enumerate(lines):
        alias = line[:6]
        sentences.append([f"stress-ko-s{i}", "stress-ko", "sentence", start, start + len(line), line, f"Alias {i} said so."])
        aliases.append([f"stress-alias-{i}", "mark-zuckerberg", "", "", "", "ko", "as-printed", alias])
        prefix, suffix = text[max(0, start - 32) : start], text[start + 6 : start + 6 + 32]
        mentions.append([f"stress-ko-m{i}", "stress-ko", start, start + 6, alias, prefix, suffix, "mark-zuckerberg", "", "", ""])
        start += len(line) + 1
    append_rows(package, "sentences", sentences)
    append_rows(package, "aliases", aliases)
    append_rows(package, "mentions", mentions)


def bad_rows(package: Path, count: int = 20000) -> None:
    """20,000 sentences whose span does not match the article."""
    append_rows(package, "sentences", [[f"bad-{i}", "article-ko", "sentence", 0, 3, "아무것도", "Nothing."] for i in range(count)])


def people(count: int) -> Callable[[Path], None]:
    def make(package: Path) -> None:
        append_rows(
            package,
            "people",
            ([f"stress-person-{i}", f"가상 인물 {i}", f"Synthetic person {i}", "부하 시험을 위해 만든 가상의 인물이다.", "A synthetic person made for a stress test.", ""] for i in range(count)),
        )

    return make


def cases(people_rows: int) -> list[tuple[str, Callable[[Path], None] | None, float, float | None]]:
    """(name, how the real package is changed, target seconds, target peak MiB)."""
    return [
        ("real package", None, 1.0, None),
        ("2,000-column header", wide_header, 5.0, None),
        ("3,000 aliases and mentions", many_aliases, 5.0, None),
        ("20,000 bad rows", bad_rows, 5.0, None),
        (f"{people_rows:,} people rows", people(people_rows), 60.0, 1024.0),
    ]


def run_once(package: Path) -> tuple[float, float, int]:
    os.sync()
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PEAK, sys.executable, "-m", "scripts.validate", str(package)], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    peak_kib, status = done.stdout.split()
    return elapsed, int(peak_kib) / 1024, int(status)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--people", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    root = BENCH / "stress"
    rows = ["| package | exit | median s | runs s | peak MiB | target | met |", "|---|---:|---:|---|---:|---|---|"]
    verdicts = []
    for name, change, seconds, mib in cases(args.people):
        package = root / name.split()[0].replace(",", "")
        shutil.rmtree(package, ignore_errors=True)
        shutil.copytree(ROOT / "dataset", package)
        if change:
            change(package)
            refresh(package)
        runs = [run_once(package) for _ in range(args.runs)]
        median = statistics.median(r[0] for r in runs)
        peak = max(r[1] for r in runs)
        met = median <= seconds and (mib is None or peak <= mib)
        target = f"≤ {seconds:g} s" + (f", ≤ {mib:g} MiB" if mib else "")
        rows.append(f"| {name} | {runs[0][2]} | {median:.1f} | {', '.join(f'{r[0]:.1f}' for r in runs)} | {peak:.0f} | {target} | {'met' if met else 'NOT met'} |")
        verdicts.append(met)
        print(rows[-1], flush=True)
    BENCH.mkdir(exist_ok=True)
    (BENCH / "stress.md").write_text("## Stress: validation (`python -m scripts.validate`)\n\n" + "\n".join(rows) + "\n", encoding="utf-8")
    print("\n".join(rows))
    return 0 if all(verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
