"""The organization pages."""

from __future__ import annotations

from typing import Any

from schemas.vocab import label

from ..markup import esc
from ..graphs import record_map
from ..text import t
from .common import heading, links_section, names_block, party_sections, quote_card, record_link, record_path, Site, wikidata_line


def organization_page(site: Site, o: Any, lang: str) -> str:
    here = record_path("organizations", o.id)
    out = [heading(site, "organizations", o, lang), f"{t('kind', lang)}: {esc(label(o.kind, lang))}\n", wikidata_line(o, lang), names_block(site, "organizations", o, lang), record_map(site, "organizations", o, lang)]
    if o.parent_id:
        out += links_section(site, here, f"## {t('parent', lang)}", "organizations", [o.parent_id], lang)
    out += links_section(site, here, f"## {t('divisions', lang)}", "organizations", [c.id for c in site.rows("organizations", "parent_id", o.id)], lang)
    members = site.rows("memberships", "organization_id", o.id)
    if members:
        out.append(f"## {t('members', lang)}\n\n" + "\n".join(
            f"- {record_link(site, here, 'people', m.person_id, lang)} — {esc(m.role_ko if lang == 'ko' else m.role_en)}" for m in members) + "\n")
    out += links_section(site, here, f"## {t('developed', lang)}", "works", [w.id for w in site.rows("works", "developer_id", o.id)], lang)
    quotes = sorted((site.by_id["quotes"][x.quote_id] for x in site.rows("quote_organizations", "organization_id", o.id)), key=lambda q: q.start)
    if quotes:
        out.append(f"## {t('quotes_about', lang)} ({len(quotes)})\n")
        out += [quote_card(site, here, q, lang, with_speaker=True) for q in quotes]
    out += party_sections(site, "organizations", o, lang)
    return "\n".join(x for x in out if x)
