"""Issue 12, quotes a journalist can use: every quote shown as a card that leads with what was
originally said, then the Korean as printed, then our English translation labelled as ours; quote
titles and link texts cut only at a word boundary; fact checks and quotes linked both ways; English
pages headed in English; quote pages without skipped heading levels."""

from __future__ import annotations

import csv
import html
import re
from urllib.parse import urljoin, urlsplit

import pytest

from tests.conftest import ROOT
from tests.site_helpers import Page, pages
from tests.test_site_browser import browser, page, server  # noqa: F401 (fixtures)

DATA = ROOT / "dataset" / "data"
HANGUL = re.compile("[\uac00-\ud7a3]")
HEADING = re.compile(r"<h([1-6])\b[^>]*>(.*?)</h\1>", re.S)
TRANSLATION_LABEL = {"ko": "우리의 영어 번역 (한국어 기사를 옮긴 것)", "en": "Our English translation of the Korean article"}
QUOTE_PAGE_LINK = {"인용 페이지", "quote page", "[인용]", "[quote]"}  # labels, not the quote's words


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


QUOTES = {q["id"]: q for q in rows("quotes")}
FACT_CHECKS = rows("fact_checks")


@pytest.fixture(scope="module")
def html_pages(site) -> dict[str, str]:
    return {url: path.read_text(encoding="utf-8") for url, path in pages(site).items()}


def article(text: str) -> str:
    """The page's content, without Material's header, navigation and table of contents."""
    return text[text.index('<article class="md-content__inner'): text.index("</article>")]


def plain(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("¶", "").strip()


def is_clipped_at_a_word_boundary(shown: str, full: str) -> bool:
    """`shown` is `full`, or a prefix of it that ends where a word ends, and "…"."""
    if shown == full:
        return True
    if not shown.endswith("…"):
        return False
    head = shown[:-1]
    return full.startswith(head) and len(head) < len(full) and (full[len(head)] in " ,.;:!?" or head[-1] in ",.;:!?")


def test_clip_never_cuts_a_word():
    from scripts.site.pages.common import clip

    for q in QUOTES.values():
        for text in (q["text_ko"], q["text_en"], q["original_text"]):
            for limit in (12, 20, 48, 60, 120):
                assert is_clipped_at_a_word_boundary(clip(text, limit), text) if text else True, (text, limit)


# Browser: what a reader sees, in document order.
CASES = [
    ("people/ahmad-al-dahle/", "al-dahle-64k-gpus"),
    ("organizations/meta/", "al-dahle-goal-gpt-4"),
    ("quotes/", "al-dahle-64k-gpus"),
    ("quotes/al-dahle-64k-gpus/", "al-dahle-64k-gpus"),
    ("fact-checks/gpu-release-mistranslated/", "al-dahle-64k-gpus"),
    ("timeline/", "al-dahle-64k-gpus"),
]


@pytest.mark.parametrize("root,lang", [("", "ko"), ("en/", "en")])
@pytest.mark.parametrize("path,quote_id", CASES)
def test_the_original_comes_first_and_our_english_is_labelled(page, server, root, lang, path, quote_id):  # noqa: F811
    q = QUOTES[quote_id]
    page.goto(server + root + path)
    text = page.locator("article").inner_text()
    original = text.find(q["original_text"])
    assert original >= 0, "the original is not shown"
    for layer in ("text_ko", "text_en"):
        at = text.find(q[layer])
        assert at < 0 or original < at, f"{layer} comes before the original"
    # Wherever our English is shown in a card, the label right above it says it is our translation.
    labels = page.eval_on_selector_all(
        ".kml-quote-card .kml-layer-translation", "els => els.map(e => { const b = e.closest('blockquote'); return b.previousElementSibling.textContent })"
    )
    if path != "quotes/":
        assert labels, "no quote card"
    assert all(TRANSLATION_LABEL[lang] in label for label in labels), labels
    if lang == "en":
        # The Korean layer is marked as Korean.
        assert page.eval_on_selector_all(".kml-layer-printed", "els => els.every(e => e.querySelector('[lang=ko]'))")


@pytest.mark.parametrize("root", ["", "en/"])
def test_each_quote_is_its_own_card(page, server, root):  # noqa: F811
    page.goto(server + root + "people/ahmad-al-dahle/")
    cards = page.locator(".kml-quote-card")
    assert cards.count() == 3
    for i in range(3):
        card = cards.nth(i)
        assert card.locator(".kml-layer-original").count() == 1 and card.locator(".kml-layer-printed").count() == 1
        assert card.locator(".kml-layer-translation").count() == 1
        hrefs = card.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert any(h.startswith("../../quotes/") for h in hrefs) and any("article/#q-" in h for h in hrefs)
        box = card.bounding_box()
        assert box and box["height"] > 0


def test_a_quote_without_an_original_says_so(html_pages):
    for root, label in (("", "원래 문구 알려지지 않음"), ("en/", "No original wording known")):
        card = plain(article(html_pages[f"{root}quotes/touvron-improve-datasets/"]).split('class="kml-quote-card"', 1)[1])
        assert card.index(label) < card.index(QUOTES["touvron-improve-datasets"]["text_ko"])
        assert label in plain(article(html_pages[f"{root}quotes/"]))
        assert label in plain(article(html_pages[f"{root}people/hugo-touvron/"]))


def test_english_quotes_index_columns_are_original_speaker_kind(html_pages):
    body = article(html_pages["en/quotes/"])
    assert [plain(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", body)] == ["Original", "Speaker", "Kind"]
    assert "We will release 64k GPUs" not in plain(body)  # our back-translation is not shown as the quote
    ko = article(html_pages["quotes/"])
    assert [plain(h) for h in re.findall(r"<th[^>]*>(.*?)</th>", ko)] == ["원래 한 말", "기사에 실린 말", "발화자", "종류"]
    assert QUOTES["al-dahle-64k-gpus"]["original_text"] in plain(ko)


def test_quote_titles_and_link_texts_never_end_inside_a_word(html_pages):
    checked = 0
    for url, text in html_pages.items():
        body = article(text)
        for link, inner in re.findall(r'<a [^>]*href="([^"#]*)"[^>]*>(.*?)</a>', body):
            target = re.fullmatch(r"/(?:en/)?quotes/([a-z0-9-]+)/", urlsplit(urljoin("http://site/" + url, link)).path)
            if not target:
                continue
            href, shown = target.group(1), plain(inner)
            if shown in QUOTE_PAGE_LINK or shown.startswith("http"):
                continue
            q = QUOTES[href]
            fulls = [q["text_ko"], q["text_en"], q["original_text"]]
            assert any(is_clipped_at_a_word_boundary(shown, full) for full in fulls if full), (url, shown)
            checked += 1
    assert checked > 30  # the quotes indexes and the fact-checks indexes
    for q in QUOTES.values():
        for root in ("", "en/"):
            text = html_pages[f"{root}quotes/{q['id']}/"]
            h1 = plain(re.search(r"<h1[^>]*>(.*?)</h1>", text, re.S).group(1))
            title = html.unescape(re.search(r"<title>(.*?)</title>", text).group(1)).rsplit(" - ", 1)[0]
            for shown in (h1, title):
                shown = shown.split(": ", 1)[1].removesuffix(" (our translation)")
                full = q["text_ko"] if not root else (q["original_text"] or q["text_en"])
                assert is_clipped_at_a_word_boundary(shown, full), (q["id"], root, shown)


def test_english_quote_titles_lead_with_the_original(html_pages):
    for q in QUOTES.values():
        h1 = plain(re.search(r"<h1[^>]*>(.*?)</h1>", html_pages[f"en/quotes/{q['id']}/"], re.S).group(1))
        if q["original_text"]:
            assert q["original_text"].startswith(h1.split(": ", 1)[1].rstrip("…")), h1
        else:
            assert h1.endswith("(our translation)"), h1


def test_fact_checks_and_quotes_link_both_ways(html_pages):
    people = {p["id"] for p in rows("people")}
    index = {root: article(html_pages[f"{root}fact-checks/"]) for root in ("", "en/")}
    for f in FACT_CHECKS:
        if not f["quote_id"]:
            continue
        q = QUOTES[f["quote_id"]]
        for root in ("", "en/"):
            check = article(html_pages[f"{root}fact-checks/{f['id']}/"])
            assert f'href="../../quotes/{q["id"]}/"' in check
            if q["speaker_id"] in people:
                assert f'href="../../people/{q["speaker_id"]}/"' in check
            quote = article(html_pages[f"{root}quotes/{q['id']}/"])
            assert f'href="../../fact-checks/{f["id"]}/"' in quote
            assert f'href="../quotes/{q["id"]}/"' in index[root]
            if q["speaker_id"]:
                assert f'href="../../fact-checks/{f["id"]}/"' in article(html_pages[f"{root}people/{q['speaker_id']}/"])
    # A check whose span overlaps a quote's span is listed with that quote too.
    for root in ("", "en/"):
        assert 'href="../../fact-checks/zuckerberg-letter-context/"' in article(html_pages[f"{root}quotes/zuckerberg-llama-most-advanced-2025/"])
        meta = article(html_pages[f"{root}organizations/meta/"])
        assert 'href="../../fact-checks/goal-gpt-4-overstated/"' in meta and 'href="../../fact-checks/zuckerberg-letter-context/"' in meta


def test_english_fact_checks_are_in_english_with_the_korean_marked(html_pages):
    body = article(html_pages["en/fact-checks/"])
    for f in FACT_CHECKS:  # a quote known only by our translation is marked so in the index
        row = re.search(rf'<tr>(?:(?!</tr>).)*href="[^"]*{f["id"]}/"(?:(?!</tr>).)*</tr>', body, re.S).group(0)
        if f["quote_id"]:
            assert ("(our translation)" in plain(row)) == (not QUOTES[f["quote_id"]]["original_text"]), f["id"]
    for f in FACT_CHECKS:
        link = re.search(rf'<a href="\./{f["id"]}/">(.*?)</a>|<a href="{f["id"]}/">(.*?)</a>', body)
        shown = plain(next(g for g in link.groups() if g is not None))
        assert not HANGUL.search(shown) and is_clipped_at_a_word_boundary(shown, f["article_says_en"]), shown
        page = article(html_pages[f"en/fact-checks/{f['id']}/"])
        h1 = plain(re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1))
        assert not HANGUL.search(h1) and f["verdict"].replace("-", " ") in h1.lower().replace("-", " "), h1
        assert unmarked_hangul(html_pages[f"en/fact-checks/{f['id']}/"]) == []
        assert f'<span lang="ko">{html.escape(f["exact"], quote=False)}' in page or f'lang="ko"' in page


def test_korean_on_english_pages_with_quotes_is_marked(html_pages):
    for url, text in html_pages.items():
        if url.startswith(("en/quotes/", "en/fact-checks/", "en/people/", "en/organizations/", "en/timeline/", "en/sources/", "en/cases/")):
            bad = unmarked_hangul(text)
            assert bad == [], (url, bad[:3])


def unmarked_hangul(text: str) -> list[str]:
    """Runs of Hangul in a page's <article> that no element with lang="ko" holds."""
    from html.parser import HTMLParser

    class Walker(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.stack: list[tuple[str, str]] = []
            self.bad: list[str] = []
            self.inside = 0

        def handle_starttag(self, tag, attrs):
            if tag == "article":
                self.inside += 1
            if tag == "script":
                self.inside -= 1000  # JSON-LD is data, not text
            if tag not in ("br", "img", "hr", "input", "meta", "link", "wbr"):
                self.stack.append((tag, dict(attrs).get("lang") or ""))

        def handle_endtag(self, tag):
            if tag == "article":
                self.inside -= 1
            if tag == "script":
                self.inside += 1000
            while self.stack:
                if self.stack.pop()[0] == tag:
                    break

        def handle_data(self, data):
            if self.inside > 0 and HANGUL.search(data) and not any(lang == "ko" for _, lang in self.stack):
                self.bad.append(data.strip())

    walker = Walker()
    walker.feed(text)
    return walker.bad


def test_no_hangul_in_any_heading_of_an_english_page(html_pages):
    bad = []
    for url, text in html_pages.items():
        if not url.startswith("en/"):
            continue
        for level, inner in HEADING.findall(text):
            if HANGUL.search(plain(inner)):
                bad.append((url, f"h{level}", plain(inner)))
        title = re.search(r"<title>(.*?)</title>", text)
        if title and HANGUL.search(html.unescape(title.group(1))):
            bad.append((url, "title", title.group(1)))
    assert bad == []


def test_quote_pages_skip_no_heading_level(html_pages):
    for q in QUOTES:
        for root in ("", "en/"):
            levels = [int(level) for level, _ in HEADING.findall(article(html_pages[f"{root}quotes/{q}/"]))]
            assert levels[0] == 1 and levels.count(1) == 1
            assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (q, root, levels)


def test_citations_and_json_ld_lead_with_the_original(html_pages):
    import json

    q = QUOTES["al-dahle-64k-gpus"]
    for root in ("", "en/"):
        text = html_pages[f"{root}quotes/{q['id']}/"]
        data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', text, re.S).group(1))
        assert data["text"] == q["original_text"] and data["inLanguage"] == "en"
        assert data["workTranslation"]["text"] == q["text_ko"] and data["workTranslation"]["workTranslation"]["text"] == q["text_en"]
        cite = plain(article(text).split("How to cite" if root else "이 기록을 인용하는 방법")[1])
        assert cite.index(q["original_text"][:40]) < cite.index(q["text_ko"][:20])
    none = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html_pages["en/quotes/touvron-improve-datasets/"], re.S).group(1))
    assert none["inLanguage"] == "ko" and "No original wording known" in none["description"]
