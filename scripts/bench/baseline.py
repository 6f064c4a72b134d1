"""The baseline the pipeline is compared with: bare MkDocs Material building the pipeline's staged
Markdown (BUILD_STAGING)."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from .common import BENCH, timed

STAGING = BENCH / "staging"  # where the pipeline's builds keep their staged Markdown (BUILD_STAGING)


def bare_config(lang: str, out: Path) -> Path:
    """The baseline: theme material with font: false and the search plugin, nothing else."""
    config = {
        "site_name": "bare",
        "docs_dir": str(STAGING / lang / "docs"),
        "site_dir": str(out),
        "theme": {"name": "material", "font": False, "language": lang},
        "plugins": ["search"],
    }
    path = BENCH / f"bare-{lang}.yml"
    path.write_text(json.dumps(config), encoding="utf-8")
    return path


def bare_build(env: dict[str, str]) -> float:
    """Seconds of one baseline build of both languages."""
    out = BENCH / "bare-site"
    elapsed = 0.0
    for lang in ("ko", "en"):  # one after the other; only the builds themselves are timed
        shutil.rmtree(out, ignore_errors=True)
        elapsed += timed([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(bare_config(lang, out))], env)[0]
    return elapsed
