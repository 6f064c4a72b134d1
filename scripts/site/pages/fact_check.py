"""The fact check pages."""

from __future__ import annotations

from typing import Any

from schemas.vocab import label

from ..markup import esc, md_link
from ..text import t
from .common import description, en_span, ko_span, ARTICLE, cite_block, front_matter, name, record_link, record_path, sentence_html, Site
from .legend import legend_link


def fact_check_page(site: Site, f: Any, lang: str) -> str:
    here = record_path("fact_checks", f.id)
    s = site.sentence_of(f.source_id, f.start)
    title = f"{label(f.verdict, lang)}: {name('fact_checks', f, lang)}"
    sources = [x.source_id for x in site.rows("fact_check_sources", "fact_check_id", f.id)]
    out = [
        front_matter(title, description("fact_checks", f, lang)),
        f"# {esc(t('fact_check', lang))}: {esc(name('fact_checks', f, lang))}\n",
        f"{t('verdict', lang)}: **{legend_link(here, f.verdict, lang)}**\n",
        f"## {t('article_says', lang)}\n\n> {ko_span(f.exact, lang)}\n\n{esc(f.article_says_ko if lang == 'ko' else f.article_says_en)}\n",
        f"## {t('sources_say', lang)}\n\n{esc(f.sources_say_ko if lang == 'ko' else f.sources_say_en)}\n\n"
        + "\n".join(f"- {record_link(site, here, 'sources', x, lang)}" for x in sources) + "\n",
        f"## {t('context', lang)}\n\n{sentence_html(site, s, lang, (f.start, f.end))}\n\n{en_span(s.text_en, lang)}\n\n"
        + md_link(esc(t("in_article", lang)), here, ARTICLE, f"f-{f.id}") + "\n",
        cite_block(site, "fact_checks", f, lang),
    ]
    return "\n".join(out)
