"""What is done to each language's build once MkDocs has written it: every page gets its
Content-Security-Policy, and the language gets its search index (scripts/site/search.py).

Each language runs in a process of its own (`python -m scripts.site.finish <lang>`), started when
the build starts: the Korean one loads Kiwi (a second of work that holds its interpreter) while
the package is validated, on a core that work leaves idle, and the two languages are then finished
at the same time without sharing one interpreter. A worker reads one job (JSON on stdin), writes the
seconds its steps took (JSON on stdout) and exits; a problem goes to stderr with exit status 1."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from ..paths import ROOT
from . import search
from .csp import with_policy


def finish(out: Path, lang: str, meta: dict[str, dict[str, list[str]]]) -> dict[str, float]:
    """Add the policy to every page under `out` and write `out/pagefind/`; the seconds per step."""
    start = time.perf_counter()
    bodies = {}
    for path in sorted(out.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        if path.name == "index.html":
            bodies[path.relative_to(out).as_posix()] = search.article(page)
        try:
            path.write_text(with_policy(page), encoding="utf-8")
        except ValueError as e:
            raise ValueError(f"{path}: {e}") from None
    return {"policy": time.perf_counter() - start, **search.index(out, lang, bodies, meta)}


class Worker:
    """The process that finishes one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.process = subprocess.Popen(
            [sys.executable, "-m", "scripts.site.finish", lang], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )

    def run(self, out: Path, meta: dict[str, dict[str, list[str]]]) -> dict[str, float]:
        job = json.dumps({"out": str(out), "meta": meta}, ensure_ascii=False).encode("utf-8")
        stdout, stderr = self.process.communicate(job)
        if self.process.returncode != 0:
            raise RuntimeError(f"finishing the {self.lang} pages failed:\n{stderr.decode('utf-8', 'replace').strip()}")
        return json.loads(stdout)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.communicate()


def main(lang: str) -> int:
    if lang == "ko":
        search.kiwi()  # load now, while the build validates the package
    data = sys.stdin.buffer.read()
    if not data.strip():  # the build ended (or was killed) before it had a job for us
        return 0
    job = json.loads(data.decode("utf-8"))
    try:
        steps = finish(Path(job["out"]), lang, job["meta"])
    except (OSError, ValueError, RuntimeError) as e:
        print(e, file=sys.stderr)
        return 1
    sys.stdout.write(json.dumps(steps))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
