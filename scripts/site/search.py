"""The site's search index: Pagefind, one bundle per language (`pagefind/` under each language's
root), fetched in small chunks by docs/assets/search.js only when a reader searches.

Pagefind indexes a shadow copy of each built page, never served:

- its `<article>` (title, text and headings, with Pagefind's heading weights);
- on a record's own page, metadata the search box weights above any word of a page (the records and
  their fields: SEARCHED_NAMES in scripts/site/pages/common.py): `names`, every name and other
  spelling of a person, organization, work (and of any resource registered there) in both
  languages, so that each spelling, in either language, ranks the record's own page first; `topic`,
  the names of a legal issue, weighted a little less; `titles`, a source's titles in both languages;
- on Korean pages, after a MARK the search box never shows in an excerpt, the morphemes Kiwi finds
  in the text that are not already its words: Pagefind splits Korean at white space and matches by
  prefix, so `메타` finds `메타는`, but only the morpheme `지능` lets `지능` find `인공지능`. The
  morphemes of one word are joined by `-` (인공-지능), so that the search box knows where in a word
  a morpheme begins, and marks 지능 there but never letters where no morpheme begins.

Beside the bundle, `names.json`: the words of the `names` fields, which the search box corrects a
misspelt word of a query to (docs/assets/spelling.js).

The pages served stay as MkDocs wrote them."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import tempfile
import time
from functools import lru_cache
from pathlib import Path

MARK = "\u2042"  # ⁂; docs/assets/search.js cuts every excerpt at the last one
ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(?P<body>.*?)</article>', re.S)
TAGS = re.compile(r"(<[^>]*>)")  # a group, so that split() keeps the tags
UNREAD = re.compile(r"<(script|style)\b.*?</\1\s*>", re.S | re.I)
# Content morphemes: nouns, numerals, pronouns, roots, verb and adjective stems, adverbs.
_KEEP = re.compile(r"^(NN|NR|NP|XR|VV|VA|MAG)")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Pagefind's ready-made interfaces: this site has its own (docs/assets/search.js).
UNUSED = ("pagefind-ui.js", "pagefind-ui.css", "pagefind-modular-ui.js", "pagefind-modular-ui.css",
          "pagefind-component-ui.js", "pagefind-component-ui.css", "pagefind-highlight.js")


@lru_cache(maxsize=1)
def kiwi():
    """Kiwi, the Korean morphological analyser, loaded once and ready to analyse."""
    from kiwipiepy import Kiwi

    # Without the typo, multi-word and default (Wikipedia headword) dictionaries: loads in a third of
    # the time, and on this site's pages finds the same morphemes but for a few compounds, which it
    # splits (치안판사 → 치안, 판사): for a search by part of a word, that is no loss.
    analyser = Kiwi(num_workers=os.cpu_count() or 1, load_typo_dict=False, load_multi_dict=False, load_default_dict=False)
    analyser.tokenize("가")  # the first analysis builds the model's tables: a second or so, done here
    return analyser


def plain(fragment: str) -> str:
    """The text of an HTML fragment as Pagefind reads it: without its scripts (a record page's
    JSON-LD, whose words the page does not show and whose addresses change with the site's URL)."""
    return html.unescape(TAGS.sub(" ", UNREAD.sub(" ", fragment)))


def segments(texts: list[str]) -> list[str]:
    """For each text, its morphemes that are not already among its white-space words, written so
    that the search box can tell where they stand in a word: the morphemes that follow each other
    in one word (인공, 지능 in 인공지능은) as one group joined by `-` (인공-지능), which Pagefind indexes
    as the whole and as each part, and which tells docs/assets/search.js that 지능 begins a morpheme
    at 인공지능's third letter, so that it marks it there and nowhere a morpheme does not begin. Pages
    repeat each other's lines (a sentence of the article stands on the article, its quote's and its
    people's pages), so each distinct line with Hangul in it is analysed once, in one parallel batch."""
    lines = [[line.strip() for line in text.splitlines() if line.strip()] for text in texts]
    distinct = list(dict.fromkeys(line for page in lines for line in page if _HANGUL.search(line)))
    groups = {line: _groups(line, tokens) for line, tokens in zip(distinct, kiwi().tokenize(distinct))}
    out = []
    for text, page in zip(texts, lines):
        words = set(text.lower().split())
        found = dict.fromkeys(g for line in page for g in groups.get(line, ()) if "-" in g or g not in words)
        out.append(" ".join(found))
    return out


def _groups(line: str, tokens) -> list[str]:
    """The content morphemes of one line (lower case), those that stand next to each other in one
    word as its spelling shows them joined by `-`; a morpheme Kiwi gives in another form than the
    letters it stands for (하 in 했다) stands alone."""
    out: list[str] = []
    run: list = []

    def close() -> None:
        if run:
            out.append("-".join(t.form.lower() for t in run))
            run.clear()

    for t in tokens:
        if not (_KEEP.match(t.tag) and len(t.form) > 1 and _HANGUL.search(t.form)):
            close()
            continue
        if line[t.start:t.end] != t.form:
            close()
            out.append(t.form.lower())
            continue
        if run and (run[-1].word_position != t.word_position or run[-1].end != t.start):
            close()
        run.append(t)
    close()
    return out


# Pagefind never splits the part of its word index that holds Korean words into chunks (its issue
# #1211): at 8,000 records that one chunk is about 1 MB gzip, fetched by every Korean search. So the
# index is built from text in which each Hangul syllable is written as four ASCII letters: `x` and
# three letters (the first never `x`) that number the syllable, and a real `x` or `X` is doubled.
# Pagefind then splits Korean words like any others. The code is letter for letter, so a prefix of
# a word is coded as a prefix of its code and Pagefind's prefix search is unchanged; the search box
# codes the query the same way and decodes what it shows (docs/assets/search.js).
_FIRST = "abcdefghijklmnopqrstuvwyz"
_LETTERS = "abcdefghijklmnopqrstuvwxyz"
_TABLE = {
    **{n: "x" + _FIRST[(n - 0xAC00) // 676] + _LETTERS[(n - 0xAC00) // 26 % 26] + _LETTERS[(n - 0xAC00) % 26] for n in range(0xAC00, 0xD7A4)},
    ord("x"): "xx",
    ord("X"): "Xx",
}


def code(text: str) -> str:
    return text.translate(_TABLE)


_CODE = re.compile(r"([xX])(x|[a-wyz][a-z]{2})")


def _decode(m: re.Match) -> str:
    char, rest = m[1], m[2]
    if rest == "x":
        return char
    if char == "X":
        return m[0]
    return chr(0xAC00 + _FIRST.index(rest[0]) * 676 + _LETTERS.index(rest[1]) * 26 + _LETTERS.index(rest[2]))


def decode(text: str) -> str:
    """The text `code` was given (the search box does the same in JavaScript)."""
    return _CODE.sub(_decode, text)


def code_html(fragment: str) -> str:
    """`code` applied to the text of an HTML fragment, its tags left alone."""
    parts = TAGS.split(fragment)
    return "".join(part if i % 2 else html.escape(code(html.unescape(part)), quote=False) for i, part in enumerate(parts))


def article(page_html: str) -> str:
    m = ARTICLE.search(page_html)
    return m["body"] if m else ""


def shadow(lang: str, page: str, body: str, meta: dict[str, list[str]], morphemes: str) -> str:
    """The document Pagefind indexes for one page: `page` is its URL from the language's root (the
    shadow files themselves lie flat, one folder per page being slow to create); `body` is the
    page's own (escaped) HTML; the metadata fields (searched with the weights docs/assets/search.js
    gives them) and the morphemes are plain text and escaped here."""
    head = f'<meta data-pagefind-meta="page[content]" content="{html.escape(page)}">' + "".join(f'<meta data-pagefind-meta="{key}[content]" content="{html.escape(code(" · ".join(values)))}">' for key, values in sorted(meta.items()))
    extra = f"<p>{MARK}</p><p>{html.escape(code(morphemes))}</p>" if morphemes else ""
    return f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">{head}</head><body><article>{code_html(body)}{extra}</article></body></html>'


# What the search box corrects a query's misspelt word to (docs/assets/search.js, by an edit distance
# of one letter, a Hangul letter being a jamo): every word of every name in the `names` metadata
# fields of five letters or more, since a shorter word has too many neighbours one letter away.
NAME_FIELDS = ("names",)
NAMES_FILE = "names.json"
_WORD = re.compile(r"[^\W_]+")


def letters(word: str) -> int:
    """Letters as the search box counts them: a Hangul syllable is two or three jamo."""
    return sum((3 if (ord(c) - 0xAC00) % 28 else 2) if "\uac00" <= c <= "\ud7a3" else 1 for c in word)


def name_words(meta: dict[str, dict[str, list[str]]]) -> list[str]:
    """The words of the names, lower case, sorted, each once."""
    words = {w.lower() for fields in meta.values() for key in NAME_FIELDS for name in fields.get(key, ()) for w in _WORD.findall(name)}
    return sorted(w for w in words if letters(w) >= 5 and not w.isdigit())


def executable() -> str:
    from pagefind_bin_extended import get_executable

    return str(get_executable())


def index(out_dir: Path, lang: str, bodies: dict[str, str], meta: dict[str, dict[str, list[str]]]) -> dict[str, float]:
    """Write `out_dir/pagefind/` from the article HTML of each page (by path of its index.html,
    relative to `out_dir`) and the searchable metadata of record pages (by the same path); returns
    the seconds each step took."""
    steps = {}
    start = time.perf_counter()
    paths = sorted(bodies)
    morphemes = segments([plain(bodies[p]) for p in paths]) if lang == "ko" else [""] * len(paths)
    steps["morphemes"] = time.perf_counter() - start
    with tempfile.TemporaryDirectory(prefix="pagefind-", dir=out_dir.parent) as tmp:
        work = Path(tmp)
        for n, (path, extra) in enumerate(zip(paths, morphemes)):
            page = path.removesuffix("index.html") or "./"
            (work / f"{n:06d}.html").write_text(shadow(lang, page, bodies[path], meta.get(path, {}), extra), encoding="utf-8")
        steps["shadow pages"] = time.perf_counter() - start - steps["morphemes"]
        bundle = out_dir / "pagefind"
        done = subprocess.run(
            [executable(), "--site", str(work), "--output-path", str(bundle.resolve()), "--exclude-selectors", ".headerlink", "--quiet"],
            capture_output=True, text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"pagefind ({lang}) failed:\n{done.stdout}{done.stderr}")
    for name in UNUSED:
        (bundle / name).unlink(missing_ok=True)
    (bundle / NAMES_FILE).write_text(json.dumps(name_words(meta), ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    # Pagefind writes a generic WebAssembly file besides each language's own; pagefind.js loads the
    # one pagefind-entry.json names, or the generic one when it names none.
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    wanted = {f"wasm.{language['wasm'] or 'unknown'}.pagefind" for language in entry["languages"].values()}
    for path in bundle.glob("wasm.*.pagefind"):
        if path.name not in wanted:
            path.unlink()
    steps["pagefind"] = time.perf_counter() - start - steps["morphemes"] - steps["shadow pages"]
    return steps
