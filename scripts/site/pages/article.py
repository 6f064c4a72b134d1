"""The article page."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from schemas.vocab import label

from ...checks import ENTITY_RESOURCES
from ..markup import attr, esc, href
from ..text import t
from .common import ARTICLE, COLUMN_OF, FOLDERS, front_matter, heading, name, record_path, SINGULAR, Site, table


@dataclass
class Span:
    start: int
    end: int
    kind: str  # "quote" or a resource name
    record: Any
    children: list["Span"] = field(default_factory=list)


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


def _render(site: Site, text: str, offset: int, start: int, end: int, spans: list[Span], lang: str) -> str:
    out, at = [], start
    for span in spans:
        if span.end <= start or span.start >= end:
            continue
        a, b = max(span.start, start), min(span.end, end)
        out.append(esc(text[at - offset : a - offset]))
        inner = _render(site, text, offset, a, b, span.children, lang)
        if span.kind == "fact_checks":
            anchor = f' id="f-{attr(span.record.id)}"' if span.start >= start else ""
            link = href(ARTICLE, record_path("fact_checks", span.record.id))
            verdict = label(span.record.verdict, lang)
            out.append(f'<span class="kml-check"{anchor}>{inner}</span><a class="kml-check-link" href="{link}">[{esc(t("fact_check", lang))}: {esc(verdict)}]</a>')
        elif span.kind == "quote":
            anchor = f' id="q-{attr(span.record.id)}"' if span.start >= start else ""
            link = href(ARTICLE, record_path("quotes", span.record.id))
            out.append(f'<mark class="kml-quote"{anchor}>{inner}</mark><a class="kml-quote-link" href="{link}">[{esc(t("quote", lang))}]</a>')
        else:
            column = COLUMN_OF[span.kind]
            target = getattr(span.record, column)
            link = href(ARTICLE, record_path(span.kind, target))
            record_name = name(span.kind, site.by_id[span.kind][target], lang)
            if span.children:
                out.append(
                    f'<span class="kml-mention-group" id="m-{attr(span.record.id)}">{inner}</span>'
                    f'<a class="kml-mention-outer" href="{link}" title="{attr(record_name)}">[{esc(t(SINGULAR[span.kind], lang))}]</a>'
                )
            else:
                out.append(f'<a class="kml-mention kml-{FOLDERS[span.kind]}" id="m-{attr(span.record.id)}" href="{link}" title="{attr(record_name)}">{inner}</a>')
        at = b
    out.append(esc(text[at - offset : end - offset]))
    return "".join(out)


def article_page(site: Site, lang: str) -> str:
    title = t("article", lang)
    parts = [front_matter(title, t('article_intro', lang)), f"# {esc(title)}\n\n{esc(t('article_intro', lang))}\n"]
    for source in site.data.records("sources"):
        sentences = sorted(site.rows("sentences", "source_id", source.id), key=lambda s: s.start)
        if not sentences:
            continue
        spans = [Span(q.start, q.end, "quote", q) for q in site.rows("quotes", "source_id", source.id)]
        for m in site.rows("mentions", "source_id", source.id):
            column, _ = m.entity
            spans.append(Span(m.start, m.end, ENTITY_RESOURCES[column], m))
        spans += [Span(f.start, f.end, "fact_checks", f) for f in site.rows("fact_checks", "source_id", source.id)]
        roots = _nest(spans)
        text = site.data.texts[source.text_resource]
        parts.append(f"## {esc(source.title_ko if lang == 'ko' else source.title_en)}\n")
        parts.append(f"{t('rights', lang)}: {esc(source.rights_ko if lang == 'ko' else source.rights_en)}\n")
        rows = [f'<table class="kml-article"><thead><tr><th scope="col">{esc(t("korean_text", lang))}</th><th scope="col">{esc(t("english_text", lang))}</th></tr></thead><tbody>']
        for s in sentences:
            ko = _render(site, text, 0, s.start, s.end, roots, lang)
            css = "kml-heading" if s.kind.value == "heading" else "kml-sentence"
            rows.append(f'<tr id="s-{attr(s.id)}" class="{css}"><td lang="ko">{ko}</td><td lang="en">{esc(s.text_en)}</td></tr>')
        rows.append("</tbody></table>")
        parts.append("\n".join(rows) + "\n")
    return "\n".join(parts)
