"""The article page: each sentence as printed in Korean beside our English translation, both
annotated (mentions, quotes, fact checks). The Korean annotations sit on the spans the data records;
the English ones on the words of our translation that correspond to them (`english_spans`), or, where
the translation has no such words, on the whole sentence (quotes, fact checks) or after it (mentions)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from schemas.vocab import label

from ...checks import ENTITY_RESOURCES
from ..markup import attr, esc, href
from ..text import t
from .common import ARTICLE, COLUMN_OF, FOLDERS, front_matter, name, record_path, SINGULAR, Site


@dataclass
class Span:
    start: int
    end: int
    kind: str  # "quote", "fact_checks" or a resource name
    record: Any
    children: list["Span"] = field(default_factory=list)
    first: bool | None = None  # does the anchor go here (None: where the span starts)


def _nest(spans: list[Span]) -> list[Span]:
    """Nest spans (quotes outside mentions, longer outside shorter). Crossing spans cannot be marked up."""
    roots: list[Span] = []
    stack: list[Span] = []
    order = {"quote": 0, "fact_checks": 1}
    for span in sorted(spans, key=lambda s: (s.start, -s.end, order.get(s.kind, 2))):
        while stack and stack[-1].end <= span.start:
            stack.pop()
        if stack and span.end > stack[-1].end:
            raise ValueError(f"{span.kind} {span.record.id} ({span.start}–{span.end}) crosses {stack[-1].kind} {stack[-1].record.id} ({stack[-1].start}–{stack[-1].end})")
        (stack[-1].children if stack else roots).append(span)
        stack.append(span)
    return roots


def _label_lang(lang: str, column: str) -> str:
    """The lang attribute of a label in the page's language inside a column of another language."""
    return f' lang="{lang}"' if lang != column else ""


def _mention_link(site: Site, span: Span, lang: str, prefix: str, inner: str) -> str:
    target = getattr(span.record, COLUMN_OF[span.kind])
    link = href(ARTICLE, record_path(span.kind, target))
    record_name = name(span.kind, site.by_id[span.kind][target], lang)
    return f'<a class="kml-mention kml-{FOLDERS[span.kind]}" id="{prefix}m-{attr(span.record.id)}" href="{link}" title="{attr(record_name)}">{inner}</a>'


def _render(site: Site, text: str, offset: int, start: int, end: int, spans: list[Span], lang: str, column: str = "ko", prefix: str = "") -> str:
    """`text[start-offset:end-offset]` with the spans marked up; the annotations' ids begin with
    `prefix` ("" in the Korean column, whose q-/f-/m- anchors other pages link to)."""
    out, at = [], start
    in_lang = _label_lang(lang, column)
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        a, b = max(span.start, start), min(span.end, end)
        out.append(esc(text[at - offset : a - offset]))
        inner = _render(site, text, offset, a, b, span.children, lang, column, prefix)
        first = span.start >= start if span.first is None else span.first
        if span.kind == "fact_checks":
            anchor = f' id="{prefix}f-{attr(span.record.id)}"' if first else ""
            link = href(ARTICLE, record_path("fact_checks", span.record.id))
            verdict = label(span.record.verdict, lang)
            out.append(f'<span class="kml-check"{anchor}>{inner}</span><a class="kml-check-link" href="{link}"{in_lang}>[{esc(t("fact_check", lang))}: {esc(verdict)}]</a>')
        elif span.kind == "quote":
            anchor = f' id="{prefix}q-{attr(span.record.id)}"' if first else ""
            link = href(ARTICLE, record_path("quotes", span.record.id))
            out.append(f'<mark class="kml-quote"{anchor}>{inner}</mark><a class="kml-quote-link" href="{link}"{in_lang}>[{esc(t("quote", lang))}]</a>')
        elif span.children:
            target = getattr(span.record, COLUMN_OF[span.kind])
            link = href(ARTICLE, record_path(span.kind, target))
            record_name = name(span.kind, site.by_id[span.kind][target], lang)
            out.append(
                f'<span class="kml-mention-group" id="{prefix}m-{attr(span.record.id)}">{inner}</span>'
                f'<a class="kml-mention-outer" href="{link}" title="{attr(record_name)}"{in_lang}>[{esc(t(SINGULAR[span.kind], lang))}]</a>'
            )
        else:
            out.append(_mention_link(site, span, lang, prefix, inner))
        at = b
    out.append(esc(text[at - offset : end - offset]))
    return "".join(out)


# --- the English column ---------------------------------------------------------------------------

_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")
_QUOTED = re.compile(r"[\"“]([^\"”]+)[\"”]")
_WORD = re.compile(r"[\w'’.-]+")


def _occurrences(text: str, phrase: str, *, fold: bool) -> list[tuple[int, int]]:
    """Where `phrase` occurs in `text` as whole words (case-insensitively if `fold`)."""
    if not phrase.strip():
        return []
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?!\w)"
    return [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE if fold else 0)]


def _windows(text: str, phrase: str) -> list[tuple[int, int]]:
    """Where `phrase` occurs in `text`, or, failing that, the stretches of `text` that begin with its
    first two words and end with its last two (or last) word, a little longer than it at most: the
    same words with a few others in between (our translation of the sentence and our translation of
    the quote do not always word it alike)."""
    found = _occurrences(text, phrase, fold=False) or _occurrences(text, phrase, fold=True)
    if found:
        return found
    words = [w.strip(".,;:!?'’") for w in _WORD.findall(phrase)]
    words = [w for w in words if w]
    if len(words) < 4:
        return []
    limit = int(len(phrase) * 1.6) + 10
    out = []
    for tail in (words[-2:], words[-1:]):
        for a, _ in _occurrences(text, " ".join(words[:2]), fold=True):
            ends = [e for s, e in _occurrences(text, " ".join(tail), fold=True) if s > a and e - a <= limit]
            if ends:
                out.append((a, ends[0]))
        if out:
            return out
    return out


class _Claims:
    """The English ranges placed so far; a new range may nest in them but not cross them, and no two
    mentions share one range (a link inside a link is not HTML)."""

    def __init__(self) -> None:
        self.placed: list[tuple[int, int, Span]] = []

    def fits(self, a: int, b: int, kind: str) -> bool:
        for c, d, other in self.placed:
            if (a < c < b < d) or (c < a < d < b):
                return False
            if (a, b) == (c, d) and kind not in ("quote", "fact_checks") and other.kind not in ("quote", "fact_checks"):
                return False
        return True

    def add(self, a: int, b: int, span: Span) -> Span:
        placed = Span(a, b, span.kind, span.record, first=span.first)
        self.placed.append((a, b, placed))
        return placed

    def range_of(self, span: Span) -> tuple[int, int] | None:
        return next(((a, b) for a, b, p in self.placed if p.record is span.record and p.kind == span.kind), None)


def _names(site: Site, span: Span) -> list[str]:
    """The English words a mention may stand for: as printed (if not Korean), the record's English
    name and its aliases that are not Korean, longest first."""
    record = site.by_id[span.kind][getattr(span.record, COLUMN_OF[span.kind])]
    names = [span.record.exact, record.title_en if span.kind == "legal_issues" else record.name_en]
    names += [a.alias for a in site.rows("aliases", COLUMN_OF[span.kind], record.id)]
    return sorted({n for n in names if n and not _HANGUL.search(n)}, key=len, reverse=True)


def _covers(span: Span, sentence: Any) -> bool:
    """Does a Korean span hold the whole sentence (but for space around it)?"""
    text = sentence.text_ko
    lead, trail = len(text) - len(text.lstrip()), len(text) - len(text.rstrip())
    return span.start <= sentence.start + lead and span.end >= sentence.end - trail


def english_spans(site: Site, sentence: Any, spans: list[Span]) -> tuple[list[Span], list[Span]]:
    """The Korean spans of a sentence (`spans`, flat) placed on its English (`text_en`): the spans
    placed on words of the English (offsets into `text_en`), and the mentions placed nowhere."""
    text = sentence.text_en
    whole = (0, len(text.rstrip()))
    claims = _Claims()
    ours = [s for s in spans if s.start < sentence.end and s.end > sentence.start]
    for s in ours:
        s.first = s.start >= sentence.start
    quotes = [s for s in ours if s.kind == "quote"]
    checks = [s for s in ours if s.kind == "fact_checks"]
    mentions = [s for s in ours if s.kind not in ("quote", "fact_checks")]

    def place(span: Span, candidates: list[tuple[int, int]]) -> bool:
        for a, b in candidates:
            if claims.fits(a, b, span.kind):
                claims.add(a, b, span)
                return True
        return False

    for q in quotes:
        inside = q.start >= sentence.start and q.end <= sentence.end
        if not (_covers(q, sentence) and place(q, [whole])) and not (inside and place(q, _windows(text, q.record.text_en))):
            place(q, [whole])
    for f in checks:
        if _covers(f, sentence) and place(f, [whole]):
            continue
        same = [claims.range_of(q) for q in quotes if (q.start, q.end) == (f.start, f.end)]
        if any(same) and place(f, [r for r in same if r]):
            continue
        fragments = [_windows(text, x) for x in _QUOTED.findall(f.record.article_says_en)]
        found = [r[0] for r in fragments if r]
        if found and place(f, [(min(a for a, _ in found), max(b for _, b in found))]):
            continue
        if place(f, _windows(text, f.record.article_says_en)):
            continue
        around = [claims.range_of(q) for q in quotes if q.start <= f.start and f.end <= q.end]
        if not place(f, [r for r in around if r]):
            place(f, [whole])

    def parent(m: Span) -> tuple[int, int] | None:
        """The English range of the innermost Korean mention around `m`, if placed."""
        around = [o for o in mentions if o is not m and o.start <= m.start and m.end <= o.end and (o.start, o.end) != (m.start, m.end)]
        around.sort(key=lambda o: o.end - o.start)
        return claims.range_of(around[0]) if around else None

    def inside_mention(a: int, b: int) -> bool:
        return any(c <= a and b <= d and p.kind not in ("quote", "fact_checks") for c, d, p in claims.placed)

    literal = [m for m in mentions if not _HANGUL.search(m.record.exact) and _occurrences(text, m.record.exact, fold=False)]
    unplaced = []
    for m in literal + [m for m in mentions if m not in literal]:
        outer = parent(m)
        found = {r for n in _names(site, m) for r in _occurrences(text, n, fold=True)}
        exact = set(_occurrences(text, m.record.exact, fold=False))
        order = sorted(found, key=lambda r: (
            not (outer and outer[0] <= r[0] and r[1] <= outer[1]),  # inside the English of the mention around it
            outer is None and inside_mention(*r),  # a mention on its own: not inside another's words
            r not in exact,  # the same letters as printed
            r[0],
            -r[1],
        ))
        if not place(m, order):
            unplaced.append(m)
    return [p for _, _, p in claims.placed], unplaced


def _source_spans(site: Site, source_id: str) -> list[Span]:
    """Every annotation of a source text, flat, in Korean offsets."""
    spans = [Span(q.start, q.end, "quote", q) for q in site.rows("quotes", "source_id", source_id)]
    for m in site.rows("mentions", "source_id", source_id):
        column, _ = m.entity
        spans.append(Span(m.start, m.end, ENTITY_RESOURCES[column], m))
    spans += [Span(f.start, f.end, "fact_checks", f) for f in site.rows("fact_checks", "source_id", source_id)]
    return spans


def english_mentions(site: Site, sentence: Any) -> dict[str, tuple[int, int]]:
    """Where in a sentence's English (`text_en` offsets) its mentions are placed, by mention id."""
    placed, _ = english_spans(site, sentence, _source_spans(site, sentence.source_id))
    return {p.record.id: (p.start, p.end) for p in placed if p.kind not in ("quote", "fact_checks")}


def _english(site: Site, sentence: Any, spans: list[Span], lang: str) -> str:
    placed, unplaced = english_spans(site, sentence, spans)
    text = sentence.text_en
    out = _render(site, text, 0, 0, len(text), _nest(placed), lang, "en", "en-")
    if unplaced:
        links = ", ".join(_mention_link(site, m, lang, "en-", esc(name(m.kind, site.by_id[m.kind][getattr(m.record, COLUMN_OF[m.kind])], "en"))) for m in unplaced)
        note = f'<span lang="{lang}">{esc(t("also_in_korean", lang))}</span>' if lang != "en" else esc(t("also_in_korean", lang))
        out += f' <span class="kml-unplaced">({note}: {links})</span>'
    return out


def article_page(site: Site, lang: str) -> str:
    title = t("article", lang)
    parts = [front_matter(title, t('article_intro', lang)), f"# {esc(title)}\n\n{esc(t('article_intro', lang))}\n"]
    for source in site.data.records("sources"):
        sentences = sorted(site.rows("sentences", "source_id", source.id), key=lambda s: s.start)
        if not sentences:
            continue
        spans = _source_spans(site, source.id)
        flat = [Span(s.start, s.end, s.kind, s.record) for s in spans]
        roots = _nest(spans)
        text = site.data.texts[source.text_resource]
        parts.append(f"## {esc(source.title_ko if lang == 'ko' else source.title_en)}\n")
        parts.append(f"{t('rights', lang)}: {esc(source.rights_ko if lang == 'ko' else source.rights_en)}\n")
        rows = [f'<table class="kml-article"><thead><tr><th scope="col">{esc(t("korean_text", lang))}</th><th scope="col">{esc(t("english_text", lang))}</th></tr></thead><tbody>']
        for s in sentences:
            ko = _render(site, text, 0, s.start, s.end, roots, lang)
            en = _english(site, s, flat, lang)
            css = "kml-heading" if s.kind.value == "heading" else "kml-sentence"
            rows.append(f'<tr id="s-{attr(s.id)}" class="{css}"><td lang="ko">{ko}</td><td lang="en">{en}</td></tr>')
        rows.append("</tbody></table>")
        parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)
