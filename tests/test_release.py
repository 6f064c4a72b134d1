"""Release artifacts: each loads back equal to the dataset, record for record; checksums hold;
the changelog, citation and licences agree with the package; JSON-LD and sitemaps are complete."""

from __future__ import annotations

import csv
import datetime
import html
import json
import re
import subprocess
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from schemas.models import MODELS
from scripts.changelog import releases
from scripts.validate import validate
from tests.conftest import ROOT
from tests.site_helpers import Page, pages

DATASET = ROOT / "dataset"
DESCRIPTOR = json.loads((DATASET / "datapackage.json").read_text(encoding="utf-8"))
VERSION = DESCRIPTOR["version"]
# The release files' stem: the package name. The version is only the folder's name (downloads/<version>/).
STEM = DESCRIPTOR["name"]


@pytest.fixture(scope="module")
def loaded():
    problems, data = validate(DATASET)
    assert problems == []
    return data


def expected(loaded, name):
    return loaded.records(name)


@pytest.fixture(scope="module")
def release(site) -> Path:
    return site / "downloads" / VERSION


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` by its path inside it (package/ holds a tree)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_every_artifact_is_there_and_latest_is_the_same(site, release):
    names = set(files_of(release))
    assert {f"{STEM}.zip", f"{STEM}.xlsx", f"{STEM}.json", f"{STEM}.sqlite", "metadata.json", "SHA256SUMS", "package/datapackage.json"} <= names
    assert {f"{n}.csv" for n in MODELS} | {f"{n}.schema.json" for n in MODELS} <= names
    assert {f"package/{r['path']}" for r in DESCRIPTOR["resources"]} <= names
    assert not [n for n in names if VERSION in n]  # the version is the folder's name only
    latest = site / "downloads" / "latest"
    assert files_of(latest) == files_of(release)  # a byte copy, the same names


def test_sha256sum_check_passes(release):
    done = subprocess.run(["sha256sum", "-c", "--strict", "SHA256SUMS"], cwd=release, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = [line.split("  ", 1)[1] for line in (release / "SHA256SUMS").read_text().splitlines()]
    assert sorted(listed) == sorted(n for n in files_of(release) if n != "SHA256SUMS")
    assert "package/datapackage.json" in listed and "package/data/people.csv" in listed


def test_zip_is_the_package_and_frictionless_reads_it_back(release, tmp_path, loaded):
    from frictionless import Package

    with zipfile.ZipFile(release / f"{STEM}.zip") as z:
        z.extractall(tmp_path)
    folder = tmp_path
    assert (folder / "datapackage.json").read_bytes() == (DATASET / "datapackage.json").read_bytes()
    assert (folder / "LICENSE-DATA").read_bytes() == (ROOT / "LICENSE-DATA").read_bytes()
    package = Package(str(folder / "datapackage.json"))
    assert package.validate().valid
    for name, model in MODELS.items():
        rows = package.get_resource(name).read_rows()
        # frictionless reads `type: date` columns as dates; the models hold them as ISO strings
        back = [model.model_validate({k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in row.to_dict().items()}) for row in rows]
        assert back == expected(loaded, name), name


def test_csv_files_are_the_package_csvs(release):
    for name in MODELS:
        assert (release / f"{name}.csv").read_bytes() == (DATASET / "data" / f"{name}.csv").read_bytes()


def test_json_loads_back_equal_and_validates_against_the_json_schemas(release, loaded):
    """The JSON download is the descriptor with its data inline: the package's metadata as it is,
    every resource in the descriptor's order, each table's rows typed as the models dump them."""
    data = json.loads((release / f"{STEM}.json").read_text(encoding="utf-8"))
    assert {k: v for k, v in data.items() if k != "resources"} == {k: v for k, v in DESCRIPTOR.items() if k != "resources"}
    assert [r["name"] for r in data["resources"]] == [r["name"] for r in DESCRIPTOR["resources"]]
    resources = {r["name"]: r for r in data["resources"]}
    for name, model in MODELS.items():
        resource = resources[name]
        assert "path" not in resource and resource["schema"] == next(r["schema"] for r in DESCRIPTOR["resources"] if r["name"] == name)
        schema = json.loads((release / f"{name}.schema.json").read_text(encoding="utf-8"))
        for obj in resource["data"]:
            jsonschema.validate(obj, schema)
        assert [model.model_validate(o) for o in resource["data"]] == expected(loaded, name)
    # typed: integers stay numbers, empty cells are null
    assert all(isinstance(m["start"], int) for m in resources["mentions"]["data"])
    assert any(v is None for row in resources["people"]["data"] for v in row.values())


def test_changelog_newest_release_is_the_package_version():
    published = [r for r in releases((ROOT / "CHANGELOG.md").read_text(encoding="utf-8")) if r[0] != "Unreleased"]
    assert published[0][0] == VERSION
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", published[0][1] or "")


def html_text(text: str) -> str:
    """Text with tags, Markdown emphasis and entities out of the way, for comparing prose."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>|[*`_]", "", text)).split())


def test_the_two_changelogs_have_the_same_releases():
    """CHANGELOG.md (English) and CHANGELOG.ko.md (Korean): the same `## [x.y.z] - date` headings, in
    the same order, and the Korean one written in Korean."""
    en = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    ko = (ROOT / "CHANGELOG.ko.md").read_text(encoding="utf-8")
    assert [(v, d) for v, d, _ in releases(en)] == [(v, d) for v, d, _ in releases(ko)]
    for version, _, body in releases(ko):
        assert len(re.findall(r"[가-힣]", body)) > len(body) / 10, f"CHANGELOG.ko.md [{version}] is not in Korean"


def test_each_downloads_page_shows_its_own_changelog(site):
    """The newest release's notes, each language's from its own changelog (their first line here)."""
    first = {}
    for lang, name in (("en", "CHANGELOG.md"), ("ko", "CHANGELOG.ko.md")):
        body = releases((ROOT / name).read_text(encoding="utf-8"))[0][2]
        first[lang] = html_text(body.splitlines()[0])
    pages = {"ko": site / "downloads" / "index.html", "en": site / "en" / "downloads" / "index.html"}
    for lang, other in (("ko", "en"), ("en", "ko")):
        text = html_text(pages[lang].read_text(encoding="utf-8"))
        assert first[lang] in text and first[other] not in text, (lang, first)


def test_citation_cff_is_valid_and_agrees_with_the_package():
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads((ROOT / "tests" / "fixtures" / "cff" / "schema-1.2.0.json").read_text(encoding="utf-8"))
    jsonschema.validate(cff, schema, cls=jsonschema.Draft7Validator, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert cff["version"] == VERSION
    assert cff["license"] == DESCRIPTOR["licenses"][0]["name"]


def test_cite_page_shows_the_citation(site):
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for root in (site, site / "en"):
        text = Page((root / "cite" / "index.html").read_text(encoding="utf-8")).plain
        assert cff["title"] in text and f"version {cff['version']}" in text


def test_licences_are_referenced():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "LICENSE-DATA" in readme and "LICENSE" in readme
    assert "LICENSE-DATA" in DESCRIPTOR["licenses"][0]["title"]
    assert (ROOT / "LICENSE").read_text().startswith("MIT License")


def jsonld_blocks(page: Page) -> list[dict]:
    blocks = []
    for (tag, attrs), script in zip([e for e in page.elements if e[0] == "script"], page.scripts):
        if attrs.get("type") == "application/ld+json":
            blocks.append(json.loads(script))
    return blocks


REQUIRED = {
    "Dataset": {"name", "description", "inLanguage", "version", "license", "creator", "isBasedOn", "keywords", "distribution"},
    "Person": {"name", "url"},
    "Organization": {"name", "url"},
    "Quotation": {"text", "creator", "isBasedOn"},
}


def test_json_ld_blocks_parse_and_have_their_keys(site, release):
    seen = set()
    for url, path in pages(site).items():
        for block in jsonld_blocks(Page(path.read_text(encoding="utf-8"))):
            assert block["@context"] == "https://schema.org"
            kind = block["@type"]
            seen.add((url.split("/")[0] if not url.startswith("en/") else url.split("/")[1], kind))
            assert REQUIRED[kind] <= set(block), (url, kind)
            if kind == "Dataset":  # only the data files (tests/test_jsonld.py); schema.org has no sha256
                names = {d["name"] for d in block["distribution"]}
                data = {n for n in files_of(release) if n.endswith((".zip", ".csv", ".xlsx", ".json", ".sqlite")) and not n.startswith("package/")}
                assert names == (data - {"metadata.json"} - {n for n in data if n.endswith(".schema.json")}) | {"package/datapackage.json"}
                for d in block["distribution"]:
                    assert {"contentUrl", "encodingFormat", "contentSize"} <= set(d)
    home = Page((site / "index.html").read_text(encoding="utf-8"))
    assert [b["@type"] for b in jsonld_blocks(home)] == ["Dataset"]
    zuckerberg = jsonld_blocks(Page((site / "en" / "people" / "mark-zuckerberg" / "index.html").read_text(encoding="utf-8")))
    assert zuckerberg[0]["sameAs"] == "https://www.wikidata.org/wiki/Q36215"
    # every other name and alias, but not the name the page gives
    assert zuckerberg[0]["name"] == "Mark Zuckerberg" and "Mark Zuckerberg" not in zuckerberg[0]["alternateName"]
    assert {"마크 저커버그", "주커버그", "저커버그"} <= set(zuckerberg[0]["alternateName"])
    assert {("downloads", "Dataset"), ("people", "Person"), ("organizations", "Organization"), ("quotes", "Quotation")} <= seen


def test_sitemaps_list_both_twins(site):
    for root, prefix in ((site, ""), (site / "en", "en/")):
        text = (root / "sitemap.xml").read_text(encoding="utf-8")
        urls = re.findall(r"<loc>([^<]*)</loc>", text)
        assert f"http://127.0.0.1:8000/{prefix}people/mark-zuckerberg/" in urls
        assert text.count('hreflang="ko"') == len(urls) == text.count('hreflang="en"')
        assert '<xhtml:link rel="alternate" hreflang="en" href="http://127.0.0.1:8000/en/people/mark-zuckerberg/"/>' in text


def test_make_diff_lists_added_removed_and_changed_ids(tmp_path):
    import shutil

    from scripts.package.diff import diff

    copy = tmp_path / "pkg"
    shutil.copytree(DATASET, copy)
    people = copy / "data" / "people.csv"
    text = people.read_text(encoding="utf-8")
    text = text.replace("Meta researcher and first author", "Meta research scientist and first author")  # hugo-touvron changed
    lines = text.split("\n")
    lines = [line for line in lines if not line.startswith("richard-kadrey,")]  # removed
    lines.insert(1, "ta-nehisi-coates,타네하시 코츠,Ta-Nehisi Coates,설명.,Description.,")  # added
    people.write_text("\n".join(lines), encoding="utf-8")
    out, total = diff("HEAD", copy)
    assert out[out.index("people: +1 -1 ~1") : out.index("people: +1 -1 ~1") + 4] == [
        "people: +1 -1 ~1",
        "  + ta-nehisi-coates",
        "  - richard-kadrey",
        "  ~ hugo-touvron",
    ]
    assert "sources: +0 -0 ~0" in out and total == 3


def test_xlsx_keeps_formula_like_text_as_text(tmp_path):
    """A value that starts with "=" is data, not an Excel formula (CSV/formula injection)."""
    from openpyxl import load_workbook

    from scripts.release import write_xlsx
    from tests.conftest import FIXTURE

    package = tmp_path / "pkg"
    shutil_copytree(FIXTURE, package)
    people = package / "data" / "people.csv"
    people.write_text(people.read_text(encoding="utf-8").replace("Meta's CEO.", "=1+1 @SUM(A1)"), encoding="utf-8")
    from tests.conftest import refresh_stats

    refresh_stats(package)
    problems, data = validate(package)
    assert problems == []
    write_xlsx(data, tmp_path / "out.xlsx", 1700000000)
    cell = load_workbook(tmp_path / "out.xlsx")["people"]["E2"]
    assert cell.data_type == "s" and cell.value == "=1+1 @SUM(A1)"


def shutil_copytree(a, b):
    import shutil

    shutil.copytree(a, b)


def test_downloads_pages_link_the_version_less_files_and_the_package_by_url(site, release):
    """Both languages: every file under its release name, latest/ named without a version (the
    promise the page makes), and package/datapackage.json by URL, to validate or load remotely."""
    from tests.site_helpers import resolve

    for url in ("downloads/", "en/downloads/"):
        page = Page((site / url / "index.html").read_text(encoding="utf-8"))
        targets = {resolve(site, url, a["href"])[0] for tag, a in page.links if tag == "a"}
        for name in (f"{STEM}.zip", f"{STEM}.xlsx", f"{STEM}.json", f"{STEM}.sqlite", "package/datapackage.json", "SHA256SUMS"):
            assert release / name in targets, (url, name)
        assert site / "downloads" / "latest" / f"{STEM}.zip" in targets and site / "downloads" / "latest" / "package" / "datapackage.json" in targets
        text = page.plain
        assert "frictionless validate http://127.0.0.1:8000/downloads/latest/package/datapackage.json" in text
        assert f"frictionless validate --type package {STEM}.json" in text and f"datasette {STEM}.sqlite --metadata metadata.json" in text
        assert f"{STEM}-{VERSION}" not in text  # 0.2.0's versioned names are gone
