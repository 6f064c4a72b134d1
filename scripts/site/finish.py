"""What is done to each language's build once MkDocs has written it: every page gets its
Content-Security-Policy and the map of its headings to its twin's (scripts/site/twins.py), and the
language gets its search index (scripts/site/search.py).

Each language runs in a process of its own (`python -m scripts.site.finish <lang>`), started when
the build starts: the Korean one loads Kiwi (a second of work that holds its interpreter) while
the package is validated, on a core that work leaves idle, and the two languages are then finished
at the same time without sharing one interpreter. A worker talks in lines of JSON:

1. it reads its job (the folder MkDocs wrote, the search metadata) on stdin and writes the heading
   ids of its pages on stdout;
2. it indexes the pages for search, which needs nothing from the other language, meanwhile the
   build hands the ids to the other language's worker;
3. it reads its twins' heading ids (by page) on stdin, writes every page once with its policy and
   its map, and writes the seconds its steps took on stdout.

A problem goes to stderr with exit status 1."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ..paths import ROOT
from . import search
from .csp import with_policy
from .twins import anchored, heading_ids


def read(out: Path) -> tuple[dict[str, list[str]], dict[str, str]]:
    """The heading ids and the article of every page (index.html) under `out`, by its path there."""
    ids, bodies = {}, {}
    for path in sorted(out.rglob("index.html")):
        page = path.read_text(encoding="utf-8")
        rel = path.relative_to(out).as_posix()
        ids[rel], bodies[rel] = heading_ids(page), search.article(page)
    return ids, bodies


def write(out: Path, ids: dict[str, list[str]], twins: dict[str, list[str]]) -> None:
    """Every page under `out` with its map to its twin's headings and its policy."""
    for path in sorted(out.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        rel = path.relative_to(out).as_posix()
        if rel in ids:
            page = anchored(page, ids[rel], twins.get(rel))
        try:
            path.write_text(with_policy(page), encoding="utf-8")
        except ValueError as e:
            raise ValueError(f"{path}: {e}") from None


class Worker:
    """The process that finishes one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.errors = tempfile.TemporaryFile()  # a file, not a pipe: nothing waits for it to be read
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scripts.site.finish", lang], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.errors
        )

    def _line(self) -> object:
        line = self.process.stdout.readline()
        if not line:
            self.process.wait()
            self.errors.seek(0)
            raise RuntimeError(f"finishing the {self.lang} pages failed:\n{self.errors.read().decode('utf-8', 'replace').strip()}")
        return json.loads(line)

    def _send(self, data: object) -> None:
        try:
            self.process.stdin.write(json.dumps(data, ensure_ascii=False).encode("utf-8") + b"\n")
            self.process.stdin.flush()
        except BrokenPipeError:
            self._line()  # it has ended: raises with what it said
            raise

    def start(self, out: Path, meta: dict[str, dict[str, list[str]]]) -> dict[str, list[str]]:
        """Hand it the language's folder; the heading ids of its pages."""
        self._send({"out": str(out), "meta": meta})
        return self._line()

    def finish(self, twins: dict[str, list[str]]) -> dict[str, float]:
        """Hand it the twins' heading ids; the seconds its steps took, once it has ended."""
        self._send(twins)
        steps = self._line()
        self.process.stdin.close()
        self.process.wait()
        return steps

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        for stream in (self.process.stdin, self.process.stdout, self.errors):
            try:
                stream.close()
            except OSError:  # what it could not flush to a killed worker
                pass


def main(lang: str) -> int:
    if lang == "ko":
        search.kiwi()  # load now, while the build validates the package
    line = sys.stdin.buffer.readline()
    if not line.strip():  # the build ended (or was killed) before it had a job for us
        return 0
    job = json.loads(line)
    out = Path(job["out"])
    try:
        start = time.perf_counter()
        ids, bodies = read(out)
        steps = {"read": time.perf_counter() - start}
        print(json.dumps(ids, ensure_ascii=False), flush=True)
        steps.update(search.index(out, lang, bodies, job["meta"]))
        line = sys.stdin.buffer.readline()
        if not line.strip():  # the other language failed: the build is ending
            return 0
        start = time.perf_counter()
        write(out, ids, json.loads(line))
        steps["policy and twins"] = time.perf_counter() - start
    except (OSError, ValueError, RuntimeError) as e:
        print(e, file=sys.stderr)
        return 1
    print(json.dumps(steps), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
