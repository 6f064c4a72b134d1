"""The timeline page."""

from __future__ import annotations

from schemas.vocab import label

from ..markup import esc
from ..text import t
from .common import front_matter, quote_card, record_link, Site, TIMELINE
from .legend import legend_link


def timeline_page(site: Site, lang: str) -> str:
    title = t("timeline", lang)
    here = TIMELINE
    out = [front_matter(title, t('timeline_intro', lang)), f"# {esc(title)}\n\n{esc(t('timeline_intro', lang))}\n"]
    columns = {"person_id": "people", "organization_id": "organizations", "work_id": "works", "quote_id": "quotes", "case_id": "cases"}
    for e in sorted(site.data.records("events"), key=lambda e: (e.date, e.id)):
        sources = [x.source_id for x in site.rows("event_sources", "event_id", e.id)]
        records, quotes = [], []
        for r in site.rows("event_records", "event_id", e.id):
            column = next(c for c in columns if getattr(r, c) is not None)
            if column == "quote_id":
                quotes.append(site.by_id["quotes"][r.quote_id])
            else:
                records.append(record_link(site, here, columns[column], getattr(r, column), lang))
        out.append(
            f"## {esc(e.date)} · {esc(e.title_ko if lang == 'ko' else e.title_en)} {{#e-{e.id}}}\n\n"
            f"{esc(e.description_ko if lang == 'ko' else e.description_en)}\n\n"
            f"- {t('status', lang)}: {legend_link(here, e.status, lang)}\n"
            f"- {t('sources_plural', lang)}: " + ", ".join(record_link(site, here, "sources", x, lang) for x in sources) + "\n"
            + (f"- {t('related', lang)}: " + ", ".join(records) + "\n" if records else "")
            + "".join("\n" + quote_card(site, here, q, lang) for q in sorted(quotes, key=lambda q: (q.source_id, q.start)))
        )
    return "\n".join(out)
