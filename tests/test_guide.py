"""The guide to reading the site (issue 12): every status, verdict and kind of quote has its own
entry in both languages, and the statuses and verdicts shown on pages link to their entries."""

from __future__ import annotations

import html
import re

import pytest

from schemas.vocab import QuoteKind, Status, Verdict, label
from scripts.site.pages.guide import MEANING
from scripts.site.pages.legend import anchor


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_status_and_verdict_has_its_own_entry(site, lang):
    page = (site / ("" if lang == "ko" else "en") / "guide" / "index.html").read_text(encoding="utf-8")
    for value in [*Status, *Verdict]:
        entry = re.search(rf'<h3 id="{anchor(value)}">(.*?)<a.*?</h3>\s*<p>(.*?)</p>', page, re.S)
        assert entry, f"{lang}: no entry #{anchor(value)}"
        ko, en = MEANING[(type(value), value.value)]
        assert html.unescape(entry[1]).strip() == label(value, lang)
        assert html.unescape(entry[2]) == (ko if lang == "ko" else en)
    # Status.UNVERIFIED and Verdict.UNVERIFIED are equal strings: their meanings must still differ
    assert MEANING[(Status, "unverified")] != MEANING[(Verdict, "unverified")]
    assert all((QuoteKind, k.value) in MEANING for k in QuoteKind)


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_statuses_and_verdicts_on_pages_link_to_the_guide(site, lang):
    root = site if lang == "ko" else site / "en"
    fact_check = (root / "fact-checks" / "mistral-softened" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../guide/#verdict-softened">{html.escape(label(Verdict.SOFTENED, lang), quote=False)}</a>' in fact_check
    quote = (root / "quotes" / "al-dahle-mistral" / "index.html").read_text(encoding="utf-8")
    assert f'href="../../guide/#status-corroborated">{html.escape(label(Status.CORROBORATED, lang), quote=False)}</a>' in quote
