"""The generated pages of one language: {staged path: Markdown}. Pure functions of the loaded
package; every dataset value passes through `esc` (or `lang_span`) on its way into a page."""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from schemas.models import MODELS, PRIMARY_KEYS
from schemas.vocab import Language, label

from ..checks import ENTITY_RESOURCES, Loaded
from ..tableschema import table_schema
from .markup import attr, esc, href, lang_span, md_link, page_url
from .text import other, t

# Record types with a page each: resource, URL folder, the mention/alias column that points at them.
SINGULAR = {"people": "person", "organizations": "organization", "works": "work", "quotes": "quote", "legal_issues": "legal_issue"}
FOLDERS = {
    "people": "people",
    "organizations": "organizations",
    "works": "works",
    "quotes": "quotes",
    "legal_issues": "legal-issues",
    "cases": "cases",
    "fact_checks": "fact-checks",
    "sources": "sources",
}
TIMELINE = "timeline/index.md"
COLUMN_OF = {resource: column for column, resource in ENTITY_RESOURCES.items()}
ARTICLE = "article/index.md"
SCHEMA = "schema/index.md"
DOWNLOADS = "downloads/index.md"
CITE = "cite.md"


def record_path(resource: str, record_id: str) -> str:
    return f"{FOLDERS[resource]}/{record_id}.md"


def index_path(resource: str) -> str:
    return f"{FOLDERS[resource]}/index.md"


@dataclass
class Site:
    """The package with its relations resolved both ways."""

    data: Loaded
    version: str
    site_url: str  # of this language's root, ending in /
    root_url: str = ""  # of the whole site (both languages), ending in /
    to_root: str = ""  # the site root relative to this language's root: "" or "../"
    artifacts: list[Any] = field(default_factory=list)  # release.Artifact, in download order
    release_notes: str = ""  # the newest section of the page language's changelog (Markdown, hand-written)
    citation: dict[str, Any] = field(default_factory=dict)  # CITATION.cff
    by_id: dict[str, dict[str, Any]] = field(default_factory=dict)
    links: dict[tuple[str, str, str], list[Any]] = field(default_factory=lambda: defaultdict(list))
    sentences: dict[str, list[Any]] = field(default_factory=dict)  # by source, in text order

    def __post_init__(self) -> None:
        self.by_id = {name: self.data.by_id(name) for name in MODELS if "id" in MODELS[name].model_fields}
        # links[(resource, column, value)] = rows of `resource` whose `column` is `value`
        for name in MODELS:
            for row in self.data.records(name):
                for column in MODELS[name].model_fields:
                    if column.endswith("_id") and getattr(row, column) is not None:
                        self.links[(name, column, getattr(row, column))].append(row)

    def rows(self, resource: str, column: str, value: str) -> list[Any]:
        return self.links.get((resource, column, value), [])

    def sentence_of(self, source_id: str, offset: int) -> Any:
        """The sentence of a source text that holds the character at `offset`."""
        if not self.sentences:
            for sentence in sorted(self.data.records("sentences"), key=lambda x: (x.source_id, x.start)):
                self.sentences.setdefault(sentence.source_id, []).append(sentence)
        of_source = self.sentences[source_id]
        at = bisect.bisect_right(of_source, offset, key=lambda x: x.start) - 1
        sentence = of_source[at] if at >= 0 else None
        if sentence is None or not sentence.start <= offset < sentence.end:
            raise LookupError(f"{source_id}: no sentence holds offset {offset}")
        return sentence

    def mentions(self, resource: str, record_id: str) -> list[Any]:
        return sorted(self.rows("mentions", COLUMN_OF[resource], record_id), key=lambda m: (m.source_id, m.start))


def name(resource: str, record: Any, lang: str) -> str:
    """A record's display name in `lang` (plain text, not yet escaped)."""
    if resource == "legal_issues":
        return record.title_ko if lang == "ko" else record.title_en
    if resource == "quotes":
        text = record.text_ko if lang == "ko" else record.text_en
        return text if len(text) <= 48 else text[:47].rstrip() + "…"
    if resource == "cases":
        return record.caption
    if resource == "fact_checks":
        text = record.exact
        return text if len(text) <= 40 else text[:39].rstrip() + "…"
    if resource in ("sources", "events"):
        return record.title_ko if lang == "ko" else record.title_en
    return record.name_ko if lang == "ko" else record.name_en


def front_matter(title: str) -> str:
    """YAML front matter: the title is escaped once here, since themes print page titles raw."""
    return f"---\ntitle: {json.dumps(esc(title), ensure_ascii=False)}\n---\n\n"


def record_names(site: Site, resource: str, record: Any) -> list[str]:
    """A record's names in both languages and its aliases, as plain text."""
    names = [record.name_ko, record.name_en] if hasattr(record, "name_ko") else [record.title_ko, record.title_en]
    return list(dict.fromkeys(names + [a.alias for a in site.rows("aliases", COLUMN_OF[resource], record.id)]))


def search_names(site: Site) -> dict[str, dict[str, list[str]]]:
    """What the search index counts above a page's words, by built page (`<folder>/<id>/index.html`):
    the names and aliases of a person, organization or work (`names`), and the names of a legal issue
    (`topic`: descriptive phrases such as "Use of LibGen", so they count less than a name)."""
    return {
        f"{FOLDERS[resource]}/{record.id}/index.html": {"topic" if resource == "legal_issues" else "names": record_names(site, resource, record)}
        for resource in COLUMN_OF
        for record in site.data.records(resource)
    }


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table from cells that are already escaped."""
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _ko_span(value: str, lang: str) -> str:
    return lang_span(value, "ko", lang)


def _en_span(value: str, lang: str) -> str:
    return lang_span(value, "en", lang)


def record_link(site: Site, here: str, resource: str, record_id: str, lang: str) -> str:
    record = site.by_id[resource][record_id]
    text = name(resource, record, lang)
    return md_link(lang_span(text, lang, lang), here, record_path(resource, record_id))


def names_block(site: Site, resource: str, record: Any, lang: str) -> str:
    """The other-language name and every alias of a person, organization or work."""
    column = COLUMN_OF[resource]
    rows = [
        [lang_span(record.name_ko, "ko", lang), esc(label_lang("ko", lang)), esc(t("primary_name", lang))],
        [lang_span(record.name_en, "en", lang), esc(label_lang("en", lang)), esc(t("primary_name", lang))],
    ]
    for alias in site.rows("aliases", column, record.id):
        rows.append([lang_span(alias.alias, alias.language.value, lang), esc(label(alias.language, lang)), esc(label(alias.kind, lang))])
    return f"## {t('names_aliases', lang)}\n\n" + table([t("alias", lang), t("language", lang), t("kind", lang)], rows)


def label_lang(code: str, lang: str) -> str:
    return label(Language(code), lang)


def sentence_html(site: Site, sentence: Any, lang: str, bold: tuple[int, int] | None = None) -> str:
    """A sentence of the article (Korean), optionally with one span in bold, in the page's language markup."""
    text = sentence.text_ko
    if bold:
        a, b = bold[0] - sentence.start, bold[1] - sentence.start
        inner = esc(text[:a]) + "<strong>" + esc(text[a:b]) + "</strong>" + esc(text[b:])
    else:
        inner = esc(text)
    return inner if lang == "ko" else f'<span lang="ko">{inner}</span>'


def mentions_block(site: Site, resource: str, record: Any, lang: str) -> str:
    here = record_path(resource, record.id)
    mentions = site.mentions(resource, record.id)
    rows = []
    for m in mentions:
        s = site.sentence_of(m.source_id, m.start)
        link = md_link(esc(t("in_article", lang)), here, ARTICLE, f"m-{m.id}")
        translation = "" if lang == "ko" else "<br>" + esc(s.text_en)
        rows.append([_ko_span(m.exact, lang), sentence_html(site, s, lang, (m.start, m.end)) + translation, link])
    title = f"## {t('mentions', lang)} ({len(mentions)})\n\n"
    return title + (table([t("as_printed", lang), t("sentence", lang), ""], rows) if rows else t("no_rows", lang) + "\n")


def quote_block(site: Site, here: str, quote: Any, lang: str, *, with_speaker: bool) -> str:
    """A quote as a blockquote: as printed, as translated, its speaker, links to its page and place."""
    s = site.sentence_of(quote.source_id, quote.start)
    context = f"> {esc(t('context', lang))}: {sentence_html(site, s, lang, (quote.start, quote.end))}"
    lines = [f"> {_ko_span(quote.text_ko, lang)}", ">", f"> {_en_span(quote.text_en, lang)}", ">", context, ">"]
    who = ""
    if with_speaker:
        who = speaker_html(site, here, quote, lang) + " · "
    page = md_link(esc(t("quote", lang)), here, record_path("quotes", quote.id))
    place = md_link(esc(t("in_article", lang)), here, ARTICLE, f"q-{quote.id}")
    lines.append(f"> — {who}{esc(label(quote.kind, lang))} · {page} · {place}")
    return "\n".join(lines) + "\n"


def speaker_html(site: Site, here: str, quote: Any, lang: str) -> str:
    if quote.speaker_id:
        return record_link(site, here, "people", quote.speaker_id, lang)
    description = quote.speaker_description_ko if lang == "ko" else quote.speaker_description_en
    return esc(description)


def legal_issues_block(site: Site, here: str, issue_ids: list[tuple[str, str | None]], lang: str) -> str:
    if not issue_ids:
        return ""
    lines = [f"## {t('legal_issues_related', lang)}", ""]
    for issue_id, role in issue_ids:
        suffix = f" — {esc(role)}" if role else ""
        lines.append(f"- {record_link(site, here, 'legal_issues', issue_id, lang)}{suffix}")
    return "\n".join(lines) + "\n"


def site_href(site: Site, here: str, path: str) -> str:
    """Relative URL from a page of this language to a file under the site root (downloads, API)."""
    depth = page_url(here).count("/")
    return "../" * depth + site.to_root + path


def jsonld(data: dict[str, Any]) -> str:
    """A JSON-LD block; `<`, `>` and `&` are escaped so that no value can close the script element."""
    text = json.dumps({"@context": "https://schema.org", **data}, ensure_ascii=False, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'\n<script type="application/ld+json">{text}</script>\n'


def cite_block(site: Site, resource: str, record: Any, lang: str) -> str:
    from .api import api_path

    url = site.site_url + page_url(record_path(resource, record.id))
    api = site_href(site, record_path(resource, record.id), api_path(resource, record.id))
    title = name(resource, record, lang)
    example = f"kadrey-meta-llama3 {site.version}, {FOLDERS[resource]}/{record.id}: “{title}”. {url}"
    correction = md_link(esc(t("correction", lang)), record_path(resource, record.id), "about.md", "corrections")
    return (
        f"## {t('cite', lang)}\n\n"
        f"- {t('record_id', lang)}: <code>{esc(resource)}/{esc(record.id)}</code>\n"
        f'- {t("cite_url", lang)}: <a href="{attr(url)}">{esc(url)}</a>\n'
        f"- {t('cite_version', lang)}: {esc(site.version)}\n"
        f"- {t('cite_example', lang)}: {lang_span(example, lang, lang)}\n"
        f'- {t("api", lang)}: <a href="{attr(api)}">{esc(api_path(resource, record.id))}</a>\n\n'
        f"{correction}\n"
    )


def wikidata_line(record: Any, lang: str) -> str:
    if not getattr(record, "wikidata", None):
        return ""
    url = f"https://www.wikidata.org/wiki/{record.wikidata}"
    return f'{t("wikidata", lang)}: <a href="{attr(url)}">{esc(record.wikidata)}</a>\n\n'


def heading(site: Site, resource: str, record: Any, lang: str) -> str:
    """Front matter, h1, the name in the other language and the description."""
    title = name(resource, record, lang)
    text = front_matter(title) + f"# {esc(title)}\n\n"
    if resource in ("people", "organizations", "works"):
        other_name = record.name_en if lang == "ko" else record.name_ko
        text += f'<p class="kml-subtitle">{lang_span(other_name, other(lang), lang)}</p>\n\n'
        text += esc(record.description_ko if lang == "ko" else record.description_en) + "\n\n"
    return text


# --- record pages --------------------------------------------------------------------------------


def links_section(site: Site, here: str, heading: str, resource: str, ids: Iterable[str | None], lang: str) -> list[str]:
    """A heading (Markdown, such as "## Parts") over a list of links to records, as the one part
    of a page to add; no part when there is no record (ids that are None are left out)."""
    ids = [i for i in ids if i]
    if not ids:
        return []
    return [f"{heading}\n\n" + "\n".join(f"- {record_link(site, here, resource, i, lang)}" for i in ids) + "\n"]


def party_sections(site: Site, resource: str, record: Any, lang: str) -> list[str]:
    """The sections a person's and an organization's page end with."""
    here = record_path(resource, record.id)
    column = COLUMN_OF[resource]
    issues = [(x.legal_issue_id, label(x.role, lang)) for x in site.rows("legal_issue_parties", column, record.id)]
    return [
        legal_issues_block(site, here, issues, lang),
        case_roles_block(site, here, column, record.id, lang),
        events_block(site, here, column, record.id, lang),
        mentions_block(site, resource, record, lang),
        record_sources_block(site, here, column, record.id, lang),
        cite_block(site, resource, record, lang),
        entity_jsonld(site, resource, record, lang),
    ]


def person_page(site: Site, p: Any, lang: str) -> str:
    here = record_path("people", p.id)
    out = [heading(site, "people", p, lang), wikidata_line(p, lang), names_block(site, "people", p, lang)]
    roles = site.rows("memberships", "person_id", p.id)
    if roles:
        out.append(f"## {t('roles', lang)}\n")
        out += [f"- {record_link(site, here, 'organizations', m.organization_id, lang)} — {esc(m.role_ko if lang == 'ko' else m.role_en)}" for m in roles]
        out.append("")
    quotes = sorted(site.rows("quotes", "speaker_id", p.id), key=lambda q: q.start)
    if quotes:
        out.append(f"## {t('quotes_by', lang)} ({len(quotes)})\n")
        out += [quote_block(site, here, q, lang, with_speaker=False) for q in quotes]
    out += party_sections(site, "people", p, lang)
    return "\n".join(x for x in out if x)


def organization_page(site: Site, o: Any, lang: str) -> str:
    here = record_path("organizations", o.id)
    out = [heading(site, "organizations", o, lang), f"{t('kind', lang)}: {esc(label(o.kind, lang))}\n", wikidata_line(o, lang), names_block(site, "organizations", o, lang)]
    if o.parent_id:
        out += links_section(site, here, f"## {t('parent', lang)}", "organizations", [o.parent_id], lang)
    out += links_section(site, here, f"## {t('divisions', lang)}", "organizations", [c.id for c in site.rows("organizations", "parent_id", o.id)], lang)
    members = site.rows("memberships", "organization_id", o.id)
    if members:
        out.append(f"## {t('members', lang)}\n\n" + "\n".join(
            f"- {record_link(site, here, 'people', m.person_id, lang)} — {esc(m.role_ko if lang == 'ko' else m.role_en)}" for m in members) + "\n")
    out += links_section(site, here, f"## {t('developed', lang)}", "works", [w.id for w in site.rows("works", "developer_id", o.id)], lang)
    quotes = sorted((site.by_id["quotes"][x.quote_id] for x in site.rows("quote_organizations", "organization_id", o.id)), key=lambda q: q.start)
    if quotes:
        out.append(f"## {t('quotes_about', lang)} ({len(quotes)})\n")
        out += [quote_block(site, here, q, lang, with_speaker=True) for q in quotes]
    out += party_sections(site, "organizations", o, lang)
    return "\n".join(x for x in out if x)


def work_page(site: Site, w: Any, lang: str) -> str:
    here = record_path("works", w.id)
    out = [heading(site, "works", w, lang), f"{t('kind', lang)}: {esc(label(w.kind, lang))}\n", wikidata_line(w, lang), names_block(site, "works", w, lang)]
    out += links_section(site, here, f"## {t('developer', lang)}", "organizations", [w.developer_id], lang)
    out += links_section(site, here, f"## {t('part_of', lang)}", "works", [w.part_of_id], lang)
    out += links_section(site, here, f"## {t('parts', lang)}", "works", [x.id for x in site.rows("works", "part_of_id", w.id)], lang)
    quotes = sorted((site.by_id["quotes"][x.quote_id] for x in site.rows("quote_works", "work_id", w.id)), key=lambda q: q.start)
    if quotes:
        out.append(f"## {t('quotes_about', lang)} ({len(quotes)})\n")
        out += [quote_block(site, here, q, lang, with_speaker=True) for q in quotes]
    issues = [(x.legal_issue_id, None) for x in site.rows("legal_issue_works", "work_id", w.id)]
    out += [legal_issues_block(site, here, issues, lang), mentions_block(site, "works", w, lang), cite_block(site, "works", w, lang)]
    return "\n".join(x for x in out if x)


def quote_page(site: Site, q: Any, lang: str) -> str:
    here = record_path("quotes", q.id)
    s = site.sentence_of(q.source_id, q.start)
    source = site.by_id["sources"][q.source_id]
    facts = [
        (t("speaker", lang), speaker_html(site, here, q, lang)),
        (t("quote_kind", lang), esc(label(q.kind, lang))),
        (t("channel", lang), esc(label(q.channel, lang)) if q.channel else esc(t("not_stated", lang))),
        (t("date", lang), esc(q.date) if q.date else esc(t("not_stated", lang))),
        (t("source", lang), esc(source.title_ko if lang == "ko" else source.title_en)),
    ]
    out = [
        front_matter(name("quotes", q, lang)),
        f"# {esc(t('quote_title', lang))}: {esc(name('quotes', q, lang))}\n",
        "\n".join(f"- {key}: {value}" for key, value in facts) + "\n",
        f'<div class="kml-layers" markdown="1">\n\n### {t("as_printed_ko", lang)}\n\n> {_ko_span(q.text_ko, lang)}\n\n'
        f"### {t('translation', lang)}\n\n> {_en_span(q.text_en, lang)}\n\n"
        f"### {t('as_originally_said', lang)}\n\n{original_block(site, here, q, lang)}\n</div>\n",
        f"## {t('context', lang)}\n\n{sentence_html(site, s, lang, (q.start, q.end))}\n\n{_en_span(s.text_en, lang)}\n\n"
        + md_link(esc(t("in_article", lang)), here, ARTICLE, f"q-{q.id}") + "\n",
    ]
    related = [("works", "quote_works", "work_id"), ("organizations", "quote_organizations", "organization_id"), ("legal_issues", "quote_legal_issues", "legal_issue_id")]
    for resource, link_table, column in related:
        out += links_section(site, here, f"## {t(resource, lang)}", resource, [getattr(x, column) for x in site.rows(link_table, "quote_id", q.id)], lang)
    out.append(cite_block(site, "quotes", q, lang))
    out.append(quote_jsonld(site, q, lang))
    return "\n".join(out)


def original_block(site: Site, here: str, q: Any, lang: str) -> str:
    """The third layer of a quote: the original wording, its source, the two statuses and the note."""
    lines = []
    if q.original_text:
        lines.append(f"> {lang_span(q.original_text, q.original_language.value, lang)}\n")
    else:
        lines.append(f"*{esc(t('no_original', lang))}*\n")
    lines.append(f"- {t('wording_status', lang)}: **{esc(label(q.wording_status, lang))}**")
    lines.append(f"- {t('speaker_status', lang)}: **{esc(label(q.speaker_status, lang))}**")
    if q.original_source_id:
        lines.append(f"- {t('source', lang)}: {record_link(site, here, 'sources', q.original_source_id, lang)}")
    note = q.original_note_ko if lang == "ko" else q.original_note_en
    if note:
        lines.append(f"- {t('note', lang)}: {esc(note)}")
    return "\n".join(lines) + "\n"


def record_sources_block(site: Site, here: str, column: str, record_id: str, lang: str) -> str:
    """Facts about a record that come from outside the article, each with its source and status."""
    rows = site.rows("record_sources", column, record_id)
    if not rows:
        return ""
    cells = [[esc(r.fact_ko if lang == "ko" else r.fact_en), record_link(site, here, "sources", r.source_id, lang), esc(label(r.status, lang))] for r in rows]
    return f"## {t('outside_facts', lang)}\n\n" + table([t("fact", lang), t("source", lang), t("status", lang)], cells)


def case_roles_block(site: Site, here: str, column: str, record_id: str, lang: str) -> str:
    roles = site.rows("case_roles", column, record_id)
    if not roles:
        return ""
    return f"## {t('cases', lang)}\n\n" + "\n".join(
        f"- {record_link(site, here, 'cases', r.case_id, lang)} — {esc(label(r.role, lang))}" for r in roles
    ) + "\n"


def events_block(site: Site, here: str, column: str, record_id: str, lang: str) -> str:
    events = sorted((site.by_id["events"][r.event_id] for r in site.rows("event_records", column, record_id)), key=lambda e: (e.date, e.id))
    if not events:
        return ""
    return f"## {t('timeline', lang)}\n\n" + "\n".join(
        f"- {esc(e.date)}: {md_link(esc(e.title_ko if lang == 'ko' else e.title_en), here, TIMELINE, f'e-{e.id}')}" for e in events
    ) + "\n"


def case_page(site: Site, c: Any, lang: str) -> str:
    here = record_path("cases", c.id)
    facts = [
        (t("case_number", lang), f"<code>{esc(c.case_number)}</code>"),
        (t("court", lang), record_link(site, here, "organizations", c.court_id, lang)),
        (t("filed", lang), esc(c.filed)),
        (t("kind", lang), esc(c.kind_ko if lang == "ko" else c.kind_en)),
    ]
    out = [front_matter(c.caption), f"# {esc(c.caption)}\n", "\n".join(f"- {k}: {v}" for k, v in facts) + "\n"]
    roles = site.rows("case_roles", "case_id", c.id)
    rows = []
    for r in roles:
        resource, rid = ("people", r.person_id) if r.person_id else ("organizations", r.organization_id)
        rows.append([record_link(site, here, resource, rid, lang), esc(label(r.role, lang))])
    out.append(f"## {t('parties_judges', lang)}\n\n" + table([t("name", lang), t("role", lang)], rows))
    out.append(f"## {t('claims', lang)}\n\n{esc(c.claims_ko if lang == 'ko' else c.claims_en)}\n")
    out.append(f"## {t('case_status', lang)} ({esc(c.status_date)})\n\n{esc(c.status_ko if lang == 'ko' else c.status_en)}\n")
    out += links_section(site, here, f"## {t('legal_issues', lang)}", "legal_issues", [li.id for li in site.rows("legal_issues", "case_id", c.id)], lang)
    out += [events_block(site, here, "case_id", c.id, lang), record_sources_block(site, here, "case_id", c.id, lang), cite_block(site, "cases", c, lang)]
    return "\n".join(x for x in out if x)


def fact_check_page(site: Site, f: Any, lang: str) -> str:
    here = record_path("fact_checks", f.id)
    s = site.sentence_of(f.source_id, f.start)
    title = f"{label(f.verdict, lang)}: {name('fact_checks', f, lang)}"
    sources = [x.source_id for x in site.rows("fact_check_sources", "fact_check_id", f.id)]
    out = [
        front_matter(title),
        f"# {esc(t('fact_check', lang))}: {esc(name('fact_checks', f, lang))}\n",
        f"{t('verdict', lang)}: **{esc(label(f.verdict, lang))}**\n",
        f"## {t('article_says', lang)}\n\n> {_ko_span(f.exact, lang)}\n\n{esc(f.article_says_ko if lang == 'ko' else f.article_says_en)}\n",
        f"## {t('sources_say', lang)}\n\n{esc(f.sources_say_ko if lang == 'ko' else f.sources_say_en)}\n\n"
        + "\n".join(f"- {record_link(site, here, 'sources', x, lang)}" for x in sources) + "\n",
        f"## {t('context', lang)}\n\n{sentence_html(site, s, lang, (f.start, f.end))}\n\n{_en_span(s.text_en, lang)}\n\n"
        + md_link(esc(t("in_article", lang)), here, ARTICLE, f"f-{f.id}") + "\n",
        cite_block(site, "fact_checks", f, lang),
    ]
    return "\n".join(out)


def source_page(site: Site, src: Any, lang: str) -> str:
    """A source and everything in the dataset that cites it."""
    here = record_path("sources", src.id)
    title = src.title_ko if lang == "ko" else src.title_en
    facts = [(t("kind", lang), esc(label(src.kind, lang))), (t("language", lang), esc(label(src.language, lang)))]
    publisher = src.publisher_ko if lang == "ko" else src.publisher_en
    facts.append((t("publisher", lang), esc(publisher) if publisher else esc(t("unknown", lang))))
    facts.append((t("date", lang), esc(src.date) if src.date else esc(t("unknown", lang))))
    if src.url:
        facts.append((t("cite_url", lang), f'<a href="{attr(src.url)}">{esc(src.url)}</a>'))
    facts.append((t("rights", lang), esc(src.rights_ko if lang == "ko" else src.rights_en)))
    note = src.note_ko if lang == "ko" else src.note_en
    if note:
        facts.append((t("note", lang), esc(note)))
    out = [front_matter(title), f"# {esc(title)}\n", "\n".join(f"- {k}: {v}" for k, v in facts) + "\n", f"## {t('cited_by', lang)}\n"]
    groups = [
        ("quotes", [q.id for q in site.rows("quotes", "original_source_id", src.id)]),
        ("fact_checks", [x.fact_check_id for x in site.rows("fact_check_sources", "source_id", src.id)]),
    ]
    for resource, ids in groups:
        out += links_section(site, here, f"### {t(resource, lang)}", resource, ids, lang)
    events = [site.by_id["events"][x.event_id] for x in site.rows("event_sources", "source_id", src.id)]
    if events:
        out.append(f"### {t('timeline', lang)}\n\n" + "\n".join(
            f"- {esc(e.date)}: {md_link(esc(e.title_ko if lang == 'ko' else e.title_en), here, TIMELINE, f'e-{e.id}')}" for e in events) + "\n")
    cited = site.rows("record_sources", "source_id", src.id)
    if cited:
        rows = []
        for r in cited:
            column, rid = r.cited
            target = {"person_id": "people", "organization_id": "organizations", "work_id": "works", "case_id": "cases"}.get(column)
            if target:
                who = record_link(site, here, target, rid, lang)
            elif column == "membership_id":
                m = site.by_id["memberships"][rid]
                who = record_link(site, here, "people", m.person_id, lang)
            else:
                who = record_link(site, here, "cases", site.by_id["case_roles"][rid].case_id, lang)
            rows.append([who, esc(r.fact_ko if lang == "ko" else r.fact_en), esc(label(r.status, lang))])
        out.append(f"### {t('outside_facts', lang)}\n\n" + table([t("record", lang), t("fact", lang), t("status", lang)], rows))
    if src.text_resource:
        count = len(site.rows("mentions", "source_id", src.id))
        out.append(f"{esc(t('source_text_here', lang))} " + md_link(esc(t("article", lang)), here, ARTICLE) + f" ({t('mentions', lang)}: {count})\n")
    out.append(cite_block(site, "sources", src, lang))
    return "\n".join(out)


def timeline_page(site: Site, lang: str) -> str:
    title = t("timeline", lang)
    here = TIMELINE
    out = [front_matter(title), f"# {esc(title)}\n\n{esc(t('timeline_intro', lang))}\n"]
    columns = {"person_id": "people", "organization_id": "organizations", "work_id": "works", "quote_id": "quotes", "case_id": "cases"}
    for e in sorted(site.data.records("events"), key=lambda e: (e.date, e.id)):
        sources = [x.source_id for x in site.rows("event_sources", "event_id", e.id)]
        records = []
        for r in site.rows("event_records", "event_id", e.id):
            column = next(c for c in columns if getattr(r, c) is not None)
            records.append(record_link(site, here, columns[column], getattr(r, column), lang))
        out.append(
            f"## {esc(e.date)} · {esc(e.title_ko if lang == 'ko' else e.title_en)} {{#e-{e.id}}}\n\n"
            f"{esc(e.description_ko if lang == 'ko' else e.description_en)}\n\n"
            f"- {t('status', lang)}: {esc(label(e.status, lang))}\n"
            f"- {t('sources_plural', lang)}: " + ", ".join(record_link(site, here, "sources", x, lang) for x in sources) + "\n"
            + (f"- {t('related', lang)}: " + ", ".join(records) + "\n" if records else "")
        )
    return "\n".join(out)


def legal_issue_page(site: Site, li: Any, lang: str) -> str:
    here = record_path("legal_issues", li.id)
    out = [heading(site, "legal_issues", li, lang), esc(li.summary_ko if lang == "ko" else li.summary_en) + "\n"]
    if li.case_id:
        out.append(f"{t('case', lang)}: {record_link(site, here, 'cases', li.case_id, lang)}\n")
    parties = site.rows("legal_issue_parties", "legal_issue_id", li.id)
    if parties:
        rows = []
        for p in parties:
            resource, pid = ("people", p.person_id) if p.person_id else ("organizations", p.organization_id)
            rows.append([record_link(site, here, resource, pid, lang), esc(label(p.role, lang))])
        out.append(f"## {t('parties', lang)}\n\n" + table([t("name", lang), t("role", lang)], rows))
    out += links_section(site, here, f"## {t('works_involved', lang)}", "works", [w.work_id for w in site.rows("legal_issue_works", "legal_issue_id", li.id)], lang)
    quotes = sorted((site.by_id["quotes"][x.quote_id] for x in site.rows("quote_legal_issues", "legal_issue_id", li.id)), key=lambda q: q.start)
    if quotes:
        out.append(f"## {t('quotes_about', lang)} ({len(quotes)})\n")
        out += [quote_block(site, here, q, lang, with_speaker=True) for q in quotes]
    out += [mentions_block(site, "legal_issues", li, lang), cite_block(site, "legal_issues", li, lang)]
    return "\n".join(out)


def entity_jsonld(site: Site, resource: str, record: Any, lang: str) -> str:
    data: dict[str, Any] = {
        "@type": "Person" if resource == "people" else "Organization",
        "name": name(resource, record, lang),
        "alternateName": sorted(set(record_names(site, resource, record)) - {name(resource, record, lang)}),
        "description": record.description_ko if lang == "ko" else record.description_en,
        "url": site.site_url + page_url(record_path(resource, record.id)),
        "inLanguage": lang,
    }
    if record.wikidata:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{record.wikidata}"
    return jsonld(data)


def source_jsonld(source: Any, lang: str) -> dict[str, Any]:
    return {"@type": "NewsArticle", "name": source.title_ko if lang == "ko" else source.title_en, "inLanguage": source.language.value}


def quote_jsonld(site: Site, q: Any, lang: str) -> str:
    if q.speaker_id:
        person = site.by_id["people"][q.speaker_id]
        creator = {"@type": "Person", "name": name("people", person, lang), "url": site.site_url + page_url(record_path("people", person.id))}
    else:
        creator = {"@type": "Person", "name": q.speaker_description_ko if lang == "ko" else q.speaker_description_en}
    data = {
        "@type": "Quotation",
        "text": q.text_ko,
        "inLanguage": "ko",
        "creator": creator,
        "isBasedOn": source_jsonld(site.by_id["sources"][q.source_id], lang),
        "url": site.site_url + page_url(record_path("quotes", q.id)),
    }
    if q.date:
        data["dateCreated"] = q.date
    return jsonld(data)


def dataset_jsonld(site: Site, lang: str) -> str:
    d = site.data.descriptor
    version = site.version
    data = {
        "@type": "Dataset",
        "name": t("site_name", lang),
        "description": t("home_lead", lang),
        "inLanguage": ["ko", "en"],
        "version": version,
        "license": d["licenses"][0]["path"],
        "creator": [{"@type": "Organization", "name": c["title"]} for c in d.get("contributors", [])],
        "isBasedOn": [source_jsonld(s, lang) for s in site.data.records("sources")],
        "keywords": d.get("keywords", []),
        "url": site.site_url,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": a.name,
                "contentUrl": f"{site.root_url}downloads/{version}/{a.name}",
                "encodingFormat": a.mediatype,
                "contentSize": str(a.size),
                "sha256": a.sha256,
            }
            for a in site.artifacts
        ],
    }
    return jsonld(data)


RECORD_PAGES: dict[str, Callable[[Site, Any, str], str]] = {
    "people": person_page,
    "organizations": organization_page,
    "works": work_page,
    "quotes": quote_page,
    "legal_issues": legal_issue_page,
    "cases": case_page,
    "fact_checks": fact_check_page,
    "sources": source_page,
}


# --- index pages ---------------------------------------------------------------------------------


def index_page(site: Site, resource: str, lang: str) -> str:
    here = index_path(resource)
    records = site.data.records(resource)
    if resource == "quotes":
        records = sorted(records, key=lambda q: (q.source_id, q.start))
        rows = [[record_link(site, here, "quotes", q.id, lang), speaker_html(site, here, q, lang), esc(label(q.kind, lang))] for q in records]
        head = [t("text", lang), t("speaker", lang), t("kind", lang)]
    elif resource == "fact_checks":
        records = sorted(records, key=lambda f: (f.source_id, f.start))
        rows = [[record_link(site, here, resource, f.id, lang), esc(label(f.verdict, lang)), esc(f.sources_say_ko if lang == "ko" else f.sources_say_en)] for f in records]
        head = [t("article_says", lang), t("verdict", lang), t("sources_say", lang)]
    elif resource == "cases":
        rows = [[record_link(site, here, resource, c.id, lang), f"<code>{esc(c.case_number)}</code>", esc(c.filed)] for c in records]
        head = [t("name", lang), t("case_number", lang), t("filed", lang)]
    elif resource == "sources":
        records = sorted(records, key=lambda r: (r.date or "", r.id))
        rows = [[record_link(site, here, resource, r.id, lang), esc(label(r.kind, lang)), esc((r.publisher_ko if lang == "ko" else r.publisher_en) or t("unknown", lang)), esc(r.date or t("unknown", lang))] for r in records]
        head = [t("name", lang), t("kind", lang), t("publisher", lang), t("date", lang)]
    elif resource == "legal_issues":
        records = sorted(records, key=lambda r: name(resource, r, lang))
        rows = [[record_link(site, here, resource, r.id, lang), esc(r.summary_ko if lang == "ko" else r.summary_en), str(len(site.mentions(resource, r.id)))] for r in records]
        head = [t("name", lang), t("description", lang), t("mentions_count", lang)]
    else:
        records = sorted(records, key=lambda r: name(resource, r, lang))
        rows = []
        for r in records:
            row = [record_link(site, here, resource, r.id, lang), lang_span(r.name_en if lang == "ko" else r.name_ko, other(lang), lang)]
            if resource != "people":
                row.append(esc(label(r.kind, lang)))
            row += [esc(r.description_ko if lang == "ko" else r.description_en), str(len(site.mentions(resource, r.id)))]
            rows.append(row)
        head = [t("name", lang), t("name_other", lang)] + ([] if resource == "people" else [t("kind", lang)]) + [t("description", lang), t("mentions_count", lang)]
    title = t(resource, lang)
    return front_matter(title) + f"# {esc(title)} ({len(records)})\n\n" + table(head, rows)


# --- the annotated article -----------------------------------------------------------------------


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
    parts = [front_matter(title), f"# {esc(title)}\n\n{esc(t('article_intro', lang))}\n"]
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


# --- schema reference and home -------------------------------------------------------------------


def schema_page(lang: str) -> str:
    title = t("schema", lang)
    out = [front_matter(title), f"# {esc(title)}\n\n{esc(t('schema_intro', lang))}\n"]
    for resource, model in MODELS.items():
        labels = model.labels
        out.append(f"## {esc(labels.label_ko if lang == 'ko' else labels.label_en)} ({esc(resource)}) {{#{resource.replace('_', '-')}}}\n")
        out.append(esc(labels.description_ko if lang == "ko" else labels.description_en) + "\n")
        out.append(f"{t('primary_key', lang)}: " + ", ".join(f"<code>{esc(c)}</code>" for c in PRIMARY_KEYS[resource]) + "\n")
        rows = []
        for f in table_schema(resource)["fields"]:
            constraints = dict(f.get("constraints", {}))
            required = constraints.pop("required", False)
            shown = []
            for key, value in constraints.items():
                if key == "enum":
                    shown.append("enum: " + ", ".join(f"<code>{esc(v)}</code> ({esc(f['enumLabels'][v][lang])})" for v in value))
                else:
                    shown.append(f"{esc(key)}: <code>{esc(value)}</code>")
            ref = next((fk["reference"]["resource"] for fk in table_schema(resource).get("foreignKeys", []) if fk["fields"] == [f["name"]]), None)
            if ref:
                shown.append(f"{t('references', lang)} <code>{esc(ref)}</code>")
            rows.append([
                f"<code>{esc(f['name'])}</code>",
                esc(f["type"]),
                esc(t("yes" if required else "no", lang)),
                "<br>".join(shown),
                esc(f["title_ko"] if lang == "ko" else f["title"]),
                esc(f["description_ko"] if lang == "ko" else f["description"]),
            ])
        out.append(table([t("field", lang), t("type", lang), t("required", lang), t("constraints", lang), t("label", lang), t("description", lang)], rows))
    return "\n".join(out)


def home_page(site: Site, lang: str) -> str:
    title = t("site_name", lang)
    here = "index.md"
    rows = [[md_link(esc(t(r, lang)), here, index_path(r)), str(len(site.data.records(r)))] for r in RECORD_PAGES]
    start = [
        f"- {md_link(esc(t('start_article', lang)), here, ARTICLE)}",
        f"- {md_link(esc(t('start_people', lang)), here, index_path('people'))}",
        f"- {md_link(esc(t('start_quotes', lang)), here, index_path('quotes'))}",
        f"- {md_link(esc(t('start_fact_checks', lang)), here, index_path('fact_checks'))}",
        f"- {md_link(esc(t('start_timeline', lang)), here, TIMELINE)}",
        f"- {md_link(esc(t('start_schema', lang)), here, SCHEMA)}",
        f"- {md_link(esc(t('about', lang)), here, 'about.md')}",
    ]
    return (
        front_matter(title)
        + f"# {esc(title)}\n\n{esc(t('home_lead', lang))}\n\n"
        + f"## {t('start_here', lang)}\n\n" + "\n".join(start) + "\n\n"
        + f"## {t('contents', lang)}\n\n" + table([t("kind", lang), t("record_count", lang)], rows)
        + f"\n{t('cite_version', lang)}: {esc(site.version)} · {md_link(esc(t('downloads', lang)), here, DOWNLOADS)}\n"
        + dataset_jsonld(site, lang)
    )


KIND_LABELS = {
    "zip": ("데이터 패키지 (ZIP)", "Data package (ZIP)"),
    "xlsx": ("엑셀 통합 문서", "Excel workbook"),
    "json": ("JSON", "JSON"),
    "sqlite": ("SQLite 데이터베이스", "SQLite database"),
    "datasette": ("Datasette 메타데이터", "Datasette metadata"),
    "csv": ("CSV (리소스 하나)", "CSV (one resource)"),
    "schema": ("JSON Schema", "JSON Schema"),
}


def human_size(size: int) -> str:
    return f"{size} B" if size < 1024 else f"{size / 1024:.1f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MiB"


def downloads_page(site: Site, lang: str) -> str:
    title = t("downloads", lang)
    here = DOWNLOADS
    v = site.version
    folder = f"downloads/{v}/"
    rows = []
    for a in site.artifacts:
        link = site_href(site, here, folder + a.name)
        ko, en = KIND_LABELS[a.kind]
        rows.append([f'<a href="{attr(link)}">{esc(a.name)}</a>', esc(ko if lang == "ko" else en), esc(human_size(a.size)), f"<code>{esc(a.sha256)}</code>"])
    stem = f"{site.data.descriptor['name']}-{v}"
    base = f"{site.root_url}downloads/latest/"
    sums = site_href(site, here, folder + "SHA256SUMS")
    stem_zip = f"{site.data.descriptor['name']}-{v}.zip"
    latest = site_href(site, here, f"downloads/latest/{stem_zip}")
    api = site_href(site, here, "api/people.json")
    snippets = {
        "pandas": f'import pandas as pd\npeople = pd.read_csv("{base}people.csv")\nquotes = pd.read_csv("{base}quotes.csv")',
        "frictionless": f"# unzip {stem}.zip, then:\nfrom frictionless import Package\npackage = Package(\"{stem}/datapackage.json\")\nprint(package.validate().valid, package.get_resource(\"people\").read_rows()[0])",
        "sqlite3 / Datasette": f'sqlite3 {stem}.sqlite "select name_en, role_en from people join memberships on people.id = person_id"\n# browsable, documented:\ndatasette {stem}.sqlite --metadata metadata.json',
        "DuckDB": f"import duckdb\nduckdb.sql(\"select kind, count(*) from read_csv('{base}quotes.csv') group by kind\").show()",
        "Excel": f"{stem}.xlsx: " + t("excel_hint", lang),
    }
    parts = [
        front_matter(title),
        f"# {esc(title)}\n\n{esc(t('downloads_intro', lang))}\n",
        f"## {esc(t('version', lang))} {esc(v)}\n\n{site.release_notes.strip()}\n",
        f"## {esc(t('files', lang))}\n\n" + table([t("file", lang), t("format", lang), t("size", lang), "SHA-256"], rows),
        f'{esc(t("checksums", lang))}: <a href="{attr(sums)}">SHA256SUMS</a> · <code>sha256sum -c SHA256SUMS</code> · '
        f'{esc(t("latest", lang))}: <a href="{attr(latest)}">downloads/latest/{esc(stem_zip)}</a>\n',
        f"## {esc(t('how_to_load', lang))}\n",
    ]
    for tool, code in snippets.items():
        language = "python" if "import" in code else "sh"
        parts.append(f"### {tool}\n\n```{language if tool != 'Excel' else 'text'}\n{code}\n```\n")
    parts.append(f"## {esc(t('api', lang))}\n\n{esc(t('api_intro', lang))} " + f'<a href="{attr(api)}">api/people.json</a>\n')
    parts.append(f"## {esc(t('license', lang))}\n\n{esc(t('license_summary', lang))} " + md_link(esc(t("license", lang)), here, "license.md") + "\n")
    parts.append(dataset_jsonld(site, lang))
    return "\n".join(parts)


def cite_page(site: Site, lang: str) -> str:
    """How to cite, from CITATION.cff (the one place the citation is written)."""
    c = site.citation
    title = t("how_to_cite", lang)
    authors = ", ".join(a.get("name") or " ".join(x for x in (a.get("given-names"), a.get("family-names")) if x) for a in c["authors"])
    citation = f"{authors}. {c['title']} (version {c['version']}). {c.get('license', '')}."
    if c.get("url"):
        citation += f" {c['url']}"
    bibtex = "@misc{kadrey_meta_llama3,\n  title = {" + c["title"] + "},\n  author = {" + authors + "},\n  version = {" + str(c["version"]) + "},\n  note = {" + str(c.get("license", "")) + "}\n}"
    return (
        front_matter(title)
        + f"# {esc(title)}\n\n{esc(t('cite_intro', lang))}\n\n> {esc(citation)}\n\n"
        + f"BibTeX:\n\n```text\n{bibtex}\n```\n\n{esc(t('cite_record', lang))}\n"
    )


def pages(site: Site, lang: str) -> dict[str, str]:
    """Every generated page of one language, by staged path."""
    out = {
        "index.md": home_page(site, lang),
        ARTICLE: article_page(site, lang),
        SCHEMA: schema_page(lang),
        DOWNLOADS: downloads_page(site, lang),
        CITE: cite_page(site, lang),
        TIMELINE: timeline_page(site, lang),
    }
    for resource, render in RECORD_PAGES.items():
        out[index_path(resource)] = index_page(site, resource, lang)
        for record in site.data.records(resource):
            out[record_path(resource, record.id)] = render(site, record, lang)
    return out


NAV_RESOURCES = tuple(RECORD_PAGES)
