"""The glossary: its index (`glossary/`: the legal terms, then the technical ones, each with its
definition, sorted by the page language's term) and one page per term (`glossary/<id>/`: the term in
both languages, its definition, other spellings, the source it rests on with its status, and the
pages whose prose links to it). Definitions are our prose: they link to the other terms they use
(first_use.py), never to their own."""

from __future__ import annotations

from typing import Any, Iterable

from schemas.vocab import GlossaryKind, label

from ..markup import esc, lang_span, md_link
from ..text import other, t
from .common import cite_block, clip, front_matter, index_path, record_link, record_path, Site
from .first_use import prose
from .legend import legend_link


def term(g: Any, lang: str) -> str:
    return g.term_ko if lang == "ko" else g.term_en


def definition(g: Any, lang: str) -> str:
    return g.definition_ko if lang == "ko" else g.definition_en


def other_term(g: Any, lang: str, markdown: bool) -> str:
    """The term in the other language, under the term (a paragraph of class kml-subtitle), or
    nothing where both languages write it alike (API, DMCA, GPU)."""
    if g.term_ko == g.term_en:
        return ""
    text = lang_span(term(g, other(lang)), other(lang), lang)
    return f"{text}\n{{: .kml-subtitle }}\n\n" if markdown else f'<p class="kml-subtitle">{text}</p>\n'


def sorted_terms(terms: Iterable[Any], lang: str) -> list[Any]:
    """In the order of the page language's terms (Korean: 가나다, with the Latin-script terms,
    API, DMCA, GPU, first; English: alphabetical, case ignored)."""
    return sorted(terms, key=lambda g: (term(g, lang).casefold(), g.id))


def glossary_index_page(site: Site, resource: str, lang: str) -> str:
    here = index_path("glossary")
    title = t("glossary", lang)
    out = [front_matter(title, t("glossary_intro", lang)), f"# {esc(title)}\n\n{esc(t('glossary_intro', lang))}\n"]
    for kind, key in ((GlossaryKind.LEGAL, "glossary_legal"), (GlossaryKind.TECHNICAL, "glossary_technical")):
        terms = sorted_terms((g for g in site.data.records("glossary") if g.kind == kind), lang)
        if not terms:
            continue
        out.append(f"## {esc(t(key, lang))} ({len(terms)}) {{#{kind.value}}}\n")
        for g in terms:
            link = md_link(esc(term(g, lang)), here, record_path("glossary", g.id))
            # The other language's term under the heading, not in it: a heading is in the page's language.
            out.append(f"### {link} {{#term-{g.id}}}\n\n{other_term(g, lang, True)}{prose(definition(g, lang), g.id)}\n")
    return "\n".join(out)


def spellings_line(site: Site, g: Any, lang: str) -> str:
    """The other spellings of a term, each marked with its language, the page language's first."""
    aliases = sorted(site.rows("glossary_aliases", "glossary_id", g.id), key=lambda a: (a.language.value != lang, a.alias.casefold()))
    if not aliases:
        return ""
    return f"- {esc(t('glossary_spellings', lang))}: " + ", ".join(
        f"{lang_span(a.alias, a.language.value, lang)} ({esc(label(a.language, lang))})" for a in aliases
    ) + "\n"


def glossary_page(site: Site, g: Any, lang: str, used_on: Iterable[tuple[str, str]] = ()) -> str:
    """A term's page; `used_on`: (resource, id) of the record pages whose prose links to it."""
    here = record_path("glossary", g.id)
    title = term(g, lang)
    facts = f"- {esc(t('kind', lang))}: {esc(label(g.kind, lang))}\n" + spellings_line(site, g, lang)
    if g.source_id:
        facts += f"- {esc(t('source', lang))}: {record_link(site, here, 'sources', g.source_id, lang)} · {esc(t('status', lang))}: {legend_link(here, g.status, lang)}\n"
    else:
        facts += f"- {esc(t('source', lang))}: {esc(t('glossary_no_source', lang))}\n"
    out = [
        front_matter(title, clip(definition(g, lang), 160)),
        f"# {esc(title)}\n",
        other_term(g, lang, False),
        f"{prose(definition(g, lang), g.id)}\n",
        facts,
    ]
    used_on = list(used_on)
    if used_on:
        out.append(f"## {esc(t('glossary_used_on', lang))}\n\n" + "\n".join(f"- {record_link(site, here, resource, record_id, lang)}" for resource, record_id in used_on) + "\n")
    out.append(md_link(esc(t("glossary_all", lang)), here, index_path("glossary"), f"term-{g.id}") + "\n")
    out.append(cite_block(site, "glossary", g, lang))
    return "\n".join(out)

