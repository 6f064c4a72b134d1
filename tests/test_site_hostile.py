"""An injection corpus in every rendered text field, built and opened in Chromium: each value shows
as text; no dialog opens, no injected element or javascript: link exists."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from schemas.models import LINE_PATTERN, MODELS
from tests.conftest import FIXTURE, refresh_stats
from tests.site_helpers import build_site, pages
from tests.test_site_browser import CHROMIUM, FLAGS, QuietHandler

CORPUS = [
    '<script>alert("s")</script>',
    "<img src=x onerror=alert(1)>",
    "[click me](javascript:alert(2))",
    "![pic](javascript:alert(3))",
    "<!-- hidden --> shown",
    "{{ config.site_name }} {% if true %}jinja{% endif %}",
    '<a href="javascript:alert(4)">link</a>',
    "*bold* _it_ `code` **strong** ==mark== ~~del~~",
    "right\u202eto-left\u202c mark and zero\u200bwidth\u200djoiner",
    "long " + "가나다라마바사 " * 400 + "end",
]
# Text that must stay the source's own characters, or must occur in it.
ANCHORED = {("sentences", "text_ko"), ("quotes", "text_ko"), ("aliases", "alias")}


def is_free_text(name: str, field: str) -> bool:
    prop = MODELS[name].model_json_schema()["properties"][field]
    patterns = [prop.get("pattern")] + [o.get("pattern") for o in prop.get("anyOf", [])]
    return LINE_PATTERN in patterns and (name, field) not in ANCHORED


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    package = root / "pkg"
    shutil.copytree(FIXTURE, package)
    n = 0
    for name in MODELS:
        path = package / "data" / f"{name}.csv"
        with open(path, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        for row in rows:
            for field in row:
                if row[field] and is_free_text(name, field):
                    row[field] = CORPUS[n % len(CORPUS)]
                    n += 1
        if name == "aliases":
            rows += [
                {"id": f"meta-hostile-{i}", "person_id": "", "organization_id": "meta", "work_id": "", "legal_issue_id": "", "language": "en", "kind": "variant", "alias": value}
                for i, value in enumerate(CORPUS)
            ]
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(MODELS[name].model_fields), lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    refresh_stats(package)
    done = build_site(package, root / "site")
    assert done.returncode == 0, done.stderr
    return root / "site"


@pytest.fixture(scope="module")
def browser_for_hostile(hostile_site):
    import functools
    import threading
    from http.server import ThreadingHTTPServer

    from playwright.sync_api import sync_playwright

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(hostile_site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser, f"http://127.0.0.1:{httpd.server_address[1]}/"
        browser.close()
    httpd.shutdown()


@pytest.fixture
def hostile_page(browser_for_hostile):
    """A page on the hostile site's server, and the messages of every dialog it tried to open."""
    browser, server = browser_for_hostile
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    yield page, server, dialogs
    context.close()


def test_every_hostile_value_is_shown_as_text_and_nothing_runs(hostile_page, hostile_site):
    page, server, dialogs = hostile_page
    shown = set()
    for path in pages(hostile_site):
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        injected = page.evaluate(
            """() => [
                ...document.querySelectorAll('img[src="x"], [onerror], a[href^="javascript:"], img[src^="javascript:"]'),
            ].map(e => e.outerHTML.slice(0, 80))"""
        )
        assert injected == [], (path, injected)
        scripts = page.evaluate("() => [...document.scripts].filter(s => !s.type || s.type.includes('javascript')).map(s => s.text)")
        assert not any("alert" in s for s in scripts), path
        text = page.inner_text("body")
        shown |= {value for value in CORPUS if value in text}
    assert dialogs == []
    assert shown == set(CORPUS), set(CORPUS) - shown


@pytest.mark.parametrize("root", ["", "en/"])
def test_hostile_values_in_search_results_are_text(hostile_page, root):
    """The search box shows titles and excerpts from the index as text, never as markup (its own
    elements only: a name in the other language is a <span lang>, its text the value, escaped)."""
    from tests.test_site_browser import search

    page, server, dialogs = hostile_page
    for query in ("alert", "onerror", "javascript"):
        assert search(page, server + root, query), query
        injected = page.evaluate("() => [...document.querySelectorAll('.md-search-result__list *')].filter(e => !['LI', 'A', 'ARTICLE', 'H1', 'P', 'MARK', 'SPAN'].includes(e.tagName) || [...e.attributes].some(a => !['class', 'href', 'lang'].includes(a.name))).map(e => e.outerHTML.slice(0, 80))")
        assert injected == [], injected
        hrefs = page.eval_on_selector_all(".md-search-result__link", "els => els.map(e => e.getAttribute('href'))")
        assert all(h.startswith("/") for h in hrefs), hrefs
    shown = page.inner_text(".md-search-result__list")
    assert dialogs == []
    assert "javascript:alert" in shown  # the value itself, as text
