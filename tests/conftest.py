import shutil
from pathlib import Path

import pytest

from scripts.descriptor import refresh
from scripts.validate import main as validate_main

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "valid"


refresh_stats = refresh  # what `make schemas DATASET=…` does to the descriptor after an edit


class Package:
    """A copy of the tiny valid fixture package, to break one thing at a time."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, rel: str) -> Path:
        return self.root / rel

    def read(self, rel: str) -> str:
        return self.path(rel).read_text(encoding="utf-8")

    def write(self, rel: str, text: str, *, refresh: bool = True) -> None:
        self.path(rel).write_text(text, encoding="utf-8", newline="")
        if refresh:
            refresh_stats(self.root)

    def replace(self, rel: str, old: str, new: str, *, refresh: bool = True) -> None:
        text = self.read(rel)
        assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {rel}"
        self.write(rel, text.replace(old, new), refresh=refresh)

    def write_bytes(self, rel: str, data: bytes, *, refresh: bool = True) -> None:
        self.path(rel).write_bytes(data)
        if refresh:
            refresh_stats(self.root)


@pytest.fixture
def package(tmp_path: Path) -> Package:
    root = tmp_path / "pkg"
    shutil.copytree(FIXTURE, root)
    return Package(root)


@pytest.fixture
def validate(capsys):
    """Run the validator on a folder; return (exit status, printed lines)."""

    def run(folder: Path) -> tuple[int, list[str]]:
        status = validate_main([str(folder)])
        out = capsys.readouterr().out
        return status, out.splitlines()

    return run


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The real dataset's site, built once per test session."""
    from tests.site_helpers import build_site

    site_dir = tmp_path_factory.mktemp("built") / "site"
    done = build_site(ROOT / "dataset", site_dir)
    assert done.returncode == 0, done.stderr
    return site_dir
