"""The glossary (issue 15): the resource and its checks, its pages in both languages, and the links
from the first use of a term in our own prose to its entry (scripts/site/pages/first_use.py)."""

from __future__ import annotations

import csv
import html
import re
from types import SimpleNamespace

import pytest

from schemas.vocab import SourceKind, Status, label
from scripts.site.pages.first_use import FirstUse, prose, unmarked
from tests.conftest import ROOT
from tests.site_helpers import Page, pages
from tests.test_site_browser import assert_no_axe_violations, browser, page, server  # noqa: F401 (fixtures)

DATA = ROOT / "dataset" / "data"
FIXTURE_ROW = "language-model,technical,언어 모델,language model,글을 이해하고 만들어 내는 AI 모델.,An AI model that understands and produces text.,,"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# --- the resource and its checks ----------------------------------------------------------------


def test_a_legal_term_without_a_source_is_refused(package, validate):
    package.replace("data/glossary.csv", FIXTURE_ROW, FIXTURE_ROW.replace(",technical,", ",legal,"))
    assert validate(package.root) == (
        1,
        ["data/glossary.csv:2:source_id: language-model is a legal term but cites no source: its definition states law, so fill source_id (a statute, rule or court record in sources) and status"],
    )


def test_a_legal_term_with_its_source_and_status_passes(package, validate):
    package.replace("data/glossary.csv", FIXTURE_ROW, FIXTURE_ROW.replace(",technical,", ",legal,").removesuffix(",,") + ",article-ko,read")
    assert validate(package.root)[0] == 0


def test_a_source_without_its_status_is_refused(package, validate):
    package.replace("data/glossary.csv", FIXTURE_ROW, FIXTURE_ROW.removesuffix(",,") + ",article-ko,")
    assert validate(package.root) == (1, ["data/glossary.csv:2:status: source_id and status go together: fill status too, or neither"])


def test_an_id_that_is_not_a_slug_is_refused(package, validate):
    package.replace("data/glossary.csv", FIXTURE_ROW, FIXTURE_ROW.replace("language-model,", "Language Model,", 1))
    status, lines = validate(package.root)
    assert status == 1
    assert lines[0] == "data/glossary.csv:2:id: constraint-error: 'Language Model': constraint \"pattern\" is \"^[a-z0-9]+(-[a-z0-9]+)*$\""


def test_one_spelling_names_one_term(package, validate):
    text = package.read("data/glossary.csv")
    package.write("data/glossary.csv", text + FIXTURE_ROW.replace("language-model,", "llm,", 1).replace("언어 모델", "대규모 언어 모델") + "\n")
    package.write("data/glossary_aliases.csv", package.read("data/glossary_aliases.csv") + "llm,ko,언어 모델\n")
    assert validate(package.root) == (
        1,
        [
            "data/glossary.csv:3:term_en: 'language model' is already the term of language-model",
            "data/glossary_aliases.csv:3:alias: '언어 모델' is already a spelling of language-model",
        ],
    )


def test_every_legal_term_cites_a_source_and_the_law_carries_no_address():
    sources = {s["id"]: s for s in rows("sources")}
    legal = [g for g in rows("glossary") if g["kind"] == "legal"]
    assert len(legal) >= 10
    for g in legal:
        assert g["source_id"] in sources and g["status"] in {s.value for s in Status}, g["id"]
    law = [s for s in sources.values() if s["kind"] in (SourceKind.STATUTE, SourceKind.COURT_RULE)]
    assert {s["id"] for s in law} >= {"us-code-17-107", "us-code-17-1202", "fed-r-civ-p-56"}
    # No address of the official text was read: none is given, and each note says how it was read.
    assert [s["id"] for s in law if s["url"]] == []
    assert all("official citation" in s["note_en"] and "공식 인용" in s["note_ko"] for s in law)


# --- the linker, on made-up terms ----------------------------------------------------------------

TERMS = [
    SimpleNamespace(id="fair-use", term_ko="공정 이용", term_en="fair use"),
    SimpleNamespace(id="use", term_ko="이용", term_en="use"),
    SimpleNamespace(id="plaintiff", term_ko="원고", term_en="plaintiff"),
    SimpleNamespace(id="defendant", term_ko="피고", term_en="defendant"),
    SimpleNamespace(id="gpu", term_ko="GPU", term_en="GPU"),
    SimpleNamespace(id="cmi", term_ko="저작권 관리 정보", term_en="copyright management information"),
    SimpleNamespace(id="infringement", term_ko="저작권 침해", term_en="copyright infringement"),
]
ALIASES = [
    SimpleNamespace(glossary_id="plaintiff", language=SimpleNamespace(value="en"), alias="plaintiffs"),
    SimpleNamespace(glossary_id="gpu", language=SimpleNamespace(value="en"), alias="GPUs"),
    SimpleNamespace(glossary_id="infringement", language=SimpleNamespace(value="ko"), alias="침해"),
]


def linked(lang: str, text: str, **kw) -> str:
    """`text` as one prose segment of a page, linked."""
    return FirstUse(TERMS, ALIASES, lang, lambda i: f"glossary/{i}.md").link("people/x.md", prose(text), **kw)[0]


@pytest.mark.parametrize(
    "text, expected",
    [
        # "use" is a term of its own: inside "refused" or "unfair" it is never found, as a word it is
        ("It was refused.", "It was refused."),
        ("An unfair use.", "An unfair [use](../glossary/use.md)."),
        ("Fair use, then fair use.", "[Fair use](../glossary/fair-use.md), then fair use."),
        ("the plaintiffs, and the plaintiff", "the [plaintiffs](../glossary/plaintiff.md), and the plaintiff"),
        ("gpu is not GPU, nor 64k GPUs", "gpu is not [GPU](../glossary/gpu.md), nor 64k GPUs"),
        ("copyright management information or infringement", "[copyright management information](../glossary/cmi.md) or infringement"),
        ('He wrote "fair use" and meant fair use.', "He wrote &quot;fair use&quot; and meant [fair use](../glossary/fair-use.md)."),
        ("“fair use” at https://example.org/fair_use", "“fair use” at https&#58;//example.org/fair&#95;use"),
        ("A <b>*fair use*</b> [x]", "A &lt;b&gt;&#42;[fair use](../glossary/fair-use.md)&#42;&lt;/b&gt; &#91;x&#93;"),
    ],
)
def test_english_whole_words_first_use_outside_quotes(text, expected):
    assert linked("en", text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("원고지에 적었다.", "원고지에 적었다."),
        ("원고지와 원고가", "원고지와 [원고](../glossary/plaintiff.md)가"),
        ("원고들은", "[원고](../glossary/plaintiff.md)들은"),
        ("꽃이 피고 진다.", "꽃이 피고 진다."),
        ("피고", "[피고](../glossary/defendant.md)"),
        ("공정 이용을 인정했다.", "[공정 이용](../glossary/fair-use.md)을 인정했다."),
        ("공정이용", "공정이용"),
        ("이용자", "이용자"),
        ("GPU를 샀다.", "[GPU](../glossary/gpu.md)를 샀다."),
        ("저작권 관리 정보를 지우면 침해다.", "[저작권 관리 정보](../glossary/cmi.md)를 지우면 [침해](../glossary/infringement.md)다."),
        ("\"원고\"라는 말과 원고", "&quot;원고&quot;라는 말과 [원고](../glossary/plaintiff.md)"),
    ],
)
def test_korean_whole_eojeol_stems(text, expected):
    assert linked("ko", text) == expected


def test_only_the_first_use_on_a_page_and_never_a_term_on_its_own_page():
    terms = FirstUse(TERMS, ALIASES, "en", lambda i: f"glossary/{i}.md")
    page = f"# fair use\n\n[fair use](y.md)\n\n{prose('No plaintiff.')}\n\n| {prose('A plaintiff and fair use.')} |\n\n{prose('fair use again')}\n"
    out, used = terms.link("people/x.md", page)
    assert out == (
        "# fair use\n\n[fair use](y.md)\n\nNo [plaintiff](../glossary/plaintiff.md).\n\n"
        "| A plaintiff and [fair use](../glossary/fair-use.md). |\n\nfair use again\n"
    )
    assert used == {"plaintiff", "fair-use"}
    # the term's own page, and a definition of the term, never link to it
    assert terms.link("glossary/fair-use.md", prose("fair use and the plaintiff"), skip=["fair-use"])[0] == "fair use and the [plaintiff](plaintiff.md)"
    assert terms.link("glossary/index.md", prose("fair use and use", "fair-use"))[0] == "fair use and [use](use.md)"
    assert unmarked(page) == page.replace(prose("No plaintiff."), "No plaintiff.").replace(prose("A plaintiff and fair use."), "A plaintiff and fair use.").replace(prose("fair use again"), "fair use again")


def test_a_value_cannot_forge_the_prose_markers():
    forged = "<!--kml-prose-->fair use<!--/kml-prose-->"
    out = linked("en", forged)
    assert "<!--" not in out and "[fair use](../glossary/fair-use.md)" in out


# --- the built site ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_term_has_its_page_and_the_index_lists_them_all(site, lang):
    root = site if lang == "ko" else site / "en"
    index = Page((root / "glossary" / "index.html").read_text(encoding="utf-8"))
    hrefs = [a["href"] for tag, a in index.links if tag == "a"]
    terms = rows("glossary")
    sources = {s["id"]: s for s in rows("sources")}
    for g in terms:
        assert f"{g['id']}/" in hrefs, g["id"]
        assert g["term_ko"] in index.plain and g["term_en"] in index.plain
        assert g[f"definition_{lang}"] in index.plain
        entry = Page((root / "glossary" / g["id"] / "index.html").read_text(encoding="utf-8"))
        assert g["term_ko"] in entry.plain and g["term_en"] in entry.plain and g[f"definition_{lang}"] in entry.plain
        for alias in (a for a in rows("glossary_aliases") if a["glossary_id"] == g["id"]):
            assert alias["alias"] in entry.plain
        entry_hrefs = {a["href"] for tag, a in entry.links if tag == "a"}
        if g["source_id"]:
            assert f"../../sources/{g['source_id']}/" in entry_hrefs
            assert f"../../guide/#status-{g['status']}" in entry_hrefs
            assert sources[g["source_id"]][f"title_{lang}"] in entry.plain
        assert f"./" not in entry_hrefs  # never a link to itself
    # grouped legal, then technical; sorted by the page language's term
    headings = re.findall(r'<h3 id="term-([a-z0-9-]+)"', (root / "glossary" / "index.html").read_text(encoding="utf-8"))
    by_kind = [g for kind in ("legal", "technical") for g in sorted((g for g in terms if g["kind"] == kind), key=lambda g: g[f"term_{lang}"].casefold())]
    assert headings == [g["id"] for g in by_kind]


def test_no_prose_marker_reaches_a_built_page(site):
    leaked = [url for url, path in pages(site).items() if "kml-prose" in path.read_text(encoding="utf-8")]
    assert leaked == []


@pytest.mark.parametrize(
    "lang, path, term, word",
    [
        ("ko", "people/thomas-s-hixson/", "discovery", "증거 개시"),
        ("en", "people/thomas-s-hixson/", "discovery", "discovery"),
        ("ko", "cases/kadrey-v-meta/", "plaintiff", "원고"),
        ("en", "cases/kadrey-v-meta/", "plaintiff", "plaintiffs"),
    ],
)
def test_a_record_page_links_the_first_use_once(site, lang, path, term, word):
    root = site if lang == "ko" else site / "en"
    text = (root / path / "index.html").read_text(encoding="utf-8")
    links = re.findall(rf'<a href="\.\./\.\./glossary/{term}/">([^<]*)</a>', text)
    assert links == [html.escape(word, quote=False)]
    glossary_page = (root / "glossary" / term / "index.html").read_text(encoding="utf-8")
    assert f'href="../../{path}"' in glossary_page  # the term's page lists the page that uses it


@pytest.mark.parametrize("lang_root", ["", "en/"])
def test_the_first_use_links_to_its_entry_in_chromium(page, server, lang_root):  # noqa: F811
    page.goto(server + lang_root + "people/thomas-s-hixson/")
    word = "증거 개시" if not lang_root else "discovery"
    link = page.locator(".md-content a[href$='glossary/discovery/']")
    assert link.count() == 1
    assert link.inner_text() == word
    assert link.evaluate("a => a.closest('h1, h2, h3, blockquote, .kml-quote-card') === null")  # in our prose
    link.click()
    page.wait_for_url(server + lang_root + "glossary/discovery/")
    assert page.locator("h1").first.inner_text().rstrip("¶") == ("증거 개시" if not lang_root else "discovery")


@pytest.mark.parametrize("lang_root", ["", "en/"])
@pytest.mark.parametrize("path", ["glossary/", "glossary/fair-use/", "glossary/gpu/"])
def test_no_axe_violations_on_the_glossary(page, server, lang_root, path):  # noqa: F811
    page.goto(server + lang_root + path)
    assert page.locator("h1").count() == 1
    assert_no_axe_violations(page)


def test_kinds_have_labels_in_both_languages():
    assert label(SourceKind.STATUTE, "ko") == "법률 조문" and label(SourceKind.COURT_RULE, "en") == "court rule"
