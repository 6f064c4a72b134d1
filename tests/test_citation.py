"""The citation as published: /CITATION.cff validates with cffconvert (the real CLI, from its own
venv) and against the CFF 1.2.0 JSON schema; REPO_URL fills `repository-code` and the BibTeX `url`
only when set; the cite page's BibTeX and RIS, the same in both languages, read back in bibtexparser
and rispy with the author as one corporate name, the year, title and version; every value is
escaped on the page."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import bibtexparser
import jsonschema
import pytest
import rispy
import yaml
from bibtexparser.middlewares import SeparateCoAuthors, SplitNameParts

from scripts.release import citation as cff
from scripts.site.target import TargetError, check_repo_url
from tests.conftest import ROOT
from tests.site_helpers import resolve

CFFCONVERT = ROOT / ".venv-cffconvert" / "bin" / "cffconvert"
SCHEMA = json.loads((ROOT / "tests" / "fixtures" / "cff" / "schema-1.2.0.json").read_text(encoding="utf-8"))
SITE_URL = "http://127.0.0.1:8000/"
REPO_URL = "https://git.example.org/someone/kadrey-meta-llama3"
REPO_CFF = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
VERSION = json.loads((ROOT / "dataset" / "datapackage.json").read_text(encoding="utf-8"))["version"]


def build(site_dir: Path, repo_url: str | None) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "REPO_URL"}
    env |= {"DATASET": str(ROOT / "dataset"), "SITE_DIR": str(site_dir), "SITE_URL": SITE_URL, "SOURCE_DATE_EPOCH": "1700000000"}
    if repo_url is not None:
        env["REPO_URL"] = repo_url
    done = subprocess.run([sys.executable, "-m", "scripts.site.build"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return site_dir


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The real dataset's site built with REPO_URL and without it."""
    top = tmp_path_factory.mktemp("citation")
    return {"repo": build(top / "repo", REPO_URL), "none": build(top / "none", None)}


def cffconvert(*args: str) -> subprocess.CompletedProcess:
    assert CFFCONVERT.is_file(), f"{CFFCONVERT} is missing: scripts/bootstrap.sh makes it from requirements-cffconvert.txt"
    return subprocess.run([str(CFFCONVERT), *args], capture_output=True, text=True, timeout=120)


def validate_cff(data: dict) -> None:
    jsonschema.validate(data, SCHEMA, cls=jsonschema.Draft7Validator, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)


class CodeBlocks(HTMLParser):
    """The text of each <pre> of a page, as a reader copies it (the highlighter's markup gone)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._depth = 0
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        if tag == "pre":
            self._depth += 1
            self.blocks.append("")

    def handle_endtag(self, tag):
        if tag == "pre":
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.blocks[-1] += data


def cite_page(site: Path, lang: str) -> Path:
    return site / ("en/" if lang == "en" else "") / "cite" / "index.html"


def bibtex_and_ris(site: Path) -> tuple[str, str]:
    """The cite page's BibTeX and RIS, after checking that both languages show the same two."""
    found = {lang: CodeBlocks(cite_page(site, lang).read_text(encoding="utf-8")).blocks for lang in ("ko", "en")}
    assert found["ko"] == found["en"] and len(found["ko"]) == 2
    bib, ris = found["ko"]
    assert bib.lstrip().startswith("@misc{") and ris.startswith("TY  - DATA")
    return bib, ris


def published(site: Path) -> dict:
    return yaml.safe_load((site / "CITATION.cff").read_text(encoding="utf-8"))


def test_the_repository_citation_is_valid_cff():
    validate_cff(REPO_CFF)
    done = cffconvert("-i", str(ROOT / "CITATION.cff"), "--validate")
    assert done.returncode == 0 and "valid" in done.stdout, done.stdout + done.stderr
    assert not {"doi", "repository-code"} & set(REPO_CFF)  # the checkout knows no address of its own


@pytest.mark.parametrize("which", ["repo", "none"])
def test_the_published_citation_validates_with_cffconvert_and_the_schema(sites, which):
    path = sites[which] / "CITATION.cff"
    done = cffconvert("-i", str(path), "--validate")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "Citation metadata are valid according to schema version 1.2.0."
    data = published(sites[which])
    validate_cff(data)
    # what the checkout's file says, with this build's addresses added and nothing else changed
    assert {k: v for k, v in data.items() if k not in ("url", "repository-code", "identifiers")} == REPO_CFF
    assert data["url"] == SITE_URL
    assert "doi" not in data  # none exists
    zip_url = f"{SITE_URL}downloads/{VERSION}/kadrey-meta-llama3.zip"
    assert data["identifiers"][0] == {"type": "url", "value": zip_url, "description": f"Version {VERSION} of the data package, as a ZIP"}
    for identifier in data["identifiers"]:  # each one is a file the build published
        assert identifier["type"] == "url" and identifier["description"]
        assert (sites[which] / identifier["value"][len(SITE_URL):]).is_file(), identifier


def test_repo_url_fills_repository_code_and_the_bibtex_url(sites):
    assert published(sites["repo"])["repository-code"] == REPO_URL
    bib, ris = bibtex_and_ris(sites["repo"])
    assert bibtexparser.parse_string(bib).entries[0]["url"] == REPO_URL
    assert rispy.loads(ris)[0]["urls"] == [REPO_URL]
    assert REPO_URL in cite_page(sites["repo"], "en").read_text(encoding="utf-8")


def test_without_repo_url_no_field_holds_a_made_up_address(sites):
    site = sites["none"]
    assert "repository-code" not in published(site)
    bib, ris = bibtex_and_ris(site)
    entry = bibtexparser.parse_string(bib).entries[0]
    assert "url" not in entry.fields_dict
    assert "urls" not in rispy.loads(ris)[0]
    for page in (site / "index.html", site / "en" / "downloads" / "index.html"):
        assert "codeRepository" not in page.read_text(encoding="utf-8") and "isPartOf" not in page.read_text(encoding="utf-8")
    # the two builds differ only where REPO_URL is written
    differing = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and "pagefind" not in p.parts and p.read_bytes() != (sites["repo"] / p.relative_to(site)).read_bytes())
    written = ["CITATION.cff", "cite/index.html", "downloads/index.html", "en/cite/index.html", "en/downloads/index.html", "en/index.html", "index.html"]
    # and the record pages, whose "suggest a correction" link opens the repository's issue form
    correcting = sorted(p.relative_to(sites["repo"]).as_posix() for p in sites["repo"].rglob("index.html") if f"{REPO_URL}/issues/new?" in p.read_text(encoding="utf-8"))
    assert len(correcting) > 100 and all(page not in written for page in correcting)
    assert differing == sorted(written + correcting)


@pytest.mark.parametrize("which", ["repo", "none"])
def test_the_bibtex_reads_back_with_one_corporate_author_year_title_and_version(sites, which):
    bib, _ = bibtex_and_ris(sites[which])
    library = bibtexparser.parse_string(bib, append_middleware=[SeparateCoAuthors(), SplitNameParts()])
    assert library.failed_blocks == [] and len(library.entries) == 1
    entry = library.entries[0]
    assert entry.entry_type == "misc"
    (author,) = entry["author"]  # one author, all of it the "last" name: not the surname "contributors"
    assert (author.first, author.von, author.jr) == ([], [], [])
    assert author.last == ["{kadrey-meta-llama3 contributors}"]
    assert entry["title"] == "{" + REPO_CFF["title"] + "}"  # braced, so that no style lower-cases "Meta"
    assert entry["year"] == REPO_CFF["date-released"][:4]
    assert entry["version"] == VERSION == REPO_CFF["version"]
    assert entry["note"] == "Licence: CC-BY-4.0"


@pytest.mark.parametrize("which", ["repo", "none"])
def test_the_ris_reads_back(sites, which):
    _, ris = bibtex_and_ris(sites[which])
    (record,) = rispy.loads(ris)
    assert record["type_of_reference"] == "DATA"
    assert record["authors"] == ["kadrey-meta-llama3 contributors"]  # no comma: one name, not "Last, First"
    assert record["title"] == REPO_CFF["title"]
    assert record["year"] == REPO_CFF["date-released"][:4] and record["date"] == REPO_CFF["date-released"].replace("-", "/")
    assert record["edition"] == VERSION
    assert record["keywords"] == REPO_CFF["keywords"]


def test_cffconvert_reads_the_same_title_and_year_from_the_published_file(sites):
    """A cross-check with cffconvert's own BibTeX and RIS of /CITATION.cff. Its URL rule takes the
    first `identifiers` URL (this version's ZIP); the cite page's `url` is REPO_URL, as the issue
    asks, so the two URLs differ by design: cffconvert's must be one of the published identifiers."""
    site = sites["repo"]
    ours = bibtexparser.parse_string(bibtex_and_ris(site)[0]).entries[0]
    done = cffconvert("-i", str(site / "CITATION.cff"), "-f", "bibtex")
    assert done.returncode == 0, done.stderr
    theirs = bibtexparser.parse_string(done.stdout).entries[0]
    assert ours["title"].strip("{}") == theirs["title"] and ours["year"] == theirs["year"]
    assert theirs["url"] in [i["value"] for i in published(site)["identifiers"]]
    done = cffconvert("-i", str(site / "CITATION.cff"), "-f", "ris")
    assert done.returncode == 0, done.stderr
    # cffconvert ends its record with a bare "ER" (no "  - "), which rispy does not take for the end
    # of a record: its tags are read line by line here
    theirs_ris: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        if m := re.match(r"([A-Z][A-Z0-9])  - (.*)", line):
            theirs_ris.setdefault(m[1], []).append(m[2])
    (ours_ris,) = rispy.loads(bibtex_and_ris(site)[1])
    assert ([ours_ris["title"]], [ours_ris["year"]], ours_ris["authors"]) == (theirs_ris["TI"], theirs_ris["PY"], theirs_ris["AU"])
    assert theirs_ris["UR"][0] in [i["value"] for i in published(site)["identifiers"]]


def test_the_cite_pages_offer_the_published_file_with_localized_labels(sites):
    site = sites["repo"]
    for lang, label in (("ko", "CITATION.cff 내려받기"), ("en", "Download CITATION.cff")):
        page = cite_page(site, lang)
        text = page.read_text(encoding="utf-8")
        hrefs = re.findall(r'<a href="([^"]*CITATION\.cff)" download>([^<]*)</a>', text)
        assert [h[1] for h in hrefs] == [label], lang
        target, _ = resolve(site, page.relative_to(site).parent.as_posix() + "/", hrefs[0][0])
        assert target == site / "CITATION.cff"


def test_hostile_citation_values_are_escaped_everywhere():
    """A title that is HTML, TeX and Markdown at once, and a fence: BibTeX reads it back as text
    (TeX specials written as themselves), RIS keeps it on one line, the page shows it as text."""
    import markdown

    from scripts.site.pages.cite import cite_page as page_markdown
    from scripts.site.pages.common import Site

    title = "<script>alert(1)</script> & 100% {braces} a_b #1 ~x ^y \\z ```\n``` [link](javascript:x)"
    data = cff.published({**REPO_CFF, "title": title}, SITE_URL, None, f"{SITE_URL}downloads/{VERSION}/", "x.zip")
    validate_cff(data)
    entry = bibtexparser.parse_string(cff.bibtex(data)).entries[0]
    assert entry["title"].startswith(r"{<script>alert(1)</script> \& 100\% \{braces\} a\_b \#1 \~{}x \^{}y \textbackslash{}z")
    assert len(bibtexparser.parse_string(cff.bibtex(data)).entries) == 1
    (record,) = rispy.loads(cff.ris(data))
    assert record["title"] == " ".join(title.split())
    site = Site.__new__(Site)  # the cite page reads only the citation and where the page is
    site.citation, site.to_root = data, ""
    text = page_markdown(site, "en")
    rendered = markdown.markdown(text, extensions=["tables", "attr_list", "md_in_html", "admonition", "pymdownx.highlight", "pymdownx.superfences"], extension_configs={"pymdownx.highlight": {"use_pygments": True}})
    assert "<script" not in rendered and 'href="javascript' not in rendered
    blocks = CodeBlocks(rendered).blocks
    assert len(blocks) == 2 and cff.bibtex(data).strip() == blocks[0].strip() and cff.ris(data).rstrip("\n") == blocks[1].rstrip("\n")
    assert html.unescape(rendered).count("<script>alert(1)</script>") == 3  # as text: the citation line, the BibTeX, the RIS


@pytest.mark.parametrize("value", [
    "https://user:secret@github.com/o/r",  # credentials
    "https://github.com/o/r x",  # whitespace
    "https://github.com/o/r\n",
    "https://github.com/o/r\x00",
    "ftp://github.com/o/r",
    "github.com/o/r",
    "https://github.com/o/r?q=\"x\"",
    "https://github.com:99999/o/r",
])
def test_repo_url_is_refused_unless_a_plain_http_url(value):
    with pytest.raises(TargetError, match=r"^REPO_URL="):
        check_repo_url(value)


def test_repo_url_empty_or_unset_is_none_and_a_good_one_is_kept():
    assert check_repo_url(None) is None and check_repo_url("") is None
    assert check_repo_url("https://github.com/owner/kadrey-meta-llama3") == "https://github.com/owner/kadrey-meta-llama3"


def test_a_bad_repo_url_stops_the_build_before_it_reads_anything(tmp_path):
    env = {**os.environ, "DATASET": str(tmp_path / "no-package-here"), "SITE_DIR": str(tmp_path / "site"), "SITE_URL": SITE_URL, "REPO_URL": "https://u:p@example.org/x"}
    done = subprocess.run([sys.executable, "-m", "scripts.site.build"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 2 and done.stderr.startswith("make site: REPO_URL=https://u:p@example.org/x: must be an absolute") and done.stderr.count("\n") == 1, done.stderr
    assert not (tmp_path / "site").exists()
