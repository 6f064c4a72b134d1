"""The built site: every record has a page in both languages, twins link to each other, no link is
broken, data never becomes markup, a failed build leaves the previous site alone."""

from __future__ import annotations

import csv
import hashlib
import json
import html
import shutil
from pathlib import Path

import pytest

from tests.conftest import FIXTURE, ROOT, refresh_stats
from tests.site_helpers import Page, build_site, pages, resolve, search_records

DATA = ROOT / "dataset" / "data"
FOLDERS = {
    "people": "people",
    "organizations": "organizations",
    "works": "works",
    "quotes": "quotes",
    "legal_issues": "legal-issues",
    "cases": "cases",
    "fact_checks": "fact-checks",
    "sources": "sources",
}


def rows(name: str, data: Path = DATA) -> list[dict[str, str]]:
    with open(data / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def parsed(site) -> dict[str, Page]:
    return {url: Page(path.read_text(encoding="utf-8")) for url, path in pages(site).items()}


def test_every_record_has_a_page_in_both_languages_with_its_names(site):
    for resource, folder in FOLDERS.items():
        for record in rows(resource):
            ko = Page((site / folder / record["id"] / "index.html").read_text(encoding="utf-8")).plain
            en = Page((site / "en" / folder / record["id"] / "index.html").read_text(encoding="utf-8")).plain
            if resource in ("people", "organizations", "works"):
                for text in (ko, en):
                    assert record["name_ko"] in text and record["name_en"] in text, (resource, record["id"])
            elif resource in ("legal_issues", "sources"):
                assert record["title_ko"] in ko and record["title_en"] in en
            elif resource == "cases":
                assert record["caption"] in ko and record["status_ko"] in ko and record["status_en"] in en
            elif resource == "fact_checks":
                for text in (ko, en):
                    assert record["exact"] in text
                assert record["sources_say_ko"] in ko and record["sources_say_en"] in en
            else:
                for text in (ko, en):
                    assert record["text_ko"] in text and record["text_en"] in text, record["id"]


def test_every_alias_is_on_its_record_page(site):
    for alias in rows("aliases"):
        column = next(c for c in ("person_id", "organization_id", "work_id", "legal_issue_id") if alias[c])
        folder = {"person_id": "people", "organization_id": "organizations", "work_id": "works", "legal_issue_id": "legal-issues"}[column]
        for root in (site, site / "en"):
            page = Page((root / folder / alias[column] / "index.html").read_text(encoding="utf-8"))
            if folder != "legal-issues":
                assert alias["alias"] in page.plain, alias["id"]


def test_record_pages_link_to_their_relations(parsed):
    page = parsed["people/mark-zuckerberg/"]
    hrefs = {a["href"] for tag, a in page.links if tag == "a"}
    assert "../../organizations/meta/" in hrefs
    assert "../../quotes/zuckerberg-llama-3-comparable/" in hrefs
    assert "../../article/#m-article-ko-m063" in hrefs
    assert "../../about/#corrections" in hrefs
    quote = parsed["en/quotes/al-dahle-64k-gpus/"]
    assert "../../article/#q-al-dahle-64k-gpus" in {a["href"] for tag, a in quote.links if tag == "a"}


def test_every_page_has_its_twin_and_links_to_it(site, parsed):
    urls = set(parsed)
    for url, page in parsed.items():
        lang = "en" if url.startswith("en/") else "ko"
        path = url[3:] if lang == "en" else url
        twin = path if lang == "en" else "en/" + path
        assert twin in urls, f"{url} has no twin {twin}"
        assert page.html_lang == lang, url
        # the switcher: one link, to the other language (the head's absolute alternates: tests/test_head_and_a11y.py)
        switcher = {a["hreflang"]: a["href"] for tag, a in page.elements if tag == "a" and "data-kml-switch" in a}
        assert set(switcher) == {"en" if lang == "ko" else "ko"}, url
        for links in (switcher,):
            for code, href in links.items():
                target, _ = resolve(site, url, href)
                if path == "404.html":  # served at any address: its switcher leads to the other home
                    expected = site / ("" if code == "ko" else "en") / "index.html"
                else:
                    expected = site / (path if code == "ko" else "en/" + path) / "index.html"
                assert target == expected, (url, code, href)


def test_no_broken_link_or_anchor(site, parsed):
    broken = []
    for url, page in parsed.items():
        for tag, a in page.links:
            ref = a.get("href") or a.get("src")
            if ref.startswith(("mailto:", "data:")):
                continue
            target, fragment = resolve(site, url, ref)
            if target is None:
                # a canonical URL and the language alternates name pages, load nothing
                assert tag == "a" or a.get("rel") in ("canonical", "alternate"), f"{url}: {tag} loads {ref} from another host"
                continue
            if not target.is_file():
                broken.append(f"{url}: {ref}")
                continue
            if fragment and target.suffix == ".html":
                key = target.relative_to(site).as_posix()
                key = key[: -len("index.html")] if key.endswith("index.html") else key
                if fragment not in parsed[key].ids:
                    broken.append(f"{url}: {ref} (no #{fragment})")
    assert broken == []


def test_english_inside_korean_pages_is_marked_and_the_reverse(parsed):
    ko = parsed["people/mark-zuckerberg/"]
    assert ("span", {"lang": "en"}) in ko.elements  # the English name
    en = parsed["en/people/mark-zuckerberg/"]
    assert ("span", {"lang": "ko"}) in en.elements
    article = parsed["en/article/"]
    assert ("td", {"lang": "ko"}) in article.elements


def test_annotated_article_marks_every_sentence_mention_and_quote(parsed):
    article = parsed["article/"]
    for s in rows("sentences"):
        assert f"s-{s['id']}" in article.ids
    for m in rows("mentions"):
        assert f"m-{m['id']}" in article.ids
    for q in rows("quotes"):
        assert f"q-{q['id']}" in article.ids


def test_schema_reference_lists_every_field(parsed):
    for lang_root in ("", "en/"):
        text = parsed[f"{lang_root}schema/"].plain
        for name in ("sources", "sentences", "people", "mentions", "quotes", "legal_issue_parties"):
            for field in rows(name)[0] if rows(name) else []:
                assert field in text
    assert "발화자의 식별자" in parsed["schema/"].plain
    assert "Identifier of the speaker" in parsed["en/schema/"].plain


def test_nothing_loads_from_other_hosts(parsed):
    for url, page in parsed.items():
        for tag, a in page.links:
            if tag != "a" and a.get("rel") not in ("canonical", "alternate"):  # they name pages, load nothing
                ref = a.get("src") or a.get("href")
                assert not ref.startswith(("http:", "https:", "//")), f"{url}: {tag} {ref}"


HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "[click](javascript:alert(3))",
    "*emphasis* _under_ `code` <!-- comment --> {{ jinja }} {% tag %}",
]


def test_hostile_values_render_as_text(tmp_path):
    package = tmp_path / "pkg"
    shutil.copytree(FIXTURE, package)
    people = package / "data" / "people.csv"
    text = people.read_text(encoding="utf-8")
    text = text.replace("마크 저커버그", "마크 " + HOSTILE[0]).replace("Mark Zuckerberg", "Mark " + HOSTILE[1])
    text = text.replace("메타의 CEO.", HOSTILE[2]).replace("Meta's CEO.", HOSTILE[3])
    people.write_text(text, encoding="utf-8")
    aliases = package / "data" / "aliases.csv"
    with open(aliases, "a", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        for n, value in enumerate(HOSTILE[2:], start=2):
            writer.writerow([f"mark-zuckerberg-{n}", "mark-zuckerberg", "", "", "", "en", "variant", value])
    refresh_stats(package)
    done = build_site(package, tmp_path / "site")
    assert done.returncode == 0, done.stderr
    for root in ("", "en/"):
        html = (tmp_path / "site" / root / "people" / "mark-zuckerberg" / "index.html").read_text(encoding="utf-8")
        page = Page(html)
        for value in HOSTILE:
            assert value in page.plain, value
        script_types = [a.get("type", "") for tag, a in page.elements if tag == "script"]
        for kind, body in zip(script_types, page.scripts):
            if kind == "application/ld+json":  # data, not code: the values are there, but cannot close the element
                assert "<" not in body and json.loads(body)
            else:
                assert "alert" not in body
        assert not any(tag == "img" and a.get("src") == "x" for tag, a in page.elements)
        assert not any(a.get("href", "").startswith("javascript:") for tag, a in page.elements)
        assert "<em>emphasis</em>" not in html and "<!-- comment -->" not in html


def tree_digest(folder: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(path.relative_to(folder).as_posix().encode())
        if path.is_file():
            h.update(path.read_bytes())
    return h.hexdigest()


def test_failed_build_leaves_the_previous_site_as_it_was(tmp_path, site):
    site_dir = tmp_path / "site"
    shutil.copytree(site, site_dir)
    before = tree_digest(site_dir)
    package = tmp_path / "pkg"
    shutil.copytree(FIXTURE, package)
    (package / "data" / "people.csv").write_text("id\n", encoding="utf-8")
    done = build_site(package, site_dir)
    assert done.returncode == 1
    assert "data/people.csv:1:name_ko: missing column" in done.stderr
    assert f"{site_dir} was left as it was" in done.stderr
    assert tree_digest(site_dir) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-build-")] == []


def test_site_url_changes_only_absolute_urls(tmp_path, site):
    other = tmp_path / "site"
    done = build_site(ROOT / "dataset", other, "https://example.org/")
    assert done.returncode == 0, done.stderr
    def bundles(root: Path) -> list[Path]:
        return [root / "pagefind", root / "en" / "pagefind"]

    differing = sorted(
        p.relative_to(other).as_posix() for p in other.rglob("*")
        if p.is_file() and not any(b in p.parents for b in bundles(other)) and p.read_bytes() != (site / p.relative_to(other)).read_bytes()
    )
    # The search bundles name their chunks by content; what they hold changes only by the URLs.
    for mine, theirs in zip(bundles(site), bundles(other)):
        text = json.dumps(search_records(mine), ensure_ascii=False, sort_keys=True).replace("http://127.0.0.1:8000/", "https://example.org/")
        assert text == json.dumps(search_records(theirs), ensure_ascii=False, sort_keys=True)
    for rel in differing:
        if rel.endswith(".html") or rel.startswith("api/") or rel == "CITATION.cff":  # pages, API and citation name their URLs
            a = html.unescape((site / rel).read_text(encoding="utf-8")).replace("http://127.0.0.1:8000/", "https://example.org/")
            assert a == html.unescape((other / rel).read_text(encoding="utf-8")), rel
        else:
            assert rel in ("sitemap.xml", "sitemap.xml.gz", "en/sitemap.xml", "en/sitemap.xml.gz", "robots.txt"), rel


MARK = "\u2042"  # scripts/site/search.py: what follows it in a page's search record is never shown


def test_search_index_holds_every_page_of_its_language_with_names_and_korean_morphemes(site):
    for root, prefix in ((site, ""), (site / "en", "en/")):
        # URLs from the language's root (the search box adds the root's path when it shows them)
        records = search_records(root / "pagefind")
        ours = {"/" + url[len(prefix):] for url in pages(site) if url.startswith("en/") == bool(prefix) and not url.endswith("404.html")}
        assert set(records) == ours
        # every name and alias, as searchable metadata of the record's own page
        for resource, column, field in (("people", "person_id", "names"), ("works", "work_id", "names"), ("legal_issues", "legal_issue_id", "topic")):
            for record in rows(resource):
                meta = records[f"/{FOLDERS[resource]}/{record['id']}/"]["meta"]
                spellings = [record.get("name_ko") or record["title_ko"], record.get("name_en") or record["title_en"]] + [a["alias"] for a in rows("aliases") if a[column] == record["id"]]
                assert meta[field].split(" · ") == list(dict.fromkeys(spellings)), (prefix, record["id"])
        assert not [p for p in (root / "pagefind").iterdir() if "-ui" in p.name or "highlight" in p.name]  # the site has its own interface
        assert [p.name for p in (root / "pagefind").glob("wasm.*")] == [{"": "wasm.unknown.pagefind", "en/": "wasm.en.pagefind"}[prefix]]
    korean = search_records(site / "pagefind")["/organizations/mistral-ai/"]["content"]
    assert "인공지능" in korean.rsplit(MARK, 1)[0] and "인공-지능" in korean.rsplit(MARK, 1)[1].split()  # its morphemes, in order
    assert MARK not in json.dumps(search_records(site / "en" / "pagefind"), ensure_ascii=False)  # no morphemes for English


def test_same_commit_builds_identical_bytes(tmp_path, site):
    again = tmp_path / "site"
    done = build_site(ROOT / "dataset", again)
    assert done.returncode == 0, done.stderr
    assert tree_digest(again) == tree_digest(site)


def test_quote_pages_show_three_layers_with_statuses(parsed):
    for q in rows("quotes"):
        for root, lang in (("", "ko"), ("en/", "en")):
            text = parsed[f"{root}quotes/{q['id']}/"].plain
            assert q["text_ko"] in text and q["text_en"] in text  # as printed, as translated
            if q["original_text"]:
                assert q["original_text"] in text  # as originally said
            assert q[f"original_note_{lang}"] in text
            status = {"ko": {"read": "원문 확인", "corroborated": "교차 확인", "unverified": "미확인"}, "en": {"read": "read", "corroborated": "corroborated", "unverified": "unverified"}}[lang]
            assert status[q["wording_status"]] in text and status[q["speaker_status"]] in text
    unnamed = parsed["en/quotes/unnamed-executive-llama-3/"].plain
    assert "Llama 3 is literally all I care about." in unnamed and "no source names the speaker" in unnamed


def test_article_marks_every_fact_check_and_links_to_it(parsed):
    article = parsed["article/"]
    hrefs = {a.get("href") for tag, a in article.links}
    for f in rows("fact_checks"):
        assert f"f-{f['id']}" in article.ids
        assert f"../fact-checks/{f['id']}/" in hrefs
    assert "f-prosecutors-wrong-term" in parsed["en/article/"].ids


def test_timeline_lists_every_event_in_date_order_with_sources(parsed):
    for root in ("", "en/"):
        page = parsed[f"{root}timeline/"]
        events = sorted(rows("events"), key=lambda e: (e["date"], e["id"]))
        positions = [page.plain.index(e["title_en" if root else "title_ko"]) for e in events]
        assert positions == sorted(positions)
        assert {f"e-{e['id']}" for e in events} <= page.ids
        hrefs = {a.get("href") for tag, a in page.links}
        for link in rows("event_sources"):
            assert f"../sources/{link['source_id']}/" in hrefs


def test_case_page_shows_parties_judges_claims_status_and_events(parsed):
    text = parsed["en/cases/kadrey-v-meta/"].plain
    for value in ("3:23-cv-03417-VC", "Sarah Silverman", "Vince Chhabria", "Thomas S. Hixson", "magistrate judge", "DMCA §1202", "torrent seeding", "2025-06-25"):
        assert value in text, value


def test_source_pages_list_what_cites_them(parsed):
    text = parsed["en/sources/techcrunch-2025-01-14/"].plain
    hrefs = {a.get("href") for tag, a in parsed["en/sources/techcrunch-2025-01-14/"].links}
    assert "../../quotes/al-dahle-mistral/" in hrefs and "../../fact-checks/mistral-softened/" in hrefs
    letter = {a.get("href") for tag, a in parsed["sources/zuckerberg-2024-07-23/"].links}
    assert "https://about.fb.com/news/2024/07/open-source-ai-is-the-path-forward/" in letter
