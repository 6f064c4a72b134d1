"""Hostile packages, round 2: a descriptor or a data file that tries to make the validator read
outside the package, fetch a URL, hang, flood or forge the terminal, or crash the build later.
Each is refused with a located line, in bounded time and output, and nothing outside is read."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.problems import LIMIT_PER_FILE
from tests.conftest import FIXTURE, ROOT, Package, refresh_stats

SECRET = "kadrey-secret-do-not-print"
# Anything a terminal would act on, and the separators that would start a line of their own.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def run(folder: Path, *args: str, timeout: float = 60, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """The validator as `make validate` runs it, in a process of its own (so a hang is a timeout)."""
    return subprocess.run(
        [sys.executable, "-m", "scripts.validate", *args, str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=timeout, env=env
    )


def descriptor(package: Package) -> dict:
    return json.loads(package.read("datapackage.json"))


def save(package: Package, d: dict) -> None:
    package.write("datapackage.json", json.dumps(d, ensure_ascii=False, indent=2), refresh=False)


def resource(d: dict, name: str) -> dict:
    return next(r for r in d["resources"] if r["name"] == name)


def assert_clean(done: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    for line in done.stdout.splitlines():
        assert not UNPRINTABLE.search(line), line


# --- package name and version: file names of the release ----------------------------------------


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("name", "/tmp/x", "datapackage.json: name: String should match pattern"),
        ("name", "../x", "datapackage.json: name: String should match pattern"),
        ("name", "a/b", "datapackage.json: name: String should match pattern"),
        ("version", "../../0.1.0", "datapackage.json: version: String should match pattern"),
        ("version", "0.1.0/x", "datapackage.json: version: String should match pattern"),
    ],
)
def test_name_and_version_that_are_paths_are_refused(package, validate, key, value, expected):
    d = descriptor(package)
    d[key] = value
    save(package, d)
    status, lines = validate(package.root)
    assert status == 1
    assert lines[0].startswith(expected), lines


@pytest.mark.parametrize(
    "damage, expected",
    [
        (lambda d: d.pop("version"), "datapackage.json: version: missing"),
        (lambda d: d.pop("name"), "datapackage.json: name: missing"),
        (lambda d: d.pop("title"), "datapackage.json: title: missing"),
        (lambda d: d.pop("licenses"), "datapackage.json: licenses: missing"),
        (lambda d: d["licenses"][0].pop("path"), "datapackage.json: licenses.0.path: missing"),
        (lambda d: d["licenses"][0].update(path="javascript:alert(1)"), "datapackage.json: licenses.0.path: String should match pattern"),
        (lambda d: d.pop("sources"), "datapackage.json: sources: missing"),
        (lambda d: d.update(sources=[]), "datapackage.json: sources: List should have at least 1 item"),
        (lambda d: d.update(contributors=[{"roles": ["creator"]}]), "datapackage.json: contributors.0.title: missing"),
    ],
)
def test_metadata_the_build_reads_is_checked_up_front(package, validate, damage, expected):
    d = descriptor(package)
    damage(d)
    save(package, d)
    status, lines = validate(package.root)
    assert status == 1
    assert lines[0] == expected or lines[0].startswith(expected), lines


def test_frictionless_reasons_for_a_descriptor_it_rejects_are_printed(package, validate):
    d = descriptor(package)
    d["homepage"] = 5  # not ours to check: frictionless's profile says a homepage is a string
    save(package, d)
    status, lines = validate(package.root)
    assert status == 1
    assert len(lines) >= 2 and all(line.startswith("datapackage.json: frictionless: ") for line in lines), lines
    assert any("homepage" in line for line in lines[1:]), lines


# --- no network -----------------------------------------------------------------------------------


class Listener:
    """An HTTP server on 127.0.0.1 that records every request made to it."""

    def __init__(self) -> None:
        self.requests: list[str] = []
        listener = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802
                listener.requests.append(self.path)
                body = json.dumps({"fields": [{"name": SECRET}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


def remote_package(package: Package, url: str) -> None:
    """Every place of a descriptor that frictionless would fetch, pointed at `url`."""
    d = descriptor(package)
    d["$schema"] = f"{url}/profile.json"
    resource(d, "article-ko")["schema"] = f"{url}/text-schema.json"
    resource(d, "people")["schema"] = f"{url}/people-schema.json"
    resource(d, "works")["dialect"] = f"{url}/dialect.json"
    resource(d, "memberships")["path"] = f"{url}/memberships.csv"
    d["resources"].append({"name": "extra", "type": "table", "path": "data/people.csv", "schema": f"{url}/extra-schema.json"})
    d["resources"].append({"name": "remote", "path": f"{url}/remote.csv"})
    save(package, d)


def test_validation_never_fetches(package, listener):
    remote_package(package, listener.url)
    done = run(package.root)
    assert listener.requests == []
    assert done.returncode == 1
    assert_clean(done)
    assert SECRET not in done.stdout
    lines = done.stdout.splitlines()
    for expected in (
        "datapackage.json: $schema: String should match pattern",
        "datapackage.json: resource article-ko: schema not allowed here",
        "datapackage.json: resource extra: schema not allowed here",
        "datapackage.json: resource memberships: path must be a relative path inside the package, not a URL",
        "datapackage.json: resource remote: path must be a relative path inside the package, not a URL",
        "datapackage.json: resource people: schema differs from what the models generate",
        "datapackage.json: resource works: dialect differs from what the models generate",
    ):
        assert any(line.startswith(expected) for line in lines), (expected, lines)


def test_make_site_never_fetches(package, listener, tmp_path):
    from tests.site_helpers import build_site

    remote_package(package, listener.url)
    done = build_site(package.root, tmp_path / "site")
    assert done.returncode != 0
    assert listener.requests == []
    assert "Traceback" not in done.stderr and SECRET not in done.stderr
    assert not (tmp_path / "site").exists()


def test_the_frictionless_session_refuses_any_request():
    from scripts.validate import NoNetwork

    with pytest.raises(ConnectionRefusedError):
        NoNetwork().get("http://127.0.0.1:9/")


# --- symlinks, FIFOs and paths out of the package --------------------------------------------------


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    secret = tmp_path / "outside.txt"
    secret.write_text(f"id,name\n{SECRET},x\n", encoding="utf-8")
    return secret


@pytest.mark.parametrize("rel", ["data/people.csv", "sources/article-ko.txt", "datapackage.json"])
def test_a_symlink_out_of_the_package_is_refused_by_name(package, outside, rel):
    target = package.path(rel)
    target.unlink()
    target.symlink_to(outside)
    done = run(package.root)
    assert_clean(done)
    assert SECRET not in done.stdout + done.stderr
    if rel == "datapackage.json":
        assert (done.returncode, done.stdout) == (2, "datapackage.json: is a symlink (datapackage.json) that leads outside the package; refused\n")
    else:
        assert done.returncode == 1
        assert done.stdout.splitlines()[0] == f"{rel}: is a symlink ({rel}) that leads outside the package; refused"


def test_a_symlinked_folder_out_of_the_package_is_refused(package, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (package.root / "data").rename(elsewhere)
    (package.root / "data").symlink_to(elsewhere)
    done = run(package.root)
    assert done.returncode == 1
    assert "data/people.csv: is a symlink (data) that leads outside the package; refused" in done.stdout.splitlines()


def test_an_extra_resource_symlinked_to_a_system_file_is_not_read(package):
    package.path("extra.txt").symlink_to("/etc/passwd")
    d = descriptor(package)
    d["resources"].append({"name": "extra", "type": "text", "path": "extra.txt", "format": "txt"})
    save(package, d)
    done = run(package.root)
    assert done.returncode == 1
    assert "root:" not in done.stdout
    assert "extra.txt: is a symlink (extra.txt) that leads outside the package; refused" in done.stdout.splitlines()


def test_a_fifo_in_place_of_a_data_file_is_refused_at_once(package):
    package.path("data/people.csv").unlink()
    os.mkfifo(package.path("data/people.csv"))
    done = run(package.root, timeout=60)  # a FIFO opened for reading would block forever
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == "data/people.csv: is not a regular file (a folder, FIFO, device or socket); refused"


def test_make_schemas_hashes_nothing_outside_the_package(package):
    d = descriptor(package)
    d["resources"].append({"name": "shadow", "type": "text", "path": "/etc/shadow"})
    package.path("link.txt").symlink_to("/etc/passwd")
    d["resources"].append({"name": "passwd", "type": "text", "path": "link.txt"})
    save(package, d)
    before = package.read("datapackage.json")
    env = {**os.environ, "DATASET": str(package.root)}
    done = subprocess.run([sys.executable, "-m", "scripts.make_schemas"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "datapackage.json: resources[26] path must be a relative path inside the package, not an absolute one",
        "datapackage.json: resources[27] path is a symlink (link.txt) that leads outside the package; refused",
    ]
    assert package.read("datapackage.json") == before


# --- values the build would crash on, or would turn into a link or a path ------------------------------


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x1b", "\x7f", "\x85"])
def test_control_characters_in_a_cell_are_a_located_problem(package, validate, char):
    package.replace("data/people.csv", "Meta's CEO.", f"Meta's{char}CEO.")
    status, lines = validate(package.root)
    assert status == 1
    assert lines == [f"data/people.csv:2:description_en: contains the control character U+{ord(char):04X}; remove it"]


def test_control_characters_in_the_article_are_its_one_problem(package, validate):
    text = package.read("sources/article-ko.txt")
    package.write("sources/article-ko.txt", text[:5] + "\x1b[2J" + text[5:])
    assert validate(package.root) == (1, ["sources/article-ko.txt: contains the control character U+001B, first on line 1; remove it"])


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>", "ftp://example.org/x", 'https://x.org/"onmouseover="alert(1)'])
def test_an_address_is_http_or_https_only(package, validate, url):
    text = package.read("data/sources.csv")
    header = text.split("\n")[0].split(",")
    rows = text.split("\n")
    # the fixture's one source has no address: give it one
    cells = rows[1].split(",")
    i = header.index("url")
    assert cells[i] == ""
    cells[i] = '"' + url.replace('"', '""') + '"' if ("," in url or '"' in url) else url
    rows[1] = ",".join(cells)
    package.write("data/sources.csv", "\n".join(rows))
    status, lines = validate(package.root)
    assert status == 1
    assert [line.split(": ")[0] for line in lines] == ["data/sources.csv:2:url"], lines
    assert "constraint \"pattern\"" in lines[0]


def test_an_id_too_long_for_a_file_name(package, validate):
    long_id = "a" * 5000
    package.write("data/works.csv", package.read("data/works.csv").replace("\nllama-3,", f"\n{long_id},", 1))
    status, lines = validate(package.root)
    assert status == 1
    assert "data/works.csv:2:id: constraint-error: " in "\n".join(lines)
    assert all(len(line) < 1200 for line in lines), max(map(len, lines))


def test_an_organization_cannot_be_its_own_parent(package, validate):
    header, row = package.read("data/organizations.csv").rstrip("\n").split("\n")
    i = header.split(",").index("parent_id")
    cells = row.split(",")
    cells[i] = "meta"
    package.write("data/organizations.csv", header + "\n" + ",".join(cells) + "\n")
    assert validate(package.root) == (1, ["data/organizations.csv:2:parent_id: meta is its own parent ('meta → meta')"])


def test_a_cycle_of_two_organizations(package, validate):
    header, row = package.read("data/organizations.csv").rstrip("\n").split("\n")
    cols = header.split(",")
    cells = row.split(",")
    other = list(cells)
    other[cols.index("id")] = "meta-parent"
    other[cols.index("parent_id")] = "meta"
    cells[cols.index("parent_id")] = "meta-parent"
    package.write("data/organizations.csv", "\n".join([header, ",".join(cells), ",".join(other)]) + "\n")
    status, lines = validate(package.root)
    assert status == 1
    assert "data/organizations.csv:2:parent_id: meta is its own parent ('meta → meta-parent → meta')" in lines
    assert "data/organizations.csv:3:parent_id: meta-parent is its own parent ('meta-parent → meta → meta-parent')" in lines


# --- the terminal: bounded, escaped, root cause first ---------------------------------------------------


def test_a_crafted_header_cannot_forge_lines_or_drive_the_terminal(package):
    text = package.read("data/people.csv")
    forged = '"x\nvalid: dataset: all good\x1b[2J\x1b]0;owned\x07"'
    package.write("data/people.csv", text.replace("\n", "," + forged + "\n", 1))
    done = run(package.root)
    assert done.returncode == 1
    assert_clean(done)
    assert not any(line.startswith("valid:") for line in done.stdout.splitlines())
    assert "data/people.csv:1:x\\nvalid: dataset: all good\\x1b[2J\\x1b]0;owned\\x07: unexpected column" in done.stdout.splitlines()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(cell=st.text(min_size=1, max_size=40))
def test_any_header_cell_prints_as_one_escaped_line(tmp_path_factory, cell):
    """Whatever a header cell holds, every printed line is free of control characters and there are
    no more lines than problems."""
    import contextlib
    import io
    import shutil

    from scripts.validate import main

    root = tmp_path_factory.mktemp("pkg") / "pkg"
    shutil.copytree(FIXTURE, root)
    people = root / "data/people.csv"
    text = people.read_text(encoding="utf-8")
    quoted = '"' + cell.replace('"', '""') + '"'
    people.write_text(text.replace("\n", "," + quoted + "\n", 1), encoding="utf-8", newline="")
    refresh_stats(root)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main([str(root)])
    lines = out.getvalue().splitlines()
    assert status == 1
    assert lines and all(not UNPRINTABLE.search(line) for line in lines), lines
    assert all(re.match(r"^[^:\s]+(:\d+:.+)?: ", line) for line in lines), lines


def test_a_flood_of_problems_is_cut_per_file(package):
    header, *rows = package.read("data/people.csv").rstrip("\n").split("\n")
    extra = ",".join(f"extra{i}" for i in range(2000))
    package.write("data/people.csv", header + "," + extra + "\n" + "\n".join(rows) + "\n")
    done = run(package.root, timeout=120)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    people = [line for line in lines if line.startswith("data/people.csv")]
    assert len(people) == LIMIT_PER_FILE + 1
    assert people[-1] == f"data/people.csv: {2000 - LIMIT_PER_FILE} more problems not shown"
    assert len(done.stdout) < 100_000


def test_twenty_thousand_bad_rows_print_a_bounded_report(package):
    header = package.read("data/sentences.csv").split("\n")[0]
    rows = [f"bad-{i},article-ko,sentence,0,3,메타의,Meta's" for i in range(20_000)]
    package.write("data/sentences.csv", "\n".join([header, *rows]) + "\n")
    done = run(package.root, timeout=300)
    assert done.returncode == 1
    assert_clean(done)
    assert len(done.stdout) < 200_000, len(done.stdout)
    assert re.search(r"^data/sentences\.csv: \d+ more problems not shown$", done.stdout, re.M)


@pytest.mark.parametrize("encode", ["crlf", "euc-kr"])
def test_an_unreadable_article_is_the_first_line_and_sets_off_no_cascade(package, encode):
    text = package.read("sources/article-ko.txt")
    data = text.replace("\n", "\r\n").encode("utf-8") if encode == "crlf" else text.encode("euc-kr")
    package.write_bytes("sources/article-ko.txt", data)
    done = run(package.root)
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert lines[0].startswith("sources/article-ko.txt: "), lines
    assert not any("occurs in no source text" in line or "not found at" in line or "lie in no sentence" in line for line in lines), lines
    assert len(lines) == 1, lines
