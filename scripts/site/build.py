"""`make site`: validate the package, stage both languages as plain Markdown, build them with
MkDocs Material in parallel, add the Korean search segments, and only then replace `SITE_DIR`.

    python -m scripts.site.build            # DATASET, SITE_DIR (site), SITE_URL (http://127.0.0.1:8000/)

Korean is served at the root and English under `en/`, the same path under each. A failed build
prints what went wrong and leaves the previous SITE_DIR exactly as it was."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..paths import ROOT, dataset_dir
from ..validate import Unreadable, validate
from .. import release
from ..changelog import latest_notes
from . import api
from .pages import CITE, DOWNLOADS, FOLDERS, NAV_RESOURCES, TIMELINE, Site, pages, search_names
from .finish import Worker
from .sitemap import add_alternates
from .text import LANGS, t

DOCS = ROOT / "docs"
STAGING = ROOT / "build" / "staging"
BASE_CONFIG = ROOT / "mkdocs.yml"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
# Where each language's tree lives under the site root.
PREFIX = {"ko": "", "en": "en/"}
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}
HAND_WRITTEN = ("about.md", "method.md", "license.md")


class BuildError(Exception):
    pass


TIMINGS: dict[str, float] = {}  # seconds per stage of the last build, for `make bench`


@contextmanager
def stage(name: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        TIMINGS[name] = TIMINGS.get(name, 0.0) + time.perf_counter() - start


def site_url() -> str:
    url = os.environ.get("SITE_URL") or DEFAULT_SITE_URL
    return url if url.endswith("/") else url + "/"


def nav(lang: str) -> list[dict[str, object]]:
    items: list[dict[str, object]] = [{t("home", lang): "index.md"}, {t("article", lang): "article/index.md"}]
    items += [{t(resource, lang): f"{FOLDERS[resource]}/index.md"} for resource in NAV_RESOURCES]
    items.append({t("timeline", lang): TIMELINE})
    items.append({t("schema", lang): "schema/index.md"})
    items.append({t("downloads", lang): DOWNLOADS})
    items.append({t("about_section", lang): [{t(page[:-3], lang): page} for page in HAND_WRITTEN] + [{t("how_to_cite", lang): CITE}]})
    return items


def config(lang: str, docs_dir: Path, out_dir: Path, url: str) -> dict[str, object]:
    """The configuration of one language's build; everything shared lives in mkdocs.yml."""
    return {
        "INHERIT": str(BASE_CONFIG),
        "site_name": t("site_name", lang),
        "site_url": url + PREFIX[lang],
        "docs_dir": str(docs_dir),
        "site_dir": str(out_dir),
        "theme": {"name": "material", "language": lang, "custom_dir": str(DOCS / "overrides"), "font": False},
        "plugins": [],  # no Material search: scripts/site/search.py indexes with Pagefind
        "nav": nav(lang),
        "extra": {
            # Relative links, so the switcher works on any host and port; the override in
            # docs/overrides/partials/alternate.html appends the current page's path.
            "alternate": [{"name": LANGUAGE_NAMES[x], "lang": x, "link": _root_from(lang) + PREFIX[x], "url": url + PREFIX[x]} for x in LANGS],
            "search": {"more": t("search_more", lang), "failed": t("search_failed", lang)},  # docs/overrides/partials/search.html
        },
    }


def _root_from(lang: str) -> str:
    """The site root, relative to the root of `lang`'s tree."""
    return "../" * PREFIX[lang].count("/")


def stage_language(site_data: Site, lang: str, root: Path, out_dir: Path, url: str) -> Path:
    """Write one language's Markdown tree and configuration; returns the configuration file."""
    docs = root / "docs"
    shutil.rmtree(root, ignore_errors=True)
    docs.mkdir(parents=True)
    for path, text in pages(site_data, lang).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    for page in HAND_WRITTEN:
        source = DOCS / lang / page
        if not source.is_file():
            raise BuildError(f"docs/{lang}/{page}: missing hand-written page")
        shutil.copyfile(source, docs / page)
    shutil.copytree(DOCS / "assets", docs / "assets")
    config_path = root / "mkdocs.yml"
    config_path.write_text(json.dumps(config(lang, docs, out_dir, url), ensure_ascii=False, indent=2), encoding="utf-8")
    return config_path


def mkdocs_build(config_path: Path, log: Path) -> None:
    with open(log, "w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config_path)], stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise BuildError(f"mkdocs build -f {config_path} failed:\n{log.read_text(encoding='utf-8')}")


def source_date_epoch() -> str:
    """The last commit's time, so that the same commit builds the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "0"


def read_citation() -> dict[str, object]:
    import yaml

    return yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))


def build(package_dir: Path, site_dir: Path, url: str) -> int:
    """Build into a temporary folder beside `site_dir`, then swap it in; returns the page count."""
    TIMINGS.clear()
    workers = {lang: Worker(lang) for lang in LANGS}  # see scripts/site/finish.py
    try:
        return _build(package_dir, site_dir, url, workers)
    finally:
        for worker in workers.values():
            worker.close()


def _build(package_dir: Path, site_dir: Path, url: str, workers: dict[str, Worker]) -> int:
    with stage("validate"):
        problems, loaded = validate(package_dir)
    if problems:
        raise BuildError("the data package is not valid:\n" + "\n".join(map(str, problems)))
    version = str(loaded.descriptor.get("version", ""))
    epoch = source_date_epoch()
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    for stale in site_dir.parent.glob(f".{site_dir.name}-build-*"):  # left by a build that was killed
        shutil.rmtree(stale, ignore_errors=True)
    work = Path(tempfile.mkdtemp(prefix=f".{site_dir.name}-build-", dir=site_dir.parent))
    try:
        downloads = work / "downloads"
        with stage("downloads"):
            extra = {"LICENSE-DATA": (ROOT / "LICENSE-DATA").read_bytes()}
            artifacts = release.build(package_dir, loaded, downloads, int(epoch), extra)
        notes = latest_notes((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"), version)
        citation = read_citation()
        outs = {lang: work / "out" / lang for lang in LANGS}
        sites = {
            lang: Site(loaded, version, url + PREFIX[lang], url, _root_from(lang), artifacts, notes, citation)
            for lang in LANGS
        }
        with stage("generate"):
            configs = {lang: stage_language(sites[lang], lang, STAGING / lang, outs[lang], url) for lang in LANGS}
        with stage("mkdocs"), ThreadPoolExecutor(max_workers=len(LANGS)) as pool:
            for future in [pool.submit(mkdocs_build, configs[lang], work / f"{lang}.log") for lang in LANGS]:
                future.result()
        with stage("search index"), ThreadPoolExecutor(max_workers=len(LANGS)) as pool:
            names = search_names(sites["ko"])
            futures = {lang: pool.submit(workers[lang].run, outs[lang], names) for lang in LANGS}
            for lang, future in futures.items():
                try:
                    steps = future.result()
                except RuntimeError as e:
                    raise BuildError(str(e)) from None
                TIMINGS.update({f"search index: {lang} {step}": seconds for step, seconds in steps.items()})
        with stage("finish"):
            new = work / "site"
            shutil.move(outs["ko"], new)
            shutil.move(outs["en"], new / PREFIX["en"].rstrip("/"))
            add_alternates(new, url, PREFIX)
            pages_built = sum(1 for _ in new.rglob("index.html"))
            for path, data in api.files(sites["ko"], url).items():
                (new / path).parent.mkdir(parents=True, exist_ok=True)
                (new / path).write_bytes(data)
            shutil.copytree(downloads, new / "downloads" / version)
            shutil.copytree(downloads, new / "downloads" / "latest")
            swap(new, site_dir, work)
        return pages_built
    finally:
        shutil.rmtree(work, ignore_errors=True)


def swap(new: Path, site_dir: Path, work: Path) -> None:
    """Replace `site_dir` by `new`: the old tree is moved aside first and restored on failure."""
    old = work / "previous"
    if site_dir.exists():
        os.rename(site_dir, old)
    try:
        os.rename(new, site_dir)
    except BaseException:
        if old.exists():
            os.rename(old, site_dir)
        raise


def main() -> int:
    site_dir = Path(os.environ.get("SITE_DIR") or ROOT / "site")
    try:
        count = build(dataset_dir(), site_dir, site_url())
    except Unreadable as e:
        print(f"make site: {e}", file=sys.stderr)
        return 2
    except BuildError as e:
        print(f"make site: {e}\nmake site: {site_dir} was left as it was", file=sys.stderr)
        return 1
    print(f"built {site_dir}: {count} pages ({', '.join(LANGS)})")
    if os.environ.get("BUILD_TIMINGS"):
        Path(os.environ["BUILD_TIMINGS"]).write_text(json.dumps({"pages": count, **TIMINGS}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
