"""The table downloads in the tools their users load them with: pandas (every CSV and every XLSX
sheet, by the plain field names, with the declared types), openpyxl (the workbook's header, filters,
widths, fields sheet, fonts), sqlite3 and sqlite-utils (keys, constraints, indexes, user_version,
full-text search) and the real `datasette` serving the SQLite with its metadata over HTTP (every
foreign-key link resolves and shows its label; the search box finds Korean words inside compounds).

The artifacts are made with `scripts.release.build` into a temporary folder (no site build) and
found by their kind, not their file name."""

from __future__ import annotations

import datetime
import json
import re
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest

from schemas.models import MODELS, PRIMARY_KEYS
from scripts.release import build
from scripts.release.datasette import datasette_metadata, label_column
from scripts.release.sqlite import FTS_SUFFIX, database_stem, text_columns, user_version
from scripts.release.xlsx import FIELDS_SHEET, MAX_WIDTH, display_width
from scripts.tableschema import foreign_keys, table_schema
from scripts.validate import validate
from tests.conftest import FIXTURE, ROOT, refresh_stats

DATASET = ROOT / "dataset"
EPOCH = 1700000000


def make(package: Path, out: Path) -> tuple[object, dict[str, Path]]:
    """The package loaded, and its table downloads by kind (the package folder under "package")."""
    problems, loaded = validate(package)
    assert problems == []
    artifacts = build(package, loaded, out, EPOCH, {"LICENSE-DATA": (ROOT / "LICENSE-DATA").read_bytes()})
    return loaded, {"package": package} | {a.kind: out / a.name for a in artifacts if a.kind in ("xlsx", "sqlite", "datasette")}


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The real dataset and its table downloads."""
    return make(DATASET, tmp_path_factory.mktemp("release") / "downloads")


@pytest.fixture(scope="module")
def fixture(tmp_path_factory):
    """The tiny fixture package (empty tables, columns with no value at all) with a name made
    digit-like ("0123", which a number would make 123) and a description "NA" (which pandas reads as
    missing unless told not to), and its table downloads."""
    import shutil

    package = tmp_path_factory.mktemp("fixture") / "pkg"
    shutil.copytree(FIXTURE, package)
    people = package / "data" / "people.csv"
    text = people.read_text(encoding="utf-8")
    assert text.count("Mark Zuckerberg") == 1 and text.count("Meta's CEO.") == 1
    people.write_text(text.replace("Mark Zuckerberg", "0123").replace("Meta's CEO.", "NA"), encoding="utf-8")
    refresh_stats(package)
    return make(package, tmp_path_factory.mktemp("fixture-release") / "downloads")


PACKAGES = ("real", "fixture")


# ---------------------------------------------------------------------------------------- pandas

PANDAS_TYPES = {"string": "str", "integer": "Int64"}


def pandas_options(name: str) -> dict:
    """How a data user reads a resource with pandas, from its Table Schema (or the XLSX `fields`
    sheet): each column's declared type, dates parsed, and only the empty cell missing (the
    schema's missingValues), not pandas' default "NA", "null", "None"…"""
    fields = table_schema(name)["fields"]
    return {
        "dtype": {f["name"]: PANDAS_TYPES[f["type"]] for f in fields if f["type"] in PANDAS_TYPES},
        "parse_dates": [f["name"] for f in fields if f["type"] == "date"],
        "keep_default_na": False,
        "na_values": [""],
    }


def python_value(value):
    """A pandas cell as the models hold it: missing → None, a date → its ISO string, numpy → int."""
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, (pd.Timestamp, datetime.datetime)):
        return value.date().isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def assert_frame_is_the_resource(df, name: str, loaded) -> None:
    import pandas as pd

    fields = table_schema(name)["fields"]
    assert list(df.columns) == [f["name"] for f in fields], name
    for f in fields:
        column = df[f["name"]]
        kind = {"string": pd.api.types.is_string_dtype, "integer": lambda s: str(s.dtype) == "Int64", "date": pd.api.types.is_datetime64_any_dtype}[f["type"]]
        # parse_dates leaves the column of an empty table as object: there is no date to parse
        assert kind(column) or (f["type"] == "date" and df.empty), (name, f["name"], column.dtype)
    model = MODELS[name]
    back = [model.model_validate({k: python_value(v) for k, v in row.items()}) for row in df.to_dict("records")]
    assert back == loaded.records(name), name


@pytest.mark.parametrize("which", PACKAGES)
def test_pandas_reads_every_csv_with_the_declared_types(which, request):
    import pandas as pd

    loaded, files = request.getfixturevalue(which)
    for name in MODELS:
        df = pd.read_csv(files["package"] / loaded.paths[name], encoding="utf-8", **pandas_options(name))
        assert_frame_is_the_resource(df, name, loaded)


@pytest.mark.parametrize("which", PACKAGES)
def test_pandas_reads_every_sheet_with_the_declared_types(which, request):
    import pandas as pd

    loaded, files = request.getfixturevalue(which)
    for name in MODELS:
        df = pd.read_excel(files["xlsx"], sheet_name=name, **pandas_options(name))
        assert_frame_is_the_resource(df, name, loaded)


def test_the_fields_sheet_gives_pandas_the_types(fixture):
    """What a data user does without the Table Schema: the dtypes from the `fields` sheet. A column
    with no value at all (works.part_of_id in the fixture) then reads as strings, not float NaN."""
    import pandas as pd

    loaded, files = fixture
    fields = pd.read_excel(files["xlsx"], sheet_name=FIELDS_SHEET, keep_default_na=False)
    works = fields[fields["resource"] == "works"]
    dtype = {r.field: PANDAS_TYPES[r.type] for r in works.itertuples() if r.type in PANDAS_TYPES}
    df = pd.read_excel(files["xlsx"], sheet_name="works", dtype=dtype, keep_default_na=False, na_values=[""])
    assert pd.api.types.is_string_dtype(df["part_of_id"]) and df["part_of_id"].isna().all()
    assert pd.read_excel(files["xlsx"], sheet_name="works")["part_of_id"].dtype == "float64"  # what dtype= is for


@pytest.mark.parametrize("which", PACKAGES)
def test_plain_read_excel_has_the_field_names_and_types(which, request):
    """`pd.read_excel(f, sheet_name=name)` with no options: the field names, integers as integers,
    every string column that has values as strings (in the real data; see the next test)."""
    import pandas as pd

    loaded, files = request.getfixturevalue(which)
    sheets = pd.read_excel(files["xlsx"], sheet_name=None)
    assert list(sheets) == [FIELDS_SHEET, *MODELS]
    for name in MODELS:
        df = sheets[name]
        records = [r.model_dump(mode="json") for r in loaded.records(name)]
        key = PRIMARY_KEYS[name][0]
        assert df[key].tolist() == [r[key] for r in records], name
        for f in table_schema(name)["fields"]:
            values = [r[f["name"]] for r in records if r[f["name"]] is not None]
            if f["type"] == "integer" and records:
                assert df[f["name"]].dtype == "int64", (name, f["name"])
            if f["type"] == "string" and values and which == "real":
                assert all(isinstance(v, str) for v in df[f["name"]].dropna()), (name, f["name"])

def test_what_plain_read_excel_gets_wrong_is_what_the_declared_types_fix(fixture):
    """pandas' guesses the format cannot prevent: a text cell "0123" alone in its column becomes the
    number 123, a text cell "NA" becomes missing. Read with the declared types (pandas_options, or
    the `fields` sheet), both stay as written; the downloads page tells data users so."""
    import pandas as pd

    _, files = fixture
    plain = pd.read_excel(files["xlsx"], sheet_name="people")
    assert plain["name_en"].tolist() == [123] and plain["description_en"].isna().all()
    typed = pd.read_excel(files["xlsx"], sheet_name="people", **pandas_options("people"))
    assert typed["name_en"].tolist() == ["0123"] and typed["description_en"].tolist() == ["NA"]


# -------------------------------------------------------------------------------------- openpyxl


def test_workbook_header_filters_widths_and_frozen_row(real):
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    loaded, files = real
    wb = load_workbook(files["xlsx"])
    assert wb.sheetnames == [FIELDS_SHEET, *MODELS]
    for ws in wb.worksheets:
        header = [c.value for c in ws[1]]
        if ws.title != FIELDS_SHEET:
            assert header == [f["name"] for f in table_schema(ws.title)["fields"]]
        assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}", ws.title
        assert ws.freeze_panes == "A2", ws.title
        for column, cells in enumerate(ws.iter_cols(values_only=True), start=1):
            width = ws.column_dimensions[get_column_letter(column)].width
            widest = max(display_width(v.isoformat()[:10] if isinstance(v, datetime.datetime) else str(v)) for v in cells if v is not None)
            assert min(widest, MAX_WIDTH) <= width <= MAX_WIDTH, (ws.title, header[column - 1], width, widest)
        for cell in ws[1]:
            assert cell.font.b and cell.font.scheme == "minor", (ws.title, cell.coordinate)
    assert display_width("마크 저커버그") == 13  # Korean counts double: 13 columns wide, not 7


def test_workbook_text_is_text_in_a_font_with_hangul(real):
    """Every string is an inline-string cell (openpyxl's way; Excel reads them as text): no formula,
    no formula result, no number; the Korean is there as written. Cells use the theme's body font,
    whose Korean face is a Hangul font."""
    import xml.etree.ElementTree as ET

    loaded, files = real
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(files["xlsx"]) as z:
        theme = z.read("xl/theme/theme1.xml").decode("utf-8")
        styles = z.read("xl/styles.xml").decode("utf-8")
        sheets = [ET.fromstring(z.read(n)) for n in sorted(z.namelist()) if n.startswith("xl/worksheets/sheet")]
    texts = []
    for sheet in sheets:
        for cell in sheet.iterfind(".//m:c", ns):
            assert cell.get("t") in ("inlineStr", "n", None), cell.get("r")
            assert cell.find("m:f", ns) is None, cell.get("r")
            if cell.get("t") == "inlineStr":
                texts.append("".join(t.text or "" for t in cell.iterfind(".//m:t", ns)))
    names = [p.name_ko for p in loaded.records("people")]
    assert names and set(names) <= set(texts)
    a = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
    hangul = ET.fromstring(theme).find(".//a:minorFont/a:font[@script='Hang']", a).get("typeface")
    assert hangul in {"맑은 고딕", "Malgun Gothic"}
    fonts = re.findall(r"<font>.*?</font>", re.search(r"<fonts[^>]*>(.*?)</fonts>", styles, re.S)[1], re.S)
    assert fonts and all('<scheme val="minor"/>' in f for f in fonts)


def test_fields_sheet_lists_every_field(real):
    from openpyxl import load_workbook

    _, files = real
    rows = list(load_workbook(files["xlsx"])[FIELDS_SHEET].iter_rows(values_only=True))
    assert rows[0] == ("resource", "field", "type", "required", "primary_key", "references", "values", "label_ko", "label_en", "description_ko", "description_en")
    expected = []
    for name in MODELS:
        targets = dict(foreign_keys(name))
        for f in table_schema(name)["fields"]:
            c = f.get("constraints", {})
            expected.append((
                name, f["name"], f["type"], "yes" if c.get("required") else "no", "yes" if f["name"] in PRIMARY_KEYS[name] else "no",
                f"{targets[f['name']]}.id" if f["name"] in targets else None, ", ".join(c["enum"]) if "enum" in c else None,
                f["title_ko"], f["title"], f["description_ko"], f["description"],
            ))
    assert rows[1:] == expected
    assert ("quotes", "kind", "string", "yes", "no", None, "direct, indirect, mixed", "종류", "Kind", "직접 인용, 간접 인용 또는 혼합.", "Direct, indirect or mixed.") in rows


def test_workbook_dates_are_dates(real):
    from openpyxl import load_workbook

    loaded, files = real
    ws = load_workbook(files["xlsx"])["cases"]
    filed = [c for c in ws[1] if c.value == "filed"][0].column
    cell = ws.cell(row=2, column=filed)
    assert isinstance(cell.value, datetime.datetime) and cell.number_format == "yyyy-mm-dd"
    assert cell.value.date().isoformat() == loaded.records("cases")[0].filed


def test_workbook_is_byte_reproducible(real, tmp_path):
    from scripts.release import write_xlsx

    loaded, files = real
    write_xlsx(loaded, tmp_path / "again.xlsx", EPOCH)
    assert (tmp_path / "again.xlsx").read_bytes() == files["xlsx"].read_bytes()


# ---------------------------------------------------------------------------------------- SQLite


def test_sqlite_loads_back_equal_with_keys_and_constraints(real):
    import sqlite_utils

    loaded, files = real
    db = sqlite_utils.Database(files["sqlite"])
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    for name, model in MODELS.items():
        cursor = db.execute(f'SELECT * FROM "{name}"')
        columns = [c[0] for c in cursor.description]
        assert columns == list(model.model_fields)
        assert [model.model_validate(dict(zip(columns, row))) for row in cursor] == loaded.records(name)
        table = db[name]
        assert tuple(table.pks) == PRIMARY_KEYS[name]
        assert {(fk.column, fk.other_table, fk.other_column) for fk in table.foreign_keys} == {(c, t, "id") for c, t in foreign_keys(name)}
        notnull = {c.name for c in table.columns if c.notnull}
        assert notnull == {f["name"] for f in table_schema(name)["fields"] if f.get("constraints", {}).get("required")}, name


def indexes(db: sqlite3.Connection, name: str) -> list[tuple[str, tuple[str, ...]]]:
    """Every index of a table (its primary key's too), by name, with its columns in order."""
    out = []
    for _, index, *_ in db.execute(f'PRAGMA index_list("{name}")'):
        out.append((index, tuple(r[2] for r in db.execute(f'PRAGMA index_info("{index}")'))))
    return out


def test_every_foreign_key_column_leads_an_index_and_no_index_is_redundant(real):
    """A lookup by a foreign key finds an index that starts with its column; an index whose columns
    start another index (or are the same) only slows writes, the other serves its queries."""
    _, files = real
    db = sqlite3.connect(files["sqlite"])
    total = 0
    for name in MODELS:
        found = indexes(db, name)
        total += len(found)
        for column, _ in foreign_keys(name):
            assert any(cols[0] == column for _, cols in found), f"{name}.{column} has no index"
        for index, cols in found:
            for other, longer in found:
                assert other == index or longer[: len(cols)] != cols, f"{name}: {index} {cols} is a prefix of {other} {longer}"
    assert total == sum(1 + len([c for c, _ in foreign_keys(n) if c != PRIMARY_KEYS[n][0]]) for n in MODELS)


def test_an_enum_value_not_in_the_vocabulary_is_refused(real, tmp_path):
    """Each enum column has a CHECK: the first row of its table, under a new key, goes in with a
    value of the vocabulary and is refused with any other."""
    import shutil

    _, files = real
    copy = tmp_path / "copy.sqlite"
    shutil.copyfile(files["sqlite"], copy)
    db = sqlite3.connect(copy)
    checked = 0
    for name in MODELS:
        columns = [f["name"] for f in table_schema(name)["fields"]]
        first = db.execute(f'SELECT * FROM "{name}" LIMIT 1').fetchone()
        for n, f in enumerate(table_schema(name)["fields"]):
            if "enum" not in f.get("constraints", {}):
                continue
            row = list(first)
            row[columns.index(PRIMARY_KEYS[name][0])] = "a-new-key"
            insert = f'INSERT INTO "{name}" VALUES ({", ".join("?" for _ in row)})'
            row[n] = "not-in-the-vocabulary"
            with pytest.raises(sqlite3.IntegrityError, match="CHECK constraint failed"):
                db.execute(insert, row)
            row[n] = f["constraints"]["enum"][-1]
            db.execute(insert, row)
            db.rollback()
            checked += 1
    assert checked == sum(1 for n in MODELS for f in table_schema(n)["fields"] if "enum" in f.get("constraints", {}))


def test_user_version_is_the_package_version(real):
    loaded, files = real
    major, minor, patch = (int(p) for p in loaded.descriptor["version"].split("."))
    assert sqlite3.connect(files["sqlite"]).execute("PRAGMA user_version").fetchone()[0] == major * 10000 + minor * 100 + patch


def test_user_version_and_database_stem_refuse_what_they_cannot_say():
    assert user_version(SimpleNamespace(descriptor={"version": "1.2.3"})) == 10203
    with pytest.raises(ValueError, match="datapackage.json: version '1.100.0'"):
        user_version(SimpleNamespace(descriptor={"version": "1.100.0"}))
    assert database_stem(SimpleNamespace(descriptor={"name": "a.b.c"})) == "a-b-c"


def searched(db: sqlite3.Connection, query: str) -> set[tuple[str, str]]:
    """(table, key) of every row whose full-text index matches `query` (as Datasette escapes it)."""
    out = set()
    for name in MODELS:
        if text_columns(name):
            key = PRIMARY_KEYS[name][0]
            sql = f'SELECT "{key}" FROM "{name}" WHERE rowid IN (SELECT rowid FROM "{name}{FTS_SUFFIX}" WHERE "{name}{FTS_SUFFIX}" MATCH ?)'
            out |= {(name, r[0]) for r in db.execute(sql, ('"' + query + '"',))}
    return out


def containing(db: sqlite3.Connection, pattern: str) -> set[tuple[str, str]]:
    out = set()
    for name in MODELS:
        if columns := text_columns(name):
            key = PRIMARY_KEYS[name][0]
            for row in db.execute(f'SELECT "{key}", {", ".join(chr(34) + c + chr(34) for c in columns)} FROM "{name}"'):
                if re.search(pattern, " ".join(v for v in row[1:] if v), re.I):
                    out.add((name, row[0]))
    return out


def test_full_text_search_finds_korean_words_inside_compounds_and_english_words(real):
    """지능 is written only inside 인공지능 in the data, and 지능 finds every record with it; the
    English word LibGen finds the records that have that word, and `gen`, a part of it, none."""
    _, files = real
    db = sqlite3.connect(files["sqlite"])
    inside = containing(db, "지능")
    assert inside and inside == containing(db, "인공지능")  # only inside the compound
    assert ("organizations", "openai") in inside and any(t == "legal_issues" for t, _ in inside)
    assert searched(db, "지능") == inside
    assert searched(db, "libgen") == containing(db, r"\blibgen\b") != set()
    assert searched(db, "gen") == set() == containing(db, r"\bgen\b")
    # a word with its particle (저작권을, 저작권이) is found without it
    assert containing(db, "저작권[을이은의]") <= searched(db, "저작권")


def test_sqlite_is_byte_reproducible(real, tmp_path):
    from scripts.release import write_sqlite

    loaded, files = real
    write_sqlite(loaded, tmp_path / "again.sqlite")
    assert (tmp_path / "again.sqlite").read_bytes() == files["sqlite"].read_bytes()


# ------------------------------------------------------------------------------------- Datasette


class Cells(HTMLParser):
    """The links in the cells of a Datasette table page: (column, href, link text, <em> text)."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.links: list[list[str]] = []
        self._column = None
        self._in = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "td":
            m = re.search(r"\bcol-(\S+)", a.get("class") or "")
            self._column = m[1] if m else None
        elif tag == "a" and self._column:
            self.links.append([self._column, a.get("href", ""), "", ""])
            self._in = "a"
        elif tag == "em" and self._column and self.links and self.links[-1][0] == self._column:
            self._in = "em"

    def handle_endtag(self, tag):
        if tag == "td":
            self._column = None
        if tag in ("a", "em"):
            self._in = None

    def handle_data(self, data):
        if self._in == "a":
            self.links[-1][2] += data
        elif self._in == "em":
            self.links[-1][3] += data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, ""


@pytest.fixture(scope="module")
def datasette(real):
    """The real `datasette` serving the SQLite download with its metadata, on a free port."""
    _, files = real
    port = free_port()
    command = [str(Path(sys.executable).parent / "datasette"), "serve", str(files["sqlite"]), "--metadata", str(files["datasette"]), "--host", "127.0.0.1", "--port", str(port)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if get(base + "/-/versions.json")[0] == 200:
                    break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"datasette did not start: {' '.join(command)}\n{process.stdout.read()}")
            time.sleep(0.2)
        yield base, files["sqlite"].stem
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_metadata_names_the_database_as_datasette_does(real):
    _, files = real
    meta = json.loads(files["datasette"].read_text(encoding="utf-8"))
    assert list(meta["databases"]) == [files["sqlite"].stem] and "." not in files["sqlite"].stem
    assert "about_url" not in meta  # the release does not know the site's address: nothing is made up
    loaded, _ = real
    assert datasette_metadata(loaded, "x", site_url="http://127.0.0.1:8000/")["about_url"] == "http://127.0.0.1:8000/"
    tables = meta["databases"][files["sqlite"].stem]["tables"]
    assert set(tables) == set(MODELS) and tables["people"]["title"] == "People / 인물"
    assert tables["people"]["label_column"] == "name_en" and tables["people"]["fts_table"] == "people_fts"


def labels(db: sqlite3.Connection, table: str) -> dict[str, str]:
    """What Datasette shows for a foreign key into `table`: its label column, or the id itself."""
    column = label_column(table) or "id"
    return {k: v for k, v in db.execute(f'SELECT "id", "{column}" FROM "{table}"')}


def test_every_foreign_key_link_on_every_table_page_resolves_with_its_label(real, datasette):
    base, database = datasette
    _, files = real
    db = sqlite3.connect(files["sqlite"])
    links_seen, resolved = 0, {}
    for name in MODELS:
        status, html = get(f"{base}/{database}/{name}?_size=max")
        assert status == 200, name
        fks = dict(foreign_keys(name))
        links = [link for link in Cells(html).links if link[0] in fks]
        values = [(c, v) for c, _ in fks.items() for (v,) in db.execute(f'SELECT "{c}" FROM "{name}" WHERE "{c}" IS NOT NULL')]
        assert sorted((c, em or text) for c, _, text, em in links) == sorted(values), name  # every foreign key is a link
        for column, href, text, em in links:
            target = fks[column]
            em = em or text  # a table without a label column: the id is the link's text
            assert href == f"/{database}/{target}/{urllib.parse.quote(em)}", (name, href)
            assert text == labels(db, target)[em], (name, column, em, text)
            if href not in resolved:
                resolved[href] = get(base + href)[0]
            assert resolved[href] == 200, href
        links_seen += len(links)
    assert links_seen == sum(1 for n in MODELS for c, _ in foreign_keys(n) for _ in db.execute(f'SELECT 1 FROM "{n}" WHERE "{c}" IS NOT NULL'))
    print(f"datasette: {links_seen} foreign-key links on {len(MODELS)} table pages, {len(resolved)} distinct, all 200")


def test_json_api_gives_labels_facets_and_search(real, datasette):
    base, database = datasette
    _, files = real
    db = sqlite3.connect(files["sqlite"])
    status, body = get(f"{base}/{database}/memberships.json?_labels=on&_shape=array&_size=max")
    assert status == 200
    rows = json.loads(body)
    people = labels(db, "people")
    assert rows and all(r["person_id"]["label"] == people[r["person_id"]["value"]] for r in rows)
    status, body = get(f"{base}/{database}/quotes.json")
    assert set(json.loads(body)["facet_results"]) == {"kind", "channel", "original_language", "wording_status", "speaker_status"}
    status, body = get(f"{base}/{database}/events.json?_shape=array&_size=max")
    dates = [r["date"] for r in json.loads(body)]
    assert len(dates) > 1 and dates == sorted(dates)  # the metadata's sort
    status, body = get(f"{base}/{database}/organizations.json?_shape=array&_search=" + urllib.parse.quote("지능"))
    assert status == 200
    assert {r["id"] for r in json.loads(body)} == {k for t, k in searched(db, "지능") if t == "organizations"} != set()
    status, html = get(f"{base}/{database}/organizations?_search=" + urllib.parse.quote("지능"))
    assert status == 200 and 'name="_search"' in html and "OpenAI" in html
