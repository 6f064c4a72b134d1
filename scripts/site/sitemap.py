"""Each language's sitemap.xml lists, for every page, both language versions as `xhtml:link`
alternates, and `x-default` (the page in the default language, served at the root)
(https://developers.google.com/search/docs/specialty/international/localized-versions).
`robots.txt` at the site root names both sitemaps by absolute URL."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from xml.sax.saxutils import quoteattr

URL = re.compile(r"<url>\s*<loc>(?P<loc>[^<]*)</loc>(?:\s*<lastmod>(?P<lastmod>[^<]*)</lastmod>)?\s*</url>")


def add_alternates(site: Path, url: str, prefixes: dict[str, str], default: str) -> None:
    for lang, prefix in prefixes.items():
        path = site / prefix / "sitemap.xml"
        text = path.read_text(encoding="utf-8")
        root = url + prefix
        lines = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">']
        for m in URL.finditer(text):
            loc = m["loc"]
            page = loc[len(root) :] if loc.startswith(root) else None
            if page is None:
                raise ValueError(f"{path}: {loc} is not under {root}")
            lines.append("  <url>")
            lines.append(f"    <loc>{loc}</loc>")
            if m["lastmod"]:
                lines.append(f"    <lastmod>{m['lastmod']}</lastmod>")
            for other, other_prefix in prefixes.items():
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" href={quoteattr(url + other_prefix + page)}/>')
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href={quoteattr(url + prefixes[default] + page)}/>')
            lines.append("  </url>")
        lines.append("</urlset>")
        data = ("\n".join(lines) + "\n").encode("utf-8")
        path.write_bytes(data)
        with open(path.with_suffix(".xml.gz"), "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", filename="", mtime=0) as gz:
            gz.write(data)


def write_robots(site: Path, url: str, prefixes: dict[str, str]) -> None:
    """Every crawler may read every page; the sitemap of each language, by absolute URL."""
    lines = ["User-agent: *", "Allow: /", ""] + [f"Sitemap: {url}{prefix}sitemap.xml" for prefix in prefixes.values()]
    (site / "robots.txt").write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
