"""`make release VERSION=x.y.z` on a copy of the files it reads and writes (the checkout is never
stamped): what it refuses, all reasons at once and nothing written; what it stamps, after which
the package still validates and the citation still passes cffconvert."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pytest

from scripts.release.version import SEMVER, main as release_main
from scripts.validate import validate
from tests.test_review import clean_env, clone  # noqa: F401 (a fixture: a clone of the checkout, to run make in)

ROOT = Path(__file__).resolve().parent.parent
CFFCONVERT = ROOT / ".venv-cffconvert" / "bin" / "cffconvert"
FILES = ("CHANGELOG.md", "CHANGELOG.ko.md", "CITATION.cff")


@pytest.fixture
def root(tmp_path) -> Path:
    """The package, both changelogs and the citation, copied."""
    shutil.copytree(ROOT / "dataset", tmp_path / "dataset")
    for name in FILES:
        shutil.copyfile(ROOT / name, tmp_path / name)
    return tmp_path


def current_version() -> str:
    return json.loads((ROOT / "dataset" / "datapackage.json").read_text(encoding="utf-8"))["version"]


def next_minor() -> str:
    major, minor, _ = (int(x) for x in current_version().split("."))
    return f"{major}.{minor + 1}.0"


def add_section(root: Path, name: str, version: str, date: str = "2026-12-01") -> None:
    """A dated section for `version` above the newest release of the changelog `name`."""
    path = root / name
    text = path.read_text(encoding="utf-8")
    at = text.index("\n## [") + 1
    path.write_text(text[:at] + f"## [{version}] - {date}\n\n### Added\n\n- Something.\n\n" + text[at:], encoding="utf-8")


def snapshot(root: Path) -> dict[str, str]:
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def refused(root: Path, version: str, capsys) -> str:
    before = snapshot(root)
    assert release_main([version], root=root) == 2
    assert snapshot(root) == before, "a refused release writes nothing"
    err = capsys.readouterr().err
    assert err.startswith(f"make release: {version} refused, nothing written:")
    return err


@pytest.mark.parametrize("version", ["older", "equal", "1.0", "v1.0.0", "1.0.0-rc.1", "01.0.0", "1.2.3.4", " 1.0.0", ""])
def test_refuses_an_older_equal_or_malformed_version(root, capsys, version):
    major, minor, patch = (int(x) for x in current_version().split("."))
    version = {"older": f"{major}.{minor}.{patch - 1}" if patch else f"{major}.{minor - 1}.9", "equal": current_version()}.get(version, version)
    for name in ("CHANGELOG.md", "CHANGELOG.ko.md"):  # the changelogs are not what is wrong
        if version and f"## [{version}]" not in (root / name).read_text(encoding="utf-8"):
            add_section(root, name, version)
    if version == "":
        before = snapshot(root)
        assert release_main([""], root=root) == 2 and snapshot(root) == before
        assert "give VERSION=x.y.z" in capsys.readouterr().err
        return
    err = refused(root, version, capsys)
    if version == current_version():
        assert f"the same as the package's version {current_version()}" in err
    elif SEMVER.match(version):
        assert f"older than the package's version {current_version()}" in err
    else:
        assert f"VERSION={version}: not a version MAJOR.MINOR.PATCH" in err
    assert "CHANGELOG" not in err


def test_a_version_missing_from_both_changelogs_is_reported_for_each(root, capsys):
    version = next_minor()
    err = refused(root, version, capsys)
    assert f"CHANGELOG.md: no `## [{version}] - YYYY-MM-DD` section" in err
    assert f"CHANGELOG.ko.md: no `## [{version}] - YYYY-MM-DD` section" in err


def test_every_failed_check_is_reported_in_one_run(root, capsys):
    (root / "CITATION.cff").write_text((root / "CITATION.cff").read_text(encoding="utf-8").replace("\nversion:", "\nrelease:"), encoding="utf-8")
    with (root / "CHANGELOG.md").open("a", encoding="utf-8") as f:
        f.write("\n## [0.0.1] - 2026-01-01\n\n- Before everything.\n")  # below the newest
    err = refused(root, "0.0.1", capsys)
    assert "older than the package's version" in err
    assert "CHANGELOG.md: [0.0.1] is not the newest release" in err
    assert "CHANGELOG.ko.md: no `## [0.0.1] - YYYY-MM-DD` section" in err
    assert "CITATION.cff: needs exactly one top-level `version:` line, found 0" in err


def test_the_changelogs_must_agree_and_date_the_release(root, capsys):
    version = next_minor()
    add_section(root, "CHANGELOG.md", version, "2026-12-01")
    add_section(root, "CHANGELOG.ko.md", version, "2026-12-02")
    assert "the changelogs date" in refused(root, version, capsys)
    text = (root / "CHANGELOG.ko.md").read_text(encoding="utf-8").replace(f"## [{version}] - 2026-12-02", f"## [{version}]")
    (root / "CHANGELOG.ko.md").write_text(text, encoding="utf-8")
    assert f"CHANGELOG.ko.md: the `## [{version}]` section has no date" in refused(root, version, capsys)


def test_stamps_the_descriptor_and_the_citation(root, capsys):
    version = next_minor()
    for name in ("CHANGELOG.md", "CHANGELOG.ko.md"):
        add_section(root, name, version, "2026-12-01")
    before = snapshot(root)
    descriptor = (root / "dataset" / "datapackage.json").read_text(encoding="utf-8")
    citation = (root / "CITATION.cff").read_text(encoding="utf-8")
    assert release_main([version], root=root) == 0
    out = capsys.readouterr().out
    assert f"dataset/datapackage.json: version {current_version()} → {version}" in out and f"git tag -a v{version}" in out
    after = snapshot(root)
    assert {k for k in after if after[k] != before.get(k)} == {"dataset/datapackage.json", "CITATION.cff"}

    # The descriptor: one line changed, written as `make schemas` writes it.
    stamped = (root / "dataset" / "datapackage.json").read_text(encoding="utf-8")
    assert stamped == descriptor.replace(f'"version": "{current_version()}"', f'"version": "{version}"', 1) != descriptor
    problems, _ = validate(root / "dataset")
    assert problems == []

    # The citation: version and date-released, every other line as it was.
    cff = (root / "CITATION.cff").read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(citation.split("\n"), cff.split("\n")) if a != b]
    assert [b for _, b in changed] == [f'version: "{version}"', 'date-released: "2026-12-01"']
    done = subprocess.run([str(CFFCONVERT), "--validate", "-i", str(root / "CITATION.cff")], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_citation_without_date_released_gets_only_the_version(root, capsys):
    version = next_minor()
    for name in ("CHANGELOG.md", "CHANGELOG.ko.md"):
        add_section(root, name, version)
    cff = root / "CITATION.cff"
    cff.write_text("\n".join(line for line in cff.read_text(encoding="utf-8").split("\n") if not line.startswith("date-released:")), encoding="utf-8")
    assert release_main([version], root=root) == 0
    text = cff.read_text(encoding="utf-8")
    assert f'version: "{version}"' in text and "date-released" not in text


def test_make_release_in_a_clone(clone):
    """The Makefile target: VERSION missing or not newer is refused (exit 2); a good one stamps the
    two files of the clone and nothing else."""
    def make(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(["make", "--no-print-directory", "release", *args], cwd=clone, env=clean_env(), capture_output=True, text=True)

    done = make()
    assert done.returncode == 2 and "make release: give VERSION=x.y.z" in done.stderr
    done = make(f"VERSION={current_version()}")
    assert done.returncode == 2 and "the same as the package's version" in done.stderr
    version = next_minor()
    for name in ("CHANGELOG.md", "CHANGELOG.ko.md"):
        add_section(clone, name, version)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qam", "changelogs"], cwd=clone, check=True)
    done = make(f"VERSION={version}")
    assert done.returncode == 0, done.stderr
    changed = subprocess.run(["git", "diff", "--name-only"], cwd=clone, capture_output=True, text=True, check=True).stdout.split()
    assert changed == ["CITATION.cff", "dataset/datapackage.json"]
