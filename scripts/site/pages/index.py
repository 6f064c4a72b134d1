"""The index page."""

from __future__ import annotations

from typing import Any

from schemas.models import MODELS
from schemas.vocab import label

from ..markup import esc, lang_span, md_link
from ..text import other, t
from .common import clip, front_matter, index_path, kind_link, name, quote_link, record_link, record_path, Site, speaker_html, table
from .legend import legend_link


def quote_row(site: Site, here: str, q: Any, lang: str) -> list[str]:
    """A quote in the quotes index: what was originally said (or that none is known) and, on the
    Korean site, then the Korean as printed; the link to the quote's page is on the quote's name
    (on the English site the original, or our translation, labelled, where none is known)."""
    link = record_link(site, here, "quotes", q.id, lang)
    if q.original_text:
        original = lang_span(clip(q.original_text, 160), q.original_language.value, lang)
        if lang == "en":
            original = md_link(original, here, record_path("quotes", q.id))
    else:
        original = f"<em>{esc(t('no_original_known', lang))}</em>"
        if lang == "en":
            original += f"<br>{esc(t('layer_translation', lang))}: {link}"
    row = [original, link] if lang == "ko" else [original]
    return row + [speaker_html(site, here, q, lang), kind_link(here, q, lang)]


def index_page(site: Site, resource: str, lang: str) -> str:
    here = index_path(resource)
    records = site.data.records(resource)
    if resource == "quotes":
        records = sorted(records, key=lambda q: (q.source_id, q.start))
        rows = [quote_row(site, here, q, lang) for q in records]
        head = [t("original_text", lang)] + ([t("quote_printed_short", lang)] if lang == "ko" else []) + [t("speaker", lang), t("kind", lang)]
    elif resource == "fact_checks":
        records = sorted(records, key=lambda f: (f.source_id, f.start))
        rows = [
            [record_link(site, here, resource, f.id, lang), legend_link(here, f.verdict, lang),
             quote_link(site, here, f.quote_id, lang) if f.quote_id else "—", esc(f.sources_say_ko if lang == "ko" else f.sources_say_en)]
            for f in records
        ]
        head = [t("article_says", lang), t("verdict", lang), t("quote_checked", lang), t("sources_say", lang)]
    elif resource == "cases":
        rows = [[record_link(site, here, resource, c.id, lang), f"<code>{esc(c.case_number)}</code>", esc(c.filed)] for c in records]
        head = [t("name", lang), t("case_number", lang), t("filed", lang)]
    elif resource == "sources":
        records = sorted(records, key=lambda r: (r.date or "", r.id))
        rows = [[record_link(site, here, resource, r.id, lang), esc(label(r.kind, lang)), esc((r.publisher_ko if lang == "ko" else r.publisher_en) or t("unknown", lang)), esc(r.date or t("unknown", lang))] for r in records]
        head = [t("name", lang), t("kind", lang), t("publisher", lang), t("date", lang)]
    elif resource == "legal_issues":
        records = sorted(records, key=lambda r: name(resource, r, lang))
        rows = [[record_link(site, here, resource, r.id, lang), esc(r.summary_ko if lang == "ko" else r.summary_en), str(len(site.mentions(resource, r.id)))] for r in records]
        head = [t("name", lang), t("description", lang), t("mentions_count", lang)]
    else:
        records = sorted(records, key=lambda r: name(resource, r, lang))
        rows = []
        for r in records:
            row = [record_link(site, here, resource, r.id, lang), lang_span(r.name_en if lang == "ko" else r.name_ko, other(lang), lang)]
            if resource != "people":
                row.append(esc(label(r.kind, lang)))
            row += [esc(r.description_ko if lang == "ko" else r.description_en), str(len(site.mentions(resource, r.id)))]
            rows.append(row)
        head = [t("name", lang), t("name_other", lang)] + ([] if resource == "people" else [t("kind", lang)]) + [t("description", lang), t("mentions_count", lang)]
    title = t(resource, lang)
    labels = MODELS[resource].labels
    about = labels.description_ko if lang == "ko" else labels.description_en
    return front_matter(title, about) + f"# {esc(title)} ({len(records)})\n\n" + table(head, rows)
