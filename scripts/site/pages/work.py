"""The work pages."""

from __future__ import annotations

from typing import Any

from schemas.vocab import label

from ..markup import esc
from ..graphs import record_map
from ..text import t
from .common import cite_block, heading, legal_issues_block, links_section, mentions_block, names_block, quote_card, record_path, Site, wikidata_line


def work_page(site: Site, w: Any, lang: str) -> str:
    here = record_path("works", w.id)
    out = [heading(site, "works", w, lang), f"{t('kind', lang)}: {esc(label(w.kind, lang))}\n", wikidata_line(w, lang), names_block(site, "works", w, lang), record_map(site, "works", w, lang)]
    out += links_section(site, here, f"## {t('developer', lang)}", "organizations", [w.developer_id], lang)
    out += links_section(site, here, f"## {t('part_of', lang)}", "works", [w.part_of_id], lang)
    out += links_section(site, here, f"## {t('parts', lang)}", "works", [x.id for x in site.rows("works", "part_of_id", w.id)], lang)
    quotes = sorted((site.by_id["quotes"][x.quote_id] for x in site.rows("quote_works", "work_id", w.id)), key=lambda q: q.start)
    if quotes:
        out.append(f"## {t('quotes_about', lang)} ({len(quotes)})\n")
        out += [quote_card(site, here, q, lang, with_speaker=True) for q in quotes]
    issues = [(x.legal_issue_id, None) for x in site.rows("legal_issue_works", "work_id", w.id)]
    out += [legal_issues_block(site, here, issues, lang), mentions_block(site, "works", w, lang), cite_block(site, "works", w, lang)]
    return "\n".join(x for x in out if x)
