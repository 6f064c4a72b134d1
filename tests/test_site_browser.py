"""The built site in Debian's Chromium: the language switcher, Korean and English search, the
annotated article's links and anchors, no request to other hosts, no axe violations."""

from __future__ import annotations

import functools
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import axe_playwright_python
import pytest
from playwright.sync_api import Page, sync_playwright

from tests.site_helpers import pages

CHROMIUM = "/usr/bin/chromium"
# Headless, and no background traffic of Chromium's own (this machine has no network).
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
PAGE_TYPES = [
    "",
    "article/",
    "people/",
    "people/mark-zuckerberg/",
    "organizations/meta/",
    "works/llama-3/",
    "quotes/unnamed-executive-llama-3/",
    "legal-issues/kadrey-v-meta/",
    "cases/kadrey-v-meta/",
    "fact-checks/gpu-release-mistranslated/",
    "sources/techcrunch-2025-01-14/",
    "timeline/",
    "schema/",
    "downloads/",
    "cite/",
    "about/",
]
AXE = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(site):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


# The search box's status line (Material's own strings): while the index loads, then once it is ready.
INITIALIZING = {"검색 초기화", "Initializing search"}
READY = {"검색어를 입력하세요", "Type to start searching"}


def search(page: Page, base: str, query: str) -> list[str]:
    """Type a query into the search box once its index is ready; the paths (from the site root) of
    the results it shows."""
    page.goto(base)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function("ready => ready.includes(document.querySelector('.md-search-result__meta').textContent.trim())", arg=sorted(READY), timeout=30000)
    page.fill("input.md-search__input", query)
    page.wait_for_function(
        "waiting => !waiting.includes(document.querySelector('.md-search-result__meta').textContent.trim())",
        arg=sorted(INITIALIZING | READY),
        timeout=30000,
    )
    hrefs = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", "els => els.map(e => e.href)")
    return [urlsplit(h).path.lstrip("/") for h in hrefs]


def assert_no_axe_violations(page: Page) -> None:
    """axe (WCAG 2 and 2.1, A and AA) on the page as it stands."""
    page.evaluate(AXE)
    result = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})")
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == [], json.dumps(violations, ensure_ascii=False)


def test_switcher_reaches_the_twin_page(page, server):
    page.goto(server + "people/mark-zuckerberg/")
    page.click("a[data-kml-switch][hreflang=en]")
    page.wait_for_url(server + "en/people/mark-zuckerberg/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.click("a[data-kml-switch][hreflang=ko]")
    page.wait_for_url(server + "people/mark-zuckerberg/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == "마크 저커버그"


def test_switcher_works_with_the_keyboard(page, server):
    page.goto(server + "works/llama-3/")
    link = page.locator("a[data-kml-switch][hreflang=en]")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(server + "en/works/llama-3/")


@pytest.mark.parametrize(
    "query, expected",
    [
        ("주커버그", "people/mark-zuckerberg/"),  # as the article spells him
        ("저커버그", "people/mark-zuckerberg/"),  # standard spelling
        ("Zuckerberg", "people/mark-zuckerberg/"),  # Latin script
        ("Llama3", "works/llama-3/"),
        ("Llama 3", "works/llama-3/"),
        ("라마3", "works/llama-3/"),
        ("알달레", "people/ahmad-al-dahle/"),
        ("미스트랄", "organizations/mistral-ai/"),
    ],
)
def test_korean_search_ranks_the_record_first_for_every_spelling(page, server, query, expected):
    assert search(page, server, query)[0] == expected


def test_korean_search_finds_a_word_with_particles_attached(page, server):
    # the article prints only "주커버그는" (with the particle 는); its sentence is found by "주커버그"
    results = search(page, server, "주커버그")
    if "article/" not in results:  # eleven pages hold the word (the quote cards name the fact check about Zuckerberg's letter)
        page.click(".kml-search-more")
        page.wait_for_function("() => document.querySelectorAll('.md-search-result__item').length > 10")
        results = [urlsplit(h).path.lstrip("/") for h in page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", "els => els.map(e => e.href)")]
    assert "article/" in results
    page.wait_for_selector(".md-search-result__item mark")
    assert "주커버그는" in page.inner_text(".md-search-result__list")


def test_korean_search_finds_a_compound_by_its_part(page, server):
    # "지능" stands nowhere on its own: only inside "인공지능"
    results = search(page, server, "지능")
    assert "article/" in results or "organizations/mistral-ai/" in results


@pytest.mark.parametrize(
    "query, expected",
    [("Zuckerberg", "en/people/mark-zuckerberg/"), ("Al Dahle", "en/people/ahmad-al-dahle/"), ("Llama 3", "en/works/llama-3/"), ("LibGen", "en/works/libgen/")],
)
def test_english_search(page, server, query, expected):
    results = search(page, server + "en/", query)
    assert results[0] == expected
    assert all(r.startswith("en/") for r in results)


def test_article_links_and_anchors(page, server):
    page.goto(server + "article/")
    page.click("#m-article-ko-m063")  # "Mark Zuckerberg" in the article
    page.wait_for_url(server + "people/mark-zuckerberg/")
    page.goto(server + "quotes/al-dahle-mistral/")
    page.click("a[href$='article/#q-al-dahle-mistral']")
    page.wait_for_url(server + "article/#q-al-dahle-mistral")
    target = page.locator("#q-al-dahle-mistral")
    assert target.evaluate("el => el.matches(':target')")
    assert "Mistral은 우리에게 중요하지 않습니다" in target.inner_text()
    page.goto(server + "article/#s-article-ko-s09")
    assert page.locator("#s-article-ko-s09").evaluate("el => el.matches(':target')")


CSP_LISTENER = "window.__csp = []; document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))"


def test_every_page_loads_only_from_the_local_server_without_errors_or_csp_violations(browser, server, site):
    """Every page of both languages: no request to another host, no failed request, no console
    error, no Content-Security-Policy violation."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(CSP_LISTENER)
    requests, failures, errors, violations = [], [], [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("requestfailed", lambda r: failures.append(r.url))
    page.on("response", lambda r: failures.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    urls = list(pages(site))
    for path in urls:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        violations += [f"{path}: {v}" for v in page.evaluate("window.__csp")]
    context.close()
    hosts = {urlsplit(u).netloc for u in requests if not u.startswith("data:")}
    assert len(urls) > 100
    assert hosts == {urlsplit(server).netloc}
    assert failures == [] and errors == [] and violations == []


def test_search_works_with_the_keyboard_alone(page, server):
    page.goto(server + "en/")
    page.wait_for_function("ready => ready.includes(document.querySelector('.md-search-result__meta').textContent.trim())", arg=sorted(READY), timeout=30000)
    page.keyboard.press("/")  # Material's shortcut to the search field
    page.keyboard.type("Touvron")
    page.wait_for_selector(".md-search-result__item")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/people/hugo-touvron/**")


def test_search_loads_nothing_until_the_reader_searches_then_only_chunks(page, server):
    fetched = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    page.goto(server + "people/mark-zuckerberg/")
    page.wait_for_load_state("networkidle")
    assert not [p for p in fetched if "pagefind" in p or "search" in p.replace("/assets/search.js", "")]
    results = search(page, server + "people/mark-zuckerberg/", "메타")
    assert len(results) == 10  # one page of results; the rest on request
    loaded = [p for p in fetched if p.startswith("/pagefind/")]
    assert "/pagefind/pagefind.js" in loaded
    assert len([p for p in loaded if "/fragment/" in p]) == 10  # the text of the results shown, no more


def test_excerpts_show_only_the_page_text_with_the_query_marked(page, server):
    search(page, server, "지능")  # found through Kiwi's morphemes, which the excerpts never show
    excerpts = page.eval_on_selector_all(".md-search-result__item p", "els => els.map(e => e.textContent)")
    marks = page.eval_on_selector_all(".md-search-result__item mark", "els => els.map(e => e.textContent)")
    assert excerpts and "\u2042" not in "".join(excerpts)
    assert all("인공지능" in e for e in excerpts if "지능" in e)
    assert marks and set(marks) == {"지능"}


def test_a_result_opens_its_page_at_the_word_found(page, server):
    results = search(page, server + "en/", "Mistral")
    assert "en/article/" in results
    link = page.locator(".md-search-result__link[href^='/en/article/']")
    assert link.get_attribute("href") == "/en/article/#:~:text=Mistral"  # a text fragment: the browser scrolls to it
    link.click()
    page.wait_for_url("**/en/article/**")
    page.wait_for_function("window.scrollY > 300")  # the article's first "Mistral" is far down the page


def test_more_results_on_request_and_escape_closes(page, server):
    results = search(page, server, "메타")
    meta = page.inner_text(".md-search-result__meta")
    total = int("".join(ch for ch in meta if ch.isdigit()))
    assert len(results) == 10 < total
    page.click(".kml-search-more")
    page.wait_for_function("n => document.querySelectorAll('.md-search-result__item').length === n", arg=min(total, 20))
    assert page.evaluate("document.activeElement.classList.contains('md-search-result__link')")  # on the first new result
    page.keyboard.press("Escape")
    assert not page.locator("#__search").is_checked()


def test_search_on_a_phone_sized_screen(browser, server):
    context = browser.new_context(viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(server + "quotes/")
    page.click("label.md-header__button[for=__search]")  # the magnifier in the header (hidden on wide screens)
    page.keyboard.type("알달레")
    page.wait_for_selector(".md-search-result__item")
    assert page.eval_on_selector(".md-search-result__link", "a => new URL(a.href).pathname") == "/people/ahmad-al-dahle/"
    context.close()


@pytest.mark.parametrize("lang_root", ["", "en/"])
def test_no_axe_violations_with_search_results_open(page, server, lang_root):
    search(page, server + lang_root, "메타" if not lang_root else "Meta")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang_root", ["", "en/"])
@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_axe_violations(page, server, lang_root, path):
    page.goto(server + lang_root + path)
    assert_no_axe_violations(page)
