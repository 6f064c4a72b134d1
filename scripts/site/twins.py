"""The language switcher keeps the `#fragment` (docs/assets/kml.js). Ids of records, mentions and
sentences are the same in both languages; headings are not (their ids are slugs of their text). The
two languages' pages come from the same generator, so a page and its twin have their headings in
the same order: each page's switcher link gets `data-kml-anchors`, {heading id here: the twin's
heading id at the same place}, when the two pages have as many headings (else no map: a heading
fragment is then kept as it is). Each language's worker (scripts/site/finish.py) sends its pages'
heading ids to the build, and adds the map to its pages from its twins' ids."""

from __future__ import annotations

import html
import json
import re

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(?P<body>.*?)</article>', re.S)
HEADING_ID = re.compile(r'<h[1-6] id="(?P<id>[^"]*)"')
SWITCH = "data-kml-switch>"
ANCHORED = re.compile(r'data-kml-switch data-kml-anchors="[^"]*">')  # what anchored() writes


def heading_ids(page: str) -> list[str]:
    m = ARTICLE.search(page)
    return [html.unescape(h["id"]) for h in HEADING_ID.finditer(m["body"])] if m else []


def anchored(page: str, here: list[str], there: list[str] | None) -> str:
    """`page` (whose heading ids are `here`) with the map to its twin's (`there`; None: no twin)."""
    if there is None or len(here) != len(there):
        return page
    anchors = {x: y for x, y in zip(here, there) if x != y}
    if not anchors or page.count(SWITCH) != 1:
        return page
    value = html.escape(json.dumps(anchors, ensure_ascii=False, separators=(",", ":")), quote=True)
    return page.replace(SWITCH, f'data-kml-switch data-kml-anchors="{value}">')


def unanchored(page: str) -> str:
    """`page` without the map anchored() gave it (the preview redoes a pair of pages it rebuilt)."""
    return ANCHORED.sub(SWITCH, page)
