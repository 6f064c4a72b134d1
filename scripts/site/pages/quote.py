"""The quote pages."""

from __future__ import annotations

from typing import Any

from schemas.vocab import label

from ..markup import esc, md_link
from ..text import t
from .common import description, en_span, ko_span, ARTICLE, cite_block, front_matter, links_section, name, original_block, quote_jsonld, record_path, sentence_html, Site, speaker_html


def quote_page(site: Site, q: Any, lang: str) -> str:
    here = record_path("quotes", q.id)
    s = site.sentence_of(q.source_id, q.start)
    source = site.by_id["sources"][q.source_id]
    facts = [
        (t("speaker", lang), speaker_html(site, here, q, lang)),
        (t("quote_kind", lang), esc(label(q.kind, lang))),
        (t("channel", lang), esc(label(q.channel, lang)) if q.channel else esc(t("not_stated", lang))),
        (t("date", lang), esc(q.date) if q.date else esc(t("not_stated", lang))),
        (t("source", lang), esc(source.title_ko if lang == "ko" else source.title_en)),
    ]
    out = [
        front_matter(name("quotes", q, lang), description("quotes", q, lang)),
        f"# {esc(t('quote_title', lang))}: {esc(name('quotes', q, lang))}\n",
        "\n".join(f"- {key}: {value}" for key, value in facts) + "\n",
        f'<div class="kml-layers" markdown="1">\n\n### {t("as_printed_ko", lang)}\n\n> {ko_span(q.text_ko, lang)}\n\n'
        f"### {t('translation', lang)}\n\n> {en_span(q.text_en, lang)}\n\n"
        f"### {t('as_originally_said', lang)}\n\n{original_block(site, here, q, lang)}\n</div>\n",
        f"## {t('context', lang)}\n\n{sentence_html(site, s, lang, (q.start, q.end))}\n\n{en_span(s.text_en, lang)}\n\n"
        + md_link(esc(t("in_article", lang)), here, ARTICLE, f"q-{q.id}") + "\n",
    ]
    related = [("works", "quote_works", "work_id"), ("organizations", "quote_organizations", "organization_id"), ("legal_issues", "quote_legal_issues", "legal_issue_id")]
    for resource, link_table, column in related:
        out += links_section(site, here, f"## {t(resource, lang)}", resource, [getattr(x, column) for x in site.rows(link_table, "quote_id", q.id)], lang)
    out.append(cite_block(site, "quotes", q, lang))
    out.append(quote_jsonld(site, q, lang))
    return "\n".join(out)
