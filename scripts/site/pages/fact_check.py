"""The fact check pages."""

from __future__ import annotations

from typing import Any

from schemas.vocab import label

from ..markup import esc, md_link
from ..text import t
from .common import context_translation, description, ko_span, ARTICLE, cite_block, front_matter, name, quote_card, record_link, record_path, sentence_html, Site
from .first_use import prose
from .legend import legend_link


def quotes_checked(site: Site, f: Any) -> list[Any]:
    """The quotes a fact check is about: the one it names (`quote_id`), then any other whose span
    its span overlaps, in text order."""
    named = [site.by_id["quotes"][f.quote_id]] if f.quote_id else []
    overlapping = sorted((q for q in site.rows("quotes", "source_id", f.source_id) if q.start < f.end and f.start < q.end and q.id != f.quote_id), key=lambda q: q.start)
    return named + overlapping


def fact_check_title(f: Any, lang: str) -> str:
    """A fact check's page title (plain text): its verdict and what the article says, in the page's
    language (on the English site our English, not the Korean span)."""
    return f"{t('fact_check', lang)} ({label(f.verdict, lang)}): {name('fact_checks', f, lang)}"


def fact_check_page(site: Site, f: Any, lang: str) -> str:
    here = record_path("fact_checks", f.id)
    s = site.sentence_of(f.source_id, f.start)
    title = fact_check_title(f, lang)
    sources = [x.source_id for x in site.rows("fact_check_sources", "fact_check_id", f.id)]
    quotes = quotes_checked(site, f)
    out = [
        front_matter(title, description("fact_checks", f, lang)),
        f"# {esc(title)}\n",
        f"{t('verdict', lang)}: **{legend_link(here, f.verdict, lang)}**\n",
        f"## {t('article_says', lang)}\n\n**{esc(t('layer_printed', lang))}**\n\n> {ko_span(f.exact, lang)}\n\n{prose(f.article_says_ko if lang == 'ko' else f.article_says_en)}\n",
        f"## {t('sources_say', lang)}\n\n{prose(f.sources_say_ko if lang == 'ko' else f.sources_say_en)}\n\n"
        + "\n".join(f"- {record_link(site, here, 'sources', x, lang)}" for x in sources) + "\n",
    ]
    if quotes:
        out.append(f"## {t('quote_checked' if len(quotes) == 1 else 'quotes_checked', lang)}\n\n" + "\n".join(quote_card(site, here, q, lang, checked_by=f.id) for q in quotes))
    out += [
        f"## {t('context', lang)}\n\n{sentence_html(site, s, lang, (f.start, f.end))}\n\n{context_translation(s, lang)}\n\n"
        + md_link(esc(t("in_article", lang)), here, ARTICLE, f"f-{f.id}") + "\n",
        cite_block(site, "fact_checks", f, lang),
    ]
    return "\n".join(out)
