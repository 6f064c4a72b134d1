"""What the preview watches (the data package, docs/, schemas/, mkdocs.yml, the changelogs and
CITATION.cff the pages quote), and how a burst of saves becomes one build.

An editor's save is often several events (a temporary file written, renamed over the old one,
its folder's time touched): changes are collected until none has come for DEBOUNCE seconds. A
change to the templates, the configuration or the models (schemas/, docs/overrides/, mkdocs.yml)
asks for a clean build in a new builder, the models being Python the builder has imported; any
other change, a dirty one (scripts/preview/language.py)."""

from __future__ import annotations

import queue
import time
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..changelog import CHANGELOGS
from ..paths import ROOT

DEBOUNCE = 0.1  # seconds without a new change before the build starts
# Whatever changes here changes every page, or what the builder has imported.
CLEAN = ("schemas", "docs/overrides", "mkdocs.yml")
ROOT_FILES = ("mkdocs.yml", "CITATION.cff", *CHANGELOGS.values())


def ignored(path: str) -> bool:
    """Editors' scratch files (.swp, ~, .#lock, 4913) and Python's caches: never a change."""
    name = Path(path).name
    return name.startswith((".", "#")) or name.endswith(("~", ".swp", ".swx", ".tmp", ".pyc")) or name == "4913" or "__pycache__" in Path(path).parts


class _Events(FileSystemEventHandler):
    def __init__(self, changes: "queue.Queue[str]", only: set[str] | None = None) -> None:
        self.changes = changes
        self.only = only  # in a watched folder that holds more than what we watch: these names

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        for path in (event.src_path, getattr(event, "dest_path", "")):
            path = path.decode() if isinstance(path, bytes) else path
            if not path or ignored(path) or (self.only is not None and Path(path).name not in self.only):
                continue
            if event.is_directory and event.event_type == "modified":
                continue  # a folder's time: the file's own event follows
            self.changes.put(path)


class Watcher:
    """Every change under the watched paths, as a path, on `changes`."""

    def __init__(self, package_dir: Path) -> None:
        self.changes: "queue.Queue[str]" = queue.Queue()
        self.observer = Observer()
        self.observer.schedule(_Events(self.changes), str(package_dir), recursive=True)
        for folder in ("docs", "schemas"):
            self.observer.schedule(_Events(self.changes), str(ROOT / folder), recursive=True)
        self.observer.schedule(_Events(self.changes, set(ROOT_FILES)), str(ROOT), recursive=False)

    def start(self) -> None:
        self.observer.start()

    def stop(self) -> None:
        self.observer.stop()
        self.observer.join()

    def next_burst(self, timeout: float | None = None) -> list[str] | None:
        """The paths of the next burst of changes (waiting up to `timeout` for its first), or None."""
        try:
            paths = [self.changes.get(timeout=timeout)]
        except queue.Empty:
            return None
        quiet_since = time.monotonic()
        while time.monotonic() - quiet_since < DEBOUNCE:
            try:
                paths.append(self.changes.get(timeout=DEBOUNCE))
                quiet_since = time.monotonic()
            except queue.Empty:
                break
        return sorted(set(paths))


def needs_clean(paths: list[str]) -> bool:
    """Whether a change to `paths` asks for a clean build in a new builder."""
    for path in paths:
        p = Path(path).resolve()
        for top in CLEAN:
            if p == ROOT / top or p.is_relative_to(ROOT / top):
                return True
    return False
