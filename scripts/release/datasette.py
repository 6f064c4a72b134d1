"""Datasette metadata for the SQLite download (`datasette <stem>.sqlite --metadata metadata.json`):
bilingual titles and descriptions of every table and column; for each table the column that names
its rows (`label_column`: Datasette shows it beside every foreign key that points at a row), facets
on the columns with a closed vocabulary, the natural order where there is one (article order,
date), and the full-text index the search box uses."""

from __future__ import annotations

from typing import Any

from schemas.models import MODELS, Spanned

from ..checks import Loaded
from ..tableschema import table_schema
from .sqlite import FTS_SUFFIX, TERMS_COLUMN, text_columns, user_version

# The column that names a row, first found wins: English, as Datasette's own interface is.
LABEL_COLUMNS = ("name_en", "term_en", "title_en", "caption", "alias", "role_en", "text_en", "fact_en", "article_says_en", "exact")


def label_column(name: str) -> str | None:
    names = [f["name"] for f in table_schema(name)["fields"]]
    return next((c for c in LABEL_COLUMNS if c in names), None)


def facets(name: str) -> list[str]:
    return [f["name"] for f in table_schema(name)["fields"] if "enum" in f.get("constraints", {})]


def sort_column(name: str) -> str | None:
    """Rows anchored in a source in the order of the source; dated rows by date; others by key."""
    if issubclass(MODELS[name], Spanned):
        return "start"
    required = [f["name"] for f in table_schema(name)["fields"] if f.get("constraints", {}).get("required")]
    return "date" if "date" in required else None


def table_metadata(name: str) -> dict[str, Any]:
    labels = MODELS[name].labels
    table: dict[str, Any] = {
        "title": f"{labels.label_en} / {labels.label_ko}",
        "description": f"{labels.description_en} / {labels.description_ko}",
        "columns": {f["name"]: f"{f['title']} / {f['title_ko']}: {f['description']} / {f['description_ko']}" for f in table_schema(name)["fields"]},
    }
    if label := label_column(name):
        table["label_column"] = label
    if names := facets(name):
        table["facets"] = names
    if sort := sort_column(name):
        table["sort"] = sort
    if text_columns(name):
        table["fts_table"] = name + FTS_SUFFIX
        table["fts_pk"] = "rowid"
    return table


def datasette_metadata(loaded: Loaded, database: str, site_url: str | None = None) -> dict[str, Any]:
    """The metadata for the database `database` (the SQLite file's stem). `site_url`, the published
    site's address, becomes `about_url` when known; nothing else links out but the licence and the
    package's own source addresses, and none is made up."""
    d = loaded.descriptor
    licence = d["licenses"][0]
    source = d["sources"][0]
    version = user_version(loaded)
    meta: dict[str, Any] = {
        "title": d["title"],
        "description": d["description"],
        "license": licence["name"],
        "license_url": licence["path"],
        "source": source["title"],
    }
    if source.get("path"):
        meta["source_url"] = source["path"]
    if site_url:
        meta["about"] = d["title"]
        meta["about_url"] = site_url
    meta["databases"] = {
        database: {
            "title": d["title"],
            "description": (
                f"Data package {d['name']} {d['version']} (PRAGMA user_version = {version}: major × 10000 + minor × 100 + patch). "
                f"The search box searches each table's text and, in column {TERMS_COLUMN}, the Korean words Kiwi finds in it, "
                "so that a word inside a compound is found (지능 in 인공지능). "
                f"/ 데이터 패키지 {d['name']} {d['version']} (PRAGMA user_version = {version}: 주 버전 × 10000 + 부 버전 × 100 + 패치 버전). "
                f"검색 상자는 각 표의 글과, {TERMS_COLUMN} 열에 담은 Kiwi가 찾은 한국어 낱말을 찾으므로 합성어 속 낱말도 찾는다 (인공지능 속 지능)."
            ),
            "tables": {name: table_metadata(name) for name in MODELS},
        }
    }
    return meta
