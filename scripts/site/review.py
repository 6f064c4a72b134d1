"""`make review FROM=<git ref>`: what changed for readers between the data package at that git ref
and the one in DATASET, as Markdown (a pull request's job summary, or a file to read).

Per record, field by field, old → new, each field by the label the Table Schemas and the schema
reference give it; each record by its display name and id, with links to its page in both languages
(or, for a row with no page of its own — an alias, a membership, a mention — to the pages that show
it). One summary for both languages: every heading and label is written "한국어 · English", and each
value once, so that neither reader gets a second-class copy and a long change is not printed twice.
Every value is escaped (scripts/site/markup.esc): a `|`, a backtick, `<script>` or a line break in
the data is text in the summary, never table syntax or markup.

    python -m scripts.site.review REF      # prints the summary
"""

from __future__ import annotations

import enum
import html
import os
import sys
import typing
from types import SimpleNamespace
from typing import Any
from urllib.parse import quote

from schemas.models import MODELS
from schemas.vocab import label

from ..package.diff import Rows, changes, is_commit, tables
from ..paths import dataset_dir
from .markup import attr, esc, page_url
from .pages.common import ARTICLE, FOLDERS, TIMELINE, name, record_path

DEFAULT_SITE_URL = "http://127.0.0.1:8000/"

# A value longer than this is shown as a window around what changed.
LIMIT = 160
# Characters of unchanged text either side of a change, in a window.
CONTEXT = 40

# Rows of these tables show on the article page (besides their records' pages).
ON_ARTICLE = {"sentences", "mentions"}
# References that do not lead to the page a row shows on: a mention or a sentence names its
# source text, whose page only counts them.
NOT_SHOWN_ON = {("mentions", "source_id"), ("sentences", "source_id")}
# A row with no page of its own that another row points at: the column of it whose page shows it
# (a membership on the person's page, a case role on the case's).
VIA = {"memberships": "person_id", "case_roles": "case_id"}


def ours(text: str) -> str:
    """Our own words (a label of the models, a heading of this module), escaped only for what they
    could hold of HTML and tables, so that they stay readable as plain Markdown in a terminal."""
    return html.escape(text, quote=False).replace("|", "&#124;")


def both(ko: str, en: str) -> str:
    """A heading or label in both languages: "한국어 · English" (one when they are the same)."""
    return ours(ko) if ko == en else f"{ours(ko)} · {ours(en)}"


def field_label(resource: str, column: str) -> str:
    """A column by its label in the Table Schemas (the models'), in both languages; a column the
    models no longer have (a table at an older ref) by its name."""
    info = MODELS[resource].model_fields.get(column)
    if info is None or not isinstance(info.json_schema_extra, dict):
        return f"<code>{esc(column)}</code>"
    extra = info.json_schema_extra
    return both(str(extra["label_ko"]), str(extra["label_en"]))


def enum_of(resource: str, column: str) -> type[enum.Enum] | None:
    info = MODELS[resource].model_fields.get(column)
    if info is None:
        return None
    for candidate in (info.annotation, *typing.get_args(info.annotation)):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate
    return None


def record_of(resource: str, row: dict[str, str]) -> Any:
    """A CSV row as the attributes the page code reads (empty cells None, as the models make them)."""
    fields = {c: (v if v != "" else None) for c, v in row.items() if c}
    return SimpleNamespace(**({f: None for f in MODELS[resource].model_fields} | fields))


def display_name(resource: str, row: dict[str, str], lang: str) -> str:
    """A row's name as its page names it (common.name); a row with no page by the words a reader
    sees of it (an alias, a role, a fact, a sentence), else its key. Plain text."""
    if resource in FOLDERS:
        try:
            text = name(resource, record_of(resource, row), lang)
        except (AttributeError, TypeError):  # a row of an older layout
            text = None
        if text:
            return text
    suffix = "ko" if lang == "ko" else "en"
    for column in (f"role_{suffix}", f"fact_{suffix}", f"text_{suffix}", f"title_{suffix}", "alias", "exact"):
        if row.get(column):
            return clip_plain(row[column], 40)
    return ""


def clip_plain(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def visible(text: str) -> str:
    """Line breaks and tabs as signs, so that a change to them shows (esc would make them spaces)."""
    return text.replace("\r\n", "↵").replace("\n", "↵").replace("\r", "↵").replace("\t", "⇥")


def marked(text: str) -> str:
    """The changed part of a value: escaped, in bold, the spaces at its ends shown as ␣ (else a
    changed space would be invisible)."""
    core = text.strip(" ")
    if not core:
        return f"<b>{'␣' * len(text)}</b>" if text else ""
    lead, trail = len(text) - len(text.lstrip(" ")), len(text) - len(text.rstrip(" "))
    return f"<b>{'␣' * lead}{esc(core)}{'␣' * trail}</b>"


def shown(value: str, other: str | None) -> str:
    """`value` as a summary cell, the part where it differs from `other` in bold; a long value as
    a window of CONTEXT characters either side of that part, clipped ends marked "…". With no
    `other` (a row added or removed whole), the value from its start, clipped at LIMIT."""
    if value == "":
        return "<i>(비어 있음 · empty)</i>"
    if other is None:
        return esc(clip_plain(visible(value), LIMIT))
    value, other = visible(value), visible(other)
    start = 0
    while start < min(len(value), len(other)) and value[start] == other[start]:
        start += 1
    end = 0
    while end < min(len(value), len(other)) - start and value[-1 - end] == other[-1 - end]:
        end += 1
    head, middle, tail = value[:start], value[start : len(value) - end], value[len(value) - end :]
    if len(value) <= LIMIT and len(other) <= LIMIT:
        return esc(head) + marked(middle) + esc(tail)
    if len(head) > CONTEXT:
        head = "…" + head[-CONTEXT:]
    if len(tail) > CONTEXT:
        tail = tail[:CONTEXT] + "…"
    if len(middle) > LIMIT:
        half = LIMIT // 2
        return esc(head) + marked(middle[:half]) + " … " + marked(middle[-half:]) + esc(tail)
    return esc(head) + marked(middle) + esc(tail)


def reference_of(resource: str, column: str) -> str | None:
    """The resource a column points at (its foreign key), if any."""
    info = MODELS[resource].model_fields.get(column)
    extra = info.json_schema_extra if info is not None else None
    return extra.get("references") if isinstance(extra, dict) else None


def table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows]) + "\n"


class Review:
    """The package at FROM (`old`) and now (`new`), with the site's address to link pages to."""

    def __init__(self, old: dict[str, Rows], new: dict[str, Rows], site_url: str) -> None:
        self.old, self.new = old, new
        self.site_url = site_url if site_url.endswith("/") else site_url + "/"

    def row(self, resource: str, key: str) -> dict[str, str] | None:
        """A row now, else as it was (a page may name a record that this change removes)."""
        return self.new.get(resource, {}).get(key) or self.old.get(resource, {}).get(key)

    def links(self, path: str, anchor: str = "") -> str:
        """Links to a staged page (`people/x.md`) in both languages: Korean at the root, English at /en/."""
        url = quote(page_url(path), safe="/-._~") + (f"#{quote(anchor, safe='-._~')}" if anchor else "")
        ko, en = self.site_url + url, self.site_url + "en/" + url
        return f'<a href="{attr(ko)}">한국어</a> · <a href="{attr(en)}">English</a>'

    def title(self, resource: str, key: str, row: dict[str, str] | None) -> str:
        """A record by its names in both languages and its id: 마크 저커버그 · Mark Zuckerberg (`people/mark-zuckerberg`)."""
        names = [display_name(resource, row, lang) for lang in ("ko", "en")] if row else []
        names = [n for n in dict.fromkeys(names) if n]
        ident = f"<code>{ours(resource)}/{esc(key)}</code>"
        return (" · ".join(esc(n) for n in names) + f" ({ident})") if names else ident

    def hosts(self, resource: str, row: dict[str, str]) -> list[tuple[str, str, str, str]]:
        """The pages a row shows on, as (resource, key, staged path, anchor) without duplicates:
        its own page, else the pages of the records it points at."""
        if resource in FOLDERS:
            return [(resource, row.get("id", ""), record_path(resource, row.get("id", "")), "")]
        out = []
        if resource in ON_ARTICLE:
            anchor = {"sentences": "s", "mentions": "m"}[resource]  # the article's row of a sentence, its mark of a mention
            out.append(("", "", ARTICLE, f"{anchor}-{row['id']}" if row.get("id") else ""))
        if resource == "events":
            out.append(("events", row.get("id", ""), TIMELINE, f"e-{row.get('id', '')}"))
        for column in MODELS[resource].model_fields:
            target, value = reference_of(resource, column), row.get(column)
            if not target or not value or (resource, column) in NOT_SHOWN_ON:
                continue
            if target in VIA:
                via = self.row(target, value)
                column, target = VIA[target], {"person_id": "people", "case_id": "cases"}[VIA[target]]
                value = via.get(column) if via else None
                if not value:
                    continue
            if target in FOLDERS:
                out.append((target, value, record_path(target, value), ""))
            elif target == "events":
                out.append(("events", value, TIMELINE, f"e-{value}"))
        return list(dict.fromkeys(out))

    def shown_on(self, resource: str, row: dict[str, str]) -> str:
        """"Shown on · 나오는 곳" lines: each page's record by name, with its links in both languages."""
        lines = []
        for target, key, path, anchor in self.hosts(resource, row):
            if target and target != "events":
                what = self.title(target, key, self.row(target, key))
            elif target == "events":
                what = both("연표", "Timeline") + " — " + self.title("events", key, self.row("events", key))
            else:
                what = both("주석 달린 기사", "Annotated article")
            lines.append(f"- {what}: {self.links(path, anchor)}")
        return "\n".join(lines)

    def value_cell(self, resource: str, column: str, value: str, other: str | None) -> str:
        """A value for the summary. A code (a vocabulary value, an id it points at) is shown whole,
        in bold where it changed, with its label or the name of its record in both languages; any
        other value by `shown`."""
        kind, target = enum_of(resource, column), reference_of(resource, column)
        if not value or not (kind or target):
            return shown(value, other)
        cell = f"<b>{esc(value)}</b>" if other is not None else esc(value)
        if kind:
            try:
                member = kind(value)
            except ValueError:  # a value the vocabulary no longer (or does not yet) have
                return cell
            return cell + f" ({both(label(member, 'ko'), label(member, 'en'))})"
        row = self.row(target, value)
        names = [n for n in dict.fromkeys(display_name(target, row, lang) for lang in ("ko", "en")) if n] if row else []
        return cell + (" (" + " · ".join(esc(n) for n in names) + ")" if names else "")

    def changed(self, resource: str, key: str) -> str:
        old, new = self.old[resource][key], self.new[resource][key]
        columns = list(dict.fromkeys([*MODELS[resource].model_fields, *new, *old]))
        rows = [
            [field_label(resource, c), self.value_cell(resource, c, old.get(c) or "", new.get(c) or ""), self.value_cell(resource, c, new.get(c) or "", old.get(c) or "")]
            for c in columns
            if c and (old.get(c) or "") != (new.get(c) or "")
        ]
        return self.block(resource, key, new, both("변경", "changed")) + table([both("항목", "Field"), both("이전", "Before"), both("이후", "After")], rows)

    def whole(self, resource: str, key: str, row: dict[str, str], what: str, gone: bool) -> str:
        """An added or removed row: its name and pages; a row with no page of its own also with its
        fields (a reader cannot open it)."""
        text = self.block(resource, key, row, what, gone=gone)
        if resource in FOLDERS:
            return text
        columns = [c for c in dict.fromkeys([*MODELS[resource].model_fields, *row]) if c and row.get(c)]
        return text + table([both("항목", "Field"), both("값", "Value")], [[field_label(resource, c), self.value_cell(resource, c, row[c], None)] for c in columns])

    def block(self, resource: str, key: str, row: dict[str, str], what: str, gone: bool = False) -> str:
        head = f"### {self.title(resource, key, row)} — {what}\n\n"
        if gone and resource in FOLDERS:
            return head + both("이 기록의 페이지는 없어진다.", "This record's page goes away.") + "\n\n"
        if resource in FOLDERS:
            return head + both("페이지", "Pages") + ": " + self.links(record_path(resource, key)) + "\n\n"
        return head + both("나오는 곳", "Shown on") + ":\n\n" + self.shown_on(resource, row) + "\n\n"

    def markdown(self, ref: str) -> str:
        parts = [f"# {both('독자에게 보이는 변경', 'What changed for readers')}\n\n",
                 f"{both('비교', 'Compared')}: <code>{esc(ref)}</code> → {both('작업 트리', 'working tree')}\n\n"]
        counts, sections = [], []
        for resource, model in MODELS.items():
            old, new = self.old.get(resource, {}), self.new.get(resource, {})
            added, removed, changed = changes(old, new)
            if not (added or removed or changed):
                continue  # an unchanged table is not listed
            labels = both(model.labels.label_ko, model.labels.label_en)
            counts.append([labels, str(len(added)), str(len(removed)), str(len(changed))])
            body = [f"## {labels}\n\n"]
            body += [self.changed(resource, k) + "\n" for k in changed]
            body += [self.whole(resource, k, new[k], both("추가", "added"), gone=False) + "\n" for k in added]
            body += [self.whole(resource, k, old[k], both("삭제", "removed"), gone=True) + "\n" for k in removed]
            sections.append("".join(body))
        if not counts:
            return "".join(parts) + both("독자에게 보이는 변경이 없다.", "Nothing changed for readers.") + "\n"
        parts.append(table([both("표", "Table"), both("추가", "Added"), both("삭제", "Removed"), both("변경", "Changed")], counts) + "\n")
        return "".join(parts) + "".join(sections)


# GitHub refuses a job summary over 1 MiB; a change that large is cut at a record, and says so.
SUMMARY_BYTES = 1_000_000


def fit(text: str, limit: int = SUMMARY_BYTES) -> str:
    """`text`, or as many of its records (`### ` blocks) as fit in `limit` bytes with a note that
    the rest is left out and how to see it all."""
    if len(text.encode("utf-8")) <= limit:
        return text
    note = "\n" + both(
        "요약이 너무 길어 여기서 줄였다. 전체는 `make review FROM=…`로 본다.",
        "The summary is too long and is cut here; run `make review FROM=…` to see it all.",
    ) + "\n"
    room = limit - len(note.encode("utf-8"))
    cut = text.encode("utf-8")[:room].decode("utf-8", "ignore")
    at = cut.rfind("\n### ")
    return (cut[: at + 1] if at > 0 else "") + note


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0]:
        print("make review: give FROM=<git ref>, e.g. make review FROM=HEAD~1 (a tag, branch or commit)", file=sys.stderr)
        return 2
    if not is_commit(args[0]):
        print(f"make review: FROM={args[0]} is not a commit of this repository (fetched with its history? git fetch --unshallow)", file=sys.stderr)
        return 2
    old, new = tables(args[0], dataset_dir())
    print(fit(Review(old, new, os.environ.get("SITE_URL") or DEFAULT_SITE_URL).markdown(args[0])), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
