"""The relationship maps and the timeline picture (issue 15): DOT escaping, one Graphviz process per
language, the same bytes from the same package, and in Debian's Chromium, in both languages: an
inline SVG with a title and a text equivalent, every link in it working, no sideways page scroll on
a phone, a printable size, no axe violation."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.conftest import FIXTURE, ROOT, refresh_stats
from tests.site_helpers import Page, build_site
from tests.test_site_browser import assert_no_axe_violations, browser, page, server  # noqa: F401 (fixtures)

from scripts.site import graphs
from scripts.site.pages import RECORD_PAGES, Site
from scripts.site.pages.common import FOLDERS
from scripts.site.pages.map import map_page
from scripts.site.pages.timeline import span, timeline_page
from scripts.validate import validate

HOSTILE = [
    "<script>alert(1)</script>",
    'a "quoted" name & co',
    "&lt;not markup&gt; &amp; &#60;",
    "back\\slash \\N \\G \\l \\",
]
MAP_KINDS = ("people", "organizations", "works", "cases", "legal_issues")


# --- DOT source -----------------------------------------------------------------------------------


def texts(svg: str) -> list[str]:
    """The text of every <text> element of an SVG, unescaped as a browser shows it."""
    return [html.unescape(t) for t in re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_label_shows_exactly_what_the_data_holds(value):
    """Through `dot` itself: the label Graphviz draws is the value, character for character (no
    entity decoded, no escape sequence expanded), and the SVG holds no markup made of it."""
    source = f"digraph g {{ a [label={graphs.dot_string(value)}]; b [label={graphs.dot_label(value + ' ' + value, 14)}]; a -> b [label={graphs.dot_string(value)}]; }}"
    svg = subprocess.run(["dot", "-Tsvg"], input=source.encode(), capture_output=True, check=True).stdout.decode()
    shown = texts(svg)
    assert shown[0] == value and shown[-1] == value
    assert " ".join(shown[1:-1]) == " ".join((value + " " + value).split())  # wrapped at spaces only
    assert "<script" not in svg


def test_dot_string_escapes_quotes_backslashes_entities_and_line_breaks():
    assert graphs.dot_string('a"b\\c&d\ne\r\nf') == '"a\\"b\\\\c&amp;d e f"'
    assert graphs.dot_label("one two three four", 8) == '"one two\\nthree\\nfour"'


# --- one process per language, and the same bytes -------------------------------------------------


@pytest.fixture(scope="module")
def loaded():
    found, data = validate(ROOT / "dataset")
    assert found == []
    return data


def every_picture(site: Site, lang: str) -> list[str]:
    """The map page, the timeline and every record page that can carry a map, in `lang`."""
    out = [map_page(site, lang), timeline_page(site, lang)]
    for resource in MAP_KINDS:
        out += [RECORD_PAGES[resource](site, record, lang) for record in site.data.records(resource)]
    return out


def test_every_map_of_a_language_comes_from_one_dot_process(loaded, monkeypatch):
    calls = []
    real = subprocess.run

    def counting(cmd, *args, **kwargs):
        calls.append(cmd[0])
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(graphs.subprocess, "run", counting)
    for lang in ("ko", "en"):
        site = Site(loaded, "0", "http://127.0.0.1:8000/")
        shown = every_picture(site, lang)
        assert calls == ["dot"] * (1 if lang == "ko" else 2), calls
        maps = sum(1 for text in shown if 'class="kml-figure__svg"' in text)
        # the map page, the timeline, and every record with a relation
        related = graphs.figures(site, lang).records
        assert maps == 2 + len(related) and len(related) >= 25


def test_the_same_package_lays_out_the_same_bytes(loaded):
    first = graphs.lay_out(Site(loaded, "0", "http://127.0.0.1:8000/"), "en")
    second = graphs.lay_out(Site(loaded, "0", "http://127.0.0.1:8000/"), "en")
    assert first.site_map.svg == second.site_map.svg
    assert {k: f.svg for k, f in first.records.items()} == {k: f.svg for k, f in second.records.items()}
    assert "graphviz version" not in first.site_map.svg and "<?xml" not in first.site_map.svg and "<!DOCTYPE" not in first.site_map.svg


def test_the_whole_map_keeps_the_most_connected_records_and_lists_the_rest(loaded, monkeypatch):
    monkeypatch.setattr(graphs, "SITE_MAP_CAP", 10)
    site = Site(loaded, "0", "http://127.0.0.1:8000/")
    figs = graphs.figures(site, "en")
    rel = figs.relations
    shown = figs.site_map.nodes
    assert len(shown) == 10
    assert min(rel.degree(k) for k in shown) >= max(rel.degree(k) for k in figs.rest)
    assert ("organizations", "meta") in shown
    page_text = map_page(site, "en")
    for resource, record_id in figs.rest:  # every record left out is listed below, as a link
        assert f'href="../{FOLDERS[resource]}/{record_id}/"' in page_text


def test_partial_dates_are_drawn_as_the_span_they_stand_for():
    from datetime import date

    assert span("2024") == (date(2024, 1, 1), date(2024, 12, 31))
    assert span("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert span("2025-06-27") == (date(2025, 6, 27), date(2025, 6, 27))


def test_the_timeline_marks_the_article_only_when_its_date_is_known(loaded):
    page = timeline_page(Site(loaded, "0", "http://127.0.0.1:8000/"), "en")
    article = next(s for s in loaded.records("sources") if s.text_resource)
    assert article.date is None  # the package does not know it: the page says so and marks nothing
    assert "does not know the date of the article" in page
    assert ">Article " not in page
    dated = [q for q in loaded.records("quotes") if q.date]
    svg = page[page.index("<svg"): page.index("</svg>")]
    assert len(re.findall(r'<a href="\.\./quotes/', svg)) == len(dated)
    assert len(re.findall(r'<a href="#e-', svg)) == len(loaded.records("events"))


# --- a build without Graphviz, and hostile names --------------------------------------------------


def test_the_build_fails_with_a_clear_message_without_dot(tmp_path):
    bare = tmp_path / "bin"  # a PATH with Python's tools but no dot
    bare.mkdir()
    for tool in ("git",):
        if shutil.which(tool):
            (bare / tool).symlink_to(shutil.which(tool))
    env = {**os.environ, "PATH": str(bare), "DATASET": str(FIXTURE), "SITE_DIR": str(tmp_path / "site"), "SOURCE_DATE_EPOCH": "1700000000"}
    done = subprocess.run([sys.executable, "-m", "scripts.site.build"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert "Graphviz's dot is not installed" in done.stderr and "apt-get install graphviz" in done.stderr
    assert not (tmp_path / "site").exists()


def test_hostile_names_are_text_in_the_maps(tmp_path):
    package = tmp_path / "pkg"
    shutil.copytree(FIXTURE, package)
    for rel, old, new in (("data/people.csv", "Mark Zuckerberg", HOSTILE[0] + " " + HOSTILE[1]), ("data/organizations.csv", ",Meta,", "," + HOSTILE[2] + ","), ("data/works.csv", ",Llama 3,", ',"' + HOSTILE[3].replace('"', '""') + '",')):
        text = (package / rel).read_text(encoding="utf-8")
        assert text.count(old) >= 1, (rel, old)
        (package / rel).write_text(text.replace(old, new, 1), encoding="utf-8")
    refresh_stats(package)
    done = build_site(package, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    for url in ("en/map/", "en/people/mark-zuckerberg/"):
        body = (tmp_path / "site" / url / "index.html").read_text(encoding="utf-8")
        svg = body[body.index("<svg", body.index('class="kml-figure"')): body.index("</svg>", body.index('class="kml-figure"'))]
        drawn = " ".join(texts(svg))
        for value in HOSTILE[:3]:
            assert " ".join(value.split()) in drawn, (url, value)
        assert "<script" not in svg
        parsed = Page(body)
        kinds = [a.get("type", "") for tag, a in parsed.elements if tag == "script"]
        assert all("alert" not in code for kind, code in zip(kinds, parsed.scripts) if kind != "application/ld+json")


# --- in the browser -------------------------------------------------------------------------------

PICTURES = ["map/", "people/ahmad-al-dahle/", "organizations/meta/", "works/llama-3/", "cases/kadrey-v-meta/", "legal-issues/libgen-use/", "timeline/"]


def svg_facts(page) -> dict:
    return page.evaluate(
        """() => {
            const svg = document.querySelector('figure.kml-figure svg');
            const ids = (svg.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean);
            const figure = svg.closest('figure');
            const text = figure.nextElementSibling;
            return {
                title: svg.querySelector(':scope > title')?.textContent || '',
                desc: svg.querySelector(':scope > desc')?.textContent || '',
                named: ids.map(id => document.getElementById(id)?.textContent || ''),
                links: [...svg.querySelectorAll('a')].map(a => new URL(a.getAttribute('href'), location.href).href),
                edges: svg.querySelectorAll('g.edge').length,
                text: text && text.tagName === 'DETAILS' ? text.querySelectorAll('tbody tr').length : -1,
                scrollWidth: document.documentElement.scrollWidth,
            };
        }"""
    )


@pytest.mark.parametrize("root", ["", "en/"])
@pytest.mark.parametrize("path", PICTURES)
def test_each_picture_has_a_title_a_text_equivalent_and_working_links(page, server, root, path):  # noqa: F811
    page.goto(server + root + path)
    facts = svg_facts(page)
    assert facts["title"] and facts["desc"] and facts["named"] == [facts["title"], facts["desc"]]
    assert facts["links"], "no link in the picture"
    if path == "timeline/":
        assert facts["text"] >= len(facts["links"])  # each entry a row, and the article's row
    else:
        assert facts["text"] >= facts["edges"] > 0  # each relation drawn is a row (a record's table lists them all)
    for link in dict.fromkeys(facts["links"]):
        target = urlsplit(link)
        assert f"{target.scheme}://{target.netloc}/" == server, link
        response = page.request.get(link.split("#")[0])
        assert response.status == 200, link
        if target.fragment:
            assert f'id="{target.fragment}"' in response.text(), link


@pytest.mark.parametrize("root", ["", "en/"])
def test_a_node_is_a_link_a_reader_can_follow(page, server, root):  # noqa: F811
    page.goto(server + root + "map/")
    node = page.locator("figure.kml-figure svg a[href='../organizations/meta/']")
    node.scroll_into_view_if_needed()
    node.click()
    page.wait_for_url(server + root + "organizations/meta/")
    page.goto(server + root + "timeline/")
    page.locator("figure.kml-figure svg a[href^='#e-']").first.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash").startswith("#e-")


@pytest.mark.parametrize("root", ["", "en/"])
@pytest.mark.parametrize("path", ["map/", "timeline/", "organizations/meta/"])
def test_on_a_phone_the_picture_scrolls_inside_its_box_not_the_page(browser, server, root, path):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.goto(server + root + path)
    sizes = phone.evaluate(
        "() => { const box = document.querySelector('.kml-figure__scroll'); return [document.documentElement.scrollWidth, box.scrollWidth, box.clientWidth, getComputedStyle(box).overflowX] }"
    )
    context.close()
    page_width, inner, box, overflow = sizes
    assert page_width <= 390
    assert overflow == "auto" and inner > box  # wider than the phone: it scrolls inside its own box


@pytest.mark.parametrize("path", ["map/", "timeline/"])
def test_in_print_the_picture_fits_the_page(page, server, path):  # noqa: F811
    page.goto(server + "en/" + path)
    page.emulate_media(media="print")
    widths = page.evaluate(
        "() => { const box = document.querySelector('.kml-figure__scroll'); const svg = box.querySelector('svg'); return [svg.getBoundingClientRect().width, box.clientWidth, getComputedStyle(box).overflowX] }"
    )
    svg_width, box_width, overflow = widths
    assert overflow == "visible" and svg_width <= box_width + 1


@pytest.mark.parametrize("root", ["", "en/"])
@pytest.mark.parametrize("path", ["map/", "timeline/"])
def test_no_axe_violations_on_the_pictures(page, server, root, path):  # noqa: F811
    page.goto(server + root + path)
    page.evaluate("document.querySelectorAll('details.kml-figure-text').forEach(d => d.open = true)")  # and the text equivalent open
    assert_no_axe_violations(page)
