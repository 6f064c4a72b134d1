"""The data package, as published, loads in the tools made for it: the real `frictionless` CLI
validates the ZIP, the package tree served over HTTP (by URL) and the JSON download, each with all
of its resources; every descriptor conforms to the official Data Package v2 JSON Schemas (as
dplib-py ships them, checked offline); the ZIP and the tree hold the same files, a README in both
languages among them."""

from __future__ import annotations

import copy
import csv
import functools
import http.server
import json
import re
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from scripts.release.package import licence_files
from tests.conftest import FIXTURE, ROOT

DATASET = ROOT / "dataset"
DESCRIPTOR = json.loads((DATASET / "datapackage.json").read_text(encoding="utf-8"))
NAME, VERSION = DESCRIPTOR["name"], DESCRIPTOR["version"]
RESOURCES = len(DESCRIPTOR["resources"])  # 24: the article and 23 tables
FRICTIONLESS = Path(sys.executable).parent / "frictionless"  # the CLI installed with the pinned requirements
PROFILES = "https://datapackage.org/profiles/2.0/"


@pytest.fixture(scope="module")
def release(site) -> Path:
    return site / "downloads" / VERSION


def frictionless_validate(*args: str, cwd: Path | None = None) -> dict:
    """`frictionless validate … --json`: its report, after checking that the CLI exited 0."""
    done = subprocess.run([str(FRICTIONLESS), "validate", *args, "--json"], cwd=cwd, capture_output=True, text=True, timeout=300)
    report = json.loads(done.stdout)
    assert done.returncode == 0 and report["valid"], (args, done.stdout[-3000:], done.stderr[-3000:])
    return report


def assert_every_resource(report: dict) -> None:
    names = [task["name"] for task in report["tasks"]]
    assert names == [r["name"] for r in DESCRIPTOR["resources"]] and len(names) == RESOURCES
    assert all(task["valid"] for task in report["tasks"])


# --- the real frictionless CLI ------------------------------------------------------------------


def test_frictionless_cli_validates_the_zip_with_every_resource(release):
    # no flags: frictionless finds datapackage.json at the ZIP's root and validates the package,
    # not the first file it meets (0.2.0's ZIP had a top-level folder, and `validate` checked only LICENSE-DATA)
    assert_every_resource(frictionless_validate(f"{NAME}.zip", cwd=release))
    assert_every_resource(frictionless_validate("--type", "package", f"{NAME}.zip", cwd=release))


def test_frictionless_reads_the_zip_with_its_python_api(release):
    from frictionless import Package

    package = Package(str(release / f"{NAME}.zip"))
    assert [r.name for r in package.resources] == [r["name"] for r in DESCRIPTOR["resources"]]
    assert package.get_resource("people").read_rows()[0]["id"]


class RecordingHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site; notes every path asked for (the test's output, not a server log)."""

    def log_message(self, *args):
        pass

    def do_GET(self):
        self.server.requested.append(self.path)
        super().do_GET()


@pytest.fixture(scope="module")
def served(site):
    """The built site over HTTP on 127.0.0.1, at a free port, as a web host would serve it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(RecordingHandler, directory=str(site)))
    server.requested = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", server.requested
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("folder", [VERSION, "latest"])
def test_frictionless_cli_validates_the_package_by_url(served, folder):
    """downloads/<version>/package/datapackage.json with its files beside it: the package
    validates remotely, every data file fetched over HTTP by its path relative to the descriptor."""
    url, requested = served
    requested.clear()
    assert_every_resource(frictionless_validate(f"{url}downloads/{folder}/package/datapackage.json"))
    expected = {f"/downloads/{folder}/package/{p}" for p in ["datapackage.json", *(r["path"] for r in DESCRIPTOR["resources"])]}
    assert set(requested) == expected  # every file from the server, by its path beside the descriptor


def test_frictionless_cli_validates_the_json_download_as_a_package(release):
    for args in ((f"{NAME}.json",), ("--type", "package", f"{NAME}.json")):
        report = frictionless_validate(*args, cwd=release)
        assert_every_resource(report)
        assert {task["place"] for task in report["tasks"]} == {"<memory>"}  # the data is inline


def test_the_json_download_carries_the_article_so_offsets_work_alone(release):
    data = json.loads((release / f"{NAME}.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in data["resources"]}
    article = resources["article-ko"]
    assert article["type"] == "table" and "path" not in article and [f["name"] for f in article["schema"]["fields"]] == ["text"]
    text = article["data"][0]["text"]
    assert text == (DATASET / "sources" / "article-ko.txt").read_text(encoding="utf-8")
    for mention in resources["mentions"]["data"]:
        assert text[mention["start"] : mention["end"]] == mention["exact"], mention["id"]
    # the rights file is a file of the package tree published beside the JSON file: the path points there
    assert article["licenses"][0]["path"] == "package/sources/article-ko.RIGHTS.txt"
    assert (release / article["licenses"][0]["path"]).is_file()


# --- the official Data Package v2 JSON Schemas ----------------------------------------------------


@functools.cache
def v2_validator() -> jsonschema.protocols.Validator:
    """The v2 profile as dplib-py ships it, with the other profiles it may `$ref` registered under
    their URLs: any `$ref` resolves locally, and one that does not raises instead of being fetched."""
    from dplib import __file__ as dplib_file
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT7

    folder = Path(dplib_file).parent / "profiles" / "2.0"
    profiles = {name: json.loads((folder / f"{name}.json").read_text(encoding="utf-8")) for name in ("datapackage", "dataresource", "tableschema", "tabledialect")}
    registry = Registry().with_resources((PROFILES + f"{name}.json", Resource.from_contents(schema, default_specification=DRAFT7)) for name, schema in profiles.items())
    cls = jsonschema.validators.validator_for(profiles["datapackage"])
    return cls(profiles["datapackage"], registry=registry, format_checker=cls.FORMAT_CHECKER)


def v2_problems(descriptor: dict) -> list[str]:
    """What the v2 JSON Schema says about `descriptor`, and every licence `name` that is not an
    SPDX / Open Definition id (the schema only checks its characters)."""
    from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

    found = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in v2_validator().iter_errors(descriptor)]
    resources = descriptor.get("resources")
    licences = [("licenses", lic) for lic in descriptor.get("licenses", [])]
    licences += [(f"resources/{r.get('name')}/licenses", lic) for r in (resources if isinstance(resources, list) else []) for lic in r.get("licenses", [])]
    for where, licence in licences:
        if "name" in licence:
            try:
                ok = canonicalize_license_expression(licence["name"]) == licence["name"] and " " not in licence["name"]
            except InvalidLicenseExpression:
                ok = False
            if not ok:
                found.append(f"{where}: name {licence['name']!r} is not an SPDX / Open Definition licence id")
    return found


def descriptors(release: Path) -> dict[str, dict]:
    with zipfile.ZipFile(release / f"{NAME}.zip") as z:
        in_zip = json.loads(z.read("datapackage.json"))
    return {
        "dataset/datapackage.json": DESCRIPTOR,
        "tests/fixtures/valid/datapackage.json": json.loads((FIXTURE / "datapackage.json").read_text(encoding="utf-8")),
        f"{NAME}.zip: datapackage.json": in_zip,
        "package/datapackage.json": json.loads((release / "package" / "datapackage.json").read_text(encoding="utf-8")),
        f"{NAME}.json": json.loads((release / f"{NAME}.json").read_text(encoding="utf-8")),
    }


def test_every_descriptor_conforms_to_the_v2_json_schemas(release):
    for where, descriptor in descriptors(release).items():
        assert descriptor["$schema"] == PROFILES + "datapackage.json", where
        assert v2_problems(descriptor) == [], where


def test_the_v2_check_refuses_what_0_2_0_published():
    """The check above can fail: 0.2.0's article resource (`type: text`, a made-up licence name) and
    its JSON download (an object of resources, no name) are refused, each for what is wrong."""
    old = copy.deepcopy(DESCRIPTOR)
    article = next(r for r in old["resources"] if r["name"] == "article-ko")
    article["type"] = "text"
    assert v2_problems(old) == ["resources/0/type: 'text' is not one of ['table']"]
    article.pop("type")
    article["licenses"] = [{"name": "rights-not-cleared", "title": "Publisher unknown; rights not cleared."}]
    assert v2_problems(old) == ["resources/article-ko/licenses: name 'rights-not-cleared' is not an SPDX / Open Definition licence id"]
    old_json = {"package": {k: v for k, v in DESCRIPTOR.items() if k != "resources"}, "resources": {"people": [{"id": "x"}]}}
    assert "resources: {'people': [{'id': 'x'}]} is not of type 'array'" in v2_problems(old_json)


# --- the ZIP and the package tree ---------------------------------------------------------------


def test_the_zip_and_the_package_tree_hold_the_same_files(release):
    with zipfile.ZipFile(release / f"{NAME}.zip") as z:
        entries = {info.filename: z.read(info) for info in z.infolist()}
    tree = release / "package"
    files = {p.relative_to(tree).as_posix(): p.read_bytes() for p in tree.rglob("*") if p.is_file()}
    assert entries == files
    assert not [n for n in entries if n.startswith(NAME)]  # no top-level folder
    assert entries["datapackage.json"] == (DATASET / "datapackage.json").read_bytes()
    for resource in DESCRIPTOR["resources"]:
        assert entries[resource["path"]] == (DATASET / resource["path"]).read_bytes()
    rights = [path for _, path in licence_files(DESCRIPTOR)]
    assert rights == ["sources/article-ko.RIGHTS.txt"]  # the article's rights, shipped with it
    assert entries[rights[0]] == (DATASET / rights[0]).read_bytes()
    assert entries["LICENSE-DATA"] == (ROOT / "LICENSE-DATA").read_bytes()
    assert set(entries) == {"datapackage.json", "LICENSE-DATA", "README.md", *rights, *(r["path"] for r in DESCRIPTOR["resources"])}


def test_the_readme_says_what_is_in_it_how_to_load_it_its_licences_and_how_to_cite_in_both_languages(release):
    with zipfile.ZipFile(release / f"{NAME}.zip") as z:
        readme = z.read("README.md").decode("utf-8")
    ko, en = readme.split("\n## 한국어\n", 1)[1].split("\n## English\n", 1)
    assert len(re.findall(r"[가-힣]", ko)) > len(ko) / 10 and not re.search(r"[가-힣]", en)  # each half in its language
    for half, headings in ((ko, ("### 들어 있는 것", "### 불러오는 방법", "### 이용 허락", "### 인용")), (en, ("### What is in it", "### How to load it", "### Licence", "### How to cite"))):
        for heading in headings:
            assert f"\n{heading}\n" in half, heading
        for resource in DESCRIPTOR["resources"]:
            assert f"`{resource['path']}`" in half
        assert "- `data/people.csv` (people): " in half and f"frictionless validate {NAME}.zip" in half
        assert f'frictionless validate "${{SITE}}downloads/{VERSION}/package/datapackage.json"' in half
        assert "127.0.0.1" not in half  # the release files do not depend on the site's address
        assert f"datasette {NAME}.sqlite --metadata metadata.json" in half
        assert "CC-BY-4.0" in half and "sources/article-ko.RIGHTS.txt" in half
    assert "Not covered: sources/article-ko.txt" in en and "포함되지 않는 것: sources/article-ko.txt" in ko
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    year = str(cff["date-released"])[:4]
    assert f"({year}). {cff['title']} (version {cff['version']})" in en
    assert f"({year}). {cff['title']} (버전 {cff['version']})" in ko
    with (DATASET / "data" / "people.csv").open(encoding="utf-8", newline="") as f:
        people = len(list(csv.DictReader(f)))
    assert f"People, {people} rows" in en and f"인물, {people}행" in ko


def test_a_package_with_empty_tables_still_validates_in_every_form(tmp_path):
    """The test fixture has tables with no rows (cases, events…): the JSON download gives each a
    header row alone, since frictionless refuses an empty inline list, and every form validates."""
    from scripts import release as release_module
    from scripts.validate import validate

    problems, loaded = validate(FIXTURE)
    assert problems == []
    empty = [name for name in ("cases", "events", "fact_checks") if not loaded.records(name)]
    assert empty  # what this test is about
    out = tmp_path / "out"
    release_module.build(FIXTURE, loaded, out, 1700000000, {"LICENSE-DATA": (ROOT / "LICENSE-DATA").read_bytes()})
    name = loaded.descriptor["name"]
    data = {r["name"]: r for r in json.loads((out / f"{name}.json").read_text(encoding="utf-8"))["resources"]}
    for table in empty:
        assert data[table]["data"] == [[f["name"] for f in data[table]["schema"]["fields"]]]
    count = len(loaded.descriptor["resources"])
    for args in ((f"{name}.json",), (f"{name}.zip",), ("package/datapackage.json",)):
        report = frictionless_validate(*args, cwd=out)
        assert len(report["tasks"]) == count and all(task["valid"] for task in report["tasks"]), args
    assert v2_problems(json.loads((out / f"{name}.json").read_text(encoding="utf-8"))) == []
