"""A build can never delete what it did not make: SITE_DIR is refused where replacing it could
lose anything else, temporary folders are swept only when a dead build of the same SITE_DIR left
them, one build at a time writes a SITE_DIR, settings are checked before anything is read or
written, release files stay inside their folder, and no make variable becomes code."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from scripts import release
from scripts.site import build as site_build
from scripts.site import target
from scripts.site.target import MARKER, MARKER_TEXT, OWNER, TargetError, check_site_dir
from tests.conftest import ROOT, refresh_stats
from tests.test_site_build import tree_digest

DATASET = ROOT / "dataset"
TIMEOUT = 300
PERSON = "hugo-touvron"
ORIGINAL = "Meta researcher and first author of the Llama 2 paper"
VARIANT = "Variant researcher and first author of the Llama 2 paper"


def environment(dataset: Path, site_dir: Path | str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BUILD_STAGING", "BUILD_TIMINGS")}
    return {**env, "DATASET": str(dataset), "SITE_DIR": str(site_dir), "SITE_URL": "http://127.0.0.1:8000/", "SOURCE_DATE_EPOCH": "1700000000", **extra}


def run_build(dataset: Path, site_dir: Path | str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "scripts.site.build"], cwd=ROOT, env=environment(dataset, site_dir, **extra), capture_output=True, text=True, timeout=TIMEOUT)


def start_build(dataset: Path, site_dir: Path, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "scripts.site.build"], cwd=ROOT, env=environment(dataset, site_dir, **extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.fixture
def pkg(tmp_path) -> Path:
    copy = tmp_path / "pkg"
    shutil.copytree(DATASET, copy)
    return copy


def variant_of(package: Path) -> Path:
    people = package / "data" / "people.csv"
    text = people.read_text(encoding="utf-8")
    assert text.count(ORIGINAL) == 1
    people.write_text(text.replace(ORIGINAL, VARIANT), encoding="utf-8")
    refresh_stats(package)
    return package


@pytest.fixture(scope="module")
def variant(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the package with one person's English description changed, and its site, built
    alone into a folder that existed and was empty."""
    root = tmp_path_factory.mktemp("variant")
    package = root / "pkg"
    shutil.copytree(DATASET, package)
    variant_of(package)
    site_dir = root / "site"
    site_dir.mkdir()
    done = run_build(package, site_dir)
    assert done.returncode == 0, done.stderr
    return package, site_dir


# --- SITE_DIR that must never be replaced -------------------------------------------------------


@pytest.mark.parametrize(
    "folder, why",
    [
        (Path("/"), "is the root folder"),
        (Path.home(), "is your home folder"),
        (ROOT, "is the checkout"),
        (ROOT.parent, "holds the checkout"),
        (ROOT / ".git", "is inside the checkout"),
        (ROOT / "tests", "is inside the checkout"),
        (ROOT / "scripts", "is inside the checkout"),
        (ROOT / "docs", "is inside the checkout"),
        (ROOT / "schemas", "is inside the checkout"),
        (ROOT / "build", "is inside the checkout"),
        (ROOT / "anyname", "is inside the checkout"),
        (ROOT / "dataset", "is the data package folder (DATASET)"),
        (ROOT / "dataset" / "data", "is inside the data package folder (DATASET)"),
        (Path("/proc"), "is a mount point"),
        (Path("/proc/sys/kadrey-site"), "/proc/sys is not a folder this build can write in"),
    ],
    ids=lambda v: str(v) if isinstance(v, Path) else None,
)
def test_dangerous_site_dirs_are_refused_by_the_check(folder, why):
    # in-process: the check alone, so that no bug in it can get as far as deleting anything
    with pytest.raises(TargetError) as e:
        check_site_dir(str(folder), DATASET)
    assert str(e.value).startswith(f"SITE_DIR={folder}: ")
    assert why in str(e.value)


def test_the_default_site_folder_is_always_accepted():
    assert check_site_dir(None, DATASET) == (ROOT / "site").resolve()
    assert check_site_dir("site", DATASET) == (ROOT / "site").resolve()  # as make passes it, from the checkout


def refused_cases(tmp_path: Path, pkg: Path) -> dict[str, tuple[Path, str]]:
    afile = tmp_path / "afile"
    afile.write_text("mine\n", encoding="utf-8")
    unmarked = tmp_path / "unmarked"
    unmarked.mkdir()
    (unmarked / "keep.txt").write_text("mine\n", encoding="utf-8")
    return {
        "file": (afile, "is a file, not a folder"),
        "dataset": (pkg, "is the data package folder (DATASET)"),
        "inside-dataset": (pkg / "data", "is inside the data package folder (DATASET)"),
        "dataset-ancestor": (tmp_path, "holds the data package folder (DATASET)"),
        "unmarked": (unmarked, f"is a folder that is not empty and was not built by make site (it has no {MARKER})"),
        "checkout-dataset": (ROOT / "dataset", "is inside the checkout"),
        "checkout-new": (ROOT / "anyname", "is inside the checkout"),
    }


@pytest.mark.parametrize("case", ["file", "dataset", "inside-dataset", "dataset-ancestor", "unmarked", "checkout-dataset", "checkout-new"])
def test_make_site_refuses_a_site_dir_it_did_not_make(tmp_path, pkg, case):
    folder, why = refused_cases(tmp_path, pkg)[case]
    with pytest.raises(TargetError):  # first the check alone, so that a bug cannot reach the checkout
        check_site_dir(str(folder), pkg)

    def state():
        beside = sorted(p.name for p in folder.parent.iterdir() if p.name.startswith(f".{folder.name}"))  # a lock, a temporary folder
        content = tree_digest(folder) if folder.is_dir() else folder.read_bytes() if folder.exists() else None
        return content, tree_digest(pkg), listing(tmp_path), beside

    before = state()
    start = time.monotonic()
    done = run_build(pkg, folder)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"make site: SITE_DIR={folder}: ") and why in lines[0], done.stderr
    assert state() == before  # nothing written or deleted
    assert not (ROOT / "anyname").exists()
    assert time.monotonic() - start < 30  # refused before validation


def test_a_read_only_parent_or_a_mount_point_is_refused_before_anything(tmp_path, monkeypatch):
    # Tests run as root, for whom a chmod does not stop writes: os.access is what the check asks.
    site_dir = tmp_path / "ro" / "site"
    site_dir.parent.mkdir()
    monkeypatch.setattr(target.os, "access", lambda path, mode: Path(path) != site_dir.parent)
    with pytest.raises(TargetError, match=f"^{re.escape(f'SITE_DIR={site_dir}: {site_dir.parent} is not a folder this build can write in')}$"):
        check_site_dir(str(site_dir), DATASET)
    monkeypatch.undo()
    site_dir.mkdir()
    monkeypatch.setattr(target.os.path, "ismount", lambda path: Path(path) == site_dir)
    with pytest.raises(TargetError, match="is a mount point"):
        check_site_dir(str(site_dir), DATASET)
    assert listing(tmp_path / "ro") == ["site"] and listing(site_dir) == []


def test_a_real_mount_point_and_a_real_unwritable_parent_are_refused_by_the_build(pkg):
    for folder, why in ((Path("/proc"), "is a mount point"), (Path("/proc/sys/kadrey-site"), "is not a folder this build can write in")):
        done = run_build(pkg, folder)
        assert done.returncode == 2 and why in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_an_empty_folder_is_accepted_and_marked(variant):
    _, site_dir = variant  # built into a folder that existed and was empty
    assert (site_dir / MARKER).read_text(encoding="utf-8") == MARKER_TEXT
    assert (site_dir / "en" / "people" / PERSON / "index.html").is_file()


def test_a_marked_site_is_rebuilt_after_waiting_for_the_build_holding_it(tmp_path, site):
    """A second build into the same folder waits; the folder another build made is replaced;
    folders beside it that no dead build of it left are kept."""
    site_dir = tmp_path / "site"
    shutil.copytree(site, site_dir)
    (site_dir / "stale.txt").write_text("from an older build\n", encoding="utf-8")
    backup = tmp_path / ".site-build-mybackup"
    backup.mkdir()
    (backup / "keep.txt").write_text("mine\n", encoding="utf-8")
    foreign = tmp_path / ".site-build-foreign"
    foreign.mkdir()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True).stdout.strip()
    (foreign / OWNER).write_text(json.dumps({"site_dir": str(tmp_path / "elsewhere"), "pid": int(dead), "host": os.uname().nodename}), encoding="utf-8")
    kept = {p: tree_digest(p) for p in (backup, foreign)}
    fd = os.open(tmp_path / ".site.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)  # as a build writing this site would
    try:
        build = start_build(DATASET, site_dir)
        try:
            line = build.stderr.readline()
            assert line == f"make site: another build is writing {site_dir}; waiting for it\n"
            time.sleep(0.5)
            assert build.poll() is None and (site_dir / "stale.txt").exists()
        except BaseException:
            build.kill()
            raise
    finally:
        os.close(fd)
    out, err = build.communicate(timeout=TIMEOUT)
    assert build.returncode == 0, err
    assert not (site_dir / "stale.txt").exists()
    assert tree_digest(site_dir) == tree_digest(site)
    assert {p: tree_digest(p) for p in kept} == kept
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site-build-")) == [".site-build-foreign", ".site-build-mybackup"]


# --- temporary folders and the lock ---------------------------------------------------------------


def owner(site_dir: Path, pid: int, **extra) -> str:
    return json.dumps({"site_dir": str(site_dir), "pid": pid, "host": os.uname().nodename, **extra})


def test_only_temporary_folders_of_dead_builds_of_the_same_site_are_swept(tmp_path):
    site_dir = tmp_path / "site"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    here = target._process_start(os.getpid())
    folders = {
        "dead": owner(site_dir, dead.pid),
        "reused-pid": owner(site_dir, os.getpid(), start=here + 1),  # our pid, but another process's start
        "alive": owner(site_dir, os.getpid(), start=here),
        "other-site": owner(tmp_path / "other", dead.pid),
        "other-host": json.dumps({"site_dir": str(site_dir), "pid": dead.pid, "host": "another-machine"}),
        "not-json": "{",
        "pid-zero": owner(site_dir, 0),
        "mybackup": None,
    }
    for name, text in folders.items():
        (tmp_path / f".site-build-{name}").mkdir()
        if text is not None:
            (tmp_path / f".site-build-{name}" / OWNER).write_text(text, encoding="utf-8")
    (tmp_path / ".site-build-file").write_text("a file\n", encoding="utf-8")
    (tmp_path / ".site-build-link").symlink_to(tmp_path / ".site-build-dead")
    target.sweep(site_dir)
    left = sorted(p.name.removeprefix(".site-build-") for p in tmp_path.iterdir())
    assert left == sorted(["alive", "other-site", "other-host", "not-json", "pid-zero", "mybackup", "file", "link"])


def test_a_temporary_folder_names_its_build(tmp_path):
    site_dir = tmp_path / "site"
    work = target.work_folder(site_dir)
    data = json.loads((work / OWNER).read_text(encoding="utf-8"))
    assert work.parent == tmp_path and work.name.startswith(".site-build-")
    assert data["site_dir"] == str(site_dir) and data["pid"] == os.getpid()
    assert target.stale_folders(site_dir) == []  # its build is alive


def test_a_build_gives_up_waiting_for_the_lock_with_a_clear_error(tmp_path, capsys):
    site_dir = tmp_path / "site"
    fd = os.open(tmp_path / ".site.lock", os.O_RDWR | os.O_CREAT)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(TargetError, match=rf"^{re.escape(f'SITE_DIR={site_dir}: another build has been writing it for 0.3 s')} .*; gave up$"):
            with target.locked(site_dir, wait=0.3):
                pass
    finally:
        os.close(fd)
    assert capsys.readouterr().err == f"make site: another build is writing {site_dir}; waiting for it\n"
    with target.locked(site_dir, wait=0.3):  # free again
        pass


def test_concurrent_builds_into_one_folder_give_one_whole_site(tmp_path, site, variant):
    a = tmp_path / "a"
    shutil.copytree(DATASET, a)
    b = tmp_path / "b"
    shutil.copytree(variant[0], b)
    expected = {tree_digest(site): ORIGINAL, tree_digest(variant[1]): VARIANT}
    assert len(expected) == 2
    site_dir = tmp_path / "site"
    builds = [start_build(a, site_dir), start_build(b, site_dir)]
    results = [build.communicate(timeout=TIMEOUT) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], [err for _, err in results]
    which = expected.get(tree_digest(site_dir))
    assert which is not None, "the site is a mix of the two builds"
    page = (site_dir / "en" / "people" / PERSON / "index.html").read_text(encoding="utf-8")
    api = (site_dir / "api" / "people" / f"{PERSON}.json").read_text(encoding="utf-8")
    assert which in page and which in api
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-build-")] == []


def test_concurrent_builds_into_two_folders_each_give_their_own_site(tmp_path, site, variant):
    a = tmp_path / "a"
    shutil.copytree(DATASET, a)
    b = tmp_path / "b"
    shutil.copytree(variant[0], b)
    builds = [start_build(a, tmp_path / "site-a"), start_build(b, tmp_path / "site-b")]
    results = [build.communicate(timeout=TIMEOUT) for build in builds]
    assert [build.returncode for build in builds] == [0, 0], [err for _, err in results]
    assert not any("waiting" in err for _, err in results)
    assert tree_digest(tmp_path / "site-a") == tree_digest(site)
    assert tree_digest(tmp_path / "site-b") == tree_digest(variant[1])


def test_the_swap_puts_the_old_site_back_when_it_fails(tmp_path, monkeypatch):
    site_dir, new, work = tmp_path / "site", tmp_path / "work" / "site", tmp_path / "work"
    new.mkdir(parents=True)
    (new / "new.txt").write_text("new\n", encoding="utf-8")
    site_dir.mkdir()
    (site_dir / "old.txt").write_text("old\n", encoding="utf-8")
    real = os.rename
    calls = []

    def rename(src, dst):
        calls.append(Path(src))
        if Path(src) == new:
            raise PermissionError(13, "Permission denied")
        return real(src, dst)

    monkeypatch.setattr(site_build.os, "rename", rename)
    with pytest.raises(site_build.BuildError, match=f"^{re.escape(f'could not replace {site_dir}: ')}.*Permission denied"):
        site_build.swap(new, site_dir, work)
    assert listing(site_dir) == ["old.txt"] and calls == [site_dir, new, work / "previous"]

    def rename_once(src, dst):  # and the old site cannot be put back either: say where it is
        if Path(src) != site_dir:
            raise OSError(16, "Device or resource busy")
        return real(src, dst)

    monkeypatch.setattr(site_build.os, "rename", rename_once)
    previous = work / "previous"
    with pytest.raises(site_build.SiteMoved, match=re.escape(f"the previous site is in {previous}") + "$"):
        site_build.swap(new, site_dir, work)
    assert listing(previous) == ["old.txt"]


# --- settings checked before anything else --------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://x.org/a&b", 'http://x.org/"', "http://x.org/'", "http://x.org/<b>", "http://x.org/a>", "http://x.org/a b", "http://x.org/\n",
     "http://x.org/a\\b", "http://x.org/`", "http://x.org/%zz", "javascript:alert(1)//", "ftp://x.org/", "//x.org/", "http://x.org:99999/"],
    ids=repr,
)
def test_an_unsafe_site_url_is_refused_before_validation(tmp_path, site, url):
    site_dir = tmp_path / "site"
    shutil.copytree(site, site_dir)
    before = tree_digest(site_dir)
    done = run_build(tmp_path / "no-package-here", site_dir, SITE_URL=url)  # validation would fail on it
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("make site: SITE_URL=") and done.stderr.count("\n") == 1, done.stderr
    assert tree_digest(site_dir) == before and listing(tmp_path) == ["site"]


def test_safe_site_urls_are_accepted():
    for url in ("http://127.0.0.1:8000/", "https://example.org", "https://example.org/a_b/c-d/%EA%B0%80/~me/"):
        assert target.check_site_url(url) == (url if url.endswith("/") else url + "/")


@pytest.mark.parametrize("epoch", ["abc", "-1", "1.5", " 1", "1e9", "٣"])
def test_a_source_date_epoch_that_is_not_digits_is_refused(tmp_path, epoch):
    done = run_build(tmp_path / "no-package-here", tmp_path / "site", SOURCE_DATE_EPOCH=epoch)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("make site: SOURCE_DATE_EPOCH=") and "Traceback" not in done.stderr, done.stderr
    assert listing(tmp_path) == []


def test_a_staging_folder_outside_bench_is_refused(tmp_path):
    done = run_build(tmp_path / "no-package-here", tmp_path / "site", BUILD_STAGING=str(tmp_path / "staging"))
    assert done.returncode == 2 and done.stderr.startswith(f"make site: BUILD_STAGING={tmp_path / 'staging'}: must be a folder inside "), done.stderr
    assert listing(tmp_path) == []


def test_a_version_the_changelog_does_not_have_is_a_located_error(tmp_path, pkg):
    descriptor = pkg / "datapackage.json"
    data = json.loads(descriptor.read_text(encoding="utf-8"))
    data["version"] = "9.9.9"
    descriptor.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    refresh_stats(pkg)
    done = run_build(pkg, tmp_path / "site")
    assert done.returncode == 1, done.stderr
    assert "make site: CHANGELOG.md: newest release is " in done.stderr and ", the package version is 9.9.9\n" in done.stderr, done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "site").exists() and [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-build-")] == []


def test_checkout_files_are_read_only_from_inside_the_checkout(tmp_path, monkeypatch):
    checkout = tmp_path / "checkout"
    (checkout / "docs" / "assets").mkdir(parents=True)
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n", encoding="utf-8")
    (checkout / "CHANGELOG.md").symlink_to(outside)
    (checkout / "LICENSE-DATA").mkdir()
    (checkout / "CITATION.cff").write_text("cff-version: 1.2.0\n", encoding="utf-8")
    (checkout / "docs" / "assets" / "kml.css").write_text("a {}\n", encoding="utf-8")
    monkeypatch.setattr(site_build, "ROOT", checkout)
    assert site_build.checkout_file("CITATION.cff") == (checkout / "CITATION.cff").resolve()
    assert site_build.read_citation() == {"cff-version": "1.2.0"}
    for rel in ("CHANGELOG.md", "LICENSE-DATA", "../secret.txt", "missing.md"):
        with pytest.raises(site_build.BuildError, match=f"^{re.escape(rel)}: not a regular file inside the checkout$"):
            site_build.checkout_file(rel)
    assert list(site_build.checkout_files("docs/assets")) == ["kml.css"]
    (checkout / "docs" / "assets" / "stolen.txt").symlink_to(outside)
    with pytest.raises(site_build.BuildError, match="^docs/assets/stolen.txt: not a regular file inside the checkout$"):
        site_build.checkout_files("docs/assets")


# --- release files stay in their folder -----------------------------------------------------------


@pytest.mark.parametrize("name, version", [("../x", "1.0.0"), ("a/b", "1.0.0"), ("x", "../../1"), ("x", "1/.."), ("..", "x"), ("X", "1"), ("x", "1 0")])
def test_release_refuses_a_name_that_is_not_a_file_name(tmp_path, name, version):
    out = tmp_path / "deep" / "out"
    loaded = SimpleNamespace(descriptor={"name": name, "version": version, "resources": []})
    with pytest.raises(ValueError, match="is not a file name"):
        release.build(tmp_path, loaded, out, 1700000000, {})
    assert listing(tmp_path) == []


def test_release_reads_only_files_inside_the_package_and_writes_only_inside_out(tmp_path):
    package = tmp_path / "pkg"
    (package / "data").mkdir(parents=True)
    (package / "data" / "people.csv").write_text("id\n", encoding="utf-8")
    (tmp_path / "secret.csv").write_text("secret\n", encoding="utf-8")
    (package / "data" / "link.csv").symlink_to(tmp_path / "secret.csv")
    assert release.package_file(package, "data/people.csv") == (package / "data" / "people.csv").resolve()
    for rel in ("../secret.csv", "data/link.csv", "data", "/etc/hostname"):
        with pytest.raises(ValueError, match="not a regular file inside the package folder"):
            release.package_file(package, rel)
    out = tmp_path / "out"
    out.mkdir()
    assert release.inside(out, "x-1.zip") == out / "x-1.zip"
    for name in ("../x.zip", "a/b.zip", "/tmp/x.zip", ".."):
        with pytest.raises(ValueError, match="outside"):
            release.inside(out, name)
    assert release.entry_name("x-1/data/people.csv") == "x-1/data/people.csv"
    for name in ("x-1/../../evil", "/abs", "x-1/./a", "x-1//a", "C:/x", "a\\..\\b"):
        with pytest.raises(ValueError, match="not a relative ZIP entry name"):
            release.entry_name(name)
    with pytest.raises(ValueError):
        release.write_zip(out / "z.zip", {"x/../../evil": b""}, 1700000000)


# --- make: values are data, never code ----------------------------------------------------------


def test_make_variables_never_become_shell_or_make_code(tmp_path):
    pwned = tmp_path / "pwned"
    attempts = [
        (["validate", f"DATASET={tmp_path}/x`touch {pwned}`"], {}),
        (["validate", f"DATASET={tmp_path}/x$(touch {pwned})"], {}),
        (["validate", f'DATASET={tmp_path}/x"; touch {pwned}; echo "'], {}),
        (["validate", f"DATASET={tmp_path}/x$(shell touch {pwned})"], {}),
        (["validate"], {"DATASET": f"{tmp_path}/x$(shell touch {pwned})"}),
        (["validate"], {"DATASET": f"{tmp_path}/x`touch {pwned}`"}),
        (["diff", f"FROM=x`touch {pwned}`"], {}),
        (["diff", f"FROM=$(shell touch {pwned})"], {}),
        (["diff"], {"FROM": f"$(shell touch {pwned})"}),
    ]
    for args, env in attempts:
        done = subprocess.run(["make", "-s", *args], cwd=ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=TIMEOUT)
        assert done.returncode == 2, (args, env, done.stderr)
        assert not pwned.exists(), (args, env)
        value = (args[1] if len(args) > 1 else next(iter(env.items()))[0] + "=" + next(iter(env.values()))).split("=", 1)[1]
        assert value in done.stdout + done.stderr, (args, env, done.stdout, done.stderr)  # given to the tool literally
