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
from schemas.vocab import AliasKind, DescriptionBasis, GlossaryKind

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


# The resource each column of record_sources cites.
CITED_RESOURCES = {
    "person_id": "people",
    "organization_id": "organizations",
    "work_id": "works",
    "membership_id": "memberships",
    "case_id": "cases",
    "case_role_id": "case_roles",
}
DESCRIBED_RESOURCES = ("people", "organizations", "works")


def field_names(name: str) -> set[str]:
    """What record_sources.field may name in a record of `name`: a field of its model, or the base
    of a _ko/_en pair (`description` for description_ko and description_en)."""
    fields = set(MODELS[name].model_fields)
    return fields | {f[:-3] for f in fields if f.endswith("_ko") and f[:-3] + "_en" in fields}


def cited_fields(loaded: Loaded, problems: list[Problem]) -> None:
    """A source that supports one field names a field the cited record has; a description that
    states facts from outside the article (`description_basis = sources`) has such a source."""
    for number, row in loaded.rows["record_sources"]:
        column, value = row.cited
        if row.field is not None and row.field not in field_names(CITED_RESOURCES[column]):
            resource = CITED_RESOURCES[column]
            problems.append(Problem(loaded.paths["record_sources"], f"{resource} has no field {shown(row.field)} (the row cites {value} in {resource})", number, "field"))
    if "record_sources" in loaded.damaged:
        return  # nothing can be said of what is cited; the cause is reported where the file is read
    described = {(r.cited, r.field) for r in loaded.records("record_sources")}
    for resource in DESCRIBED_RESOURCES:
        column = next(c for c, r in CITED_RESOURCES.items() if r == resource)
        for number, record in loaded.rows[resource]:
            if record.description_basis == DescriptionBasis.SOURCES and ((column, record.id), "description") not in described:
                problems.append(
                    Problem(
                        loaded.paths[resource],
                        f"{record.id}: description_basis is sources but no row of record_sources cites its description (field = description)",
                        number,
                        "description_basis",
                    )
                )


def glossary(loaded: Loaded, problems: list[Problem]) -> None:
    """A legal term's definition states law, so it cites the statute, rule or court record it rests
    on; and no spelling belongs to two terms of one language (the links to the glossary and the
    search could not tell which is meant)."""
    for number, term in loaded.rows["glossary"]:
        if term.kind == GlossaryKind.LEGAL and term.source_id is None:
            problems.append(
                Problem(loaded.paths["glossary"], f"{term.id} is a legal term but cites no source: its definition states law, so fill source_id (a statute, rule or court record in sources) and status", number, "source_id")
            )
    owner: dict[tuple[str, str], str] = {}
    for _, term in loaded.rows["glossary"]:
        for lang in ("ko", "en"):
            owner.setdefault((lang, getattr(term, "term_" + lang).casefold()), term.id)
    for number, term in loaded.rows["glossary"]:
        for lang in ("ko", "en"):
            spelling = getattr(term, "term_" + lang)
            first = owner[(lang, spelling.casefold())]
            if first != term.id:
                problems.append(Problem(loaded.paths["glossary"], f"{shown(spelling)} is already the term of {first}", number, "term_" + lang))
    for number, alias in loaded.rows["glossary_aliases"]:
        first = owner.setdefault((alias.language.value, alias.alias.casefold()), alias.glossary_id)
        if first != alias.glossary_id:
            problems.append(Problem(loaded.paths["glossary_aliases"], f"{shown(alias.alias)} is already a spelling of {first}", number, "alias"))


# --- the dataset's own prose ----------------------------------------------------------------------

# Text copied from the article (or an alias, which is a name as written): not our prose, so not held
# to our spelling rules.
COPIED = {
    "sentences": {"text_ko"},
    "quotes": {"text_ko", "original_text"},
    "mentions": {"exact", "prefix", "suffix"},
    "fact_checks": {"exact", "prefix", "suffix"},
    "aliases": {"alias"},
    "glossary_aliases": {"alias"},
}


def prose_fields(name: str, lang: str) -> list[str]:
    """The text fields of a resource written by the project in `lang` ("ko" or "en"): the `_ko` or
    `_en` fields, less what is copied."""
    return [f for f in MODELS[name].model_fields if f.endswith("_" + lang) and f not in COPIED.get(name, set())]


def prose(loaded: Loaded, lang: str):
    """(resource, row number, field, text) of every filled prose field in `lang`."""
    for name in MODELS:
        fields = prose_fields(name, lang)
        if not fields:
            continue
        for number, record in loaded.rows[name]:
            for f in fields:
                text = getattr(record, f)
                if isinstance(text, str) and text:
                    yield name, number, f, text


HANGUL_FIRST, HANGUL_LAST = 0xAC00, 0xD7A3
FINALS = ("", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ", "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ")
# How a Korean reader says a Latin letter or a digit at the end of a name (오픈AI: 에이아이; GPT-4: 포 is
# English, but 사 is how the number is read in Korean): only its last syllable matters.
SPOKEN = {
    "A": "에이", "B": "비", "C": "씨", "D": "디", "E": "이", "F": "에프", "G": "지", "H": "에이치", "I": "아이",
    "J": "제이", "K": "케이", "L": "엘", "M": "엠", "N": "엔", "O": "오", "P": "피", "Q": "큐", "R": "알",
    "S": "에스", "T": "티", "U": "유", "V": "브이", "W": "더블유", "X": "엑스", "Y": "와이", "Z": "제트",
    "0": "영", "1": "일", "2": "이", "3": "삼", "4": "사", "5": "오", "6": "육", "7": "칠", "8": "팔", "9": "구",
}


def is_hangul(ch: str) -> bool:
    return HANGUL_FIRST <= ord(ch) <= HANGUL_LAST


def final_consonant(reading: str) -> str | None:
    """The final consonant (batchim) of how `reading` ends when read aloud: "" for none, "ㄹ", "ㄴ"…;
    None when its end is neither a Hangul syllable nor a letter or digit we know how to read."""
    last = reading.rstrip()[-1:]
    if last.upper() in SPOKEN:
        last = SPOKEN[last.upper()][-1]
    if not last or not is_hangul(last):
        return None
    return FINALS[(ord(last) - HANGUL_FIRST) % 28]


# A particle and its other form: (after a final consonant, after none). 으로/로: ㄹ takes 로.
PARTICLES = (("은", "는"), ("이", "가"), ("을", "를"), ("과", "와"), ("으로", "로"))


def expected_particle(particle: str, final: str) -> str:
    for with_final, without in PARTICLES:
        if particle in (with_final, without):
            if with_final == "으로":
                return "로" if final in ("", "ㄹ") else "으로"
            return with_final if final else without
    raise ValueError(particle)


def latin_names(loaded: Loaded) -> dict[str, tuple[str, str, str]]:
    """Latin name -> (the record's name_ko, its final consonant, the record's id), for every person,
    organization and work whose Korean reading is known. A name counts only when its last word is the
    last word of name_en: the end of name_ko reads that word (Al-Dahle, 알달레), and a shorter name may
    end in another word (Mistral, of 미스트랄 AI)."""
    names: dict[str, tuple[str, str, str]] = {}
    for column, resource in (("person_id", "people"), ("organization_id", "organizations"), ("work_id", "works")):
        latin: dict[str, set[str]] = defaultdict(set)
        for _, record in loaded.rows[resource]:
            latin[record.id].add(record.name_en)
        for _, alias in loaded.rows["aliases"]:
            if alias.entity[0] == column and alias.language == "en":
                latin[alias.entity[1]].add(alias.alias)
        for _, record in loaded.rows[resource]:
            final = final_consonant(record.name_ko)
            if final is None:
                continue
            last_word = record.name_en.split()[-1]
            for name in latin[record.id]:
                if name.split()[-1] == last_word:
                    names.setdefault(name, (record.name_ko, final, record.id))
    return names


_PARTICLE = re.compile("으로|[은는이가을를과와로]")


def particles(loaded: Loaded, problems: list[Problem]) -> None:
    """A particle right after a Latin-script name in our Korean prose agrees with how the name is
    read in Korean (Ahmad Al-Dahle is 아마드 알달레: 를, not 을)."""
    names = latin_names(loaded)
    if not names:
        return
    # Longest first, so that at one place Ahmad Al-Dahle is found rather than Al-Dahle.
    pattern = re.compile(
        r"(?<![A-Za-z0-9])(" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?=으로|[은는이가을를과와로])"
    )
    for name, number, f, text in prose(loaded, "ko"):
        found: dict[str, None] = {}
        for hit in pattern.finditer(text):
            after = hit.end()
            particle = _PARTICLE.match(text, after)[0]  # type: ignore[index]
            following = text[after + len(particle) : after + len(particle) + 1]
            if particle in ("이", "가") and following and is_hangul(following):
                continue  # 이/가 before more Hangul may start a word (이사, 가장), or be the copula 이다
            reading, final, _ = names[hit[1]]
            expected = expected_particle(particle, final)
            if expected != particle:
                said = f"final consonant {final}" if final else "no final consonant"
                found[f"{hit[1]}{particle}: after {hit[1]} (read {reading}, {said}) write {expected}, not {particle}"] = None
        if found:  # one line per cell, naming every particle
            problems.append(Problem(loaded.paths[name], "; ".join(found), number, f))


def exempt_spans(text: str) -> list[tuple[int, int]]:
    """Where text quotes or echoes printed wording: inside double quotes ("…", “…”), single
    typographic quotes (‘…’), corner brackets and parentheses."""
    spans: list[tuple[int, int]] = []
    pairs = {"“": "”", "‘": "’", "「": "」", "『": "』", "(": ")"}
    stack: list[tuple[str, int]] = []
    straight = None  # where an open straight double quote is
    for i, ch in enumerate(text):
        if ch == '"' and not stack:
            if straight is None:
                straight = i
            else:
                spans.append((straight, i + 1))
                straight = None
        elif ch in pairs and straight is None:
            stack.append((pairs[ch], i))
        elif stack and ch == stack[-1][0]:
            _, start = stack.pop()
            if not stack:
                spans.append((start, i + 1))
    return spans


def outside(spans: list[tuple[int, int]], start: int) -> bool:
    return not any(a <= start < b for a, b in spans)


# Our spelling of the model names (and what to write instead of each other spelling).
MODEL_NAMES = {
    "en": (re.compile(r"\bLlama(\d)"), lambda m: f"Llama {m[1]}"),
    "ko": (re.compile(r"라마(\d)|\bLlama(?: ?(\d+(?:\.\d+)?))?(?![A-Za-z])"), lambda m: f"라마 {m[1] or m[2]}" if (m[1] or m[2]) else "라마"),
}


def model_names(loaded: Loaded, problems: list[Problem]) -> None:
    """One spelling of the model names in our prose: Llama 2 and Llama 3 in English, 라마 2 and 라마 3
    in Korean. What is quoted or in parentheses is exempt: it echoes printed wording (the article's
    Llama3)."""
    for lang, (pattern, write) in MODEL_NAMES.items():
        for name, number, f, text in prose(loaded, lang):
            hits = list(pattern.finditer(text))
            if not hits:
                continue
            spans = exempt_spans(text)
            # One line per cell (the report keeps one per place), naming every spelling found in it.
            found = dict.fromkeys(f"{hit[0]}: write {write(hit)}" for hit in hits if outside(spans, hit.start()))
            if found:
                problems.append(Problem(loaded.paths[name], "; ".join(found) + f" in our own {'Korean' if lang == 'ko' else 'English'} text", number, f))


# Verbs (and their nouns) written -ize in the project's English, as in the Oxford and American
# spelling; a word that only ends in -ise (advise, comprise, exercise, promise, surprise, revise,
# supervise, expertise, enterprise, otherwise, compromise, premise, devise, raise) has no stem here.
# British `licence` (a noun) is kept: it is not an -ise word.
IZE_STEMS = (
    "agon", "antagon", "apolog", "author", "capital", "categor", "character", "civil", "colon", "commercial",
    "central", "critic", "custom", "digit", "emphas", "energ", "fantas", "final", "general", "global",
    "harmon", "hospital", "hypothes", "item", "jeopard", "legal", "legitim", "local", "maxim", "memor",
    "minim", "mobil", "modern", "monet", "neutral", "normal", "optim", "organ", "personal", "polar",
    "popular", "prior", "public", "rational", "real", "recogn", "sanit", "scrutin", "special", "stabil",
    "standard", "stigmat", "summar", "symbol", "sympath", "synchron", "synthes", "systemat", "theor", "util",
    "vandal", "victim", "visual",
)
_ISE = re.compile(r"\b(" + "|".join(IZE_STEMS) + r")is(e|es|ed|ing|ation|ations|er|ers)\b", re.IGNORECASE)


def ize_spelling(loaded: Loaded, problems: list[Problem]) -> None:
    """English prose spells -ize (criticize, organization), not British -ise."""
    for name, number, f, text in prose(loaded, "en"):
        found = dict.fromkeys(f"{hit[0]}: write {hit[1]}iz{hit[2]}" for hit in _ISE.finditer(text))
        if found:  # one line per cell, naming every word
            problems.append(Problem(loaded.paths[name], "; ".join(found) + " (the project's English spells -ize)", number, f))


CHECKS = (keys, hierarchies, bilingual, spans, sentence_coverage, mention_coverage, outside_facts, cited_fields, glossary, particles, model_names, ize_spelling)
