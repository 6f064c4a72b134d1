"""The cite page."""

from __future__ import annotations

from ..markup import esc
from ..text import t
from .common import front_matter, name, Site


def cite_page(site: Site, lang: str) -> str:
    """How to cite, from CITATION.cff (the one place the citation is written)."""
    c = site.citation
    title = t("how_to_cite", lang)
    authors = ", ".join(a.get("name") or " ".join(x for x in (a.get("given-names"), a.get("family-names")) if x) for a in c["authors"])
    citation = f"{authors}. {c['title']} (version {c['version']}). {c.get('license', '')}."
    if c.get("url"):
        citation += f" {c['url']}"
    bibtex = "@misc{kadrey_meta_llama3,\n  title = {" + c["title"] + "},\n  author = {" + authors + "},\n  version = {" + str(c["version"]) + "},\n  note = {" + str(c.get("license", "")) + "}\n}"
    return (
        front_matter(title, t('cite_intro', lang))
        + f"# {esc(title)}\n\n{esc(t('cite_intro', lang))}\n\n> {esc(citation)}\n\n"
        + f"BibTeX:\n\n```text\n{bibtex}\n```\n\n{esc(t('cite_record', lang))}\n"
    )
