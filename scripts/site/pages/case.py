"""The case pages."""

from __future__ import annotations

from typing import Any

from schemas.vocab import label

from ..markup import esc
from ..graphs import record_map
from ..text import t
from .first_use import prose
from .common import description, cite_block, events_block, front_matter, links_section, name, quote_card, record_link, record_path, record_sources_block, Site, table


def case_page(site: Site, c: Any, lang: str) -> str:
    here = record_path("cases", c.id)
    facts = [
        (t("case_number", lang), f"<code>{esc(c.case_number)}</code>"),
        (t("court", lang), record_link(site, here, "organizations", c.court_id, lang)),
        (t("filed", lang), esc(c.filed)),
        (t("kind", lang), prose(c.kind_ko if lang == "ko" else c.kind_en)),
    ]
    out = [front_matter(c.caption, description("cases", c, lang)), f"# {esc(c.caption)}\n", "\n".join(f"- {k}: {v}" for k, v in facts) + "\n", record_map(site, "cases", c, lang)]
    roles = site.rows("case_roles", "case_id", c.id)
    rows = []
    for r in roles:
        resource, rid = ("people", r.person_id) if r.person_id else ("organizations", r.organization_id)
        rows.append([record_link(site, here, resource, rid, lang), esc(label(r.role, lang))])
    out.append(f"## {t('parties_judges', lang)}\n\n" + table([t("name", lang), t("role", lang)], rows))
    out.append(f"## {t('claims', lang)}\n\n{prose(c.claims_ko if lang == 'ko' else c.claims_en)}\n")
    out.append(f"## {t('case_status', lang)} ({esc(c.status_date)})\n\n{prose(c.status_ko if lang == 'ko' else c.status_en)}\n")
    issues = site.rows("legal_issues", "case_id", c.id)
    out += links_section(site, here, f"## {t('legal_issues', lang)}", "legal_issues", [li.id for li in issues], lang)
    quote_ids = dict.fromkeys(x.quote_id for li in issues for x in site.rows("quote_legal_issues", "legal_issue_id", li.id))
    quotes = sorted((site.by_id["quotes"][i] for i in quote_ids), key=lambda q: (q.source_id, q.start))
    if quotes:
        out.append(f"## {t('quotes_about', lang)} ({len(quotes)})\n\n" + "\n".join(quote_card(site, here, q, lang) for q in quotes))
    out += [events_block(site, here, "case_id", c.id, lang), record_sources_block(site, here, "case_id", c.id, lang), cite_block(site, "cases", c, lang)]
    return "\n".join(x for x in out if x)
