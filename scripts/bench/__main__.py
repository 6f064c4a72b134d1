"""`make bench` (see scripts/bench/__init__.py). Results go to bench/ (gitignored): results.md (the
sections' tables and verdicts), results.json and time.png."""

from __future__ import annotations

import argparse
import json
import sys

from . import pipeline, reload
from .common import BENCH
from .report import markdown

# Each part of the report: a function of the parsed command line that returns a report.Section.
SECTIONS = [pipeline.section, reload.section]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="500,2000,8000")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    BENCH.mkdir(exist_ok=True)
    sections = [make(args) for make in SECTIONS]
    (BENCH / "results.json").write_text(json.dumps({s.title: s.data for s in sections}, ensure_ascii=False, indent=2), encoding="utf-8")
    text = markdown(sections)
    (BENCH / "results.md").write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
