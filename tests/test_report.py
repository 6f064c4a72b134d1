"""Reporting a mistake (issue 16): the issue forms pass GitHub's published schemas; every record page
of both languages has a "suggest a correction" link that opens its language's form prefilled with
the record's type, id and the page's own address, through fields GitHub prefills; without
REPO_URL no page links to an issue tracker it cannot know, and each says how to report instead."""

from __future__ import annotations

import functools
import html
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import yaml

from scripts.site.build import PREFIX, _root_from, read_citation
from scripts.site.pages import FOLDERS, RECORD_PAGES, Site, pages, record_path
from scripts.site.pages.common import CORRECTION_FORMS
from scripts.site.text import t
from scripts.validate import validate
from tests.conftest import ROOT
from tests.site_helpers import Page, resolve
from tests.test_site_browser import QuietHandler, assert_no_axe_violations, browser, server  # noqa: F401 (browser, server: fixtures)

FORMS = ROOT / ".github" / "ISSUE_TEMPLATE"
CHECK = ROOT / ".venv" / "bin" / "check-jsonschema"
# GitHub fills "custom text fields" of an issue form from URL query parameters named by their `id`
# (docs: Creating an issue from a URL query; Syntax for GitHub's form schema, `id`): inputs and
# text areas. A dropdown or checkboxes are not documented to prefill, so the links never rely on one.
PREFILLED_TYPES = {"input", "textarea"}
# Query parameters of GitHub's new-issue page itself, not fields of the form.
PAGE_PARAMETERS = {"template", "title"}
REPO = "https://github.com/owner/kadrey-meta"
URL = "http://127.0.0.1:8000/"
ISSUES = re.compile(r'<a href="([^"]*/issues/new\?[^"]*)">([^<]*)</a>')
# What a percent-encoded query value may hold: unreserved characters and %XX escapes only.
ENCODED = re.compile(r"(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})*")


def check_jsonschema(schema: str, *files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(CHECK), "--builtin-schema", schema, *map(str, files)], capture_output=True, text=True)


def form(lang: str) -> dict:
    return yaml.safe_load((FORMS / CORRECTION_FORMS[lang]).read_text(encoding="utf-8"))


def fields(lang: str) -> dict[str, str]:
    """The form's fields by id: their types."""
    return {item["id"]: item["type"] for item in form(lang)["body"] if "id" in item}


# --- the forms -------------------------------------------------------------------------------


def test_forms_and_config_pass_githubs_published_schemas():
    done = check_jsonschema("vendor.github-issue-forms", *(FORMS / name for name in CORRECTION_FORMS.values()))
    assert done.returncode == 0, done.stdout + done.stderr
    done = check_jsonschema("vendor.github-issue-config", FORMS / "config.yml")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize(
    "old, new",
    [
        ("    id: record_id\n", "    id: record id\n"),  # an id may hold letters, digits, - and _ only
        ("      label: Record id\n", ""),  # a field without its label
        ("  - type: input\n    id: field\n", "  - type: text\n    id: field\n"),  # no such element type
    ],
)
def test_a_broken_form_fails_the_check(tmp_path, old, new):
    """The schema check can fail: each copy of the English form broken in one way is refused."""
    text = (FORMS / CORRECTION_FORMS["en"]).read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    broken = tmp_path / "correction-en.yml"
    broken.write_text(text.replace(old, new), encoding="utf-8")
    done = check_jsonschema("vendor.github-issue-forms", broken)
    assert done.returncode != 0, f"accepted a form with {new!r} for {old!r}"


def test_the_two_forms_are_twins_in_their_own_language():
    assert fields("ko") == fields("en")
    assert set(CORRECTION_FORMS) == {"ko", "en"} and {p.name for p in FORMS.glob("correction-*.yml")} == set(CORRECTION_FORMS.values())
    hangul = re.compile(r"[가-힣]")
    for lang in CORRECTION_FORMS:
        labels = [item["attributes"]["label"] for item in form(lang)["body"] if "id" in item]
        assert all(bool(hangul.search(label)) == (lang == "ko") for label in labels), (lang, labels)
        assert all(item.get("validations", {}).get("required") for item in form(lang)["body"] if item.get("id") in ("field", "problem", "correction", "source"))


# --- the links, with REPO_URL ----------------------------------------------------------------


@pytest.fixture(scope="module")
def linked() -> dict[str, dict[str, str]]:
    """Every generated page of both languages, by staged path, for a site whose REPO_URL is set:
    the page code called directly, as build.py calls it (no MkDocs build)."""
    problems, loaded = validate(ROOT / "dataset")
    assert not problems
    version = str(loaded.descriptor["version"])
    out = {}
    for lang in ("ko", "en"):
        site = Site(loaded, version, URL + PREFIX[lang], URL, _root_from(lang), [], "", read_citation(), REPO)
        out[lang] = pages(site, lang)
    out["records"] = {resource: [r.id for r in loaded.records(resource)] for resource in RECORD_PAGES}
    return out


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_record_page_links_to_its_prefilled_form(linked, lang):
    prefilled = {k for k, kind in fields(lang).items() if kind in PREFILLED_TYPES}
    assert (FORMS / CORRECTION_FORMS[lang]).is_file()
    count = 0
    for resource, ids in linked["records"].items():
        assert ids, resource
        for record_id in ids:
            text = linked[lang][record_path(resource, record_id)]
            links = ISSUES.findall(text)
            assert len(links) == 1, (lang, resource, record_id, links)
            href, label = html.unescape(links[0][0]), html.unescape(links[0][1])
            assert label == t("correction_link", lang)
            parts = urlsplit(href)
            assert f"{parts.scheme}://{parts.netloc}{parts.path}" == REPO + "/issues/new"
            raw = [pair.split("=", 1) for pair in parts.query.split("&")]
            assert all(ENCODED.fullmatch(value) for _, value in raw), (record_id, parts.query)
            query = dict(parse_qsl(parts.query, keep_blank_values=True, strict_parsing=True))
            assert len(query) == len(raw)  # no parameter twice
            assert set(query) - PAGE_PARAMETERS <= prefilled, set(query) - PAGE_PARAMETERS - prefilled
            page = f"{URL}{PREFIX[lang]}{FOLDERS[resource]}/{record_id}/"
            assert query == {
                "template": CORRECTION_FORMS[lang],
                "title": f"[{t('correction_tag', lang)}] {resource}/{record_id}",
                "record_type": resource,
                "record_id": record_id,
                "page_url": page,
            }
            assert f'<a href="{page}">' in text  # the address the cite block gives: this page's own
            count += 1
    assert count == sum(map(len, linked["records"].values()))
    # the Korean title is sent percent-encoded, as UTF-8
    if lang == "ko":
        assert "title=%5B%EC%A0%95%EC%A0%95%5D%20" in linked[lang]["people/mark-zuckerberg.md"].replace("&amp;", "&")


def test_no_other_page_links_to_the_issue_tracker(linked):
    for lang in ("ko", "en"):
        records = {record_path(r, i) for r, ids in linked["records"].items() for i in ids}
        assert [path for path, text in linked[lang].items() if path not in records and "/issues/new" in text] == []


# --- without REPO_URL ------------------------------------------------------------------------


def html_pages(site: Path):
    for file in sorted(site.rglob("*.html")):
        yield file.relative_to(site).as_posix(), file


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_without_repo_url_record_pages_say_how_to_report(site, lang):
    root = site if lang == "ko" else site / "en"
    about = Page((root / "about" / "index.html").read_text(encoding="utf-8"))
    assert "corrections" in about.ids
    assert "CONTRIBUTING" in about.plain
    _, loaded = validate(ROOT / "dataset")
    before, after = t("correction_how", lang).split("{record}")
    for resource in RECORD_PAGES:
        for record in loaded.records(resource):
            url = f"{PREFIX[lang]}{FOLDERS[resource]}/{record.id}/"
            page = Page((site / url / "index.html").read_text(encoding="utf-8"))
            assert "correction" in page.ids, url
            assert f"{before}{resource}/{record.id}{after}" in page.plain, url
            to_about = [a["href"] for tag, a in page.links if tag == "a" and resolve(site, url, a["href"]) == (root / "about" / "index.html", "corrections")]
            assert len(to_about) == 1, url


def test_without_repo_url_no_page_links_to_an_issue_tracker(site):
    for path, file in html_pages(site):
        assert "issues/new" not in file.read_text(encoding="utf-8"), path


# --- CONTRIBUTING ----------------------------------------------------------------------------


def test_contributing_in_both_languages_linked_from_the_readme():
    en = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    ko = (ROOT / "CONTRIBUTING.ko.md").read_text(encoding="utf-8")
    assert "(CONTRIBUTING.ko.md)" in en and "(CONTRIBUTING.md)" in ko
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(CONTRIBUTING.md)" in readme and "(CONTRIBUTING.ko.md)" in readme
    for text in (en, ko):
        for name in ("make validate", "make schemas", "make serve", "make review FROM=", "make release VERSION=", "schemas/published_ids.json", "CHANGELOG.ko.md", "CITATION.cff"):
            assert name in text, name


# --- in the browser --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory) -> Path:
    """The tiny fixture package built with REPO_URL set (the real package's site is built without)."""
    site_dir = tmp_path_factory.mktemp("report") / "site"
    env = {**os.environ, "DATASET": str(ROOT / "tests" / "fixtures" / "valid"), "SITE_DIR": str(site_dir), "SITE_URL": URL, "REPO_URL": REPO, "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run([sys.executable, "-m", "scripts.site.build"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    yield site_dir
    shutil.rmtree(site_dir, ignore_errors=True)


@pytest.fixture(scope="module")
def repo_server(repo_site):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(repo_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_link_in_the_browser(browser, repo_server, server, lang):
    """At a desktop's and a phone's size, with REPO_URL (the form) and without (the about page)."""
    for base, name in ((repo_server, t("correction_link", lang)), (server, t("correction_about", lang))):
        for viewport in ({"width": 1280, "height": 900}, {"width": 390, "height": 844}):
            context = browser.new_context(viewport=viewport)
            page = context.new_page()
            page.goto(f"{base}{PREFIX[lang]}people/mark-zuckerberg/")
            link = page.get_by_role("link", name=name, exact=True)
            link.scroll_into_view_if_needed()
            assert link.is_visible(), (base, name, viewport)
            href = link.get_attribute("href")
            if base == repo_server:
                assert href.startswith(REPO + "/issues/new?template=" + CORRECTION_FORMS[lang])
            else:
                assert href == "../../about/#corrections"
            assert_no_axe_violations(page)
            context.close()
