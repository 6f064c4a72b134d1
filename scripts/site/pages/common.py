"""What every page kind shares: the Site (the loaded package as the pages see it), paths, names,
and the blocks more than one kind of page uses. Every dataset value passes through `esc` (or
`lang_span`) on its way into a page."""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Iterable
from urllib.parse import quote

from schemas.models import MODELS
from schemas.vocab import Language, label

from ...checks import ENTITY_RESOURCES, Loaded
from ..markup import attr, esc, href, lang_span, md_link, page_url
from ..text import other, t
from .first_use import prose
from .legend import GUIDE, legend_link


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
    "glossary": "glossary",
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
    citation: dict[str, Any] = field(default_factory=dict)  # CITATION.cff as published (scripts/release/citation.py)
    repo_url: str | None = None  # REPO_URL, the project's repository; None: every field that would hold it is left out
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


def clip(text: str, limit: int) -> str:
    """`text` in at most `limit` characters (and "…"), cut at a space so that no word, nor a Korean
    word of several syllables, is cut in half; a text without a space in the second half of the
    limit is cut at a punctuation mark there or, failing that, at its last space (even if short);
    only a text with no space nor punctuation mark at all that early is cut at the limit."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ")
    cut = space
    if cut < limit // 2:
        cut = max(head.rfind(p) + 1 for p in ",.;:!?") - 1
        if cut < limit // 2:
            cut = space if space > 0 else max(cut, 0) or len(head)
    return head[:cut].rstrip(" ,.;:") + "…"


def name(resource: str, record: Any, lang: str) -> str:
    """A record's display name in `lang` (plain text, not yet escaped)."""
    if resource == "legal_issues":
        return record.title_ko if lang == "ko" else record.title_en
    if resource == "quotes":
        return quote_title(record, lang)
    if resource == "cases":
        return record.caption
    if resource == "fact_checks":
        return clip(record.exact, 40) if lang == "ko" else clip(record.article_says_en, 60)
    if resource in ("sources", "events"):
        return record.title_ko if lang == "ko" else record.title_en
    if resource == "glossary":
        return record.term_ko if lang == "ko" else record.term_en
    return record.name_ko if lang == "ko" else record.name_en


def quote_title(q: Any, lang: str, limit: int = 60) -> str:
    """How a quote is named (titles, link text, citations, JSON-LD), plain text cut at a word
    boundary: on the English site what was originally said, when the package knows it, else our
    translation (the page title then says so: `quote_heading`); on the Korean site the Korean as
    printed, which is what a Korean reader finds in the article."""
    if lang == "ko":
        return clip(q.text_ko, limit)
    return clip(q.original_text or q.text_en, limit)


def quote_heading(q: Any, lang: str) -> str:
    """A quote page's title (plain text): the quote's name, marked "our translation" where the
    English site can only name it by our translation of the Korean."""
    title = f"{t('quote_title', lang)}: {quote_title(q, lang)}"
    if lang == "en" and not q.original_text:
        title += f" ({t('our_translation', lang)})"
    return title


def description(resource: str, record: Any, lang: str) -> str:
    """What a record's page is about, in a sentence or two of its own words, for the page's meta
    description (search engines and link previews): plain text, at most 160 characters."""
    ko = lang == "ko"
    if resource in ("people", "organizations", "works"):
        text = record.description_ko if ko else record.description_en
    elif resource == "quotes":
        text = record.text_ko if ko else (record.original_text or record.text_en)
    elif resource == "legal_issues":
        text = record.summary_ko if ko else record.summary_en
    elif resource == "cases":
        text = record.status_ko if ko else record.status_en
    elif resource == "fact_checks":
        text = record.sources_say_ko if ko else record.sources_say_en
    elif resource == "glossary":
        text = record.definition_ko if ko else record.definition_en
    else:  # sources
        text = (record.note_ko if ko else record.note_en) or (record.title_ko if ko else record.title_en)
    return clip(text, 160)


def front_matter(title: str, about: str) -> str:
    """YAML front matter: the title (escaped once here, since themes print page titles raw) and the
    page's description (`about`: plain text, escaped by the theme where it prints it)."""
    return f"---\ntitle: {json.dumps(esc(title), ensure_ascii=False)}\ndescription: {json.dumps(about, ensure_ascii=False)}\n---\n\n"


def record_names(site: Site, resource: str, record: Any) -> list[str]:
    """A record's names in both languages and its aliases, as plain text."""
    names = [record.name_ko, record.name_en] if hasattr(record, "name_ko") else [record.title_ko, record.title_en]
    return list(dict.fromkeys(names + [a.alias for a in site.rows("aliases", COLUMN_OF[resource], record.id)]))


# The records the search finds by name in either language, whichever site it searches: resource →
# the metadata field their names go to (docs/assets/search.js weights each field above any word of a
# page), and the table of their other spellings with its column that names the record. Names are the
# record's name, title or term in both languages, then the other spellings. One line per resource.
SEARCHED_NAMES = {
    "people": ("names", "aliases", "person_id"),
    "organizations": ("names", "aliases", "organization_id"),
    "works": ("names", "aliases", "work_id"),
    "legal_issues": ("topic", "aliases", "legal_issue_id"),  # descriptive phrases ("Use of LibGen"): less than a name
    "sources": ("titles", None, None),  # a title in the other language; a source's page shows its own
    "glossary": ("names", "glossary_aliases", "glossary_id"),  # a term in both languages and its other spellings
}


def search_names(site: Site) -> dict[str, dict[str, list[str]]]:
    """The metadata of SEARCHED_NAMES by built page (`<folder>/<id>/index.html`), as plain text."""
    out = {}
    for resource, (key, spellings, column) in SEARCHED_NAMES.items():
        for record in site.data.records(resource):
            names = [getattr(record, f"{stem}_{lang}", None) for stem in ("name", "title", "term") for lang in ("ko", "en")]
            names += [row.alias for row in site.rows(spellings, column, record.id)] if spellings else []
            out[f"{FOLDERS[resource]}/{record.id}/index.html"] = {key: list(dict.fromkeys(n for n in names if n))}
    return out


def table(header: Iterable[str], rows: Iterable[Iterable[str]]) -> str:
    """A Markdown table from cells that are already escaped."""
    header = list(header)
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def ko_span(value: str, lang: str) -> str:
    return lang_span(value, "ko", lang)


def en_span(value: str, lang: str) -> str:
    return lang_span(value, "en", lang)


def record_link(site: Site, here: str, resource: str, record_id: str, lang: str) -> str:
    record = site.by_id[resource][record_id]
    text = name(resource, record, lang)
    return md_link(lang_span(text, lang, lang), here, record_path(resource, record_id))


def quote_link(site: Site, here: str, quote_id: str, lang: str) -> str:
    """A link to a quote's page, named by `quote_title`; on the English site a quote known only by
    our translation of the Korean is marked so, never passed off as what was said."""
    q = site.by_id["quotes"][quote_id]
    link = record_link(site, here, "quotes", quote_id, lang)
    if lang == "en" and not q.original_text:
        link += f" <em>({esc(t('our_translation', lang))})</em>"
    return link


def context_translation(sentence: Any, lang: str) -> str:
    """Our English translation of a sentence of the article, labelled as ours."""
    return f"{esc(t('layer_translation', lang))}: {en_span(sentence.text_en, lang)}"


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


def _bold(text: str, ranges: list[tuple[int, int]]) -> str:
    """`text` escaped, with the (offset) ranges in bold; ranges that overlap are merged."""
    merged: list[list[int]] = []
    for a, b in sorted(ranges):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    out, at = [], 0
    for a, b in merged:
        out += [esc(text[at:a]), "<strong>", esc(text[a:b]), "</strong>"]
        at = b
    return "".join(out) + esc(text[at:])


def mentions_block(site: Site, resource: str, record: Any, lang: str) -> str:
    """The record's mentions in the article, one row per sentence: the forms as printed (each once),
    and the sentence with every mention of the record in bold (on English pages, with our translation,
    the English words that stand for them in bold too), then one link to its place in the article.
    Two columns, so that on a phone the sentence has the width."""
    from .article import english_mentions

    here = record_path(resource, record.id)
    mentions = site.mentions(resource, record.id)
    by_sentence: dict[str, tuple[Any, list[Any]]] = {}
    for m in mentions:
        s = site.sentence_of(m.source_id, m.start)
        by_sentence.setdefault(s.id, (s, []))[1].append(m)
    rows = []
    for s, ms in by_sentence.values():
        forms = ", ".join(ko_span(form, lang) for form in dict.fromkeys(m.exact for m in ms))
        ko = _bold(s.text_ko, [(max(m.start, s.start) - s.start, min(m.end, s.end) - s.start) for m in ms])
        text = ko if lang == "ko" else f'<span lang="ko">{ko}</span>'
        if lang != "ko":
            placed = english_mentions(site, s)
            text += "<br>" + _bold(s.text_en, [placed[m.id] for m in ms if m.id in placed])
        link = md_link(esc(t("in_article", lang)), here, ARTICLE, f"m-{ms[0].id}")
        rows.append([forms, f"{text}<br>{link}"])
    title = f"## {t('mentions', lang)} ({len(mentions)})\n\n"
    if not rows:
        return title + t("no_rows", lang) + "\n"
    lead = ""
    if len(mentions) > len(rows):  # say so where a row holds more than one mention
        key = "mentions_lead_one" if len(rows) == 1 else "mentions_lead"
        lead = esc(t(key, lang).format(mentions=len(mentions), sentences=len(rows))) + "\n\n"
    return title + lead + table([t("as_printed", lang), t("sentence", lang)], rows)


def fact_checks_of(site: Site, q: Any) -> list[Any]:
    """The fact checks about a quote: those that name it (`quote_id`) and those whose span overlaps
    its span in the same source, in text order."""
    checks = {f.id: f for f in site.rows("fact_checks", "quote_id", q.id)}
    for f in site.rows("fact_checks", "source_id", q.source_id):
        if f.start < q.end and q.start < f.end:
            checks.setdefault(f.id, f)
    return sorted(checks.values(), key=lambda f: (f.start, f.id))


def fact_check_links(site: Site, here: str, checks: list[Any], lang: str) -> str:
    """Fact checks, each as its verdict (linked to the guide) and a link to its page, comma-separated."""
    return ", ".join(f"**{legend_link(here, f.verdict, lang)}** {record_link(site, here, 'fact_checks', f.id, lang)}" for f in checks)


def kind_link(here: str, q: Any, lang: str) -> str:
    """A quote's kind (direct, indirect, mixed), linked to its entry in the guide."""
    return md_link(esc(label(q.kind, lang)), here, GUIDE, f"kind-{q.kind.value}")


def quote_card(site: Site, here: str, q: Any, lang: str, *, with_speaker: bool = True, level: int | None = None, checked_by: str | None = None) -> str:
    """A quote as a journalist needs it, one card per quote, its three layers labelled, in this order:
    what was originally said (or that no original wording is known), with its wording and speaker
    statuses and its source; the Korean as printed in the article; our English translation of the
    Korean, labelled as ours; then the note on the original. In a list of quotes (`level` None) the
    labels are bold and the card ends with the speaker, kind, fact checks and links to the quote's
    page and its place in the article (on a fact check's page, `checked_by`, without that check); on
    the quote's own page (`level` 2) the labels are headings and the page shows the rest."""
    def labelled(key: str, extra: str = "") -> str:
        if level:
            return f"{'#' * level} {esc(t(key, lang))}\n\n" + (f"{extra}\n{{: .kml-layer-meta }}\n\n" if extra else "")
        return f"**{esc(t(key, lang))}**" + (f" · {extra}" if extra else "") + "\n{: .kml-layer-label }\n\n"

    statuses = [f"{esc(t('wording_status', lang))}: {legend_link(here, q.wording_status, lang)}",
                f"{esc(t('speaker_status', lang))}: {legend_link(here, q.speaker_status, lang)}"]
    if q.original_source_id:
        statuses.append(f"{esc(t('source', lang))}: {record_link(site, here, 'sources', q.original_source_id, lang)}")
    parts = ['<div class="kml-quote-card" markdown="1">\n\n', labelled("layer_original", " · ".join(statuses))]
    if q.original_text:
        parts.append(f'> {lang_span(q.original_text, q.original_language.value, lang)}\n{{: .kml-layer-original }}\n\n')
    else:
        parts.append(f"*{esc(t('no_original_known', lang))}*\n{{: .kml-layer-original }}\n\n")
    parts += [labelled("layer_printed"), f"> {ko_span(q.text_ko, lang)}\n{{: .kml-layer-printed }}\n\n"]
    parts += [labelled("layer_translation"), f"> {en_span(q.text_en, lang)}\n{{: .kml-layer-translation }}\n\n"]
    note = q.original_note_ko if lang == "ko" else q.original_note_en
    if note:
        parts.append(f"{esc(t('note', lang))}: {prose(note)}\n{{: .kml-quote-note }}\n\n")
    if not level:
        meta = [speaker_html(site, here, q, lang)] if with_speaker else []
        meta.append(kind_link(here, q, lang))
        checks = [f for f in fact_checks_of(site, q) if f.id != checked_by]
        if checks:
            meta.append(f"{esc(t('fact_checks', lang))}: {fact_check_links(site, here, checks, lang)}")
        meta += [md_link(esc(t("quote_page", lang)), here, record_path("quotes", q.id)), md_link(esc(t("in_article", lang)), here, ARTICLE, f"q-{q.id}")]
        parts.append(" · ".join(meta) + "\n{: .kml-quote-meta }\n\n")
    parts.append("</div>\n")
    return "".join(parts)


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


# The issue forms a record page's "suggest a correction" link opens (.github/ISSUE_TEMPLATE/), one
# per language. GitHub fills a form's text fields (`input`, `textarea`) from the query parameters
# named by their `id`s, and only those: the link sets the record's type, id and page address, each an
# `input` of both forms (tests/test_report.py holds the forms to that); the reader writes the rest.
CORRECTION_FORMS = {"ko": "correction-ko.yml", "en": "correction-en.yml"}


def correction_url(site: Site, resource: str, record: Any, lang: str) -> str | None:
    """The address of the page language's correction form in REPO_URL's issue tracker, prefilled
    for this record (every value percent-encoded); None without REPO_URL. Never Material's
    `repo_url`, whose header would call GitHub's API from every page."""
    if not site.repo_url:
        return None
    page = site.site_url + page_url(record_path(resource, record.id))
    query = {
        "template": CORRECTION_FORMS[lang],
        "title": f"[{t('correction_tag', lang)}] {resource}/{record.id}",
        "record_type": resource,
        "record_id": record.id,
        "page_url": page,
    }
    return site.repo_url.rstrip("/") + "/issues/new?" + "&".join(f"{k}={quote(v, safe='')}" for k, v in query.items())


def correction_block(site: Site, resource: str, record: Any, lang: str) -> str:
    """How to report a mistake in this record: with REPO_URL, a link to the prefilled issue form;
    without, what to send and where to read more (the about page's #corrections), never a link that
    leads nowhere."""
    here = record_path(resource, record.id)
    about = md_link(esc(t("correction_about", lang)), here, "about.md", "corrections")
    title = f"## {t('correction_heading', lang)} {{#correction}}\n\n"
    url = correction_url(site, resource, record, lang)
    if url:
        link = f'<a href="{attr(url)}">{esc(t("correction_link", lang))}</a>'
        return title + f"{link}: {esc(t('correction_form_note', lang))}\n\n{about}\n"
    before, after = t("correction_how", lang).split("{record}")
    code = f"<code>{esc(resource)}/{esc(record.id)}</code>"
    return title + f"{esc(before)}{code}{esc(after)}\n\n{about}\n"


def cite_block(site: Site, resource: str, record: Any, lang: str) -> str:
    """How to cite the record, then how to report a mistake in it (correction_block)."""
    from ..api import api_path

    url = site.site_url + page_url(record_path(resource, record.id))
    api = site_href(site, record_path(resource, record.id), api_path(resource, record.id))
    example = lang_span(f"kadrey-meta-llama3 {site.version}, {FOLDERS[resource]}/{record.id}: ", lang, lang)
    if resource == "quotes":
        example += quote_citation(record, lang)
    else:
        example += lang_span(f"“{name(resource, record, lang).rstrip('.')}”", lang, lang)  # the full stop follows the quote mark
    example += lang_span(f". {url}", lang, lang)
    return (
        f"## {t('cite', lang)}\n\n"
        f"- {t('record_id', lang)}: <code>{esc(resource)}/{esc(record.id)}</code>\n"
        f'- {t("cite_url", lang)}: <a href="{attr(url)}">{esc(url)}</a>\n'
        f"- {t('cite_version', lang)}: {esc(site.version)}\n"
        f"- {t('cite_example', lang)}: {example}\n"
        f'- {t("api", lang)}: <a href="{attr(api)}">{esc(api_path(resource, record.id))}</a>\n\n'
        + correction_block(site, resource, record, lang)
    )


def quote_citation(q: Any, lang: str) -> str:
    """A quote in a suggested citation (HTML): what was originally said, when known, then the Korean
    as printed; else the page language's text, marked for what it is."""
    if q.original_text:
        original = lang_span(f"“{clip(q.original_text, 120)}”", q.original_language.value, lang)
        return original + " (" + esc(t("quote_printed_short", lang)) + ": " + ko_span(f"“{clip(q.text_ko, 80)}”", lang) + ")"
    if lang == "ko":
        return esc(f"“{clip(q.text_ko, 120)}” ({t('no_original_known', lang)})")
    return esc(f"“{clip(q.text_en, 120)}” ({t('layer_translation', lang)}; {t('no_original_known', lang)})")


def wikidata_line(record: Any, lang: str) -> str:
    if not getattr(record, "wikidata", None):
        return ""
    url = f"https://www.wikidata.org/wiki/{record.wikidata}"
    return f'{t("wikidata", lang)}: <a href="{attr(url)}">{esc(record.wikidata)}</a>\n\n'


def heading(site: Site, resource: str, record: Any, lang: str) -> str:
    """Front matter, h1, the name in the other language and the description."""
    title = name(resource, record, lang)
    text = front_matter(title, description(resource, record, lang)) + f"# {esc(title)}\n\n"
    if resource in ("people", "organizations", "works"):
        other_name = record.name_en if lang == "ko" else record.name_ko
        text += f'<p class="kml-subtitle">{lang_span(other_name, other(lang), lang)}</p>\n\n'
        text += prose(record.description_ko if lang == "ko" else record.description_en) + "\n\n"
    return text


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


def record_sources_block(site: Site, here: str, column: str, record_id: str, lang: str) -> str:
    """Facts about a record that come from outside the article, each with its source and status."""
    rows = site.rows("record_sources", column, record_id)
    if not rows:
        return ""
    cells = [[prose(r.fact_ko if lang == "ko" else r.fact_en), record_link(site, here, "sources", r.source_id, lang), legend_link(here, r.status, lang)] for r in rows]
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


def entity_jsonld(site: Site, resource: str, record: Any, lang: str) -> str:
    """A person or organization. No `inLanguage`: schema.org has it for creative works, events and
    services, not for a person or an organization."""
    data: dict[str, Any] = {
        "@type": "Person" if resource == "people" else "Organization",
        "name": name(resource, record, lang),
        "alternateName": sorted(set(record_names(site, resource, record)) - {name(resource, record, lang)}),
        "description": record.description_ko if lang == "ko" else record.description_en,
        "url": site.site_url + page_url(record_path(resource, record.id)),
    }
    if record.wikidata:
        data["sameAs"] = f"https://www.wikidata.org/wiki/{record.wikidata}"
    return jsonld(data)


# A source's schema.org type by its `kind` (sources.csv), with a `genre` where the type alone does
# not say what it is: a docket or an order is a document of a court, not `Legislation`.
SOURCE_TYPES: dict[str, tuple[str, str | None]] = {
    "news-article": ("NewsArticle", None),
    "news-report": ("NewsArticle", None),
    "court-record": ("DigitalDocument", "court record"),
    "paper": ("ScholarlyArticle", None),
    "public-letter": ("Article", "public letter"),
    "licence-text": ("DigitalDocument", "licence text"),
    "statute": ("Legislation", None),
    "court-rule": ("Legislation", "court rule"),
}


def source_id(site: Site, source: Any) -> str:
    """The JSON-LD `@id` of a source: one for both languages, under the site root."""
    return f"{site.root_url}sources/{source.id}/#source"


def source_jsonld(site: Site, source: Any, lang: str) -> dict[str, Any]:
    """A source as the schema.org type its kind is (SOURCE_TYPES; a kind it does not know yet is a
    plain CreativeWork), with what the package knows of it: its address, date and publisher."""
    kind = source.kind.value if hasattr(source.kind, "value") else str(source.kind)
    type_, genre = SOURCE_TYPES.get(kind, ("CreativeWork", None))
    data: dict[str, Any] = {"@type": type_, "@id": source_id(site, source), "name": source.title_ko if lang == "ko" else source.title_en, "inLanguage": source.language.value}
    if genre:
        data["genre"] = genre
    if source.url:
        data["url"] = source.url
    if source.date:
        data["datePublished"] = source.date
    publisher = source.publisher_ko if lang == "ko" else source.publisher_en
    if publisher:
        data["publisher"] = {"@type": "Organization", "name": publisher}
    return data


def quote_jsonld(site: Site, q: Any, lang: str) -> str:
    """A quote as schema.org Quotation, leading with what was originally said when it is known (its
    source as `citation`; the record, like every quote here, `isBasedOn` the article); the Korean as
    printed and our English translation of the Korean follow as translations."""
    if q.speaker_id:
        person = site.by_id["people"][q.speaker_id]
        creator = {"@type": "Person", "name": name("people", person, lang), "url": site.site_url + page_url(record_path("people", person.id))}
    else:
        creator = {"@type": "Person", "name": q.speaker_description_ko if lang == "ko" else q.speaker_description_en}
    article = source_jsonld(site, site.by_id["sources"][q.source_id], lang)
    translation = {"@type": "Quotation", "text": q.text_en, "inLanguage": "en", "description": t("layer_translation", lang)}
    printed = {"@type": "Quotation", "text": q.text_ko, "inLanguage": "ko", "description": t("layer_printed", lang), "isBasedOn": article, "workTranslation": translation}
    data: dict[str, Any] = {"@type": "Quotation", "name": name("quotes", q, lang), "creator": creator, "isBasedOn": article, "url": site.site_url + page_url(record_path("quotes", q.id))}
    if q.original_text:
        data |= {"text": q.original_text, "inLanguage": q.original_language.value, "description": t("layer_original", lang), "workTranslation": printed}
        if q.original_source_id:
            data["citation"] = source_jsonld(site, site.by_id["sources"][q.original_source_id], lang)
    else:
        data |= {k: v for k, v in printed.items() if k != "@type"}
        data["description"] = f"{t('layer_printed', lang)} ({t('no_original_known', lang)})"
    if q.date:
        data["dateCreated"] = q.date
    return jsonld(data)


# The artifacts that are data, by Artifact.kind: the distributions of the Dataset. An allow-list, so
# that a file the release adds later (a JSON Schema, Datasette's metadata, a README) is not offered
# as the data unless it is added here.
DATA_KINDS = frozenset({"zip", "csv", "xlsx", "json", "sqlite", "datapackage"})  # not schemas, Datasette metadata, the tree's other files


def dataset_id(site: Site) -> str:
    """The Dataset's `@id`: one for the Korean and the English pages, which describe one dataset."""
    return f"{site.root_url}#dataset"


def temporal_coverage(site: Site) -> str | None:
    """The span of the timeline's dates as an ISO 8601 interval ("2023-07/2025-06-27"); a date known
    only to the month or year stays so (its first day counts for the start, its last for the end)."""
    dates = [e.date for e in site.data.records("events")]
    if not dates:
        return None
    start = min(dates, key=lambda d: d + "-00" * (2 - d.count("-")))
    end = max(dates, key=lambda d: d + "-99" * (2 - d.count("-")))
    return start if start == end else f"{start}/{end}"


def dataset_jsonld(site: Site, lang: str) -> str:
    """The dataset, as on the home and downloads pages of both languages: one `@id`, the name and
    description in the page's language; its creator and publisher are the authors of CITATION.cff;
    `isPartOf` the repository only when REPO_URL is set."""
    d = site.data.descriptor
    version = site.version
    c = site.citation
    authors = [{"@type": "Organization", "name": a["name"]} if a.get("name") else {"@type": "Person", "givenName": a.get("given-names", ""), "familyName": a.get("family-names", "")}
               for a in c.get("authors", [])] or [{"@type": "Organization", "name": x["title"]} for x in d.get("contributors", [])]
    sources = list(site.data.records("sources"))
    data: dict[str, Any] = {
        "@type": "Dataset",
        "@id": dataset_id(site),
        "name": t("site_name", lang),
        "description": t("home_lead", lang),
        "inLanguage": ["ko", "en"],
        "version": version,
        "license": d["licenses"][0]["path"],
        "isAccessibleForFree": True,
        "creator": authors,
        "publisher": authors[0] if len(authors) == 1 else authors,
        "isBasedOn": [source_jsonld(site, s, lang) for s in sources],
        "citation": [{"@id": source_id(site, s)} for s in sources],  # the works it cites: the same nodes
        "keywords": d.get("keywords", []),
        "url": site.site_url,
        "distribution": [
            {
                "@type": "DataDownload",
                "name": a.name,
                "contentUrl": f"{site.root_url}downloads/{version}/{a.name}",
                "encodingFormat": a.mediatype,
                "contentSize": str(a.size),
            }
            for a in site.artifacts
            if a.kind in DATA_KINDS
        ],
    }
    identifiers = [i["value"] for i in c.get("identifiers", []) if i.get("type") == "url"]
    if identifiers:
        data["identifier"] = identifiers
    if c.get("date-released"):
        data["datePublished"] = str(c["date-released"])
    if coverage := temporal_coverage(site):
        data["temporalCoverage"] = coverage
    if site.repo_url:
        data["isPartOf"] = {"@type": "SoftwareSourceCode", "codeRepository": site.repo_url, "url": site.repo_url}
    return jsonld(data)
