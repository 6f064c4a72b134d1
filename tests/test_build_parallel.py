"""The build runs much of its work at once (scripts/site/build.py: the downloads and each language's
pages in forked processes, each language's MkDocs build and worker in threads of their own). A step
that fails in any of them fails the build with its own message (not that of a step it stopped),
leaves nothing running, and leaves the previous site as it was."""

from __future__ import annotations

import threading

import pytest

from scripts.site import build as site_build
from tests.conftest import ROOT
from tests.test_site_build import tree_digest

URL = "http://127.0.0.1:8000/"
EPOCH = "1700000000"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A site built from the real package: the previous site the failing builds must leave alone."""
    site_dir = tmp_path_factory.mktemp("parallel") / "site"
    with pytest.MonkeyPatch.context() as m:
        m.setenv("SOURCE_DATE_EPOCH", EPOCH)  # build() sets it for MkDocs
        assert site_build.build(ROOT / "dataset", site_dir, URL, EPOCH) > 0
    return site_dir


def refusing(name: str, lang: str):
    """build.py's `name`, raising for `lang` only: the other language runs as it would."""
    real = getattr(site_build, name)

    def replaced(*args):
        # stage_language is given the language; mkdocs_build, its staging/<lang>/mkdocs.yml
        if lang in args or (name == "mkdocs_build" and args[0].parent.name == lang):
            raise site_build.BuildError(f"{name} refused {lang}")
        return real(*args)

    return replaced


def leaves_the_site(built, monkeypatch, message: str) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    before = tree_digest(built)
    threads = threading.active_count()
    with pytest.raises(site_build.BuildError, match=f"^{message}$"):
        site_build.build(ROOT / "dataset", built, URL, EPOCH)
    assert tree_digest(built) == before
    assert threading.active_count() == threads  # nothing left waiting for what failed
    assert sorted(p.name for p in built.parent.iterdir()) == [".site.lock", "site"]  # its temporary folder is gone


@pytest.mark.parametrize(("name", "lang"), [("stage_language", "en"), ("stage_language", "ko"), ("mkdocs_build", "ko"), ("mkdocs_build", "en")])
def test_a_language_that_fails_fails_the_build_and_leaves_the_site(built, monkeypatch, name, lang):
    monkeypatch.setattr(site_build, name, refusing(name, lang))
    leaves_the_site(built, monkeypatch, f"{name} refused {lang}")


def test_downloads_that_fail_fail_the_build_and_leave_the_site(built, monkeypatch):
    def refused(*args, **kwargs):
        raise ValueError("the release refused")

    monkeypatch.setattr(site_build.release, "build", refused)
    leaves_the_site(built, monkeypatch, "the release refused")
