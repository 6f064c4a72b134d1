"""The language switcher keeps the `#fragment` (docs/assets/kml.js). Ids of records, mentions and
sentences are the same in both languages; headings are not (their ids are slugs of their text). The
two languages' pages come from the same generator, so a page and its twin have their headings in
the same order: each page's switcher link gets `data-kml-anchors`, {heading id here: the twin's
heading id at the same place}, when the two pages have as many headings (else no map: a heading
fragment is then kept as it is)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(?P<body>.*?)</article>', re.S)
HEADING_ID = re.compile(r'<h[1-6] id="(?P<id>[^"]*)"')
SWITCH = "data-kml-switch>"


def heading_ids(page: str) -> list[str]:
    m = ARTICLE.search(page)
    return [html.unescape(h["id"]) for h in HEADING_ID.finditer(m["body"])] if m else []


def link_twins(site: Path, prefixes: dict[str, str]) -> None:
    """Add the map to every page of each language whose twin exists under the other prefix."""
    (a, pa), (b, pb) = prefixes.items()
    root_a, root_b = site / pa, site / pb
    for page_a in sorted(root_a.rglob("index.html")):
        rel = page_a.relative_to(root_a)
        if pb and rel.parts[0] == pb.strip("/"):  # the other language's tree, inside this one
            continue
        page_b = root_b / rel
        if not page_b.is_file():
            continue
        text_a, text_b = page_a.read_text(encoding="utf-8"), page_b.read_text(encoding="utf-8")
        ids_a, ids_b = heading_ids(text_a), heading_ids(text_b)
        if len(ids_a) != len(ids_b):
            continue
        for path, text, here, there in ((page_a, text_a, ids_a, ids_b), (page_b, text_b, ids_b, ids_a)):
            anchors = {x: y for x, y in zip(here, there) if x != y}
            if anchors and text.count(SWITCH) == 1:
                value = html.escape(json.dumps(anchors, ensure_ascii=False, separators=(",", ":")), quote=True)
                path.write_text(text.replace(SWITCH, f'data-kml-switch data-kml-anchors="{value}">'), encoding="utf-8")
