"""The quote pages."""

from __future__ import annotations

from typing import Any

from schemas.vocab import label

from ..markup import esc, md_link
from ..text import t
from .common import context_translation, description, ARTICLE, cite_block, fact_check_links, fact_checks_of, front_matter, kind_link, links_section, quote_card, quote_heading, quote_jsonld, record_path, sentence_html, Site, speaker_html


def quote_page(site: Site, q: Any, lang: str) -> str:
    here = record_path("quotes", q.id)
    s = site.sentence_of(q.source_id, q.start)
    source = site.by_id["sources"][q.source_id]
    facts = [
        (t("speaker", lang), speaker_html(site, here, q, lang)),
        (t("quote_kind", lang), kind_link(here, q, lang)),
        (t("channel", lang), esc(label(q.channel, lang)) if q.channel else esc(t("not_stated", lang))),
        (t("date", lang), esc(q.date) if q.date else esc(t("not_stated", lang))),
        (t("source", lang), esc(source.title_ko if lang == "ko" else source.title_en)),
    ]
    title = quote_heading(q, lang)
    out = [
        front_matter(title, description("quotes", q, lang)),
        f"# {esc(title)}\n",
        "\n".join(f"- {key}: {value}" for key, value in facts) + "\n",
        quote_card(site, here, q, lang, level=2),
    ]
    checks = fact_checks_of(site, q)
    if checks:
        out.append(f"## {t('fact_checks_of_quote', lang)}\n\n" + "\n".join(f"- {fact_check_links(site, here, [f], lang)}" for f in checks) + "\n")
    out.append(
        f"## {t('context', lang)}\n\n{sentence_html(site, s, lang, (q.start, q.end))}\n\n{context_translation(s, lang)}\n\n"
        + md_link(esc(t("in_article", lang)), here, ARTICLE, f"q-{q.id}") + "\n"
    )
    related = [("works", "quote_works", "work_id"), ("organizations", "quote_organizations", "organization_id"), ("legal_issues", "quote_legal_issues", "legal_issue_id")]
    for resource, link_table, column in related:
        out += links_section(site, here, f"## {t(resource, lang)}", resource, [getattr(x, column) for x in site.rows(link_table, "quote_id", q.id)], lang)
    out.append(cite_block(site, "quotes", q, lang))
    out.append(quote_jsonld(site, q, lang))
    return "\n".join(out)
