"""One language of the preview: its Markdown staged where only changed files are rewritten, and
MkDocs run in this process on it, dirty (only pages whose Markdown is newer than their HTML) unless
asked for a clean build.

`make site` stages every file afresh and runs `mkdocs build` in a new process per language (a
second of imports each time). The preview keeps the staged tree between builds: a file whose text
did not change keeps its modification time, so MkDocs' dirty build (mkdocs/commands/build.py,
File.is_modified: the HTML older than its source) skips it; the pages written by this build are
then the only ones to finish (their Content-Security-Policy, scripts/site/csp.py)."""

from __future__ import annotations

import json
import logging
import time
from pathlib import Path

from ..site.build import BuildError, staged_files
from ..site.build import config_text as staged_config
from ..site.csp import with_policy
from ..site.pages import Site

DIRTY_WARNING = "A 'dirty' build is being performed"


def html_of(md: str) -> str:
    """Where MkDocs writes the page of the staged Markdown `md` (use_directory_urls)."""
    stem = md[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def sync(docs: Path, files: dict[str, bytes], site_dir: Path) -> list[str]:
    """Write the files of `files` whose bytes differ from what `docs` holds, remove those it no
    longer has (and their pages under `site_dir`: a dirty build never removes a page); the paths
    written."""
    written = []
    for rel, data in files.items():
        path = docs / rel
        try:
            if path.read_bytes() == data:
                continue
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(rel)
    for path in sorted(docs.rglob("*")):
        rel = path.relative_to(docs).as_posix()
        if path.is_file() and rel not in files:
            path.unlink()
            if rel.endswith(".md"):
                (site_dir / html_of(rel)).unlink(missing_ok=True)
    return written


class _NoDirtyWarning(logging.Filter):
    """MkDocs warns that a dirty build may leave the navigation stale; in strict mode that warning
    alone would fail the build. The preview's navigation is fixed (record pages are not in it), so
    the warning says nothing here."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)


class _Collect(logging.Handler):
    """MkDocs' warnings and errors, kept for the report of a failed build."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname}: {record.getMessage()}")


def mkdocs(config_path: Path, site_dir: Path, dirty: bool) -> list[str]:
    """MkDocs in this process, into `site_dir`; the HTML files it wrote (relative to `site_dir`). A
    failure raises BuildError with MkDocs' messages."""
    from mkdocs import utils
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    collect = _Collect()
    logger = logging.getLogger("mkdocs")
    quiet = _NoDirtyWarning()
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    logger.addHandler(collect)
    logger.propagate = False  # the report says what went wrong, once
    written: list[str] = []
    write_file = utils.write_file

    def recording(content: bytes, output_path: str) -> None:
        # every page and template MkDocs writes goes through here (mkdocs/commands/build.py)
        write_file(content, output_path)
        if output_path.endswith(".html"):
            written.append(Path(output_path).relative_to(site_dir).as_posix())

    utils.write_file = recording
    try:
        build(load_config(config_file=str(config_path), site_dir=str(site_dir)), dirty=dirty)
    except BaseException as e:  # noqa: BLE001 - Abort is a SystemExit
        lines = collect.lines or [f"{type(e).__name__}: {e}"]
        raise BuildError(f"mkdocs build -f {config_path} failed:\n" + "\n".join(lines)) from None
    finally:
        utils.write_file = write_file
        logger.removeHandler(collect)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    return sorted(set(written))


def config_text(lang: str, staging: Path, live_dir: Path, url: str, footer: dict[str, str]) -> str:
    """The staged configuration of `lang`; it names `live_dir`, where the preview serves the
    language from (a clean build is sent elsewhere, see build_language)."""
    return staged_config(lang, staging / "docs", live_dir, url, footer)


def config_changed(staging: Path, text: str) -> bool:
    """Whether the staged configuration differs from `text`: a new footer, title or navigation is
    on every page, so the build must be clean."""
    path = staging / "mkdocs.yml"
    return not path.is_file() or path.read_text(encoding="utf-8") != text


def write_config(staging: Path, text: str) -> Path:
    """The staged configuration `text` (config_text) in `staging`, written when it changed, and
    its docs folder; the configuration's path."""
    (staging / "docs").mkdir(parents=True, exist_ok=True)
    path = staging / "mkdocs.yml"
    if config_changed(staging, text):
        path.write_text(text, encoding="utf-8")
    return path


def build_language(site: Site, lang: str, staging: Path, site_dir: Path, config: str, clean: bool) -> dict[str, object]:
    """Stage `lang` under `staging` with its configuration `config` (config_text), build it into
    `site_dir` (clean, or dirty over what is there) and give each page MkDocs wrote its policy;
    {"pages": the HTML files written, relative to `site_dir`, "staged": the staged files that
    changed}."""
    docs = staging / "docs"
    config_path = write_config(staging, config)
    live_dir = Path(json.loads(config)["site_dir"])
    start = time.perf_counter()
    written = sync(docs, staged_files(site, lang), live_dir)
    generated = time.perf_counter()
    fresh = mkdocs(config_path, site_dir, dirty=not clean)
    built = time.perf_counter()
    for rel in fresh:
        path = site_dir / rel
        try:
            path.write_text(with_policy(path.read_text(encoding="utf-8")), encoding="utf-8")
        except ValueError as e:
            raise BuildError(f"{path}: {e}") from None
    seconds = {f"{lang} generate": generated - start, f"{lang} mkdocs": built - generated, f"{lang} policy": time.perf_counter() - built}
    return {"pages": fresh, "staged": written, "seconds": seconds}
