"""`make serve`: build a preview of the data package, serve it on 127.0.0.1:PORT, and rebuild it
each time a watched file is saved; the pages open in a browser reload themselves.

    python -m scripts.preview            # DATASET (dataset), PORT (8000)

The preview is built into build/preview/ (never SITE_DIR: `make site`'s output is not touched)
with SITE_URL http://127.0.0.1:PORT/, without the downloads and the search index. A build that
fails (the data is not valid, MkDocs fails) prints its located problems here and shows them in a
banner on the pages, which stay those of the last good build until one passes. Stop with Ctrl-C."""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..paths import ROOT, dataset_dir
from ..site.build import source_date_epoch
from ..site.target import TargetError
from .server import PreviewServer, State
from .watch import Watcher, needs_clean

DEFAULT_FOLDER = ROOT / "build" / "preview"
MARKER = ".kadrey-meta-preview"  # in a folder the preview made: it may replace what is inside


class Refused(Exception):
    """A setting the preview refuses before it starts: one line, exit status 2."""


def check_port(value: str | None) -> int:
    """PORT: a TCP port number, 1 to 65535 (default 8000)."""
    if value is None or value == "":
        return 8000
    if not value.isascii() or not value.isdigit() or not 0 < int(value) < 65536:
        shown = value if value.isprintable() else repr(value)
        raise Refused(f"PORT={shown}: must be a port number, 1 to 65535 (e.g. PORT=8001)")
    return int(value)


def check_folder(folder: Path) -> Path:
    """The preview's folder: new, empty, or one it made before (its MARKER inside)."""
    folder = folder.resolve()
    if folder.exists() and (not folder.is_dir() or (any(folder.iterdir()) and not (folder / MARKER).is_file())):
        raise Refused(f"{folder}: not a folder the preview made (no {MARKER} in it): give an empty or new folder")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKER).write_text("This folder was made by `make serve` (scripts/preview); it rebuilds what is inside.\n", encoding="utf-8")
    return folder


class Builder:
    """The builder process (scripts/preview/rebuild.py), one job at a time."""

    def __init__(self, package_dir: Path, folder: Path, url: str) -> None:
        self.args = [sys.executable, "-m", "scripts.preview.rebuild", str(package_dir), str(folder), url]
        self.process: subprocess.Popen | None = None

    def run(self, clean: bool) -> dict[str, object]:
        if self.process is None or self.process.poll() is not None:
            clean = True  # a new builder knows nothing of what the last one left
            self.process = subprocess.Popen(self.args, cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        try:
            self.process.stdin.write(json.dumps({"clean": clean}) + "\n")
            self.process.stdin.flush()
            line = self.process.stdout.readline()
        except (BrokenPipeError, OSError):
            line = ""
        return self._answer(line, {"ok": False})

    def settle(self) -> dict[str, object]:
        """The builder's second answer to a job: once it has done what could wait."""
        try:
            line = self.process.stdout.readline() if self.process is not None else ""
        except OSError:
            line = ""
        return self._answer(line, {})

    def _answer(self, line: str, failed: dict[str, object]) -> dict[str, object]:
        if not line:
            self.stop()
            return {**failed, "errors": ["the builder stopped (its messages are above); the next save starts a new one"]}
        return json.loads(line)

    def stop(self) -> None:
        if self.process is not None:
            if self.process.poll() is None:
                self.process.stdin.close()
                try:
                    self.process.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
            self.process = None


def say(line: str) -> None:
    print(line, flush=True)


def build_once(builder: Builder, state: State, clean: bool) -> None:
    state.update(busy=True)
    start = time.perf_counter()
    answer = builder.run(clean)
    took = time.perf_counter() - start
    notes = [str(e) for e in answer.get("notes", [])]
    if notes != state.notes:
        say("preview: datapackage.json's bytes and hash are out of date (run `make schemas` before you commit):" if notes else "preview: datapackage.json is up to date")
        for line in notes:
            say(f"  {line}")
    if answer.get("ok"):
        state.update(good=state.good + 1, busy=False, settling=True, errors=[], notes=notes)
        steps = answer.get("seconds", {})
        spent = ", ".join(f"{name} {steps[name]:.1f} s" for name in ("validate", "languages", "finish") if name in steps)
        say(f"preview: built in {took:.1f} s ({spent}; {answer.get('pages')} pages written{', clean' if answer.get('clean') else ''}); open pages reload")
    else:
        report(state, [str(e) for e in answer.get("errors", [])], notes=notes)
    if builder.process is None:
        return  # it stopped: no second answer
    settled = builder.settle()
    if settled.get("errors"):
        report(state, [str(e) for e in settled["errors"]], settling=False)
    else:
        state.update(settling=False)


def report(state: State, errors: list[str], **values: object) -> None:
    """A failed build (or what followed it): to the terminal and to the banner."""
    state.update(busy=False, errors=errors, **values)
    say(f"preview: the build failed{' (still serving the last good build)' if state.good else ''}:")
    for line in errors:
        say(f"  {line}")


def serve(package_dir: Path, folder: Path, port: int) -> int:
    url = f"http://127.0.0.1:{port}/"
    os.environ["SOURCE_DATE_EPOCH"] = source_date_epoch()
    state = State()
    try:
        server = PreviewServer(port, folder / "site", state)
    except OSError as e:
        raise Refused(f"PORT={port}: cannot serve on 127.0.0.1:{port} ({e.strerror or e}): give another PORT") from None
    watcher = Watcher(package_dir)
    watcher.start()  # before the first build: a save during it is not lost
    builder = Builder(package_dir, folder, url)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"preview: serving {url} (DATASET={package_dir}); building…")
    try:
        build_once(builder, state, clean=True)
        say(f"preview: watching {package_dir}, docs/, schemas/, mkdocs.yml; Ctrl-C stops")
        while True:
            paths = watcher.next_burst()
            if not paths:
                continue
            clean = needs_clean(paths)
            if clean:
                builder.stop()  # the models or templates changed: a new builder imports them afresh
            say(f"preview: changed: {', '.join(shown(p) for p in paths[:5])}{' …' if len(paths) > 5 else ''}")
            build_once(builder, state, clean)
    except KeyboardInterrupt:
        say("preview: stopped")
        return 0
    finally:
        builder.stop()
        watcher.stop()
        server.shutdown()
        server.server_close()


def shown(path: str) -> str:
    try:
        path = Path(path).relative_to(ROOT).as_posix()
    except ValueError:
        pass
    return path if path.isprintable() else repr(path)


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.preview", description=__doc__.split("\n\n")[0])
    parser.add_argument("--folder", type=Path, default=DEFAULT_FOLDER, help="where the preview is built (default: build/preview)")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as Ctrl-C does: the builder too
    try:
        port = check_port(os.environ.get("PORT"))
        package_dir = dataset_dir().resolve()
        if not package_dir.is_dir():
            raise Refused(f"DATASET={package_dir}: not a folder")
        folder = check_folder(args.folder)
        with open(folder / ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise Refused(f"{folder}: another preview is using it (stop it, or give --folder)") from None
            return serve(package_dir, folder, port)
    except (Refused, TargetError) as e:
        print(f"make serve: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
