"""The person pages."""

from __future__ import annotations

from typing import Any

from ..markup import esc
from ..graphs import record_map
from ..text import t
from .common import heading, names_block, party_sections, quote_card, record_link, record_path, Site, wikidata_line


def person_page(site: Site, p: Any, lang: str) -> str:
    here = record_path("people", p.id)
    out = [heading(site, "people", p, lang), wikidata_line(p, lang), names_block(site, "people", p, lang), record_map(site, "people", p, lang)]
    roles = site.rows("memberships", "person_id", p.id)
    if roles:
        out.append(f"## {t('roles', lang)}\n")
        out += [f"- {record_link(site, here, 'organizations', m.organization_id, lang)} — {esc(m.role_ko if lang == 'ko' else m.role_en)}" for m in roles]
        out.append("")
    quotes = sorted(site.rows("quotes", "speaker_id", p.id), key=lambda q: q.start)
    if quotes:
        out.append(f"## {t('quotes_by', lang)} ({len(quotes)})\n")
        out += [quote_card(site, here, q, lang, with_speaker=False) for q in quotes]
    out += party_sections(site, "people", p, lang)
    return "\n".join(x for x in out if x)
