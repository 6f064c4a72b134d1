"""The source pages."""

from __future__ import annotations

from typing import Any

from schemas.vocab import label

from ..markup import attr, esc, href, md_link
from ..text import t
from .common import description, ARTICLE, cite_block, front_matter, links_section, quote_card, record_link, record_path, Site, table, TIMELINE
from .first_use import prose
from .legend import legend_link


def source_page(site: Site, src: Any, lang: str) -> str:
    """A source and everything in the dataset that cites it."""
    here = record_path("sources", src.id)
    title = src.title_ko if lang == "ko" else src.title_en
    facts = [(t("kind", lang), esc(label(src.kind, lang))), (t("language", lang), esc(label(src.language, lang)))]
    publisher = src.publisher_ko if lang == "ko" else src.publisher_en
    facts.append((t("publisher", lang), esc(publisher) if publisher else esc(t("unknown", lang))))
    facts.append((t("date", lang), esc(src.date) if src.date else esc(t("unknown", lang))))
    if src.url:
        facts.append((t("cite_url", lang), f'<a href="{attr(src.url)}">{esc(src.url)}</a>'))
    facts.append((t("rights", lang), esc(src.rights_ko if lang == "ko" else src.rights_en)))
    note = src.note_ko if lang == "ko" else src.note_en
    if note:
        facts.append((t("note", lang), prose(note)))
    out = [front_matter(title, description("sources", src, lang)), f"# {esc(title)}\n", "\n".join(f"- {k}: {v}" for k, v in facts) + "\n", f"## {t('cited_by', lang)}\n"]
    quotes = sorted(site.rows("quotes", "original_source_id", src.id), key=lambda q: (q.source_id, q.start))
    if quotes:
        out.append(f"### {t('quotes', lang)}\n\n" + "\n".join(quote_card(site, here, q, lang) for q in quotes))
    out += links_section(site, here, f"### {t('fact_checks', lang)}", "fact_checks", [x.fact_check_id for x in site.rows("fact_check_sources", "source_id", src.id)], lang)
    out += links_section(site, here, f"### {t('glossary', lang)}", "glossary", [g.id for g in site.rows("glossary", "source_id", src.id)], lang)
    events = [site.by_id["events"][x.event_id] for x in site.rows("event_sources", "source_id", src.id)]
    if events:
        out.append(f"### {t('timeline', lang)}\n\n" + "\n".join(
            f"- {esc(e.date)}: {md_link(esc(e.title_ko if lang == 'ko' else e.title_en), here, TIMELINE, f'e-{e.id}')}" for e in events) + "\n")
    cited = site.rows("record_sources", "source_id", src.id)
    if cited:
        rows = []
        for r in cited:
            column, rid = r.cited
            target = {"person_id": "people", "organization_id": "organizations", "work_id": "works", "case_id": "cases"}.get(column)
            if target:
                who = record_link(site, here, target, rid, lang)
            elif column == "membership_id":
                m = site.by_id["memberships"][rid]
                who = record_link(site, here, "people", m.person_id, lang)
            else:
                who = record_link(site, here, "cases", site.by_id["case_roles"][rid].case_id, lang)
            rows.append([who, esc(r.fact_ko if lang == "ko" else r.fact_en), legend_link(here, r.status, lang)])
        out.append(f"### {t('outside_facts', lang)}\n\n" + table([t("record", lang), t("fact", lang), t("status", lang)], rows))
    if src.text_resource:
        count = len(site.rows("mentions", "source_id", src.id))
        out.append(f"{esc(t('source_text_here', lang))} " + md_link(esc(t("article", lang)), here, ARTICLE) + f" ({t('mentions', lang)}: {count})\n")
    out.append(cite_block(site, "sources", src, lang))
    return "\n".join(out)
