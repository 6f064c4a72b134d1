"""The generated pages of one language: {staged path: Markdown}, one module per kind of page
(`person.py`, `quote.py`, …) and the blocks they share in `common.py`. Pure functions of the loaded
package."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, Callable

from .legend import GUIDE
from .common import ARTICLE, CITE, DOWNLOADS, FOLDERS, SCHEMA, TIMELINE, Site, index_path, page_url, record_path, search_names
from .person import person_page
from .organization import organization_page
from .work import work_page
from .quote import quote_page
from .case import case_page
from .fact_check import fact_check_page
from .source import source_page
from .timeline import timeline_page
from .legal_issue import legal_issue_page
from .index import index_page
from .article import article_page
from .schema import schema_page
from .home import home_page
from .downloads import downloads_page
from .guide import guide_page
from .cite import cite_page
from .map import map_page
from ..graphs import MAP
from .glossary import glossary_index_page, glossary_page
from .first_use import FirstUse

__all__ = ["ARTICLE", "CITE", "DOWNLOADS", "FOLDERS", "GUIDE", "MAP", "NAV_RESOURCES", "RECORD_PAGES", "SCHEMA", "TIMELINE", "Site", "page_url", "pages", "record_path", "search_names"]


RECORD_PAGES: dict[str, Callable[[Site, Any, str], str]] = {
    "people": person_page,
    "organizations": organization_page,
    "works": work_page,
    "quotes": quote_page,
    "legal_issues": legal_issue_page,
    "cases": case_page,
    "fact_checks": fact_check_page,
    "sources": source_page,
    "glossary": glossary_page,
}
# Index pages of their own; the others are index.index_page.
INDEX_PAGES: dict[str, Callable[[Site, str, str], str]] = {"glossary": glossary_index_page}


def pages(site: Site, lang: str) -> dict[str, str]:
    """Every generated page of one language, by staged path, the first use of each glossary term
    in its prose linked (first_use.py). The glossary's own pages come last: each lists the record
    pages that link to it."""
    out = {
        "index.md": home_page(site, lang),
        ARTICLE: article_page(site, lang),
        SCHEMA: schema_page(lang),
        DOWNLOADS: downloads_page(site, lang),
        CITE: cite_page(site, lang),
        TIMELINE: timeline_page(site, lang),
        MAP: map_page(site, lang),
        GUIDE: guide_page(site, lang),
    }
    for resource in RECORD_PAGES:
        out[index_path(resource)] = INDEX_PAGES.get(resource, index_page)(site, resource, lang)
    terms = FirstUse(site.data.records("glossary"), site.data.records("glossary_aliases"), lang, lambda term_id: record_path("glossary", term_id))
    out = {path: terms.link(path, text)[0] for path, text in out.items()}
    used_on: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for resource, render in RECORD_PAGES.items():
        if resource == "glossary":
            continue
        for record in site.data.records(resource):
            path = record_path(resource, record.id)
            out[path], linked = terms.link(path, render(site, record, lang))
            for term_id in sorted(linked):
                used_on[term_id].append((resource, record.id))
    for g in site.data.records("glossary"):
        path = record_path("glossary", g.id)
        out[path] = terms.link(path, glossary_page(site, g, lang, used_on[g.id]), skip=[g.id])[0]
    return out


NAV_RESOURCES = tuple(RECORD_PAGES)
# The home page and the URL folders list the same kinds, in this order.
assert tuple(RECORD_PAGES) == tuple(FOLDERS), "RECORD_PAGES and FOLDERS list different kinds of page"
