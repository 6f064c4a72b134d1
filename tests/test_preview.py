"""`make serve` (python -m scripts.preview) on a copy of dataset/, on 127.0.0.1 at a free port: an
edit to a CSV shows on the open page, which reloads by itself; a broken edit shows its located
problem in the terminal and in the banner while the page keeps the last good build; the fix brings
the page back and removes the problem. The preview's script is in the responses, never in the files
on disk, and loads under the pages' Content-Security-Policy. Every wait polls with a timeout."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from scripts.bench.reload import Running, set_cell  # the bench starts the preview and saves a row the same way
from scripts.preview.__main__ import check_port
from scripts.preview.server import PreviewServer, State, inject, resolve
from tests.test_site_browser import assert_no_axe_violations, browser  # noqa: F401 (a fixture)

ROOT = Path(__file__).resolve().parent.parent
BUILD_WAIT = 300.0  # seconds for the first build of the copy (a loaded machine: 2 cores, shared)
WAIT = 120.0  # seconds for a rebuild
PERSON = "hugo-touvron"
PAGE = f"en/people/{PERSON}/"


def poll(what, timeout: float, message: str):
    """`what()` once it is true, asked every tenth of a second until `timeout` seconds have passed."""
    end = time.monotonic() + timeout
    while True:
        value = what()
        if value:
            return value
        if time.monotonic() > end:
            raise AssertionError(f"waited {timeout:.0f} s: {message}")
        time.sleep(0.1)


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


class Preview(Running):
    """The preview as the bench starts it (`make serve`'s command on a free port), waited for by
    polling with this module's timeouts."""

    @property
    def output(self) -> str:
        return "\n".join(self.lines)

    def wait_good(self, after: int, timeout: float = WAIT) -> dict:
        return poll(lambda: (s := self.state()).get("good", 0) > after and not s["busy"] and not s["settling"] and s, timeout, f"a build after build {after} to pass; terminal:\n{self.output}")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    base = tmp_path_factory.mktemp("preview")
    package = base / "dataset"
    shutil.copytree(ROOT / "dataset", package)
    running = Preview(package, base / "out")
    try:
        running.wait_good(0, BUILD_WAIT)
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def tab(browser):  # noqa: F811
    """One browser tab for the whole module: the tab an editor keeps open while editing."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.console = []
    page.on("console", lambda m: page.console.append(m.text))
    yield page
    context.close()


def test_an_edit_a_broken_edit_and_its_fix_in_the_open_page(preview, tab):
    people = preview.package / "data" / "people.csv"
    tab.goto(preview.url + PAGE)
    tab.wait_for_selector(".kml-preview__note")
    good = preview.state()["good"]

    # an edit: the page reloads by itself (the mark set on this window is gone) and shows it
    tab.evaluate("window.kmlKept = true")
    set_cell(people, PERSON, "description_en", "Meta researcher; first edit seen in the preview.")
    tab.wait_for_function("() => document.body.textContent.includes('first edit seen in the preview')", timeout=WAIT * 1000)
    assert tab.evaluate("window.kmlKept === undefined"), "the page was not reloaded"
    assert tab.url == preview.url + PAGE
    assert "first edit seen in the preview" in get(preview.url + PAGE)[1]
    good = preview.wait_good(good)["good"]

    # a broken edit: the located problem in the terminal and in the banner; the page stays the last good one
    tab.evaluate("window.kmlKept = true")
    row = set_cell(people, PERSON, "description_basis", "not-a-basis")
    located = f"data/people.csv:{row}:description_basis:"
    poll(lambda: preview.state().get("errors"), WAIT, "the broken edit to be reported")
    assert any(e.startswith(located) and "not-a-basis" in e for e in preview.state()["errors"])
    poll(lambda: located in preview.output, 10, f"{located} in the terminal:\n{preview.output}")
    tab.wait_for_selector(".kml-preview--failed .kml-preview__failed[open] li", timeout=10000)
    banner = tab.inner_text(".kml-preview")
    assert located in banner and "The last build failed" in banner
    assert tab.evaluate("window.kmlKept === true"), "a failed build reloaded the page"
    assert "first edit seen in the preview" in tab.inner_text("article")
    status, served = get(preview.url + PAGE)
    assert status == 200 and "first edit seen in the preview" in served
    assert preview.state()["good"] == good

    # the fix: the page reloads, the problem is gone from the banner
    set_cell(people, PERSON, "description_basis", "sources")
    set_cell(people, PERSON, "description_en", "Meta researcher; fixed and seen again.")
    tab.wait_for_function("() => document.body.textContent.includes('fixed and seen again')", timeout=WAIT * 1000)
    assert tab.evaluate("window.kmlKept === undefined")
    tab.wait_for_selector(".kml-preview__note")
    assert tab.locator(".kml-preview--failed").count() == 0
    assert located not in tab.inner_text(".kml-preview")
    assert not preview.state()["errors"]

    # the edited CSV no longer matches datapackage.json's bytes and hash: said, not fatal
    assert any("run `make schemas`" in note for note in preview.state()["notes"])
    # the script loaded under each page's policy: Chromium logs any violation in the console
    assert not [m for m in tab.console if "Content Security Policy" in m], tab.console


@pytest.mark.parametrize("path, words", [("", "내려받기 파일과 검색 색인은 만들지 않았습니다"), ("en/", "downloads and the search index are not built")])
def test_the_banner_says_what_the_preview_leaves_out_in_each_language(preview, tab, path, words):
    tab.goto(preview.url + path)
    tab.wait_for_selector(".kml-preview__note")
    assert words in tab.inner_text(".kml-preview__note")
    # its style sheet loaded ('self', as the policy allows): a bar fixed at the bottom
    tab.wait_for_function("() => getComputedStyle(document.querySelector('.kml-preview')).position === 'fixed'", timeout=10000)
    assert not [m for m in tab.console if "Content Security Policy" in m], tab.console
    assert_no_axe_violations(tab)  # the page passes without the bar (tests/test_site_browser.py): so must the bar


def test_the_script_is_in_responses_only_never_in_the_files(preview):
    status, served = get(preview.url + PAGE)
    assert status == 200 and '<script src="/__preview__/preview.js?build=' in served
    status, missing = get(preview.url + "no-such-page/")
    assert status == 404 and "/__preview__/preview.js" in missing  # the site's 404 page, with the banner
    pages = list((preview.folder / "site").rglob("*.html"))
    assert len(pages) > 100
    assert [p for p in pages if "__preview__" in p.read_text(encoding="utf-8")] == []
    # the script's own requests are allowed as 'self' by the policy the page carries
    policy = served.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    directives = {d.split()[0]: d.split()[1:] for d in policy.split("; ")}
    for directive in ("script-src", "style-src", "connect-src"):
        assert "'self'" in directives[directive], directive
    assert "'unsafe-inline'" not in policy


def test_the_server_listens_on_127_0_0_1_only(preview):
    port = f"{preview.port:04X}"
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            if state == "0A" and local.endswith(":" + port):  # 0A: LISTEN
                listening.append(local)
    assert listening == [f"0100007F:{port}"]


def test_paths_never_leave_the_site(preview):
    for path in ("..%2f..%2f..%2fetc/passwd", "%2e%2e/%2e%2e/etc/passwd", "en/../../../etc/passwd"):
        status, text = get(preview.url + path)
        assert status == 404 and "root:" not in text


@pytest.mark.parametrize("value", ["abc", "0", "65536", "80 ", "-1", "8000;ls", "８０００"])
def test_port_must_be_a_port_number(value):
    done = subprocess.run([sys.executable, "-m", "scripts.preview"], cwd=ROOT, env={**os.environ, "PORT": value}, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "must be a port number, 1 to 65535" in done.stderr
    with pytest.raises(Exception, match="must be a port number"):
        check_port(value)


def test_port_default_and_a_port_in_use(tmp_path):
    assert check_port(None) == 8000 and check_port("") == 8000 and check_port("8001") == 8001
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        env = {**os.environ, "PORT": str(taken.getsockname()[1]), "DATASET": str(ROOT / "dataset")}
        done = subprocess.run([sys.executable, "-m", "scripts.preview", "--folder", str(tmp_path / "out")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "cannot serve on 127.0.0.1:" in done.stderr


def test_the_server_binds_127_0_0_1(tmp_path):
    server = PreviewServer(0, tmp_path, State())
    try:
        assert server.server_address[0] == "127.0.0.1"
    finally:
        server.server_close()


def test_inject_and_resolve(tmp_path):
    page = b'<html><head><meta charset="utf-8">\n</head><body></body></html>'
    assert inject(page, 3) == b'<html><head><meta charset="utf-8">\n<script src="/__preview__/preview.js?build=3" defer></script>\n</head><body></body></html>'
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("x")
    assert resolve(tmp_path, "/a/") == tmp_path / "a" / "index.html"
    assert resolve(tmp_path, "/../a/") == tmp_path / "a" / "index.html"  # normalised at the root
    assert resolve(tmp_path, "/b/") is None


def test_only_changed_files_are_written_and_removed_pages_go(tmp_path):
    from scripts.preview.language import html_of, sync

    docs, site = tmp_path / "docs", tmp_path / "site"
    assert sync(docs, {"index.md": b"home", "people/a.md": b"a", "people/b.md": b"b", "assets/x.css": b"x"}, site) == ["index.md", "people/a.md", "people/b.md", "assets/x.css"]
    (site / "people" / "b").mkdir(parents=True)
    (site / "people" / "b" / "index.html").write_text("b")
    before = (docs / "people" / "a.md").stat().st_mtime_ns
    time.sleep(0.01)
    assert sync(docs, {"index.md": b"home!", "people/a.md": b"a", "assets/x.css": b"x"}, site) == ["index.md"]
    assert (docs / "people" / "a.md").stat().st_mtime_ns == before  # unchanged: MkDocs' dirty build skips it
    assert not (docs / "people" / "b.md").exists() and not (site / "people" / "b" / "index.html").exists()
    assert [html_of(p) for p in ("index.md", "people/index.md", "people/a.md", "about.md")] == ["index.html", "people/index.html", "people/a/index.html", "about/index.html"]


def test_mkdocs_in_process_reports_its_warnings_and_builds_dirty_in_strict_mode(tmp_path):
    from scripts.preview.language import mkdocs
    from scripts.site.build import BuildError

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n[a page](page.md)\n", encoding="utf-8")
    (docs / "page.md").write_text("# Page\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: t\ndocs_dir: {docs}\nstrict: true\n", encoding="utf-8")
    site = tmp_path / "site"
    assert "index.html" in mkdocs(config, site, dirty=False)
    time.sleep(0.01)
    (docs / "page.md").write_text("# Page, edited\n", encoding="utf-8")
    # dirty and strict: MkDocs' own warning about dirty builds does not fail it; only the page edited is written
    written = mkdocs(config, site, dirty=True)
    assert "page/index.html" in written and "index.html" not in written
    time.sleep(0.01)
    (docs / "index.md").write_text("# Home\n\n[gone](missing.md)\n", encoding="utf-8")
    with pytest.raises(BuildError, match="missing.md"):
        mkdocs(config, site, dirty=True)
