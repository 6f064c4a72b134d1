"""The home page."""

from __future__ import annotations

from ..markup import esc, md_link
from ..text import t
from .common import ARTICLE, dataset_jsonld, DOWNLOADS, FOLDERS, front_matter, index_path, SCHEMA, Site, table, TIMELINE


def home_page(site: Site, lang: str) -> str:
    title = t("site_name", lang)
    here = "index.md"
    rows = [[md_link(esc(t(r, lang)), here, index_path(r)), str(len(site.data.records(r)))] for r in FOLDERS]  # every kind with pages, in the nav's order
    start = [
        f"- {md_link(esc(t('start_article', lang)), here, ARTICLE)}",
        f"- {md_link(esc(t('start_people', lang)), here, index_path('people'))}",
        f"- {md_link(esc(t('start_quotes', lang)), here, index_path('quotes'))}",
        f"- {md_link(esc(t('start_fact_checks', lang)), here, index_path('fact_checks'))}",
        f"- {md_link(esc(t('start_timeline', lang)), here, TIMELINE)}",
        f"- {md_link(esc(t('start_schema', lang)), here, SCHEMA)}",
        f"- {md_link(esc(t('about', lang)), here, 'about.md')}",
    ]
    return (
        front_matter(title, t('home_lead', lang))
        + f"# {esc(title)}\n\n{esc(t('home_lead', lang))}\n\n"
        + f"## {t('start_here', lang)}\n\n" + "\n".join(start) + "\n\n"
        + f"## {t('contents', lang)}\n\n" + table([t("kind", lang), t("record_count", lang)], rows)
        + f"\n{t('cite_version', lang)}: {esc(site.version)} · {md_link(esc(t('downloads', lang)), here, DOWNLOADS)}\n"
        + dataset_jsonld(site, lang)
    )
