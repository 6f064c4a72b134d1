"""The preview's builder: a process of its own that stays up between builds, so that its imports
(MkDocs, the theme, the models, the page generators) are loaded once, and that runs no thread, so
that it can fork each language's build with the validated package already in memory.

    python -m scripts.preview.rebuild PACKAGE_DIR PREVIEW_DIR SITE_URL

reads one job per line on stdin (JSON: {"clean": bool}) and answers each with two lines of JSON
on the descriptor that was its stdout: the build's ({"ok": true, "pages": n, "seconds": {...}} or
{"ok": false, "errors": [lines]}) as soon as its pages are served, then, once it has done what
can wait (the JSON API; after the first build, warming the caches), {"errors": [...]}. Anything
else it or MkDocs prints goes to stderr.

A build: validate (the located problems are the answer when there are any: nothing is written, so
the last good build stays served); then one forked process per language stages its Markdown,
writing only what changed, and runs MkDocs on it (scripts/preview/language.py); then what `make
site` does across the two languages (scripts/site/build.py, _build_in's "finish" stage), done to
the pages this build wrote: the language switcher's heading map (scripts/site/twins.py), the
sitemaps' alternates, robots.txt, the JSON API and CITATION.cff. A clean build (the first, or
after a template or configuration change) goes to a new folder that replaces the served one only
when it is whole. Downloads and the search index are not built."""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
import traceback
from pathlib import Path

from ..problems import shown_lines
from ..release import checked_stem
from ..release import citation as cff
from ..site import api
from ..site.build import DEFAULT_LANG, PREFIX, BuildError, _root_from, changelog_facts, read_citation, staged_files
from ..site.pages import Site
from ..site.sitemap import add_alternates, write_robots
from ..site.text import LANGS
from ..site.twins import anchored, heading_ids, unanchored
from ..validate import Unreadable, validate
from . import warm
from .language import build_language, config_changed, config_text, write_config

# The end of validate.check_descriptor's problems about a file's `bytes` and `hash`.
STALE = "; run `make schemas` after editing data"
OTHER = PREFIX["en"].rstrip("/")  # the English tree, inside the Korean one


class Builder:
    def __init__(self, package_dir: Path, folder: Path, url: str) -> None:
        self.package_dir = package_dir
        self.site = folder / "site"  # what the server serves
        self.staging = folder / "staging"
        self.work = folder / "work"
        self.url = url
        self.api: dict[str, bytes] = {}  # the API files in the served site, as written
        self.later: list = []  # what the last build left to do once its pages are served (settle)
        self.primed = False  # the theme's files listed (warm.prime)
        self.warmed = False  # the caches of a generation in this process (warm_generation)
        # After a build that failed once it had written something (MkDocs wrote pages, then
        # stopped), pages may lack their policy or stand for a configuration no page was built
        # with: the next build is clean, into a new folder.
        self.must_clean = False

    def build(self, clean: bool) -> dict[str, object]:
        seconds: dict[str, float] = {}
        start = time.perf_counter()
        try:
            problems, loaded = validate(self.package_dir)
        except Unreadable as e:
            return {"ok": False, "errors": [str(e)]}
        seconds["validate"] = time.perf_counter() - start
        # A saved CSV no longer matches the bytes and hash datapackage.json gives for it until
        # `make schemas` is run: the preview says so, and builds.
        stale = [p for p in problems if p.message.endswith(STALE)]
        notes = shown_lines(stale)
        if len(stale) < len(problems):
            return {"ok": False, "errors": shown_lines([p for p in problems if not p.message.endswith(STALE)]), "notes": notes}
        try:
            answer = self._build(loaded, clean or self.must_clean or not self.site.is_dir(), seconds)
            self.must_clean = False
            return {**answer, "notes": notes}
        except (BuildError, ValueError, OSError) as e:
            self.must_clean = True
            return {"ok": False, "errors": str(e).splitlines(), "notes": notes}
        except Exception as e:  # noqa: BLE001 - a bug in a page's code: said, and the preview stays up
            traceback.print_exc()
            self.must_clean = True
            return {"ok": False, "errors": [f"{type(e).__name__}: {e} (the traceback is in the terminal)"], "notes": notes}
        finally:
            shutil.rmtree(self.work, ignore_errors=True)

    def sites(self, loaded) -> tuple[dict[str, Site], dict[str, dict[str, str]]]:
        """Each language's Site, as _build_in makes it, without downloads (no artifacts)."""
        version = str(loaded.descriptor.get("version", ""))
        notes, footers = changelog_facts(version)
        citation = cff.published(read_citation(), self.url, None, f"{self.url}downloads/{version}/", f"{checked_stem(loaded)}.zip", True)
        sites = {lang: Site(loaded, version, self.url + PREFIX[lang], self.url, _root_from(lang), [], notes[lang], citation, None) for lang in LANGS}
        return sites, footers

    def _build(self, loaded, clean: bool, seconds: dict[str, float]) -> dict[str, object]:
        start = time.perf_counter()
        sites, footers = self.sites(loaded)
        shutil.rmtree(self.work, ignore_errors=True)
        new = self.work / "site"
        live = {lang: self.site / PREFIX[lang] for lang in LANGS}
        configs = {lang: config_text(lang, self.staging / lang, live[lang], self.url, footers[lang]) for lang in LANGS}
        # a configuration that changed (a new version in the footer) is on every page of both
        # languages: both go clean, so that the site served is never half of one build
        clean = clean or any(config_changed(self.staging / lang, configs[lang]) for lang in LANGS)
        for lang in LANGS:
            path = write_config(self.staging / lang, configs[lang])
            if not self.primed:
                warm.prime(path)
                self.primed = True
        target = {lang: (self.work / lang if clean else live[lang]) for lang in LANGS}
        results = in_parallel({lang: (build_language, (sites[lang], lang, self.staging / lang, target[lang], configs[lang], clean)) for lang in LANGS}, self.work)
        seconds["languages"] = time.perf_counter() - start
        for result in results.values():
            seconds.update(result["seconds"])
        start = time.perf_counter()
        root = new if clean else self.site
        if clean:
            shutil.move(target["ko"], new)
            shutil.move(target["en"], new / OTHER)
            self.api = {}
        changed = {lang: results[lang]["pages"] for lang in LANGS}
        pairs = {rel for rel in changed["ko"] if not rel.startswith(OTHER + "/")} | set(changed["en"])
        for rel in sorted(pairs):
            if rel.endswith("index.html"):
                link_pair(root / rel, root / OTHER / rel)
        add_alternates(root, self.url, PREFIX, DEFAULT_LANG)
        write_robots(root, self.url, PREFIX)
        citation = root / "CITATION.cff"
        text = cff.cff_text(sites["ko"].citation)
        if not citation.is_file() or citation.read_text(encoding="utf-8") != text:
            citation.write_text(text, encoding="utf-8")
        # The JSON API (a second and a half at 8,000 records) is written once the pages are
        # served, but for a clean build, whose new folder must be whole when it is swapped in.
        if clean:
            self.write_api(root, api.files(sites["ko"], self.url))
            swap(new, self.site, self.work / "previous")
        else:
            self.later.append(lambda: self.write_api(self.site, api.files(sites["ko"], self.url)))
        if not self.warmed:
            self.later.append(lambda: warm_generation(sites))
            self.warmed = True
        seconds["finish"] = time.perf_counter() - start
        return {"ok": True, "clean": clean, "pages": sum(len(changed[lang]) for lang in LANGS), "seconds": seconds}

    def settle(self) -> dict[str, object]:
        """Do what the last build left for after its answer; {"errors": [...], "seconds": ...}."""
        start = time.perf_counter()
        jobs, self.later = self.later, []
        try:
            for job in jobs:
                job()
        except (BuildError, ValueError, OSError) as e:
            self.api = {}  # rewritten whole by the next build
            return {"errors": [f"after the build: {line}" for line in str(e).splitlines()], "seconds": time.perf_counter() - start}
        return {"errors": [], "seconds": time.perf_counter() - start}

    def write_api(self, root: Path, files: dict[str, bytes]) -> None:
        """Write the API files that changed since the last build, remove those that are gone."""
        for path, data in files.items():
            if self.api.get(path) != data:
                (root / path).parent.mkdir(parents=True, exist_ok=True)
                (root / path).write_bytes(data)
        for path in set(self.api) - set(files):
            (root / path).unlink(missing_ok=True)
        self.api = files


def warm_generation(sites: dict[str, Site]) -> None:
    """Generate both languages' pages once in the builder, for nothing but the caches that
    generation fills (scripts/preview/warm.py): each later fork starts with them."""
    for lang in LANGS:
        staged_files(sites[lang], lang)


def link_pair(page_a: Path, page_b: Path) -> None:
    """twins.anchored for one page and its twin, either of which may already carry a map from an
    earlier build (a dirty build leaves the pages it did not write as they were)."""
    if not page_a.is_file() or not page_b.is_file():
        return
    texts = [unanchored(p.read_text(encoding="utf-8")) for p in (page_a, page_b)]
    ids = [heading_ids(text) for text in texts]
    for path, text, here, there in ((page_a, texts[0], ids[0], ids[1]), (page_b, texts[1], ids[1], ids[0])):
        text = anchored(text, here, there)
        if path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


def in_parallel(jobs: dict[str, tuple], work: Path) -> dict[str, dict]:
    """Run each job (function, arguments) in a forked process of its own; their results (JSON), or
    BuildError with every failed job's message."""
    work.mkdir(parents=True, exist_ok=True)
    children = {}
    for name, (function, args) in jobs.items():
        out = work / f"{name}.result.json"
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 1
            try:
                result = {"ok": function(*args)}
                code = 0
            except BuildError as e:
                result = {"error": str(e)}
            except BaseException as e:  # noqa: BLE001 - reported, not raised, in a fork
                traceback.print_exc()
                result = {"error": f"{type(e).__name__}: {e}"}
            try:
                out.write_text(json.dumps(result), encoding="utf-8")
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        children[name] = (pid, out)
    results, errors = {}, []
    for name, (pid, out) in children.items():
        os.waitpid(pid, 0)
        try:
            result = json.loads(out.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            result = {"error": f"the {name} build ended without a result"}
        if "error" in result:
            errors.append(result["error"])
        else:
            results[name] = result["ok"]
    if errors:
        raise BuildError("\n".join(errors))
    return results


def swap(new: Path, site: Path, old: Path) -> None:
    """Serve `new` in place of `site`: two renames, so a request finds one or the other."""
    if site.exists():
        os.rename(site, old)
    os.rename(new, site)
    shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str]) -> int:
    package_dir, folder, url = Path(argv[0]), Path(argv[1]), argv[2]
    answers = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)  # whatever else is printed (MkDocs, a child) goes to stderr, not into the answers
    sys.stdout = sys.stderr
    warm.install(folder)
    builder = Builder(package_dir, folder, url)
    for line in sys.stdin:
        job = json.loads(line)
        for step in (lambda: builder.build(bool(job.get("clean"))), builder.settle):  # each answered when done
            answers.write(json.dumps(step(), ensure_ascii=False) + "\n")
            answers.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
