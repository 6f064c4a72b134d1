"""The relationship map page: the whole-site map (at most graphs.SITE_MAP_CAP records, the most
connected first), its text equivalent, and the records left out of the picture."""

from __future__ import annotations

from .. import graphs
from ..graphs import MAP, figure_block, figures, legend, record_cell, relations_table
from ..markup import esc
from ..text import t
from .common import Site, front_matter


def map_page(site: Site, lang: str) -> str:
    title = t("map", lang)
    out = [front_matter(title, t("map_intro", lang)), f"# {esc(title)}\n\n{esc(t('map_intro', lang))}\n"]
    figs = figures(site, lang)
    if figs.site_map:
        fig = figs.site_map
        out.append(figure_block(fig.svg, legend(lang), t("map_as_table", lang), relations_table(site, MAP, figs.relations, fig.edges, lang)))
    out.append(f"## {t('map_rest', lang)}\n")
    if not figs.rest:
        out.append(esc(t("map_all_in", lang)) + "\n")
    else:
        out.append(esc(t("map_rest_intro", lang).format(cap=graphs.SITE_MAP_CAP, n=len(figs.rest))) + "\n")
        items = "".join(f"<li>{record_cell(site, MAP, key, lang)} ({esc(t(key[0], lang))})</li>" for key in figs.rest)
        out.append(f'<ul class="kml-map-rest">{items}</ul>\n')
    return "\n".join(out)
