"""The baseline the pipeline is compared with: bare MkDocs Material building the pipeline's own
staged Markdown (BUILD_STAGING), as the pipeline's mkdocs stage does, but with nothing of ours:

- the same pages and the same navigation (scripts/site/build.py's nav(lang): the index pages, the
  record pages omitted and reached from them), so that the sidebar is as long as ours; without it,
  Material lists every page on every page, which takes time quadratic in the pages;
- the same markdown_extensions as mkdocs.yml, so that the same Markdown renders to the same pages
  (our generated pages hold tables, attribute lists and HTML with Markdown inside);
- the two languages built at the same time, as the pipeline builds them (the wall time of both);
- theme material with font: false and the language, and Material's own search plugin on: what a
  site of these pages would have with MkDocs alone (the pipeline's search index is Pagefind's).

Nothing else: no overrides (custom_dir), no theme features, no extra CSS or JavaScript entries (the
staged assets are copied all the same), no extra, no validation settings.

`extensions=False` builds the same without our markdown_extensions (MkDocs' defaults), a figure for
comparison only: those pages lack the tables and the Markdown inside HTML."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

from ..site.build import BASE_CONFIG, nav
from ..site.text import LANGS
from .common import BENCH

STAGING = BENCH / "staging"  # where the pipeline's builds keep their staged Markdown (BUILD_STAGING)


def markdown_extensions() -> str:
    """The `markdown_extensions:` block of mkdocs.yml as written there (its YAML tags, such as the
    slugify function, load only in MkDocs' own loader, so the text is copied, not re-dumped)."""
    lines = BASE_CONFIG.read_text(encoding="utf-8").splitlines()
    start = lines.index("markdown_extensions:")
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()), len(lines))
    return "\n".join(lines[start:end]).rstrip() + "\n"


def bare_config(lang: str, out: Path, extensions: bool = True) -> Path:
    config = {
        "site_name": "bare",
        "docs_dir": str(STAGING / lang / "docs"),
        "site_dir": str(out),
        "theme": {"name": "material", "font": False, "language": lang},
        "plugins": ["search"],
        "nav": nav(lang),
    }
    path = BENCH / f"bare-{lang}{'' if extensions else '-plain'}.yml"
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False)
    path.write_text(text + (markdown_extensions() if extensions else ""), encoding="utf-8")
    return path


def bare_build(env: dict[str, str], extensions: bool = True) -> float:
    """Wall seconds of one baseline build of both languages at once."""
    # Into the folder of the run before, as `mkdocs build` is run again and again: MkDocs empties
    # it first, as the pipeline replaces its previous site.
    outs = {lang: BENCH / "bare-site" / lang for lang in LANGS}
    configs = {lang: bare_config(lang, outs[lang], extensions) for lang in LANGS}
    os.sync()  # as common.timed: no run pays for another's writes
    start = time.perf_counter()
    running = {lang: subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(configs[lang])], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT) for lang in LANGS}
    logs = {lang: p.communicate()[0] for lang, p in running.items()}
    elapsed = time.perf_counter() - start
    for lang, p in running.items():
        if p.returncode != 0:
            raise RuntimeError(f"bare build ({lang}) failed:\n{logs[lang].decode('utf-8', 'replace')[-3000:]}")
    return elapsed


DESCRIPTION = """The baseline is bare MkDocs Material building the pipeline's own staged Markdown with the
same navigation as the site's (the index pages; record pages omitted, reached from them), the same
`markdown_extensions` as mkdocs.yml, so that the same Markdown renders to the same pages, the two
languages built at the same time as the pipeline builds them, and Material's own search plugin on;
theme material with font: false and the language, nothing else of ours (scripts/bench/baseline.py).
"bare, no ext." is the same without our Markdown extensions (one run; pages without their tables),
for comparison only."""
