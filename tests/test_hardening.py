"""Broken and hostile input: whatever is done to the data files, the validator says exactly what is
wrong (never a traceback), and a failed or killed build leaves the previous site as it was."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from schemas.models import MODELS
from scripts.site.csp import inline_script_hashes
from scripts.tableschema import foreign_keys, table_schema
from scripts.validate import main as validate_main
from tests.conftest import ROOT, refresh_stats
from tests.site_helpers import pages
from tests.test_site_build import tree_digest

DATASET = ROOT / "dataset"
TABLES = {name: f"data/{name}.csv" for name in MODELS}
NONEMPTY = [n for n in MODELS if len((DATASET / TABLES[n]).read_text(encoding="utf-8").splitlines()) > 1]
SPANNED = ["sentences", "mentions", "quotes", "fact_checks"]
WITH_REFERENCES = [n for n in NONEMPTY if foreign_keys(n)]
WITH_HANGUL = [p for p in [*TABLES.values(), "sources/article-ko.txt"] if re.search("[가-힣]", (DATASET / p).read_text(encoding="utf-8"))]


def read_rows(package: Path, name: str) -> tuple[list[str], list[list[str]]]:
    with open(package / TABLES[name], encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def write_rows(package: Path, name: str, header: list[str], rows: list[list[str]]) -> None:
    with open(package / TABLES[name], "w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([header, *rows])


def run_validator(package: Path) -> tuple[int, list[str]]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = validate_main([str(package)])
    return status, out.getvalue().splitlines()


# Each mutation breaks a copy of the real package and says which lines must point at the damage:
# a regular expression that at least one printed line must match.


def typed_columns(name: str) -> list[str]:
    """Columns whose type or vocabulary a free-text value breaks: integers and enums."""
    return [f["name"] for f in table_schema(name)["fields"] if f["type"] == "integer" or "enum" in f.get("constraints", {})]


def mutate_cell_type(package: Path, data) -> tuple[str, int]:
    name = data.draw(st.sampled_from([n for n in NONEMPTY if typed_columns(n)]))
    header, rows = read_rows(package, name)
    column = data.draw(st.sampled_from(typed_columns(name)))
    r = data.draw(st.integers(0, len(rows) - 1))
    rows[r][header.index(column)] = "not-a-value-of-this-type"
    write_rows(package, name, header, rows)
    refresh_stats(package)
    return rf"^{re.escape(TABLES[name])}:{r + 2}:{re.escape(column)}: ", 1


def mutate_duplicate_row(package: Path, data) -> tuple[str, int]:
    name = data.draw(st.sampled_from(NONEMPTY))
    header, rows = read_rows(package, name)
    r = data.draw(st.integers(0, len(rows) - 1))
    write_rows(package, name, header, rows + [rows[r]])
    refresh_stats(package)
    return rf"^{re.escape(TABLES[name])}:{len(rows) + 2}:", 1


def mutate_dangling_reference(package: Path, data) -> tuple[str, int]:
    name = data.draw(st.sampled_from(WITH_REFERENCES))
    header, rows = read_rows(package, name)
    filled = [(r, c) for r, row in enumerate(rows) for c, _ in foreign_keys(name) if row[header.index(c)]]
    r, column = data.draw(st.sampled_from(filled))
    rows[r][header.index(column)] = "points-nowhere"
    write_rows(package, name, header, rows)
    refresh_stats(package)
    return rf"^{re.escape(TABLES[name])}:{r + 2}:", 1


def mutate_offset(package: Path, data) -> tuple[str, int]:
    name = data.draw(st.sampled_from(SPANNED))
    header, rows = read_rows(package, name)
    r = data.draw(st.integers(0, len(rows) - 1))
    shift = data.draw(st.sampled_from([-1, 1]))
    i = header.index("start")
    start = int(rows[r][i])
    rows[r][i] = str(start + shift if start + shift >= 0 else start + 1)
    write_rows(package, name, header, rows)
    refresh_stats(package)
    return rf"^{re.escape(TABLES[name])}:{r + 2}:", 1


def mutate_column(package: Path, data) -> tuple[str, int]:
    name = data.draw(st.sampled_from(list(MODELS)))
    header, rows = read_rows(package, name)
    if data.draw(st.booleans()):
        c = data.draw(st.integers(0, len(header) - 1))
        column = header[c]
        write_rows(package, name, header[:c] + header[c + 1 :], [row[:c] + row[c + 1 :] for row in rows])
    else:
        column = "added"
        write_rows(package, name, header + [column], [row + ["x"] for row in rows])
    refresh_stats(package)
    return rf"^{re.escape(TABLES[name])}:1:{column}: ", 1


def mutate_bytes(package: Path, data) -> tuple[str, int]:
    rel = data.draw(st.sampled_from([*TABLES.values(), "sources/article-ko.txt"]))
    raw = (package / rel).read_bytes()
    how = data.draw(st.sampled_from(["flip", "truncate", "bom", "crlf", "empty"] if b"\n" in raw else ["flip", "truncate", "bom", "empty"]))
    if how == "flip":
        i = data.draw(st.integers(0, len(raw) - 1))
        raw = raw[:i] + b"\xff" + raw[i + 1 :]
    elif how == "truncate":
        raw = raw[: data.draw(st.integers(0, len(raw) - 2))]
    elif how == "bom":
        raw = b"\xef\xbb\xbf" + raw
    elif how == "crlf":
        raw = raw.replace(b"\n", b"\r\n")
    else:
        raw = b""
    (package / rel).write_bytes(raw)
    return rf"^{re.escape(rel)}:", 1


def mutate_nfd(package: Path, data) -> tuple[str, int]:
    rel = data.draw(st.sampled_from(WITH_HANGUL))
    text = (package / rel).read_text(encoding="utf-8")
    (package / rel).write_text(unicodedata.normalize("NFD", text), encoding="utf-8", newline="")
    refresh_stats(package)
    return rf"^{re.escape(rel)}:", 1


def mutate_descriptor(package: Path, data) -> tuple[str, int]:
    text = (package / "datapackage.json").read_text(encoding="utf-8")
    # a line start is always outside any JSON string, so a brace there always breaks the JSON
    starts = [m.end() for m in re.finditer("\n", text[:-1])]
    i = data.draw(st.sampled_from(starts))
    (package / "datapackage.json").write_text(text[:i] + "{" + text[i:], encoding="utf-8")
    return r"^datapackage\.json: invalid JSON at line \d+ column \d+: ", 2


MUTATIONS = [mutate_cell_type, mutate_duplicate_row, mutate_dangling_reference, mutate_offset, mutate_column, mutate_bytes, mutate_nfd, mutate_descriptor]
TRIED: list[str] = []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_mutation_gets_a_located_line_and_no_traceback(data):
    mutation = data.draw(st.sampled_from(MUTATIONS))
    with tempfile.TemporaryDirectory() as tmp:
        package = Path(tmp) / "pkg"
        shutil.copytree(DATASET, package)
        expected, status = mutation(package, data)
        TRIED.append(mutation.__name__)
        got, lines = run_validator(package)
    assert got == status, (mutation.__name__, lines[:5])
    assert any(re.search(expected, line) for line in lines), (mutation.__name__, expected, lines[:10])
    assert all(re.match(r"^[^:\s]+(:\d+:[^:]+)?: ", line) for line in lines), lines[:10]


def test_the_property_test_tried_every_kind_of_mutation():
    # runs after the property test (same module, file order): every mutation was drawn at least once
    assert {m.__name__ for m in MUTATIONS} <= set(TRIED), sorted(set(TRIED))


def make_site(package: Path, site_dir: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATASET": str(package), "SITE_DIR": str(site_dir), "SOURCE_DATE_EPOCH": "1700000000"}
    return subprocess.run(["make", "-s", "site"], cwd=ROOT, env=env, capture_output=True, text=True)


BROKEN = {
    "bom": lambda p: (p / "data/people.csv").write_bytes(b"\xef\xbb\xbf" + (p / "data/people.csv").read_bytes()),
    "invalid-json": lambda p: (p / "datapackage.json").write_text("{", encoding="utf-8"),
    "truncated": lambda p: (p / "data/quotes.csv").write_bytes((p / "data/quotes.csv").read_bytes()[:-200]),
    "dangling-reference": lambda p: (p / "data/memberships.csv").write_text(
        (p / "data/memberships.csv").read_text(encoding="utf-8").replace(",meta,", ",nowhere,"), encoding="utf-8"
    ),
}


@pytest.mark.parametrize("damage", sorted(BROKEN))
def test_make_site_on_a_broken_copy_leaves_the_site_unchanged(tmp_path, site, damage):
    site_dir = tmp_path / "site"
    shutil.copytree(site, site_dir)
    before = tree_digest(site_dir)
    package = tmp_path / "pkg"
    shutil.copytree(DATASET, package)
    BROKEN[damage](package)
    done = make_site(package, site_dir)
    assert done.returncode != 0
    assert f"{site_dir} was left as it was" in done.stderr or "invalid JSON" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert tree_digest(site_dir) == before


def test_a_build_killed_halfway_leaves_the_site_unchanged(tmp_path, site):
    site_dir = tmp_path / "site"
    shutil.copytree(site, site_dir)
    before = tree_digest(site_dir)
    env = {**os.environ, "DATASET": str(DATASET), "SITE_DIR": str(site_dir), "SOURCE_DATE_EPOCH": "1700000000"}
    build = subprocess.Popen([os.sys.executable, "-m", "scripts.site.build"], cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    # kill it once MkDocs is writing pages into the temporary folder
    while time.monotonic() < deadline and not list(tmp_path.glob(".site-build-*/out/*/index.html")):
        time.sleep(0.05)
    assert build.poll() is None, "the build ended before it could be killed"
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    assert tree_digest(site_dir) == before
    # the next build clears what the killed one left behind
    done = subprocess.run([os.sys.executable, "-m", "scripts.site.build"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert list(tmp_path.glob(".site-build-*")) == []


def test_every_page_has_a_content_security_policy_for_its_own_scripts(site):
    meta = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
    for url, path in pages(site).items():
        html = path.read_text(encoding="utf-8")
        found = meta.findall(html)
        assert len(found) == 1, url
        directives = dict(d.strip().split(" ", 1) for d in found[0].split(";"))
        # 'wasm-unsafe-eval' lets the search run Pagefind's WebAssembly; it allows no JavaScript eval
        assert directives["script-src"].split() == ["'self'", *inline_script_hashes(html), "'wasm-unsafe-eval'"], url
        assert "unsafe-inline" not in directives["script-src"] and "http" not in found[0]
        assert directives["img-src"] == "'self' data:" and directives["default-src"] == "'self'"
        assert html.index("Content-Security-Policy") < html.index("<script"), url
