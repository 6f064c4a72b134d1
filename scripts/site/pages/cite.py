"""The cite page: the dataset's citation, from the published CITATION.cff (scripts/release/citation.py
stamps it with this build's addresses), as text, as the file itself, and as BibTeX and RIS written
by bibtexparser and rispy. The labels follow the page's language; the code blocks are the same on
both."""

from __future__ import annotations

import re

from ...release import citation as cff
from ..markup import attr, esc
from ..text import t
from .common import CITE, front_matter, site_href, Site


def fenced(code: str, language: str) -> str:
    """A fenced code block whose fence no line of `code` can close (the highlighter escapes the rest)."""
    fence = "`" * max([3] + [len(run) + 1 for run in re.findall(r"`+", code)])
    code = code.rstrip("\n")
    return f"{fence}{language}\n{code}\n{fence}\n"


def citation_text(c: dict) -> str:
    """The citation as a line of plain text: authors (year). Title (version) [Data set]. Licence. URL."""
    year = f" ({cff.year(c)})" if cff.year(c) else ""
    text = f"{', '.join(cff.author_names(c))}{year}. {c['title']} (version {c['version']}) [Data set]."
    if cff.licence(c):
        text += f" {cff.licence(c)}."
    if c.get("url"):
        text += f" {c['url']}"
    return text


def cite_page(site: Site, lang: str) -> str:
    """How to cite the whole dataset."""
    c = site.citation
    title = t("how_to_cite", lang)
    download = site_href(site, CITE, "CITATION.cff")
    return (
        front_matter(title, t("cite_intro", lang))
        + f"# {esc(title)}\n\n{esc(t('cite_intro', lang))}\n\n> {esc(citation_text(c))}\n\n"
        + f'<a href="{attr(download)}" download>{esc(t("cite_download", lang))}</a> · {esc(t("cite_cff_hint", lang))}\n\n'
        + f"## BibTeX\n\n{esc(t('cite_bibtex_hint', lang))}\n\n{fenced(cff.bibtex(c), 'text')}\n"  # plain: Pygments' BibTeX colours fail axe's contrast check
        + f"## RIS\n\n{esc(t('cite_ris_hint', lang))}\n\n{fenced(cff.ris(c), 'text')}\n"
        + f"{esc(t('cite_record', lang))}\n"
    )
