"""Links from our own prose to the glossary: on each page, the first use of a glossary term (its term
or one of its other spellings, in the page's language) becomes a link to the term's entry.

Only text the project wrote is linked: descriptions, notes, fact-check explanations, a case's claims
and status… Each page kind passes such a text through `prose()` where it renders it, instead of
`esc()`: the text comes back escaped just as `esc` escapes it, between two markers that no dataset
value can forge (their `<` is always escaped). Once the page is rendered, `FirstUse.link()` walks
the marked texts in page order, so that "first" is first as the reader meets it, and replaces each
by the same escaped text with Markdown links where a term is used. The matching is done on the
plain text (the escaped segment unescaped) and the result is built from escaped pieces, never by a
pattern run over HTML. What never passes through `prose()` is never linked: the article and its
spans, quotes (in any language), headings, names, existing links. Inside our prose, quoted words
("…", “…”, ‘…’, 「…」) and web addresses are left alone too: they echo someone else's words.

Whole words only:

- English: a spelling matches whole words, a word being a run of letters and digits, so "fair use"
  is never found in "unfair use", nor "use" in "refused". Case is ignored (Fair use, fair use),
  except for spellings in capitals (API, GPU). Plurals and other forms are their own spellings
  (glossary_aliases: plaintiffs, GPUs).
- Korean: a spelling starts an eojeol (a word between spaces or punctuation), its words but the last
  are whole, and its last may be followed inside the eojeol only by what Kiwi analyses as a
  particle, an ending or a suffix, never by more of a noun: 원고가, 원고들 use 원고, 원고지 does
  not (Kiwi reads one noun), nor 꽃이 피고 피고 (a verb and its ending, not the noun 피고). Every
  morpheme a Hangul spelling covers must be a noun (or a suffix or foreign word inside it)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from ..markup import esc, md_link

OPEN, CLOSE = "<!--kml-prose", "<!--/kml-prose-->"
_SEGMENT = re.compile(r"<!--kml-prose(?: not=(?P<not>[a-z0-9-]+))?-->(?P<text>.*?)<!--/kml-prose-->")
_WORD = re.compile(r"\w+")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_URL = re.compile(r"https?://\S+")
# Kiwi's tags: what a Korean spelling may cover (nouns, numerals, foreign words, and the prefixes
# and suffixes inside a noun: 개방형), and what, right after it in the same eojeol, would make it
# part of a longer noun.
_INSIDE = re.compile(r"^(NN|NR|NP|SL|SN|SH|XPN|XSN|XR)")
_COMPOUND = re.compile(r"^(NN|NR|NP|SL|SN|SH|XR)")
_QUOTES = {"“": "”", "‘": "’", "「": "」", "『": "』"}


def prose(text: str, not_term: str | None = None) -> str:
    """Our own prose, escaped (as `esc`), marked for the first-use links; `not_term`: the id of a
    term this text defines, which it never links to itself."""
    return f"{OPEN}{' not=' + not_term if not_term else ''}-->{esc(text)}{CLOSE}"


def unmarked(page: str) -> str:
    """A page with its prose markers removed and nothing linked."""
    return _SEGMENT.sub(lambda m: m["text"], page)


def exempt(text: str) -> list[tuple[int, int]]:
    """Where a text quotes someone (double quotes, typographic quotes, corner brackets) or gives a
    web address: spans never linked."""
    spans: list[tuple[int, int]] = [m.span() for m in _URL.finditer(text)]
    closing, start, straight = None, 0, None
    for i, ch in enumerate(text):
        if closing is None and ch == '"':
            if straight is None:
                straight = i
            else:
                spans.append((straight, i + 1))
                straight = None
        elif straight is None and closing is None and ch in _QUOTES:
            closing, start = _QUOTES[ch], i
        elif closing is not None and ch == closing:
            spans.append((start, i + 1))
            closing = None
    return spans


@dataclass(frozen=True)
class Spelling:
    term_id: str
    words: tuple[str, ...]  # as compared: case-folded unless `exact`
    gaps: tuple[str, ...]  # what stands between the words (" " or "-")
    exact: bool  # written in capitals (API): matched with its case

    @property
    def hangul(self) -> bool:
        return any(_HANGUL.search(w) for w in self.words)


def _gap(between: str) -> str:
    """What stands between two words, white space of any kind and length counting as one space."""
    return " " if between.isspace() else between


def spelling(term_id: str, text: str) -> Spelling | None:
    words = list(_WORD.finditer(text))
    if not words:
        return None
    gaps = tuple(_gap(text[a.end():b.start()]) for a, b in zip(words, words[1:]))
    exact = text.isupper()
    return Spelling(term_id, tuple(m[0] if exact else m[0].casefold() for m in words), gaps, exact)


@lru_cache(maxsize=8192)
def _morphemes(text: str) -> tuple[tuple[int, int, str], ...]:
    """(start, end, tag) of each morpheme Kiwi finds in `text` (pages repeat texts: each once)."""
    from ..search import kiwi

    return tuple((t.start, t.start + t.len, t.tag) for t in kiwi().tokenize(text))


def korean_word(text: str, a: int, b: int) -> bool:
    """Whether text[a:b] is a whole noun of Korean text: Kiwi's morphemes start at `a` and end at
    `b`, all of them noun-like, and the morpheme after `b` in the same eojeol does not continue the
    noun. A text that is the spelling and nothing else (a table cell: 피고) is that noun, however
    Kiwi reads one word without context (피고 alone: the verb 피다 and an ending)."""
    if a == 0 and b == len(text):
        return True
    morphemes = _morphemes(text)
    inside = [m for m in morphemes if a <= m[0] < b]
    if not inside or inside[0][0] != a or max(m[1] for m in inside) != b:
        return False
    if not all(_INSIDE.match(tag) for _, _, tag in inside):
        return False
    if b < len(text) and _WORD.match(text, b):
        after = [tag for start, _, tag in morphemes if start == b]
        if after and _COMPOUND.match(after[0]):
            return False
    return True


class FirstUse:
    """The glossary of one language, ready to link the pages of that language."""

    def __init__(self, terms: Iterable[Any], aliases: Iterable[Any], lang: str, path_of: Any) -> None:
        """`terms`: glossary rows; `aliases`: glossary_aliases rows; `path_of(term_id)`: the staged
        path of a term's page."""
        self.lang = lang
        self.path_of = path_of
        texts = [(t.id, t.term_ko if lang == "ko" else t.term_en) for t in terms]
        texts += [(a.glossary_id, a.alias) for a in aliases if a.language.value == lang]
        self.index: dict[str, list[Spelling]] = {}
        for term_id, text in texts:
            s = spelling(term_id, text)
            if s is not None:
                self.index.setdefault(s.words[0].casefold(), []).append(s)

    def _candidates(self, word: str) -> list[Spelling]:
        """Spellings that may start at a text word: those whose first word it is and, in Korean,
        one-word spellings that begin it (the rest of the eojeol may be a particle or an ending)."""
        out = list(self.index.get(word.casefold(), []))
        if self.lang == "ko":
            for k in range(len(word) - 1, 0, -1):
                out += [s for s in self.index.get(word[:k].casefold(), []) if len(s.words) == 1]
        return out

    def _match(self, text: str, words: list[re.Match], i: int, s: Spelling) -> tuple[int, int] | None:
        """The span of `s` at word `i` of `text`, or None."""
        n = len(s.words)
        if i + n > len(words):
            return None
        for j in range(n):
            word = words[i + j][0] if s.exact else words[i + j][0].casefold()
            if j and _gap(text[words[i + j - 1].end():words[i + j].start()]) != s.gaps[j - 1]:
                return None
            last = j == n - 1
            if last and self.lang == "ko" and word.startswith(s.words[j]):
                rest = word[len(s.words[j]):]
                if rest and not _HANGUL.match(rest):
                    return None
            elif word != s.words[j]:
                return None
        a = words[i].start()
        b = words[i + n - 1].start() + len(s.words[-1])
        if self.lang == "ko" and (b < words[i + n - 1].end() or s.hangul) and not korean_word(text, a, b):
            return None
        return a, b

    def link_text(self, text: str, here: str, linked: set[str], skip: set[str]) -> str:
        """`text` (plain) escaped, with a link at the first use of each term not yet in `linked`
        (which it updates) nor in `skip`."""
        words = list(_WORD.finditer(text))
        spans = exempt(text)
        out, at, i = [], 0, 0
        while i < len(words):
            found = None
            for s in self._candidates(words[i][0]):
                span = self._match(text, words, i, s)
                if span and (found is None or span[1] - span[0] > found[1][1] - found[1][0]):
                    found = (s, span)
            if found is None:
                i += 1
                continue
            s, (a, b) = found
            quoted = any(x < b and a < y for x, y in spans)
            if not quoted and s.term_id not in linked and s.term_id not in skip:
                out += [esc(text[at:a]), md_link(esc(text[a:b]), here, self.path_of(s.term_id))]
                at = b
                linked.add(s.term_id)
            i += len(s.words)  # a term used again, or quoted, is passed over whole
        return "".join(out) + esc(text[at:])

    def link(self, here: str, page: str, skip: Iterable[str] = ()) -> tuple[str, set[str]]:
        """A rendered page (staged path `here`) with its prose linked, and the ids of the terms it
        links to. `skip`: terms never linked on this page (a term's own page)."""
        linked: set[str] = set()
        skip = set(skip)

        def one(m: re.Match) -> str:
            not_term = {m["not"]} if m["not"] else set()
            return self.link_text(html.unescape(m["text"]), here, linked, skip | not_term)

        return _SEGMENT.sub(one, page), linked
