"""What the builder keeps warm between builds, so that a save costs what changed and not the start
of everything again. Each language's build is a fork of the builder (scripts/preview/rebuild.py):
what the builder holds in memory before it forks, each fork has without paying for it; what a fork
learns dies with it, unless it is kept on disk.

- in memory, made once: the imports (MkDocs, the theme, the Markdown extensions), Kiwi (two
  seconds, for the Korean pages' first-use links) and the list of the theme's files (MkDocs walks
  Material's 14,000 files, icons included, on every build to find its static files);
- in memory, refreshed by a first generation in the builder: Python's cache of compiled regular
  expressions (the article's spans compile some 2,000 patterns, four times the cache's usual size)
  and the first-use links' cache of Kiwi's analyses;
- on disk, in the preview's folder: the compiled templates (Jinja's bytecode cache) and the maps
  Graphviz laid out, by the DOT source they were laid out from.

None of this is used by `make site`: only the builder calls install()."""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import lru_cache
from pathlib import Path

from ..site.build import BASE_CONFIG

REGEX_CACHE = 16384  # re._MAXCACHE is 512: the article's patterns alone would evict each other
DOT_KEPT = 16  # map layouts kept on disk (each a language's whole set)


def single_threaded_kiwi():
    """search.kiwi's analyser, with no threads of its own (num_workers=0): a process forked from
    the builder keeps only the thread that forked it, and a Kiwi that analyses on a pool of threads
    would wait for ever on threads it no longer has. The same dictionaries as search.kiwi, so the
    same morphemes."""
    from kiwipiepy import Kiwi

    analyser = Kiwi(num_workers=0, load_typo_dict=False, load_multi_dict=False, load_default_dict=False)
    analyser.tokenize("가")  # builds the model's tables once, in the builder, for every fork
    return analyser


def install(folder: Path) -> None:
    """Load and patch, in the builder, before its first build (`folder`: the preview's folder)."""
    import jinja2
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files
    from mkdocs.theme import Theme

    from ..site import graphs, search

    re._MAXCACHE = REGEX_CACHE  # type: ignore[attr-defined]
    load_config(config_file=str(BASE_CONFIG))  # imports the theme and the Markdown extensions
    search.kiwi = lru_cache(maxsize=1)(single_threaded_kiwi)
    search.kiwi()

    bytecode = jinja2.FileSystemBytecodeCache(str(_folder(folder / "cache" / "jinja")))
    get_env = Theme.get_env

    def env_with_cache(self):
        env = get_env(self)
        env.bytecode_cache = bytecode  # by template name and source checksum: never stale
        return env

    Theme.get_env = env_with_cache

    listed: dict[tuple, list[tuple[str, str]]] = {}
    add_files_from_theme = Files.add_files_from_theme

    def theme_files(self, env, config):
        """Files.add_files_from_theme, its walk of the theme's folders done once per theme."""
        from mkdocs.structure.files import File

        key = (tuple(config.theme.dirs), tuple(config.theme.static_templates))
        if key not in listed:
            probe = Files([])
            add_files_from_theme(probe, env, config)
            listed[key] = [(f.src_uri, f.src_dir) for f in probe]
        for path, src_dir in listed[key]:
            if self.get_file_from_path(path) is None:
                self.append(File(path, src_dir, config.site_dir, config.use_directory_urls))

    Files.add_files_from_theme = theme_files

    run_dot = graphs.run_dot
    dot_cache = _folder(folder / "cache" / "dot")

    def cached_dot(sources: list[str]) -> list[str]:
        """graphs.run_dot, whose layouts are kept by their DOT source: the same maps, no `dot`."""
        key = hashlib.sha256("\0".join(sources).encode("utf-8")).hexdigest()
        path = dot_cache / f"{key}.json"
        try:
            documents = json.loads(path.read_text(encoding="utf-8"))
            os.utime(path)  # recently used: kept
            return documents
        except (OSError, ValueError):
            pass
        documents = run_dot(sources)
        path.with_suffix(".tmp").write_text(json.dumps(documents), encoding="utf-8")
        os.replace(path.with_suffix(".tmp"), path)
        _keep_newest(dot_cache, DOT_KEPT)
        return documents

    graphs.run_dot = cached_dot


def prime(config_path: Path) -> None:
    """List the theme's files for the configuration at `config_path`, in the builder, so that each
    fork finds the list made."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import Files

    config = load_config(config_file=str(config_path))
    Files([]).add_files_from_theme(config.theme.get_env(), config)


def _keep_newest(folder: Path, count: int) -> None:
    """Remove all but the `count` most recently used files of `folder` (the other language's fork
    may be removing some too)."""
    used = []
    for path in folder.glob("*.json"):
        try:
            used.append((path.stat().st_mtime, path))
        except FileNotFoundError:
            pass
    for _, path in sorted(used)[:-count]:
        path.unlink(missing_ok=True)


def _folder(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
