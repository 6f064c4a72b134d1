"""Issue 12 in Chromium: the English column of the annotated article carries the Korean column's
annotations (same links, same labels), mentions tables summarise by sentence, the downloads page
keeps its long list and hashes folded away, and legal-issue pages say each one's role."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from schemas.vocab import label, PartyRole
from tests.conftest import ROOT
from tests.test_site_browser import assert_no_axe_violations, browser, page, server  # noqa: F401 (fixtures)

DATA = ROOT / "dataset" / "data"
LANG_ROOTS = ["", "en/"]


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# What each column of a sentence row holds, as the reader's browser sees it: every link by kind with
# its target (absolute) and accessible name, and the count of marked passages.
COLUMN = """td => {
  const links = sel => [...td.querySelectorAll(sel)].map(a => [a.href, a.textContent, a.title]);
  return {
    mentions: [...td.querySelectorAll('a.kml-mention, a.kml-mention-outer')].map(a => [a.href, a.title]),
    outer: links('a.kml-mention-outer').map(([h, text]) => [h, text]),
    quotes: td.querySelectorAll('mark.kml-quote').length,
    quote_links: links('a.kml-quote-link').map(([h, text]) => [h, text]),
    checks: td.querySelectorAll('span.kml-check').length,
    check_links: links('a.kml-check-link').map(([h, text]) => [h, text]),
    ids: [...td.querySelectorAll('[id]')].map(e => e.id),
  };
}"""


@pytest.mark.parametrize("lang_root", LANG_ROOTS)
def test_english_column_is_annotated_like_the_korean_one(page, server, lang_root):
    page.goto(server + lang_root + "article/")
    sentences = rows("sentences")
    assert page.locator("tr[id^='s-']").count() == len(sentences)
    for s in sentences:
        row = page.locator(f"#s-{s['id']}")
        ko = row.locator("td[lang=ko]").evaluate(COLUMN)
        en = row.locator("td[lang=en]").evaluate(COLUMN)
        # as many mention links, to the same pages, with the same titles (mentions as printed in
        # Korean and as group links ("[legal issue]") may be laid out differently in English)
        assert Counter(map(tuple, ko["mentions"])) == Counter(map(tuple, en["mentions"])), s["id"]
        for key in ("quotes", "checks"):
            assert ko[key] == en[key], (s["id"], key)
        for key in ("quote_links", "check_links"):  # same targets, same accessible names
            assert Counter(map(tuple, ko[key])) == Counter(map(tuple, en[key])), (s["id"], key)
        # the Korean anchors (which other pages link to) stay in the Korean column
        assert all(i.startswith(("m-", "q-", "f-")) for i in ko["ids"]), s["id"]
        assert all(i.startswith(("en-m-", "en-q-", "en-f-")) for i in en["ids"]), s["id"]
    ids = page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("lang_root", LANG_ROOTS)
def test_english_annotations_sit_on_the_english_words(page, server, lang_root):
    page.goto(server + lang_root + "article/")
    en = lambda sid: page.locator(f"#s-article-ko-{sid} td[lang=en]")  # noqa: E731
    # s19 "Prosecutors allege…": its fact check on "Prosecutors", its quote on the quote's English
    check = en("s19").locator("#en-f-prosecutors-wrong-term")
    assert check.inner_text() == "Prosecutors"
    assert en("s19").locator("a.kml-check-link").get_attribute("href").endswith("fact-checks/prosecutors-wrong-term/")
    quotes = {q["id"]: q for q in rows("quotes")}
    assert en("s19").locator("#en-q-prosecutors-copyrighted-books").inner_text() == quotes["prosecutors-copyrighted-books"]["text_en"]
    # a mention of Meta on the word "Meta"; of Llama 3 printed "Llama3" on "Llama 3"
    assert en("s01").locator("#en-m-article-ko-m002").inner_text() == "Meta"
    assert en("s01").locator("#en-m-article-ko-m001").inner_text() == "Llama 3"
    # a quote the translation words differently is on its English words, not on the whole sentence
    assert en("s15").locator("#en-q-ai-leaders-training-data").inner_text().startswith("often talked")
    # a fact check over two sentences: on the whole of each, its anchor in the first
    assert en("s24").locator(".kml-check").count() == en("s25").locator(".kml-check").count() == 1
    assert en("s24").locator("#en-f-zuckerberg-letter-context").count() == 1
    # the court, 법원 in the Korean, sits on "the court" (its English alias) in our English
    assert en("s02").locator("#en-m-article-ko-court-s02").inner_text() == "the court"
    # a mention our English has no words for is listed after the sentence, linked like the others
    # (s04 prints 메타 and 카드레이 twice, as 카드레이 대 메타(Kadrey v. Meta); our English names them once)
    unplaced = en("s04").locator(".kml-unplaced a[href$='people/richard-kadrey/']")
    assert unplaced.count() == 1
    # the English links lead where the Korean ones do
    en("s01").locator("#en-m-article-ko-m002").click()
    page.wait_for_url(server + lang_root + "organizations/meta/")


@pytest.mark.parametrize("lang_root", LANG_ROOTS)
def test_mentions_table_has_one_row_per_sentence(page, server, lang_root):
    page.goto(server + lang_root + "organizations/meta/")
    mentions = [m for m in rows("mentions") if m["organization_id"] == "meta"]
    sentences = [s for s in rows("sentences") if any(int(s["start"]) <= int(m["start"]) < int(s["end"]) for m in mentions)]
    heading = page.locator("h2", has_text="(25)" if len(mentions) == 25 else f"({len(mentions)})")
    table = heading.locator("xpath=following::table[1]")
    body = table.locator("tbody tr")
    assert body.count() == len(sentences) < len(mentions)
    headers = table.locator("th").all_inner_texts()
    assert len(headers) == 2 and all(h.strip() for h in headers)
    for i, s in enumerate(sentences):
        row = body.nth(i)
        text = row.inner_text()
        assert text.count(s["text_ko"]) == 1  # the sentence once
        ranges = sorted((int(m["start"]), int(m["end"])) for m in mentions if int(s["start"]) <= int(m["start"]) < int(s["end"]))
        korean = row.locator("td").nth(1).locator("strong").all_inner_texts()[: len(ranges)]
        assert korean == [s["text_ko"][a - int(s["start"]) : b - int(s["start"])] for a, b in ranges]
        forms = row.locator("td").nth(0).inner_text().split(", ")
        assert forms == list(dict.fromkeys(m["exact"] for m in mentions if int(s["start"]) <= int(m["start"]) < int(s["end"])))
        links = row.locator("a")
        assert links.count() == 1 and "article/#m-" in links.get_attribute("href")
        if lang_root:
            assert s["text_en"] in text  # with our translation on English pages


@pytest.mark.parametrize("lang_root", LANG_ROOTS)
@pytest.mark.parametrize("path", ["organizations/meta/", "works/llama-3/", "people/mark-zuckerberg/", "legal-issues/kadrey-v-meta/", "downloads/", "article/"])
def test_every_table_header_cell_has_text(page, server, lang_root, path):
    page.goto(server + lang_root + path)
    empty = page.eval_on_selector_all("th", "ths => ths.filter(th => !th.textContent.trim()).length")
    assert empty == 0


DOWNLOAD_TEXT = {
    "": {"summary": "모든 파일과 SHA-256 해시", "warning": "수식으로 실행될 수 있다"},
    "en/": {"summary": "with their SHA-256 hashes", "warning": "may run as a formula"},
}


@pytest.mark.parametrize("lang_root", LANG_ROOTS)
def test_downloads_page_folds_the_long_list_and_the_hashes(page, server, site, lang_root):
    page.goto(server + lang_root + "downloads/")
    version = next(p.name for p in (site / "downloads").iterdir() if p.is_dir() and p.name != "latest")  # downloads/index.html is the page
    folder = site / "downloads" / version
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())  # package/ holds a tree
    linked = set(page.eval_on_selector_all("a[href]", "as => as.map(a => decodeURIComponent(new URL(a.href).pathname))"))
    for name in files:
        assert f"/downloads/{version}/{name}" in linked, name  # every file has a link
    # the short table: the data files, no hash
    short = page.locator("article table").first
    assert short.locator("tbody tr").count() <= 6
    assert "zip" in short.inner_text() and "xlsx" in short.inner_text() and "sqlite" in short.inner_text()
    assert not short.locator("code").count()
    # every hash in a <details>, closed, its summary in the page's language
    details = page.locator("details")
    assert details.count() == 1 and details.get_attribute("open") is None
    assert DOWNLOAD_TEXT[lang_root]["summary"] in details.locator("summary").inner_text()
    hashes = page.eval_on_selector_all("code", "cs => cs.filter(c => /^[0-9a-f]{64}$/.test(c.textContent)).map(c => !!c.closest('details'))")
    assert len(hashes) == len(files) - 1 and all(hashes)  # all but SHA256SUMS itself
    assert not details.locator("a[href$='SHA256SUMS']").count() and page.locator("a[href$='SHA256SUMS']").is_visible()
    details.locator("summary").click()
    assert details.locator("table").is_visible()
    # the CSV formula warning, in the page's language
    assert DOWNLOAD_TEXT[lang_root]["warning"] in page.locator("article").inner_text()
    assert_no_axe_violations(page)


@pytest.mark.parametrize("lang_root", LANG_ROOTS)
def test_legal_issue_pages_say_each_ones_role_and_call_no_one_a_party(page, server, lang_root):
    lang = "en" if lang_root else "ko"
    involved = rows("legal_issue_parties")
    names = {r["id"]: r for name in ("people", "organizations") for r in rows(name)}
    for issue in rows("legal_issues"):
        page.goto(server + lang_root + f"legal-issues/{issue['id']}/")
        headings = page.locator("h2").all_inner_texts()
        assert not [h for h in headings if "part" in h.lower() or "당사자" in h], headings
        mine = [r for r in involved if r["legal_issue_id"] == issue["id"]]
        if not mine:
            continue
        heading = "People and organizations involved" if lang == "en" else "관련 인물과 조직"
        table = page.locator("h2", has_text=heading).locator("xpath=following::table[1]")
        cells = [[c.strip() for c in row.locator("td").all_inner_texts()] for row in table.locator("tbody tr").all()]
        expected = [[names[r["person_id"] or r["organization_id"]][f"name_{lang}"], label(PartyRole(r["role"]), lang)] for r in mine]
        assert cells == expected
