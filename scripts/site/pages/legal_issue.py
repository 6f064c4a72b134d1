"""The legal issue pages."""

from __future__ import annotations

from typing import Any

from schemas.vocab import label

from ..markup import esc
from ..graphs import record_map
from ..text import t
from .first_use import prose
from .common import cite_block, heading, links_section, mentions_block, name, quote_card, record_link, record_path, Site, table


def legal_issue_page(site: Site, li: Any, lang: str) -> str:
    here = record_path("legal_issues", li.id)
    out = [heading(site, "legal_issues", li, lang), prose(li.summary_ko if lang == "ko" else li.summary_en) + "\n"]
    if li.case_id:
        out.append(f"{t('case', lang)}: {record_link(site, here, 'cases', li.case_id, lang)}\n")
    out.append(record_map(site, "legal_issues", li, lang))
    involved = site.rows("legal_issue_parties", "legal_issue_id", li.id)
    if involved:  # not all of them parties to a lawsuit: each row says the role
        rows = []
        for p in involved:
            resource, pid = ("people", p.person_id) if p.person_id else ("organizations", p.organization_id)
            rows.append([record_link(site, here, resource, pid, lang), esc(label(p.role, lang))])
        out.append(f"## {t('involved', lang)}\n\n" + table([t("name", lang), t("role", lang)], rows))
    out += links_section(site, here, f"## {t('works_involved', lang)}", "works", [w.work_id for w in site.rows("legal_issue_works", "legal_issue_id", li.id)], lang)
    quotes = sorted((site.by_id["quotes"][x.quote_id] for x in site.rows("quote_legal_issues", "legal_issue_id", li.id)), key=lambda q: q.start)
    if quotes:
        out.append(f"## {t('quotes_about', lang)} ({len(quotes)})\n")
        out += [quote_card(site, here, q, lang, with_speaker=True) for q in quotes]
    out += [mentions_block(site, "legal_issues", li, lang), cite_block(site, "legal_issues", li, lang)]
    return "\n".join(out)
