"""Findable, shareable, accessible (issue 12, items 7 and 8).

The head of every built page (description, Open Graph, absolute and reciprocal language alternates
with x-default), robots.txt, the sitemaps' x-default, the footer in the page's language; then, in
Debian's Chromium, on a site built for the address it is served at: no request for a sitemap, axe
on every kind of page in both languages at desktop and phone width and with the search open, the
keyboard's first Tab stops, the language switcher (its label, the #fragment it keeps), Korean
line breaking."""

from __future__ import annotations

import functools
import re
import socket
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.site_helpers import Page, build_site, pages, resolve
from tests.conftest import ROOT
from tests.test_site_browser import PAGE_TYPES, QuietHandler, assert_no_axe_violations, browser, search  # noqa: F401 (browser: a fixture)

SITE_URL = "http://127.0.0.1:8000/"  # the session's `site` fixture (tests/conftest.py)
LOCALE = {"ko": "ko_KR", "en": "en_US"}
FOOTER = {"ko": ("데이터 이용 허락", "데이터 버전", "공개일"), "en": ("Data licence", "Data version", "released")}
EVERY_KIND = PAGE_TYPES + ["guide/"]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def lang_and_path(url: str) -> tuple[str, str]:
    return ("en", url[3:]) if url.startswith("en/") else ("ko", url)


def changelog_date(name: str, version: str) -> str:
    from scripts.changelog import releases

    return next(d for v, d, _ in releases((ROOT / name).read_text(encoding="utf-8")) if v == version)


@pytest.fixture(scope="module")
def parsed(site) -> dict[str, tuple[Page, str]]:
    return {url: (Page(path.read_text(encoding="utf-8")), path.read_text(encoding="utf-8")) for url, path in pages(site).items()}


# --- the head ------------------------------------------------------------------------------------


def metas(page: Page) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for tag, a in page.elements:
        if tag == "meta" and ("property" in a or "name" in a):
            out.setdefault(a.get("property") or a["name"], []).append(a.get("content", ""))
    return out


def test_every_page_has_a_description_and_open_graph_tags(parsed):
    for url, (page, _) in parsed.items():
        lang, path = lang_and_path(url)
        m = metas(page)
        assert len(m["description"]) == 1 and m["description"][0].strip(), url
        assert m["og:description"] == m["description"], url
        assert m["og:type"] == ["website"], url
        assert m["og:site_name"] == [{"ko": "카드레이 대 메타 · 라마 3 참고 자료", "en": "Kadrey v. Meta · Llama 3 reference"}[lang]], url
        assert len(m["og:title"]) == 1 and m["og:title"][0].strip(), url
        assert m["og:locale"] == [LOCALE[lang]] and m["og:locale:alternate"] == [LOCALE["en" if lang == "ko" else "ko"]], url
        if path == "404.html":  # served at any address: no address of its own
            assert "og:url" not in m
        else:
            assert m["og:url"] == [SITE_URL + url], url


def test_person_page_title_and_description_are_the_records(parsed):
    m = metas(parsed["en/people/mark-zuckerberg/"][0])
    assert m["og:title"] == ["Mark Zuckerberg"]
    assert m["og:description"][0].startswith("Meta's CEO")
    assert metas(parsed["people/mark-zuckerberg/"][0])["og:title"] == ["마크 저커버그"]
    # a title with quote marks and parentheses reads as it does in <title>: escaped once, not twice
    m = metas(parsed["en/fact-checks/prosecutors-wrong-term/"][0])
    assert m["og:title"] == ['Fact check (wrong term): "Prosecutors" allege it.']


def test_head_values_are_escaped(parsed):
    # an apostrophe in a description is written as an entity, never ends the attribute
    _, raw = parsed["en/people/mark-zuckerberg/"]
    assert '<meta property="og:description" content="Meta&#39;s CEO' in raw
    for url, (_, raw) in parsed.items():
        for tag in re.findall(r"<meta property=[^>]*>", raw):
            assert re.fullmatch(r'<meta property="[a-z:_]+" content="[^"<>]*">', tag), (url, tag)


def test_alternates_are_absolute_reciprocal_with_x_default(parsed):
    for url, (page, raw) in parsed.items():
        lang, path = lang_and_path(url)
        links = [a for tag, a in page.elements if tag == "link" and "hreflang" in a]
        assert all(a["rel"] == "alternate" for a in links), url  # a real rel, no hidden space
        if path == "404.html":
            assert links == [], url
            continue
        heads = {a["hreflang"]: a["href"] for a in links}
        assert len(links) == 3 and heads == {"ko": SITE_URL + path, "en": SITE_URL + "en/" + path, "x-default": SITE_URL + path}, url
        twin = ("en/" + path) if lang == "ko" else path
        twin_heads = {a["hreflang"]: a["href"] for tag, a in parsed[twin][0].elements if tag == "link" and "hreflang" in a}
        assert twin_heads == heads, url  # reciprocal: both name the same set
        assert ' rel=" alternate"' not in raw


def test_sitemaps_name_x_default(site):
    for prefix in ("", "en/"):
        text = (site / prefix / "sitemap.xml").read_text(encoding="utf-8")
        entries = re.findall(r"<url>.*?</url>", text, re.S)
        assert len(entries) > 70
        for entry in entries:
            loc = re.search(r"<loc>([^<]*)</loc>", entry)[1]
            path = loc[len(SITE_URL + prefix):]
            alternates = dict(re.findall(r'<xhtml:link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/>', entry))
            assert alternates == {"ko": SITE_URL + path, "en": SITE_URL + "en/" + path, "x-default": SITE_URL + path}, loc


def test_robots_txt_names_both_sitemaps(site):
    text = (site / "robots.txt").read_bytes().decode("utf-8")
    assert text == f"User-agent: *\nAllow: /\n\nSitemap: {SITE_URL}sitemap.xml\nSitemap: {SITE_URL}en/sitemap.xml\n"
    for line in text.splitlines():
        if line.startswith("Sitemap: "):
            target = site / urlsplit(line[len("Sitemap: "):]).path.lstrip("/")
            assert target.is_file()


def test_robots_txt_follows_site_url(tmp_path):
    # the same build at another address: robots.txt and the head follow it, byte for byte the same twice
    other = "https://example.org/kml/"
    sites = []
    for n in (1, 2):
        done = build_site(ROOT / "dataset", tmp_path / f"site{n}", other)
        assert done.returncode == 0, done.stderr
        sites.append(tmp_path / f"site{n}")
    robots = (sites[0] / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {other}sitemap.xml\nSitemap: {other}en/sitemap.xml\n" in robots
    head = (sites[0] / "en" / "people" / "mark-zuckerberg" / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="alternate" hreflang="x-default" href="{other}people/mark-zuckerberg/">' in head
    assert f'<meta property="og:url" content="{other}en/people/mark-zuckerberg/">' in head
    for path in sorted(p.relative_to(sites[0]) for p in sites[0].rglob("*") if p.is_file()):
        assert (sites[0] / path).read_bytes() == (sites[1] / path).read_bytes(), path


# --- the footer ----------------------------------------------------------------------------------


def test_every_page_has_the_footer_in_its_language(parsed, site):
    import json

    version = json.loads((ROOT / "dataset" / "datapackage.json").read_text(encoding="utf-8"))["version"]
    dates = {"ko": changelog_date("CHANGELOG.ko.md", version), "en": changelog_date("CHANGELOG.md", version)}
    for url, (page, raw) in parsed.items():
        lang, path = lang_and_path(url)
        footer = re.search(r'<div class="md-copyright kml-footer">(.*?)</div>', raw, re.S)
        assert footer, url
        text = " ".join(re.sub(r"<[^>]+>", "", footer[1]).split())
        licence, version_label, released = FOOTER[lang]
        assert text == f"{licence}: CC BY 4.0 · {version_label} {version} ({released} {dates[lang]})", url
        assert f'<time datetime="{dates[lang]}">' in footer[1]
        href = re.search(r'<a href="([^"]*)" rel="license">', footer[1])[1]
        target, _ = resolve(site, url, href)
        assert target == site / ("en/" if lang == "en" else "") / "license" / "index.html", (url, href)
        assert "Made with" not in raw and "squidfunk" not in raw, url


# --- in the browser ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The real dataset's site, built for the address it is then served at (so that absolute
    alternates point at this very server)."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    base = f"http://127.0.0.1:{port}/"
    site_dir = tmp_path_factory.mktemp("served") / "site"
    done = build_site(ROOT / "dataset", site_dir, base)
    assert done.returncode == 0, done.stderr
    httpd = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(site_dir)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()


@pytest.fixture(params=["desktop", "phone"])
def page(browser, request):
    context = browser.new_context(viewport=DESKTOP if request.param == "desktop" else PHONE)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def desktop(browser):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    yield page
    context.close()


def sitemap_requests(page, served, paths) -> tuple[list[str], list[str]]:
    fetched, failed = [], []
    page.on("request", lambda r: fetched.append(r.url) if "sitemap" in r.url else None)
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    for path in paths:
        page.goto(served + path)
        page.wait_for_load_state("networkidle")
    return fetched, failed


def test_no_page_requests_a_sitemap(desktop, served):
    paths = [root + p for root in ("", "en/") for p in EVERY_KIND]
    fetched, failed = sitemap_requests(desktop, served, paths)
    assert fetched == [] and failed == []
    # and the alternates are there once the page has loaded
    hrefs = desktop.eval_on_selector_all("link[rel=alternate]", "ls => ls.map(l => l.hreflang + ' ' + l.href)")
    assert hrefs == [f"ko {served}guide/", f"en {served}en/guide/", f"x-default {served}guide/"]


def test_without_kml_js_material_would_request_a_sitemap_that_404s(desktop, served):
    # the check above can fail: Material's own script does fetch <alternate>/sitemap.xml
    desktop.route("**/assets/kml.js", lambda route: route.abort())
    fetched, failed = sitemap_requests(desktop, served, ["people/mark-zuckerberg/"])
    assert f"{served}people/mark-zuckerberg/sitemap.xml" in fetched
    assert f"404 {served}en/people/mark-zuckerberg/sitemap.xml" in failed


@pytest.mark.parametrize("lang_root", ["", "en/"])
@pytest.mark.parametrize("path", EVERY_KIND)
def test_no_axe_violations_on_every_kind_of_page(page, served, lang_root, path):
    page.goto(served + lang_root + path)
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang_root", ["", "en/"])
def test_no_axe_violations_with_the_search_dialog_open(page, served, lang_root):
    page.goto(served + lang_root)
    page.locator("label.md-header__button[for=__search]:visible, .md-search__input:visible").first.click()
    page.wait_for_function("document.getElementById('__search').checked")
    page.keyboard.type("메타" if not lang_root else "Meta")
    page.wait_for_selector(".md-search-result__item")
    assert_no_axe_violations(page)


def focused(page) -> dict:
    return page.evaluate(
        """() => { const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
        return {cls: e.className, text: e.textContent.trim(), w: r.width, h: r.height, x: r.x, y: r.y,
                visible: s.visibility === 'visible' && r.width > 1 && r.height > 1 && r.right > 0 && r.bottom > 0 && r.x < innerWidth && r.y < innerHeight}; }"""
    )


def test_the_first_tab_stops_are_all_visible(page, served):
    page.goto(served + "people/mark-zuckerberg/")
    page.wait_for_load_state("networkidle")
    stops = []
    for _ in range(3):
        page.keyboard.press("Tab")
        page.wait_for_timeout(300)  # the skip link slides in
        stops.append(focused(page))
    assert all(s["visible"] for s in stops), stops
    assert "md-skip" in stops[0]["cls"]
    assert "kml-lang__link" in (stops[1]["cls"] + stops[2]["cls"])  # no hidden palette control before it


def test_no_hidden_search_control_takes_the_focus_on_a_phone(browser, served):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(served)
    for _ in range(4):
        page.keyboard.press("Tab")
        assert "md-search" not in focused(page)["cls"]
    context.close()


def test_switcher_is_named_in_the_other_language(parsed):
    for url, (page, _) in parsed.items():
        lang, _ = lang_and_path(url)
        other = "en" if lang == "ko" else "ko"
        links = [a for tag, a in page.elements if tag == "a" and "data-kml-switch" in a]
        assert len(links) == 1 and links[0]["hreflang"] == other and links[0]["lang"] == other, url


@pytest.mark.parametrize("start, fragment, lands", [
    ("people/mark-zuckerberg/", "역할", "en/people/mark-zuckerberg/#roles"),  # a heading: its twin
    ("en/people/mark-zuckerberg/", "timeline", "people/mark-zuckerberg/#연표"),
    ("article/", "m-article-ko-m063", "en/article/#m-article-ko-m063"),  # an id both languages share
])
def test_switcher_keeps_the_fragment(page, served, start, fragment, lands):
    page.goto(f"{served}{start}#{fragment}")
    label = page.locator("a[data-kml-switch]")
    assert label.inner_text().strip() == ("English" if not start.startswith("en/") else "한국어")
    assert label.is_visible()
    label.click()
    page.wait_for_url(served + lands.split("#")[0] + "**")
    path, _, expected = lands.partition("#")
    assert urlsplit(page.url).path == "/" + path
    assert page.evaluate("decodeURIComponent(location.hash.slice(1))") == expected
    assert page.evaluate("id => document.getElementById(id) !== null", expected)


def test_switcher_follows_a_fragment_chosen_on_the_page(desktop, served):
    desktop.goto(served + "people/mark-zuckerberg/")
    desktop.evaluate("location.hash = '#' + encodeURIComponent('연표')")
    desktop.keyboard.press("Tab")
    desktop.locator("a[data-kml-switch]").focus()
    desktop.keyboard.press("Enter")
    desktop.wait_for_url(served + "en/people/mark-zuckerberg/#timeline")


def test_korean_text_breaks_between_words(desktop, served):
    desktop.goto(served + "people/mark-zuckerberg/")
    style = desktop.eval_on_selector("article p", "p => [getComputedStyle(p).wordBreak, getComputedStyle(p).overflowWrap]")
    assert style == ["keep-all", "anywhere"]
    desktop.goto(served + "en/people/mark-zuckerberg/")
    assert desktop.eval_on_selector("article p", "p => getComputedStyle(p).wordBreak") == "normal"
    # Korean inside an English page breaks as Korean
    assert desktop.eval_on_selector("article [lang=ko]", "e => getComputedStyle(e).wordBreak") == "keep-all"
