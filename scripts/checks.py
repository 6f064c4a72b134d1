"""What frictionless does not check: keys (including references into empty tables and null key
parts), spans against the source text, sentence and mention coverage, bilingual pairs."""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from schemas.models import ENTITY_COLUMNS, MODELS, PRIMARY_KEYS, Record
from schemas.vocab import AliasKind

from .problems import Problem, shown
from .tableschema import foreign_keys

ENTITY_RESOURCES = {"person_id": "people", "organization_id": "organizations", "work_id": "works", "legal_issue_id": "legal_issues"}
# Records whose mentions carry their name (legal issues are mentioned by a descriptive phrase).
NAMED_RESOURCES = ("people", "organizations", "works")


@dataclass
class Loaded:
    """Rows that passed their model, with where they came from."""

    paths: dict[str, str] = field(default_factory=dict)  # resource -> path in the package
    rows: dict[str, list[tuple[int, Record]]] = field(default_factory=lambda: defaultdict(list))
    ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # every id read, valid row or not
    id_rows: dict[str, int] = field(default_factory=dict)  # how many rows had an id
    damaged: set[str] = field(default_factory=set)  # resources whose file could not be read row by row
    # the references of rows that failed their model: (row number, {column: value})
    failed_refs: dict[str, list[tuple[int, dict[str, str | None]]]] = field(default_factory=lambda: defaultdict(list))
    texts: dict[str, str] = field(default_factory=dict)  # text resource name -> text
    descriptor: dict[str, Any] = field(default_factory=dict)

    def records(self, name: str) -> list[Any]:
        return [record for _, record in self.rows[name]]

    def by_id(self, name: str) -> dict[str, Any]:
        return {record.id: record for _, record in self.rows[name]}


def keys(loaded: Loaded, problems: list[Problem]) -> None:
    for name, rows in loaded.rows.items():
        pk = PRIMARY_KEYS[name]
        if pk == ("id",) and len(loaded.ids[name]) == loaded.id_rows.get(name, -1):
            continue  # as many distinct ids as rows with one: no duplicate, and no table of a million to build
        first: dict[Any, int] = {}
        for number, record in rows:
            value = getattr(record, pk[0]) if len(pk) == 1 else tuple(getattr(record, c) for c in pk)
            if value in first:
                key_text = value if len(pk) == 1 else ", ".join(map(str, value))
                problems.append(Problem(loaded.paths[name], f"duplicate key {key_text} (first at row {first[value]})", number, ",".join(pk)))
            else:
                first[value] = number
    for name in MODELS:
        for column, target in foreign_keys(name):
            if target in loaded.damaged:
                continue  # the damage is reported at its source
            known = loaded.ids[target]
            values = [(number, getattr(record, column)) for number, record in loaded.rows[name]]
            values += [(number, refs[column]) for number, refs in loaded.failed_refs[name]]
            for number, value in values:
                if value is not None and value not in known:
                    where = f"no row of {target} has id {shown(value)}" if known else f"{target} is empty"
                    problems.append(Problem(loaded.paths[name], f"unknown reference {shown(value)}: {where}", number, column))


def bilingual(loaded: Loaded, problems: list[Problem]) -> None:
    for name, rows in loaded.rows.items():
        pairs = [f[:-3] for f in MODELS[name].model_fields if f.endswith("_ko") and f[:-3] + "_en" in MODELS[name].model_fields]
        for number, record in rows:
            for base in pairs:
                ko, en = getattr(record, base + "_ko"), getattr(record, base + "_en")
                if (ko is None) != (en is None):
                    empty = base + ("_ko" if ko is None else "_en")
                    problems.append(Problem(loaded.paths[name], f"empty while its twin {base}_{'en' if ko is None else 'ko'} is filled: give both languages", number, empty))


def _source_text(loaded: Loaded, name: str, number: int, record: Any, problems: list[Problem]) -> str | None:
    source = next((s for _, s in loaded.rows["sources"] if s.id == record.source_id), None)
    if source is None or source.text_resource is None:
        return None  # an unknown source is reported as a reference; a source without text has no offsets to check
    text = loaded.texts.get(source.text_resource)
    if text is None:
        return None  # reported where the text resource is read
    if record.end > len(text):
        problems.append(Problem(loaded.paths[name], f"{record.end} is past the end of {source.text_resource} ({len(text)} characters)", number, "end"))
        return None
    return text


def spans(loaded: Loaded, problems: list[Problem]) -> None:
    """Every quoted span equals the source text at its offsets; mentions' prefix and suffix too."""
    for name, text_field in (("sentences", "text_ko"), ("quotes", "text_ko"), ("mentions", "exact"), ("fact_checks", "exact")):
        for number, record in loaded.rows[name]:
            text = _source_text(loaded, name, number, record, problems)
            if text is None:
                continue
            found = text[record.start : record.end]
            if found != getattr(record, text_field):
                problems.append(
                    Problem(loaded.paths[name], f"not found at {record.start}–{record.end} in {record.source_id} (the text there is {shown(found)})", number, text_field)
                )
                continue
            if hasattr(record, "prefix"):
                for affix, expected in (("prefix", text[max(0, record.start - 32) : record.start]), ("suffix", text[record.end : record.end + 32])):
                    if (getattr(record, affix) or "") != expected:
                        problems.append(Problem(loaded.paths[name], f"should be the {len(expected)} characters {shown(expected, 40)} of {record.source_id}", number, affix))


def sentence_coverage(loaded: Loaded, problems: list[Problem]) -> None:
    """Each non-white-space character of a source text lies in exactly one sentence. (That none crosses
    a line break is the `text_ko` pattern's job: a sentence holds no line end.)"""
    path = loaded.paths.get("sentences", "data/sentences.csv")
    if "sentences" in loaded.damaged:
        return  # every character would lie in no sentence: the one cause is reported where the file is read
    by_source: dict[str, list[tuple[int, Any]]] = defaultdict(list)
    for number, s in loaded.rows["sentences"]:
        by_source[s.source_id].append((number, s))
    for source_number, source in loaded.rows["sources"]:
        text = loaded.texts.get(source.text_resource) if source.text_resource else None
        if text is None:
            continue
        covered = [0] * len(text)
        for number, s in sorted(by_source[source.id], key=lambda x: x[1].start):
            if s.end > len(text):
                continue
            for i in range(s.start, s.end):
                covered[i] += 1
        overlapped = {i for i, c in enumerate(covered) if c > 1}
        for number, s in by_source[source.id]:
            hit = sorted(i for i in range(s.start, min(s.end, len(text))) if i in overlapped)
            if hit:
                problems.append(Problem(path, f"overlaps another sentence at {hit[0]}–{hit[-1] + 1} of {source.id}", number, "start"))
        for m in re.finditer(r"\S+", text):
            gap = [i for i in range(m.start(), m.end()) if covered[i] == 0]
            if gap:
                problems.append(Problem(path, f"characters {gap[0]}–{gap[-1] + 1} of {source.id} ({shown(text[gap[0]:gap[-1] + 1])}) lie in no sentence"))


def mention_coverage(loaded: Loaded, problems: list[Problem]) -> None:
    """Every record is mentioned; every as-printed alias occurrence is recorded as a mention; each
    mention of a person, organization or work prints one of its names."""
    if "mentions" in loaded.damaged:
        return  # nothing can be said of what is mentioned; the cause is reported where the file is read
    mentions = [m for _, m in loaded.rows["mentions"]]
    mentioned = {m.entity for m in mentions}
    cited = {r.cited for r in loaded.records("record_sources")}
    for column, resource in ENTITY_RESOURCES.items():
        if "record_sources" in loaded.damaged:
            break
        for number, record in loaded.rows[resource]:
            if (column, record.id) not in mentioned and (column, record.id) not in cited:
                problems.append(
                    Problem(loaded.paths[resource], f"{record.id} is never mentioned and cites no source: add its mentions, or its sources in record_sources", number, "id")
                )
    # Names only of records that are mentioned: a million unmentioned rows need no set each.
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for column, resource in ENTITY_RESOURCES.items():
        for _, record in loaded.rows[resource]:
            if (column, record.id) in mentioned:
                names[(column, record.id)] |= {getattr(record, f) for f in ("name_ko", "name_en") if hasattr(record, f)}
    for _, alias in loaded.rows["aliases"]:
        names[alias.entity].add(alias.alias)
    for number, m in loaded.rows["mentions"]:
        column, value = m.entity
        if ENTITY_RESOURCES[column] in NAMED_RESOURCES and m.exact not in names[(column, value)]:
            problems.append(Problem(loaded.paths["mentions"], f"{shown(m.exact)} is not a name or alias of {value}: add the alias or fix the reference", number, column))
    texts = {s.id: loaded.texts[s.text_resource] for _, s in loaded.rows["sources"] if s.text_resource and s.text_resource in loaded.texts}
    # A source whose text could not be read says nothing about where an alias is printed.
    all_texts = all(s.text_resource in loaded.texts for _, s in loaded.rows["sources"] if s.text_resource)
    recorded = {source_id: MentionIndex([m for m in mentions if m.source_id == source_id]) for source_id in texts}
    for number, alias in loaded.rows["aliases"]:
        if alias.kind != AliasKind.AS_PRINTED:
            continue
        occurrences = 0
        for source_id, text in texts.items():
            for hit in re.finditer(re.escape(alias.alias), text):
                occurrences += 1
                a, b = hit.span()
                if not recorded[source_id].covers(a, b, alias.entity):
                    problems.append(Problem(loaded.paths["aliases"], f"{shown(alias.alias)} is printed at {a}–{b} in {source_id} but no mention of {alias.entity[1]} is recorded there", number, "alias"))
        if occurrences == 0 and texts and all_texts:
            problems.append(Problem(loaded.paths["aliases"], f"kind is as-printed but {shown(alias.alias)} occurs in no source text", number, "kind"))


class MentionIndex:
    """The mentions of one source, to ask in logarithmic time whether characters a..b are recorded:
    a mention of `entity` exactly there, or any longer mention around them."""

    def __init__(self, mentions: list[Any]) -> None:
        self.exact = {(m.start, m.end, m.entity) for m in mentions}
        by_start: dict[int, int] = {}
        for m in mentions:
            by_start[m.start] = max(by_start.get(m.start, -1), m.end)
        self.starts = sorted(by_start)
        self.reach = list(itertools.accumulate((by_start[s] for s in self.starts), max))  # furthest end of mentions starting at or before each start
        self.reach_at = by_start

    def covers(self, a: int, b: int, entity: tuple[str, str]) -> bool:
        if (a, b, entity) in self.exact:
            return True
        # a longer mention around a..b: one that starts before a and ends at or after b, or starts at a and ends after b
        i = bisect.bisect_left(self.starts, a)
        if i > 0 and self.reach[i - 1] >= b:
            return True
        return self.reach_at.get(a, -1) > b


def outside_facts(loaded: Loaded, problems: list[Problem]) -> None:
    """Every record and fact that does not come from the article cites at least one source."""
    cited = {r.cited for r in loaded.records("record_sources")}
    mentioned = {m.entity for m in loaded.records("mentions")}
    rules = [
        ("cases", "case_id", lambda r: True, "record_sources"),
        ("case_roles", "case_role_id", lambda r: True, "record_sources"),
        ("memberships", "membership_id", lambda r: ("person_id", r.person_id) not in mentioned, "record_sources"),
    ]
    for resource, column, needs, where in rules:
        if where in loaded.damaged or "mentions" in loaded.damaged:
            continue
        for number, record in loaded.rows[resource]:
            if needs(record) and (column, record.id) not in cited:
                problems.append(Problem(loaded.paths[resource], f"{record.id} does not come from the article and cites no source: add a row to {where}", number, "id"))
    for resource, link, column in (("events", "event_sources", "event_id"), ("fact_checks", "fact_check_sources", "fact_check_id")):
        if link in loaded.damaged:
            continue
        linked = {getattr(r, column) for r in loaded.records(link)}
        for number, record in loaded.rows[resource]:
            if record.id not in linked:
                problems.append(Problem(loaded.paths[resource], f"{record.id} cites no source: add a row to {link}", number, "id"))


# Columns that place a record under another of its own kind: following them must never come back.
HIERARCHIES = (("organizations", "parent_id"), ("works", "part_of_id"))


def hierarchies(loaded: Loaded, problems: list[Problem]) -> None:
    """No organization is its own parent, grandparent…; no work is part of itself."""
    for name, column in HIERARCHIES:
        parent = {r.id: getattr(r, column) for r in loaded.records(name)}
        done: set[str] = set()  # ids whose chain is known to end
        for number, record in loaded.rows[name]:
            chain, seen, current = [], set(), record.id
            while current is not None and current not in done and current not in seen:
                seen.add(current)
                chain.append(current)
                current = parent.get(current)
            if current is not None and current in seen and current == record.id:
                path = " → ".join([*chain, record.id])
                problems.append(Problem(loaded.paths[name], f"{record.id} is its own {column.removesuffix('_id').replace('_', ' ')} ({shown(path, 200)})", number, column))
            elif current is None or current in done:
                done.update(chain)


CHECKS = (keys, hierarchies, bilingual, spans, sentence_coverage, mention_coverage, outside_facts)
