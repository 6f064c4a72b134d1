"""The site's search index: Pagefind, one bundle per language (`pagefind/` under each language's
root), fetched in small chunks by docs/assets/search.js only when a reader searches.

Pagefind indexes a shadow copy of each built page, never served:

- its `<article>` (title, text and headings, with Pagefind's heading weights);
- on a record's own page, metadata the search box weights above any word of a page: `names`, every
  name and alias of a person, organization or work in both languages, so that each spelling ranks
  the record's own page first; `topic`, the names of a legal issue, weighted a little less;
- on Korean pages, after a MARK the search box never shows in an excerpt, the morphemes Kiwi finds
  in the text that are not already its words: Pagefind splits Korean at white space and matches by
  prefix, so `메타` finds `메타는`, but only the morpheme `지능` lets `지능` find `인공지능`.

The pages served stay as MkDocs wrote them."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import tempfile
import threading
from functools import lru_cache
from pathlib import Path

MARK = "\u2042"  # ⁂; docs/assets/search.js cuts every excerpt at the last one
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*?)</article>', re.S)
TAGS = re.compile(r"<[^>]*>")
# Content morphemes: nouns, numerals, pronouns, roots, verb and adjective stems, adverbs.
_KEEP = re.compile(r"^(NN|NR|NP|XR|VV|VA|MAG)")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Pagefind's ready-made interfaces: this site has its own (docs/assets/search.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")

_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load():
    from kiwipiepy import Kiwi

    # Without the typo and multi-word dictionaries, which the search needs not: loads in half the time.
    return Kiwi(num_workers=os.cpu_count() or 1, load_typo_dict=False, load_multi_dict=False)


def kiwi():
    """Kiwi, loaded once (the build starts loading it early, in a thread)."""
    with _LOCK:
        return _load()


def plain(fragment: str) -> str:
    return html.unescape(TAGS.sub(" ", fragment))


def segments(texts: list[str]) -> list[str]:
    """For each text, its morphemes that are not already among its white-space words."""
    out = []
    for text, tokens in zip(texts, kiwi().tokenize(texts)):
        words = set(text.lower().split())
        found: dict[str, None] = {}
        for token in tokens:
            form = token.form.lower()
            if _KEEP.match(token.tag) and len(form) > 1 and _HANGUL.search(form) and form not in words:
                found.setdefault(form, None)
        out.append(" ".join(found))
    return out


def article(page_html: str) -> str:
    m = ARTICLE.search(page_html)
    return m["body"] if m else ""


def shadow(lang: str, body: str, meta: dict[str, list[str]], morphemes: str) -> str:
    """The document Pagefind indexes for one page. `body` is the page's own (escaped) HTML; the
    metadata fields (searched with the weights docs/assets/search.js gives them) and the morphemes
    are plain text and escaped here."""
    head = "".join(f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(" · ".join(values))}">' for key, values in sorted(meta.items()))
    extra = f"<p>{MARK}</p><p>{html.escape(morphemes)}</p>" if morphemes else ""
    return f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body><article>{body}{extra}</article></body></html>'


def executable() -> str:
    from pagefind_bin_extended import get_executable

    return str(get_executable())


def index(out_dir: Path, lang: str, bodies: dict[str, str], meta: dict[str, dict[str, list[str]]]) -> None:
    """Write `out_dir/pagefind/` from the article HTML of each page (by path of its index.html,
    relative to `out_dir`) and the searchable metadata of record pages (by the same path)."""
    paths = sorted(bodies)
    morphemes = segments([plain(bodies[p]) for p in paths]) if lang == "ko" else [""] * len(paths)
    with tempfile.TemporaryDirectory(prefix="pagefind-") as tmp:
        work = Path(tmp)
        for path, extra in zip(paths, morphemes):
            target = work / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(shadow(lang, bodies[path], meta.get(path, {}), extra), encoding="utf-8")
        bundle = out_dir / "pagefind"
        done = subprocess.run(
            [executable(), "--site", str(work), "--output-path", str(bundle.resolve()), "--exclude-selectors", ".headerlink", "--quiet"],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"pagefind ({lang}) failed:\n{done.stdout}{done.stderr}")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
