"""The SQLite download: a table per resource, written with sqlite-utils, and a full-text index
per resource with text.

- Each table is created from its Table Schema by `create_sql` (our own CREATE TABLE, because
  sqlite-utils has no public option for CHECK constraints): primary key, NOT NULL for required
  fields, a CHECK for each enum and minimum, foreign keys. sqlite-utils inserts the rows, creates
  the indexes and is what the tests read the schema back with.
- Indexes: one per foreign-key column that no other index or the primary key already leads with
  (`indexed_columns`); an index on a prefix of another's columns would only slow writes.
- `PRAGMA user_version` is the package version as major×10000 + minor×100 + patch (`user_version`).
- Full-text search: a table `<resource>_fts` (FTS5, `unicode61` tokenizer with Porter stemming)
  over the resource's text columns and a column `ko_terms` of Korean words found by Kiwi, as the
  site's search does (scripts/site/search.py): unicode61 splits at spaces and punctuation, so that
  English words match word for word, but a Korean word is written with its particles (`인공지능은`)
  and compounds are written as one word (`인공지능`); `ko_terms` holds their morphemes (`인공`,
  `지능`) and the words without their particles (`인공지능`), so that `지능` finds `인공지능은`.
  FTS5's trigram tokenizer would find parts of words too, but only for queries of three
  characters or more, and most Korean words have two syllables. The FTS row of a record has the
  record's rowid (Datasette's `fts_pk` is `rowid`): rows are inserted in one go, so their rowids
  are 1..n in order, which a VACUUM that renumbers keeps.
- The same input gives the same bytes: a fixed page size, no timestamps, VACUUM at the end.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from schemas.models import LINE_PATTERN, MODELS, PRIMARY_KEYS

from ..checks import Loaded
from ..tableschema import foreign_keys, table_schema
from . import common
from .common import records

PAGE_SIZE = 4096
FTS_SUFFIX = "_fts"
TERMS_COLUMN = "ko_terms"
TOKENIZE = "porter unicode61 remove_diacritics 2"
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Content morphemes, as the site's search keeps them: nouns, numerals, pronouns, roots, verb and
# adjective stems, adverbs. One-syllable nouns (법, 책) are kept too: FTS matches whole tokens, not
# prefixes as Pagefind does; one-syllable stems (하, 되, 있) are in nearly every sentence.
_CONTENT = re.compile(r"^(NN|NR|NP|XR|VV|VA|MAG)")
_NOUNS = re.compile(r"^(NN|NR|NP|XR)")
# What may stand before a particle in a word kept whole: nouns, their prefixes and suffixes, roots,
# Latin letters and digits (`GPT-4와`, `라마 3의`).
_NOMINAL = re.compile(r"^(NN|NR|NP|XR|XPN|XSN|SL|SN|SH|W_)")
_WORD = re.compile(r"\w+")


def database_stem(loaded: Loaded) -> str:
    """The file stem of the SQLite download and its Datasette database name (common.database_stem:
    no dot, because Datasette 0.65 reads `/name.1/table` as a format extension and 404s)."""
    return common.database_stem(str(loaded.descriptor["name"]))


def user_version(loaded: Loaded) -> int:
    """The package version `major.minor.patch` as major×10000 + minor×100 + patch (0.2.0 → 200)."""
    version = str(loaded.descriptor["version"])
    m = re.fullmatch(r"(\d+)\.(\d+)\.(\d+)", version)
    if not m or int(m[2]) > 99 or int(m[3]) > 99 or int(m[1]) > 200000:
        raise ValueError(f"datapackage.json: version {version!r} is not major.minor.patch with minor and patch below 100, which PRAGMA user_version encodes")
    return int(m[1]) * 10000 + int(m[2]) * 100 + int(m[3])


def _q(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


def _literal(value: Any) -> str:
    return str(value) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'"


def _column_sql(field: dict[str, Any], references: str | None) -> str:
    constraints = field.get("constraints", {})
    sql = f'{_q(field["name"])} {"INTEGER" if field["type"] == "integer" else "TEXT"}'
    if constraints.get("required"):
        sql += " NOT NULL"
    if "enum" in constraints:
        sql += f' CHECK ({_q(field["name"])} IN ({", ".join(_literal(v) for v in constraints["enum"])}))'
    if "minimum" in constraints:
        sql += f' CHECK ({_q(field["name"])} >= {int(constraints["minimum"])})'
    if references:
        sql += f' REFERENCES {_q(references)} ("id")'
    return sql


def create_sql(name: str) -> str:
    """CREATE TABLE for a resource, from its Table Schema."""
    targets = dict(foreign_keys(name))
    lines = [_column_sql(f, targets.get(f["name"])) for f in table_schema(name)["fields"]]
    lines.append(f'PRIMARY KEY ({", ".join(_q(c) for c in PRIMARY_KEYS[name])})')
    return f"CREATE TABLE {_q(name)} (\n  " + ",\n  ".join(lines) + "\n)"


def indexed_columns(name: str) -> list[str]:
    """The foreign-key columns that get an index of their own: every one but the leading column of
    a composite primary key, whose index already serves lookups by that column."""
    leading = {PRIMARY_KEYS[name][0]}
    return [column for column, _ in foreign_keys(name) if column not in leading]


def text_columns(name: str) -> list[str]:
    """The columns full-text search covers: reader-facing text (`Line` fields and free text), not
    keys, enums, dates, addresses or the 32-character context snippets of mentions."""
    keys = set(PRIMARY_KEYS[name]) | {c for c, _ in foreign_keys(name)}
    out = []
    for f in table_schema(name)["fields"]:
        c = f.get("constraints", {})
        if f["type"] == "string" and f["name"] not in keys and "enum" not in c and "maxLength" not in c and c.get("pattern", LINE_PATTERN) == LINE_PATTERN:
            out.append(f["name"])
    return out


def korean_terms(texts: list[str]) -> list[str]:
    """For each text, the Korean search terms unicode61 does not find in it by itself: its content
    morphemes and its words without their particles, each once, space-separated."""
    from ..site.search import kiwi  # the analyser as the site's search loads it

    lines = list(dict.fromkeys(line for text in texts for line in text.splitlines() if _HANGUL.search(line)))
    terms: dict[str, list[str]] = {}
    for line, tokens in zip(lines, kiwi().tokenize(lines)):
        found = [t.form for t in tokens if _CONTENT.match(t.tag) and _HANGUL.search(t.form) and (len(t.form) > 1 or _NOUNS.match(t.tag))]
        found += _stripped_words(line, tokens)
        terms[line] = found
    out = []
    for text in texts:
        words = {w.lower() for w in _WORD.findall(text)}
        found = dict.fromkeys(t.lower() for line in text.splitlines() for t in terms.get(line, ()) if t.lower() not in words)
        out.append(" ".join(found))
    return out


def _stripped_words(line: str, tokens: list[Any]) -> list[str]:
    """The words of `line` written as nouns and a particle or copula (`인공지능은`, `저작권을`,
    `원고이다`), without it: the word a reader types."""
    out = []
    for word in re.finditer(r"\S+", line):
        inside = [t for t in tokens if word.start() <= t.start < word.end()]
        while inside and inside[0].tag.startswith("S") and inside[0].tag not in ("SL", "SN", "SH"):
            inside.pop(0)  # an opening quote mark or bracket
        for t in inside:
            if t.tag.startswith("J") or t.tag == "VCP":
                if t.start > inside[0].start:
                    out.append(line[inside[0].start : t.start])
                break
            if not _NOMINAL.match(t.tag):
                break
    return [w for w in out if _HANGUL.search(w)]


def write_sqlite(loaded: Loaded, out: Path) -> None:
    import sqlite_utils

    out.unlink(missing_ok=True)
    db = sqlite_utils.Database(out, recursive_triggers=False, execute_plugins=False)
    try:
        db.execute(f"PRAGMA page_size = {PAGE_SIZE}")
        db.execute("PRAGMA journal_mode = OFF")
        for name in MODELS:
            db.execute(create_sql(name))
            rows = records(loaded, name)
            if rows:
                db[name].insert_all(rows, batch_size=1000)
            for column in indexed_columns(name):
                db[name].create_index([column])
            _full_text(db, name)
        db.execute(f"PRAGMA user_version = {user_version(loaded)}")
        db.conn.commit()
        problems = db.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise ValueError(f"{out.name}: foreign_key_check found {problems[:5]}")
        db.vacuum()
    finally:
        db.close()


def _full_text(db: Any, name: str) -> None:
    columns = text_columns(name)
    if not columns:
        return
    fts = name + FTS_SUFFIX
    db.execute(f"CREATE VIRTUAL TABLE {_q(fts)} USING fts5({', '.join(_q(c) for c in [*columns, TERMS_COLUMN])}, tokenize={_literal(TOKENIZE)})")
    rows = db.execute(f"SELECT rowid, {', '.join(_q(c) for c in columns)} FROM {_q(name)} ORDER BY rowid").fetchall()
    terms = korean_terms(["\n".join(v for v in row[1:] if v) for row in rows])
    placeholders = ", ".join("?" for _ in range(len(columns) + 2))
    db.conn.executemany(f"INSERT INTO {_q(fts)} (rowid, {', '.join(_q(c) for c in [*columns, TERMS_COLUMN])}) VALUES ({placeholders})", [(*row, t) for row, t in zip(rows, terms)])
