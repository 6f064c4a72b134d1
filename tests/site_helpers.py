"""Building the site into a temporary folder and reading what it produced."""

from __future__ import annotations

import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tests.conftest import ROOT


def build_site(dataset: Path, site_dir: Path, site_url: str = "http://127.0.0.1:8000/") -> subprocess.CompletedProcess:
    env = {**os.environ, "DATASET": str(dataset), "SITE_DIR": str(site_dir), "SITE_URL": site_url, "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run([sys.executable, "-m", "scripts.site.build"], cwd=ROOT, env=env, capture_output=True, text=True)


class Page(HTMLParser):
    """The parts of a built page the tests look at."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, dict[str, str]]] = []  # (tag, attrs) with href or src
        self.ids: set[str] = set()
        self.scripts: list[str] = []
        self.text: list[str] = []
        self.lang_stack: list[str] = []
        self.html_lang = ""
        self.elements: list[tuple[str, dict[str, str]]] = []
        self._script = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "html":
            self.html_lang = a.get("lang", "")
        if "id" in a:
            self.ids.add(a["id"])
        if "href" in a or "src" in a:
            self.links.append((tag, a))
        if tag == "script":
            self._script = True
            self.scripts.append("")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = False

    def handle_data(self, data):
        if self._script:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    @property
    def plain(self) -> str:
        return "".join(self.text)


def pages(site: Path) -> dict[str, Path]:
    """Every HTML page, by its URL path from the site root ('' for the home page)."""
    out = {}
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        out[rel[: -len("index.html")] if rel.endswith("index.html") else rel] = path
    return out


def resolve(site: Path, page_url: str, href: str) -> tuple[Path | None, str]:
    """The file a relative link from `page_url` leads to, and its fragment; None for other hosts."""
    base = "http://site.invalid/" + page_url
    target = urlsplit(urljoin(base, href))
    if target.netloc != "site.invalid":
        return None, ""
    path = unquote(target.path.lstrip("/"))
    file = site / path
    if path == "" or path.endswith("/"):
        file = file / "index.html"
    return file, target.fragment


def search_fragments(bundle: Path) -> dict[Path, dict]:
    """The records of a Pagefind bundle as stored, by fragment file: each is gzip of
    `pagefind_dcd` + JSON."""
    import gzip
    import json

    out = {}
    for path in sorted((bundle / "fragment").iterdir()):
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(b"pagefind_dcd"), path
        out[path] = json.loads(data[len(b"pagefind_dcd"):])
    return out


def search_records(bundle: Path) -> dict[str, dict]:
    """The pages a Pagefind bundle holds, by URL from the language's root, their text and
    metadata decoded (see scripts/site/search.py)."""
    from scripts.site.search import decode

    out = {}
    for record in search_fragments(bundle).values():
        record["content"] = decode(record["content"])
        record["meta"] = {key: value if key == "page" else decode(value) for key, value in record["meta"].items()}
        out["/" + record["meta"]["page"].removeprefix("./")] = record
    return out
