"""`make site`: validate the package, stage both languages as plain Markdown, build them with
MkDocs Material in parallel, add the Korean search segments, and only then replace `SITE_DIR`.

    python -m scripts.site.build            # DATASET, SITE_DIR (site), SITE_URL (http://127.0.0.1:8000/), REPO_URL (none)

Korean is served at the root and English under `en/`, the same path under each. A failed build
prints what went wrong and leaves the previous SITE_DIR exactly as it was. Before it reads the
package, the build checks its settings and refuses (exit status 2) a SITE_DIR it could not replace
without losing what it did not make (scripts/site/target.py); one build at a time writes a SITE_DIR.
The Markdown is staged in the build's own temporary folder, or, for `make bench` only, in
BUILD_STAGING (a folder inside bench/)."""

from __future__ import annotations

import functools
import json
import multiprocessing
import os
import pickle
import shutil
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable, TypeVar

from ..package import files
from ..paths import ROOT, dataset_dir
from ..validate import Unreadable, validate
from ..problems import shown_lines
from .. import release
from ..release import citation as cff
from ..changelog import CHANGELOGS, latest_notes, releases
from . import api
from . import graphs
from .pages import CITE, DOWNLOADS, FOLDERS, GUIDE, MAP, NAV_RESOURCES, TIMELINE, Site, pages, search_names
from .finish import Worker
from .sitemap import add_alternates, write_robots
from .text import LANGS, t
from .target import OWNER, TargetError, check_epoch, check_repo_url, check_site_dir, check_site_url, check_staging, locked, sweep, work_folder, write_marker

DOCS = ROOT / "docs"
BASE_CONFIG = ROOT / "mkdocs.yml"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
# Where each language's tree lives under the site root.
PREFIX = {"ko": "", "en": "en/"}
LANGUAGE_NAMES = {"ko": "한국어", "en": "English"}
# Open Graph locales (og:locale); the default language (hreflang x-default) is the one at the root.
LOCALES = {"ko": "ko_KR", "en": "en_US"}
DEFAULT_LANG = "ko"
HAND_WRITTEN = ("about.md", "method.md", "license.md")


class BuildError(Exception):
    pass


class TwinFailed(BuildError):
    """A language stopped because the other failed."""


T = TypeVar("T")


class Child:
    """A job run in a child forked from this process, so that it has what the build has loaded
    without copying or reloading it, on the other core. Why: much of the build is Python that holds
    one interpreter (one core) while the machine has two."""

    def __init__(self, name: str, job: Callable[[], T]) -> None:
        context = multiprocessing.get_context("fork")
        self.name = name
        self.receive, send = context.Pipe(duplex=False)
        self.process = context.Process(target=_run_child, args=(job, send), daemon=True)
        self.process.start()
        send.close()  # the child's end: recv() then sees the end of a child that died

    def result(self) -> T:
        """What the job returned; what it raised is raised here as it was raised there."""
        try:
            ok, value = self.receive.recv()
        except EOFError:
            ok, value = False, None
        self.process.join(timeout=60)  # it has sent all it will: it is ending
        self.close()
        if value is None and not ok:
            raise BuildError(f"the {self.name} process ended without a result (exit status {self.process.exitcode})")
        if not ok:
            raise value
        return value

    def close(self) -> None:
        """End the child if it still runs (the build failed before it asked for the result)."""
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.receive.close()


def _run_child(job: Callable[[], T], send) -> None:
    try:
        value = (True, job())
    except BaseException as e:  # sent back whole, to be raised in the build
        value = (False, e)
    try:
        send.send(value)
    except (pickle.PicklingError, TypeError, AttributeError):
        send.send((False, BuildError(f"{type(value[1]).__name__}: {value[1]}")))


TIMINGS: dict[str, float] = {}  # seconds per stage of the last build, for `make bench`


@contextmanager
def stage(name: str):
    start = time.perf_counter()
    try:
        yield
    finally:
        TIMINGS[name] = TIMINGS.get(name, 0.0) + time.perf_counter() - start


def site_url() -> str:
    return check_site_url(os.environ.get("SITE_URL") or DEFAULT_SITE_URL)


def checkout_file(rel: str) -> Path:
    """A file of the checkout the build reads: a regular file that resolves inside the checkout."""
    try:
        resolved = files.inside(ROOT, rel)
    except files.Refused:
        resolved = None
    except OSError as e:
        raise BuildError(f"{rel}: cannot be read ({e.strerror or e})") from None
    if resolved is None or not resolved.is_file():
        raise BuildError(f"{rel}: not a regular file inside the checkout")
    return resolved


def checkout_files(rel: str) -> dict[str, Path]:
    """Every file under the checkout folder `rel`, by its path inside it, each as checkout_file."""
    top = ROOT / rel
    if top.is_symlink() or not top.is_dir():
        raise BuildError(f"{rel}: not a folder of the checkout")
    out = {}
    for dirpath, dirnames, filenames in os.walk(top):
        for name in sorted(dirnames):
            if (Path(dirpath) / name).is_symlink():
                raise BuildError(f"{(Path(dirpath) / name).relative_to(ROOT).as_posix()}: a link to a folder, not a folder of the checkout")
        for name in sorted(filenames):
            inner = (Path(dirpath) / name).relative_to(top).as_posix()
            out[inner] = checkout_file(f"{rel}/{inner}")
    return out


def nav(lang: str) -> list[dict[str, object]]:
    items: list[dict[str, object]] = [{t("home", lang): "index.md"}, {t("article", lang): "article/index.md"}]
    items += [{t(resource, lang): f"{FOLDERS[resource]}/index.md"} for resource in NAV_RESOURCES]
    items.append({t("timeline", lang): TIMELINE})
    items.append({t("map", lang): MAP})
    items.append({t("schema", lang): "schema/index.md"})
    items.append({t("downloads", lang): DOWNLOADS})
    items.append({t("about_section", lang): [{t("guide", lang): GUIDE}] + [{t(page[:-3], lang): page} for page in HAND_WRITTEN] + [{t("how_to_cite", lang): CITE}]})
    return items


def config(lang: str, docs_dir: Path, out_dir: Path, url: str, footer: dict[str, str]) -> dict[str, object]:
    """The configuration of one language's build; everything shared lives in mkdocs.yml. `footer`:
    the data version and the date of its release in this language's changelog (footer_facts)."""
    return {
        "INHERIT": str(BASE_CONFIG),
        "site_name": t("site_name", lang),
        "site_description": t("home_lead", lang),  # for a page without its own (the 404 page)
        "site_url": url + PREFIX[lang],
        "docs_dir": str(docs_dir),
        "site_dir": str(out_dir),
        "theme": {"name": "material", "language": lang, "custom_dir": str(DOCS / "overrides"), "font": False},
        "plugins": [],  # no Material search: scripts/site/search.py indexes with Pagefind
        "nav": nav(lang),
        "extra": {
            # `link`: relative, so the switcher works on any host and port (the override in
            # docs/overrides/partials/alternate.html appends the current page's path); `url`:
            # absolute, for the alternates in the head (docs/overrides/main.html).
            "alternate": [
                {"name": LANGUAGE_NAMES[x], "lang": x, "link": _root_from(lang) + PREFIX[x], "url": url + PREFIX[x], "locale": LOCALES[x], "default": x == DEFAULT_LANG}
                for x in LANGS
            ],
            # docs/overrides/partials/copyright.html
            "footer": {**footer, "licence": "CC BY 4.0", "licence_label": t("footer_licence", lang), "version_label": t("footer_version", lang), "released_label": t("footer_released", lang)},
            "search": {"more": t("search_more", lang), "failed": t("search_failed", lang)},  # docs/overrides/partials/search.html
        },
    }


def footer_facts(text: str, version: str, name: str) -> dict[str, str]:
    """The footer's data version and the date of its release in the changelog `name` (whose newest
    release latest_notes has checked is `version`)."""
    date = next((d for v, d, _ in releases(text) if v == version), None)
    if not date:
        raise ValueError(f"{name}: the release {version} has no date (## [{version}] - YYYY-MM-DD)")
    return {"version": version, "date": date}


def changelog_facts(version: str) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """Per language, the notes of `version`'s release (the downloads page shows them) and the
    footer's facts, from that language's changelog; BuildError if `version` is not its newest."""
    try:
        changelogs = {lang: checkout_text(name) for lang, name in CHANGELOGS.items()}
        notes = {lang: latest_notes(changelogs[lang], version, CHANGELOGS[lang]) for lang in CHANGELOGS}
        footers = {lang: footer_facts(changelogs[lang], version, CHANGELOGS[lang]) for lang in CHANGELOGS}
    except ValueError as e:  # "CHANGELOG.ko.md: newest release is …, the package version is …"
        raise BuildError(str(e)) from None
    return notes, footers


def _root_from(lang: str) -> str:
    """The site root, relative to the root of `lang`'s tree."""
    return "../" * PREFIX[lang].count("/")


def staged_files(site_data: Site, lang: str) -> dict[str, bytes]:
    """Every file of one language's docs folder, by its path there: the generated pages, the
    hand-written pages and the assets (stage_language writes them; so does the preview, only those
    that changed)."""
    out = {path: text.encode("utf-8") for path, text in pages(site_data, lang).items()}
    for page in HAND_WRITTEN:
        if not (DOCS / lang / page).exists():
            raise BuildError(f"docs/{lang}/{page}: missing hand-written page")
        out[page] = checkout_file(f"docs/{lang}/{page}").read_bytes()
    for inner, source in checkout_files("docs/assets").items():
        out[f"assets/{inner}"] = source.read_bytes()
    return out


def config_text(lang: str, docs_dir: Path, out_dir: Path, url: str, footer: dict[str, str]) -> str:
    """The staged mkdocs.yml of one language (JSON, which is YAML): config() as text."""
    return json.dumps(config(lang, docs_dir, out_dir, url, footer), ensure_ascii=False, indent=2)


def stage_language(site_data: Site, lang: str, root: Path, out_dir: Path, url: str, footer: dict[str, str]) -> Path:
    """Write one language's Markdown tree and configuration; returns the configuration file."""
    docs = root / "docs"
    shutil.rmtree(root, ignore_errors=True)  # the build's own folder, or one inside bench/
    docs.mkdir(parents=True)
    for path, data in staged_files(site_data, lang).items():
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    config_path = root / "mkdocs.yml"
    config_path.write_text(config_text(lang, docs, out_dir, url, footer), encoding="utf-8")
    return config_path


def mkdocs_build(config_path: Path, log: Path) -> None:
    with open(log, "w", encoding="utf-8") as out:
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config_path)], stdout=out, stderr=subprocess.STDOUT)
    if done.returncode != 0:
        raise BuildError(f"mkdocs build -f {config_path} failed:\n{log.read_text(encoding='utf-8')}")


def source_date_epoch() -> str:
    """The last commit's time, so that the same commit builds the same bytes."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return check_epoch(os.environ["SOURCE_DATE_EPOCH"])
    done = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() if done.returncode == 0 and done.stdout.strip() else "0"


def checkout_text(rel: str) -> str:
    try:
        return checkout_file(rel).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise BuildError(f"{rel}: not UTF-8 text") from None
    except OSError as e:
        raise BuildError(f"{rel}: cannot be read ({e.strerror or e})") from None


def read_citation() -> dict[str, object]:
    import yaml

    try:
        return yaml.safe_load(checkout_text("CITATION.cff"))
    except yaml.YAMLError as e:
        raise BuildError("CITATION.cff: not valid YAML: " + " ".join(str(e).split())) from None


class SiteMoved(BuildError):
    """The swap failed half-way and the previous site could not be put back: it is elsewhere."""


def build(package_dir: Path, site_dir: Path, url: str, epoch: str, staging: Path | None = None, repo_url: str | None = None) -> int:
    """Build into a temporary folder beside `site_dir` (resolved and checked by check_site_dir),
    then swap it in; returns the page count. Staging goes to `staging` when given; `repo_url`
    (REPO_URL, checked by check_repo_url) goes into the citation and the JSON-LD when given."""
    TIMINGS.clear()
    workers = {lang: Worker(lang) for lang in LANGS}  # see scripts/site/finish.py
    try:
        return _build(package_dir, site_dir, url, epoch, staging, workers, repo_url)
    finally:
        for worker in workers.values():
            worker.close()


def _build(package_dir: Path, site_dir: Path, url: str, epoch: str, staging: Path | None, workers: dict[str, Worker], repo_url: str | None) -> int:
    with stage("validate"):
        problems, loaded = validate(package_dir)
    if problems:
        raise BuildError("the data package is not valid:\n" + "\n".join(shown_lines(problems)))
    version = str(loaded.descriptor.get("version", ""))
    os.environ["SOURCE_DATE_EPOCH"] = epoch
    notes, footers = changelog_facts(version)
    citation = read_citation()
    extra = {"LICENSE-DATA": checkout_file("LICENSE-DATA").read_bytes()}
    checkout_file(BASE_CONFIG.relative_to(ROOT).as_posix())
    checkout_files("docs/overrides")  # MkDocs reads them from there
    with locked(site_dir):
        # again, now that no other build writes it: one may have made it while this one waited
        site_dir = check_site_dir(str(site_dir), package_dir)
        sweep(site_dir)  # temporary folders of builds of this SITE_DIR that were killed
        work = work_folder(site_dir)
        keep = False
        try:
            return _build_in(work, package_dir, loaded, version, notes, footers, citation, extra, site_dir, url, epoch, staging or work / "staging", workers, repo_url)
        except SiteMoved:
            keep = True
            raise
        finally:
            if keep:  # it holds the previous site: never sweep it
                (work / OWNER).unlink(missing_ok=True)
            else:
                with stage("clean up"):  # the previous site among it
                    shutil.rmtree(work, ignore_errors=True)


def _build_in(work: Path, package_dir: Path, loaded, version: str, notes: dict[str, str], footers: dict[str, dict[str, str]], citation: dict[str, object], extra: dict[str, bytes],
              site_dir: Path, url: str, epoch: str, staging: Path, workers: dict[str, Worker], repo_url: str | None) -> int:
    downloads = work / "downloads"
    extra_files = work / "extra"  # the files of the site MkDocs does not write, moved in at the end
    # The downloads in a process of their own, while this one lays out the maps and writes the API.
    (extra_files / "downloads").mkdir(parents=True)
    making = Child("downloads", functools.partial(make_downloads, package_dir, loaded, downloads, int(epoch), extra, citation, extra_files / "downloads" / "latest"))
    try:
        sites = {lang: Site(loaded, version, url + PREFIX[lang], url, _root_from(lang), [], notes[lang], {}, repo_url) for lang in LANGS}
        with stage("maps"):  # every map of a language in one `dot` process, the languages side by side
            try:
                graphs.lay_out_all(sites)
            except graphs.GraphvizError as e:
                raise BuildError(str(e)) from None
        with stage("downloads"):  # the API files, then what is left of the downloads' time
            for path, data in api.files(sites["ko"], url).items():
                (extra_files / path).parent.mkdir(parents=True, exist_ok=True)
                (extra_files / path).write_bytes(data)
            artifacts = making.result()
    finally:
        making.close()
    outs = {lang: work / "out" / lang for lang in LANGS}
    # the citation as published at /CITATION.cff, with this build's addresses; the cite pages show it
    zip_name = next(a.name for a in artifacts if a.kind == "zip")
    citation = cff.published(citation, url, repo_url, f"{url}downloads/{version}/", zip_name, (downloads / "package" / "datapackage.json").is_file())
    for site in sites.values():  # what the pages say of the downloads
        site.artifacts, site.citation = artifacts, citation
    names = search_names(sites["ko"])
    # Each language goes through its own steps as fast as it can, not waiting for the other at the
    # end of a step: its pages generated in a process of its own, built by MkDocs, then finished by
    # its worker (scripts/site/finish.py). The stages are timed as the moments the last language
    # ends each step, so that their sum is the wall time; a language's own steps are timed as well.
    ended: dict[str, dict[str, float]] = {lang: {} for lang in LANGS}
    begun = time.perf_counter()
    headings: dict[str, dict[str, list[str]] | None] = {lang: None for lang in LANGS}  # its pages' heading ids, from its worker
    ready = {lang: threading.Event() for lang in LANGS}  # set once headings[lang] is known, or never will be
    # forked here, before any thread starts: a child forked beside a running thread could inherit
    # a lock that thread held
    generating = {lang: Child(f"{lang} pages", functools.partial(stage_language, sites[lang], lang, staging / lang, outs[lang], url, footers[lang])) for lang in LANGS}

    def one(lang: str) -> dict[str, float]:
        config_path = generating[lang].result()
        ended[lang]["generate"] = time.perf_counter()
        mkdocs_build(config_path, work / f"{lang}.log")
        ended[lang]["mkdocs"] = time.perf_counter()
        try:
            headings[lang] = workers[lang].start(outs[lang], names)
            ready[lang].set()
            other = next(x for x in LANGS if x != lang)
            ready[other].wait()
            if headings[other] is None:
                raise TwinFailed(f"the {other} pages failed: no twins for the {lang} pages")
            steps = workers[lang].finish(headings[other])
        except RuntimeError as e:
            raise BuildError(str(e)) from None
        ended[lang]["search index"] = time.perf_counter()
        return steps

    def one_or_none(lang: str) -> dict[str, float]:
        try:
            return one(lang)
        finally:
            ready[lang].set()  # a language that failed before its headings: its twin waits no more

    try:
        with ThreadPoolExecutor(max_workers=len(LANGS)) as pool:
            futures = {lang: pool.submit(one_or_none, lang) for lang in LANGS}
            errors = []
            for lang, future in futures.items():
                try:
                    TIMINGS.update({f"search index: {lang} {step}": seconds for step, seconds in future.result().items()})
                except BaseException as e:
                    errors.append(e)
            if errors:  # what went wrong, before what it stopped
                raise next((e for e in errors if not isinstance(e, TwinFailed)), errors[0])
    except BaseException:
        for worker in workers.values():  # one may still be indexing, into the folder about to be removed
            worker.close()
        raise
    finally:
        for child in generating.values():
            child.close()
    before = {"generate": None, "mkdocs": "generate", "search index": "mkdocs"}
    last = begun
    for step, previous in before.items():
        TIMINGS[step] = max(ended[lang][step] for lang in LANGS) - last
        last += TIMINGS[step]
        for lang in LANGS:
            TIMINGS[f"{step}: {lang}"] = ended[lang][step] - (ended[lang][previous] if previous else begun)
    with stage("finish"):
        new = work / "site"
        shutil.move(outs["ko"], new)
        shutil.move(outs["en"], new / PREFIX["en"].rstrip("/"))
        add_alternates(new, url, PREFIX, DEFAULT_LANG)
        write_robots(new, url, PREFIX)
        pages_built = sum(1 for _ in new.rglob("index.html"))
        # The file names carry no version (scripts/release/__init__.py): latest/ is a byte copy of
        # <version>/ (made with the downloads), and its links stay good across releases.
        os.rename(downloads, extra_files / "downloads" / version)
        move_into(extra_files, new)
        (new / "CITATION.cff").write_text(cff.cff_text(citation), encoding="utf-8")
        write_marker(new)  # so that the next build may replace this folder
        swap(new, site_dir, work)
    return pages_built


def make_downloads(package_dir: Path, loaded, out: Path, epoch: int, extra: dict[str, bytes], citation: dict[str, object], latest: Path) -> list:
    """The release's files in `out` (scripts/release/), and their copy in `latest`; the artifacts."""
    try:
        artifacts = release.build(package_dir, loaded, out, epoch, extra, citation=citation)
    except ValueError as e:  # a name that would leave the folder, a broken foreign key…
        raise BuildError(str(e)) from None
    shutil.copytree(out, latest)
    return artifacts


def move_into(source: Path, target: Path) -> None:
    """Move every file under `source` to the same place under `target`, whose folders may exist
    already (downloads/ holds the downloads page): a rename where the folder is new."""
    for entry in sorted(source.iterdir()):
        there = target / entry.name
        if entry.is_dir() and there.is_dir():
            move_into(entry, there)
        elif there.exists():
            raise BuildError(f"{there}: written by MkDocs and by the build")
        else:
            os.rename(entry, there)


def swap(new: Path, site_dir: Path, work: Path) -> None:
    """Replace `site_dir` by `new`: the old tree is moved aside first and restored on failure."""
    old = work / "previous"
    moved = False
    try:
        if site_dir.exists():
            os.rename(site_dir, old)
            moved = True
        os.rename(new, site_dir)
    except BaseException as e:
        if moved:
            try:
                os.rename(old, site_dir)
            except OSError as again:
                raise SiteMoved(f"could not replace {site_dir} ({e}) nor put it back ({again}): the previous site is in {old}") from None
        if isinstance(e, OSError):
            raise BuildError(f"could not replace {site_dir}: {e}") from None
        raise


def main() -> int:
    shown_dir = str(Path(os.environ.get("SITE_DIR") or ROOT / "site"))
    try:  # every setting, before anything is read or written
        url = site_url()
        repo_url = check_repo_url(os.environ.get("REPO_URL"))
        epoch = source_date_epoch()
        package_dir = dataset_dir()
        site_dir = check_site_dir(os.environ.get("SITE_DIR"), package_dir)
        staging = check_staging(os.environ["BUILD_STAGING"]) if os.environ.get("BUILD_STAGING") else None
    except TargetError as e:
        print(f"make site: {e}", file=sys.stderr)
        return 2
    try:
        count = build(package_dir, site_dir, url, epoch, staging, repo_url)
    except (TargetError, Unreadable) as e:
        print(f"make site: {e}", file=sys.stderr)
        return 2
    except SiteMoved as e:
        print(f"make site: {e}", file=sys.stderr)
        return 1
    except (BuildError, OSError) as e:  # an OSError here is before the swap, which handles its own
        print(f"make site: {e}\nmake site: {shown_dir} was left as it was", file=sys.stderr)
        return 1
    print(f"built {shown_dir}: {count} pages ({', '.join(LANGS)})")
    if os.environ.get("BUILD_TIMINGS"):
        Path(os.environ["BUILD_TIMINGS"]).write_text(json.dumps({"pages": count, **TIMINGS}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
