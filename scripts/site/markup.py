"""Escaping and links for generated pages. Every value from the dataset goes through `esc`, so it
is text in both Markdown and HTML, whatever characters it holds."""

from __future__ import annotations

import html
import posixpath

# HTML's own specials, and every ASCII character that starts Markdown syntax inline (emphasis,
# code, links and images, raw HTML, tables, attribute lists, headings, escapes), as numeric entities.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_ENTITIES |= {c: f"&#{ord(c)};" for c in "\\`*_[]{}()#+!|~^=:"}
_TABLE = str.maketrans(_ENTITIES | {"\n": " ", "\r": " ", "\t": " "})


def esc(value: object) -> str:
    """`value` as text that Markdown and HTML show literally, on one line."""
    return str(value).translate(_TABLE)


def attr(value: object) -> str:
    """`value` for a double-quoted HTML attribute of a tag written into the Markdown as HTML (MkDocs
    passes such tags through whole, so only HTML's own specials need escaping)."""
    return html.escape(str(value), quote=True)


def lang_span(value: object, value_lang: str, page_lang: str) -> str:
    """`value` escaped, marked with its language where it differs from the page's."""
    if value_lang == page_lang:
        return esc(value)
    return f'<span lang="{value_lang}">{esc(value)}</span>'


def page_url(path: str) -> str:
    """The directory URL of a staged Markdown file (`people/x.md` -> `people/x/`, `index.md` -> ``)."""
    stem = path[: -len(".md")]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relpath(to: str, start: str) -> str:
    """`posixpath.relpath` for the relative, normalized paths of the site, without its calls to
    the file system's current directory (thousands of links per build)."""
    a = [p for p in start.split("/") if p and p != "."]
    b = [p for p in to.split("/") if p and p != "."]
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return "/".join([".."] * (len(a) - i) + b[i:]) or "."


def href(from_path: str, to_path: str, anchor: str = "") -> str:
    """Relative URL from the page of `from_path` to the page of `to_path` (both staged .md paths),
    for raw HTML, where MkDocs does not rewrite links."""
    here = page_url(from_path) or "."
    there = page_url(to_path) or "."
    rel = relpath(there, here)
    url = "./" if rel == "." else rel + "/"
    return url + (f"#{anchor}" if anchor else "")


def md_link(text_html: str, from_path: str, to_path: str, anchor: str = "") -> str:
    """A Markdown link to another staged page, which MkDocs checks (and its anchor) in strict mode."""
    rel = relpath(to_path, posixpath.dirname(from_path) or ".")
    return f"[{text_html}]({rel}{'#' + anchor if anchor else ''})"
