"""The relationship maps: people, organizations, works, the cases and the legal issues as nodes, their
relations as labelled edges, laid out by Graphviz's `dot` at build time and inlined in the pages as
static SVG (no script; every node a link to its page).

All the maps of one language go to ONE `dot` process: the whole-site map and every record's map of
its neighbours are written one after the other into a single input (Graphviz reads several graphs
from one file) and `-Tsvg` writes their SVG documents one after the other, which we split. Starting
`dot` once per record page would cost a process start per page (thousands at scale).

Every value from the package enters the DOT source through `dot_string`, and leaves as SVG that
Graphviz has XML-escaped; `inline_svg` then removes what a page does not need (the XML prolog, the
comments, Graphviz's own titles and ids, the xlink namespace) and adds the figure's title and
description. The output is the same bytes for the same package: fixed font names, no timestamps,
the Graphviz version comment removed."""

from __future__ import annotations

import re
import subprocess
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from schemas.vocab import label

from .markup import attr, esc, href, lang_span
from .text import t

MAP = "map/index.md"
# The kinds of record that are nodes, in the order ties are broken and tables are grouped.
NODE_KINDS = ("cases", "legal_issues", "organizations", "people", "works")
SITE_MAP_CAP = 150  # nodes in the whole-site map; the rest are listed below it
RECORD_MAP_CAP = 40  # neighbours in a record's map; its table lists them all
FONT = "sans-serif"  # a generic family: the reader's browser draws the text with its own sans-serif
# Shape and fill per kind: the shape tells the kinds apart without colour (the legend names them).
STYLE = {
    "people": ('ellipse', "#e8eaf6"),
    "organizations": ('box', "#e0f2f1"),
    "works": ('box', "#fff3e0"),
    "cases": ('octagon', "#fce4ec"),
    "legal_issues": ('note', "#f3e5f5"),
}
DOT_RUNS = 0  # `dot` processes started by this process: the tests check there is one per language


class GraphvizError(RuntimeError):
    """`dot` is missing or failed; the message says which, and what to do."""


Key = tuple[str, str]  # (resource, record id)


@dataclass
class Relations:
    """Every relation between the records that are nodes, merged per ordered pair of records: each
    pair holds the labels of its relations, as ("text", key of text.py) or ("role", enum value)."""

    edges: dict[tuple[Key, Key], list[tuple[str, Any]]] = field(default_factory=dict)
    neighbours: dict[Key, set[Key]] = field(default_factory=lambda: defaultdict(set))

    def add(self, a: Key, b: Key, kind: str, value: Any) -> None:
        if a == b:
            return
        labels = self.edges.setdefault((a, b), [])
        if (kind, value) not in labels:
            labels.append((kind, value))
        self.neighbours[a].add(b)
        self.neighbours[b].add(a)

    def degree(self, key: Key) -> int:
        return len(self.neighbours.get(key, ()))


def relations(site: Any) -> Relations:
    """The relations of the package between people, organizations, works, cases and legal issues.
    Quotes are not nodes: a quote's speaker is tied to what the quote is about ("spoke about")."""
    r = Relations()
    data = site.data
    for m in data.records("memberships"):
        r.add(("people", m.person_id), ("organizations", m.organization_id), "text", "map_member_of")
    for o in data.records("organizations"):
        if o.parent_id:
            r.add(("organizations", o.id), ("organizations", o.parent_id), "text", "map_part_of")
    for w in data.records("works"):
        if w.developer_id:
            r.add(("organizations", w.developer_id), ("works", w.id), "text", "map_developed")
        if w.part_of_id:
            r.add(("works", w.id), ("works", w.part_of_id), "text", "map_part_of")
    speakers = {q.id: q.speaker_id for q in data.records("quotes") if q.speaker_id}
    for table, column, resource in (("quote_organizations", "organization_id", "organizations"), ("quote_works", "work_id", "works"), ("quote_legal_issues", "legal_issue_id", "legal_issues")):
        for row in data.records(table):
            if row.quote_id in speakers:
                r.add(("people", speakers[row.quote_id]), (resource, getattr(row, column)), "text", "map_spoke_about")
    for table, target in (("case_roles", "case_id"), ("legal_issue_parties", "legal_issue_id")):
        for row in data.records(table):
            party = ("people", row.person_id) if row.person_id else ("organizations", row.organization_id)
            r.add(party, ("cases" if target == "case_id" else "legal_issues", getattr(row, target)), "role", row.role)
    for row in data.records("legal_issue_works"):
        r.add(("works", row.work_id), ("legal_issues", row.legal_issue_id), "text", "map_named_in")
    for li in data.records("legal_issues"):
        if li.case_id:
            r.add(("legal_issues", li.id), ("cases", li.case_id), "text", "map_issue_in")
    for c in data.records("cases"):
        r.add(("cases", c.id), ("organizations", c.court_id), "text", "map_heard_by")
    return r


def relation_text(labels: list[tuple[str, Any]], lang: str) -> str:
    """The relations of one edge in `lang`, plain text ("member of · spoke about")."""
    return " · ".join(t(value, lang) if kind == "text" else label(value, lang) for kind, value in labels)


def dot_string(value: str) -> str:
    """`value` as a quoted DOT string that Graphviz shows exactly as written. Graphviz decodes HTML
    entities in labels (`&lt;` would show as `<`), so `&` is written as `&amp;`; a backslash starts
    an escape (`\\N` is the node's name, `\\l` a line break), so it is doubled; a quote ends the
    string, so it is escaped; a line break in a value becomes a space (names are one line)."""
    text = str(value).replace("&", "&amp;").replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\r\n", " ").replace("\r", " ").replace("\n", " ") + '"'


def _width(word: str) -> int:
    """A word's width in half-width cells: Hangul and other wide characters count two."""
    return sum(2 if ord(ch) >= 0x1100 else 1 for ch in word)


def wrapped(text: str, limit: int = 24) -> list[str]:
    """`text` in lines of about `limit` half-width cells, broken at spaces only."""
    lines: list[str] = []
    for word in text.split():
        if lines and _width(lines[-1]) + 1 + _width(word) <= limit:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


def dot_label(text: str, limit: int = 24) -> str:
    """A DOT label of several lines: each line escaped on its own, joined by DOT's line break."""
    return '"' + "\\n".join(dot_string(line)[1:-1] for line in wrapped(text, limit)) + '"'


def node_name(resource: str, record: Any, lang: str) -> str:
    """A node's name in `lang` (plain text)."""
    from .pages.common import name

    return name(resource, record, lang)


def record_file(key: Key) -> str:
    from .pages.common import record_path

    return record_path(*key)


def graph_source(number: int, site: Any, nodes: list[Key], edges: list[tuple[Key, Key]], rel: Relations, lang: str, here: str, centre: Key | None = None) -> str:
    """One graph of the input `dot` reads: its nodes (each a link to its page, from `here`, except
    the centre of a record's map, which is the page itself) and its labelled edges."""
    lines = [
        f'digraph "g{number}" {{',
        f'graph [rankdir=LR, fontname="{FONT}", bgcolor="transparent", pad="0.1", nodesep="0.2", ranksep="0.45"];',
        f'node [fontname="{FONT}", fontsize=10, style=filled, color="#37474f", fontcolor="#000000", margin="0.12,0.05"];',
        f'edge [fontname="{FONT}", fontsize=8.5, color="#546e7a", fontcolor="#263238", arrowsize=0.7];',
    ]
    index = {key: n for n, key in enumerate(nodes)}
    for key in nodes:
        shape, fill = STYLE[key[0]]
        record = site.by_id[key[0]][key[1]]
        attrs = [f"label={dot_label(node_name(key[0], record, lang))}", f"shape={shape}", f'fillcolor="{fill}"']
        if key[0] == "works":
            attrs[-1] = f'style="rounded,filled", fillcolor="{fill}"'
        if key == centre:
            attrs.append("penwidth=2.5")
        else:
            attrs.append(f"URL={dot_string(href(here, record_file(key)))}")
        lines.append(f"n{index[key]} [{', '.join(attrs)}];")
    for a, b in edges:
        lines.append(f"n{index[a]} -> n{index[b]} [label={dot_label(relation_text(rel.edges[(a, b)], lang), 28)}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def run_dot(sources: list[str]) -> list[str]:
    """Lay out every graph of `sources` in one `dot` process; their SVG documents, in order."""
    global DOT_RUNS
    if not sources:
        return []
    DOT_RUNS += 1
    try:
        done = subprocess.run(["dot", "-Tsvg"], input="".join(sources).encode("utf-8"), capture_output=True)
    except FileNotFoundError:
        raise GraphvizError("Graphviz's dot is not installed (the maps need it): run scripts/ensure_graphviz.sh as root, or 'sudo apt-get install graphviz'") from None
    if done.returncode != 0:
        raise GraphvizError(f"dot -Tsvg failed (status {done.returncode}): {done.stderr.decode('utf-8', 'replace')[-2000:]}")
    documents = [d for d in done.stdout.decode("utf-8").split("<?xml ") if d.strip()]
    if len(documents) != len(sources):
        raise GraphvizError(f"dot -Tsvg wrote {len(documents)} SVG documents for {len(sources)} graphs")
    return documents


_DROP = [
    re.compile(r"<!--.*?-->", re.S),  # Graphviz's comments: its version, node names
    re.compile(r"<title>[^<]*</title>"),  # Graphviz's titles: the DOT names of graph, nodes and edges
    re.compile(r' xlink:title="[^"]*"'),  # a tooltip repeating the node's label
    re.compile(r' id="[^"]*"'),  # node1, edge1…: the same on every map, and no page needs them
    re.compile(r' xmlns:xlink="[^"]*"'),
]


def inline_svg(document: str, ident: str, title: str, desc: str) -> str:
    """An SVG document of `dot` as an element to inline in a page: no prolog, doctype nor comments;
    SVG 2's `href` for links; the figure's own <title> and <desc> (plain text, escaped here), which
    name it (aria-labelledby). Lines are joined without blank lines so that Markdown keeps the
    element whole."""
    svg = document[document.index("<svg"):]
    for pattern in _DROP:
        svg = pattern.sub("", svg)
    svg = svg.replace("<a xlink:href=", "<a href=")
    head_end = svg.index(">") + 1
    head = svg[:head_end - 1] + f' class="kml-figure__svg" aria-labelledby="{ident}-title {ident}-desc">'
    labels = f'<title id="{ident}-title">{attr(title)}</title><desc id="{ident}-desc">{attr(desc)}</desc>'
    body = svg[head_end:]
    return "\n".join(line for line in (head + labels + body).splitlines() if line.strip())


@dataclass
class Figure:
    svg: str  # the SVG element, ready to inline
    nodes: list[Key]  # in the picture
    edges: list[tuple[Key, Key]]  # in the picture


@dataclass
class Figures:
    """The laid-out maps of one language: the whole-site map and the map of each record with relations."""

    relations: Relations
    site_map: Figure | None
    rest: list[Key]  # records not in the whole-site map
    records: dict[Key, Figure]


def all_nodes(site: Any) -> list[Key]:
    return [(resource, r.id) for resource in NODE_KINDS for r in sorted(site.data.records(resource), key=lambda r: r.id)]


def most_connected(rel: Relations, keys: list[Key]) -> list[Key]:
    """`keys` by number of neighbours, most first; ties in kind order, then by id."""
    order = {k: n for n, k in enumerate(keys)}
    return sorted(keys, key=lambda k: (-rel.degree(k), order[k]))


def picture_edges(rel: Relations, nodes: list[Key]) -> list[tuple[Key, Key]]:
    shown = set(nodes)
    return sorted((a, b) for a, b in rel.edges if a in shown and b in shown)


def lay_out(site: Any, lang: str) -> Figures:
    """Every map of `lang`, laid out by one `dot` process."""
    from .pages.common import record_path

    rel = relations(site)
    connected = [k for k in all_nodes(site) if rel.degree(k)]
    ranked = most_connected(rel, connected)
    picture = ranked[:SITE_MAP_CAP]
    shown = set(picture)
    rest = [k for k in all_nodes(site) if k not in shown]
    picture = [k for k in all_nodes(site) if k in shown]  # the DOT source in a fixed order
    sources, plans = [], []
    if picture:
        edges = picture_edges(rel, picture)
        sources.append(graph_source(0, site, picture, edges, rel, lang, MAP))
        plans.append((None, picture, edges))
    for key in connected:
        neighbours = most_connected(rel, sorted(rel.neighbours[key], key=lambda k: (NODE_KINDS.index(k[0]), k[1])))[:RECORD_MAP_CAP]
        nodes = [key] + sorted(neighbours, key=lambda k: (NODE_KINDS.index(k[0]), k[1]))
        edges = sorted((a, b) for a, b in rel.edges if key in (a, b) and {a, b} <= set(nodes))
        sources.append(graph_source(len(sources), site, nodes, edges, rel, lang, record_path(*key), centre=key))
        plans.append((key, nodes, edges))
    documents = run_dot(sources)
    site_map, records = None, {}
    for (key, nodes, edges), document in zip(plans, documents):
        if key is None:
            title = t("map", lang)
            svg = inline_svg(document, "kml-map", title, t("map_desc", lang).format(nodes=len(nodes), edges=len(edges)))
            site_map = Figure(svg, nodes, edges)
        else:
            record_name = node_name(key[0], site.by_id[key[0]][key[1]], lang)
            title = t("map_of", lang).format(name=record_name)
            svg = inline_svg(document, "kml-map", title, t("map_desc", lang).format(nodes=len(nodes), edges=len(edges)))
            records[key] = Figure(svg, nodes, edges)
    return Figures(rel, site_map, rest, records)


def lay_out_all(sites: dict[str, Any]) -> None:
    """Lay out every language's maps, the languages side by side (one `dot` each), before the pages
    are written; the pages then find them with `figures`."""
    with ThreadPoolExecutor(max_workers=len(sites)) as pool:
        futures = {lang: pool.submit(lay_out, site, lang) for lang, site in sites.items()}
        for lang, future in futures.items():
            _store(sites[lang], lang, future.result())


def _store(site: Any, lang: str, figures: Figures) -> None:
    # On the Site itself, so the maps live exactly as long as the pages that use them.
    site.__dict__.setdefault("_kml_figures", {})[lang] = figures


def figures(site: Any, lang: str) -> Figures:
    """The maps of `lang`, laid out on first use when the build has not done so already."""
    known = site.__dict__.get("_kml_figures", {})
    if lang not in known:
        _store(site, lang, lay_out(site, lang))
    return site.__dict__["_kml_figures"][lang]


# --- what the pages show ---------------------------------------------------------------------


def record_cell(site: Any, here: str, key: Key, lang: str) -> str:
    """A record's name as a raw-HTML link from the page `here` (the centre of a record's map: bold)."""
    text = lang_span(node_name(key[0], site.by_id[key[0]][key[1]], lang), lang, lang)
    if here == record_file(key):
        return f"<strong>{text}</strong>"
    return f'<a href="{attr(href(here, record_file(key)))}">{text}</a>'


def relations_table(site: Any, here: str, rel: Relations, edges: list[tuple[Key, Key]], lang: str) -> str:
    """The text equivalent of a map: one row per edge (from, relation, to), as raw HTML."""
    rows = "".join(
        f"<tr><td>{record_cell(site, here, a, lang)}</td><td>{esc(relation_text(rel.edges[(a, b)], lang))}</td><td>{record_cell(site, here, b, lang)}</td></tr>"
        for a, b in edges
    )
    head = "".join(f'<th scope="col">{esc(t(k, lang))}</th>' for k in ("map_from", "map_relation", "map_to"))
    return f'<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def figure_block(svg: str, caption: str, text_summary: str, text_html: str) -> str:
    """A figure as raw HTML: the picture, which scrolls sideways inside its own box on a narrow
    screen, its caption, and its text equivalent (open or closed by the reader) right after it."""
    return (
        f'<figure class="kml-figure">\n<div class="kml-figure__scroll">\n{svg}\n</div>\n'
        f"<figcaption>{caption}</figcaption>\n</figure>\n"
        f'<details class="kml-figure-text">\n<summary>{esc(text_summary)}</summary>\n{text_html}\n</details>\n'
    )


def legend(lang: str) -> str:
    return esc(t("map_legend", lang))


def record_map(site: Any, resource: str, record: Any, lang: str) -> str:
    """The section of a record's page that maps its neighbours (one hop), with the relations as a
    table; nothing when the record has no relation."""
    key = (resource, record.id)
    figs = figures(site, lang)
    fig = figs.records.get(key)
    if fig is None:
        return ""
    here = record_file(key)
    every = sorted((a, b) for a, b in figs.relations.edges if key in (a, b))
    caption = legend(lang)
    if len(every) > len(fig.edges):
        caption += " " + esc(t("map_capped", lang).format(shown=len(fig.nodes) - 1, total=figs.relations.degree(key)))
    text = relations_table(site, here, figs.relations, every, lang)
    return f"## {t('map_section', lang)}\n\n" + figure_block(fig.svg, caption, t("map_as_table", lang), text)
