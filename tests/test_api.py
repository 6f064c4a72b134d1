"""The static JSON API (scripts/site/api.py), read from the real dataset's site as built once per
session (the `site` fixture): it covers every resource, loads back equal to the package, and every
URL in it leads to a file of the site and every #fragment to an element of that page."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from schemas.models import MODELS, PRIMARY_KEYS
from scripts.tableschema import foreign_keys
from scripts.validate import validate
from tests.conftest import ROOT
from tests.site_helpers import Page, resolve

DATASET = ROOT / "dataset"
DESCRIPTOR = json.loads((DATASET / "datapackage.json").read_text(encoding="utf-8"))
VERSION = DESCRIPTOR["version"]
SITE_URL = "http://127.0.0.1:8000/"  # what tests.site_helpers.build_site builds with

# Published since 0.1.0 (resource, folder): these paths stay, whatever the code calls them now.
PUBLISHED = (
    ("people", "people"),
    ("organizations", "organizations"),
    ("works", "works"),
    ("quotes", "quotes"),
    ("legal_issues", "legal-issues"),
    ("cases", "cases"),
    ("fact_checks", "fact-checks"),
    ("sources", "sources"),
)
# The records other rows point at without a page of their own: fetchable by id too.
FETCHABLE = {"events", "memberships", "case_roles"}


@pytest.fixture(scope="module")
def loaded():
    problems, data = validate(DATASET)
    assert problems == []
    return data


def read(site: Path, url: str) -> dict:
    """The API file at a URL of the site."""
    assert url.startswith(SITE_URL), url
    return json.loads((site / url[len(SITE_URL):]).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def index(site) -> dict:
    return read(site, SITE_URL + "api/index.json")


@pytest.fixture(scope="module")
def entries(index) -> dict[str, dict]:
    return {entry["name"]: entry for entry in index["resources"]}


def api_files(site: Path) -> list[Path]:
    return sorted(p for p in (site / "api").rglob("*") if p.is_file())


def test_index_lists_every_resource_with_its_labels_count_and_urls(index, entries, loaded):
    assert index["name"] == DESCRIPTOR["name"]
    assert index["version"] == VERSION
    assert index["package"] == f"{SITE_URL}downloads/{VERSION}/package/datapackage.json"
    assert [e["name"] for e in index["resources"]] == list(MODELS)
    for name, model in MODELS.items():
        entry = entries[name]
        assert entry["count"] == len(loaded.records(name)), name
        assert (entry["label_ko"], entry["label_en"], entry["description_ko"], entry["description_en"]) == tuple(model.labels), name
        assert entry["primary_key"] == list(PRIMARY_KEYS[name]), name
        assert entry["schema"] == f"{SITE_URL}downloads/{VERSION}/{name}.schema.json", name
    assert entries["fact_checks"]["index"] == SITE_URL + "api/fact-checks.json"
    assert entries["fact_checks"]["api"] == SITE_URL + "api/fact-checks/{id}.json"
    assert entries["fact_checks"]["page_en"] == SITE_URL + "en/fact-checks/{id}/"
    assert entries["events"]["page_ko"] == SITE_URL + "timeline/#e-{id}"
    assert entries["events"]["page_en"] == SITE_URL + "en/timeline/#e-{id}"
    fetchable = {name for name, e in entries.items() if e["api"] is not None}
    assert fetchable == {r for r, _ in PUBLISHED} | FETCHABLE | {"glossary"}  # the glossary's pages and files: since 0.4.0
    # a composite key names no file
    assert all(entries[name]["api"] is None for name, pk in PRIMARY_KEYS.items() if pk != ("id",))


def test_every_index_file_loads_back_equal_with_its_links(site, entries, loaded):
    for name, entry in entries.items():
        data = read(site, entry["index"])
        assert (data["resource"], data["version"], data["count"]) == (name, VERSION, len(loaded.records(name))), name
        assert [MODELS[name].model_validate(row["record"]) for row in data["records"]] == loaded.records(name), name
        for row, record in zip(data["records"], loaded.records(name)):
            assert row["resource"] == name
            if PRIMARY_KEYS[name] == ("id",):
                assert row["id"] == record.id
            else:
                assert "id" not in row, name  # no invented id
            filled = {column: (target, getattr(record, column)) for column, target in foreign_keys(name) if getattr(record, column) is not None}
            assert {column: (link["resource"], link["id"]) for column, link in row["links"].items()} == filled, (name, row["record"])
            if entry["api"] is not None:
                assert row["api"] == entry["api"].replace("{id}", record.id)
            else:
                assert "api" not in row, name


def test_record_files_load_back_equal_with_what_points_at_them(site, entries, loaded):
    for name, entry in entries.items():
        if entry["api"] is None:
            continue
        for record in loaded.records(name):
            doc = read(site, entry["api"].replace("{id}", record.id))
            assert (doc["resource"], doc["id"], doc["version"]) == (name, record.id, VERSION)
            assert MODELS[name].model_validate(doc["record"]) == record
            pointing = {other: sum(1 for row in loaded.records(other) for column, target in foreign_keys(other) if target == name and getattr(row, column) == record.id) for other in MODELS}
            assert {other: len(rows) for other, rows in doc["related"].items()} == {o: n for o, n in pointing.items() if n}, (name, record.id)
    person = read(site, SITE_URL + "api/people/mark-zuckerberg.json")
    assert {r["row"]["organization_id"] for r in person["related"]["memberships"]} == {"meta"}
    assert person["related"]["memberships"][0]["links"]["organization_id"]["name_en"] == "Meta"
    assert len(person["related"]["quotes"]) == 3
    # an event's sources and records, and the event in the records that point at it
    event = loaded.records("event_records")[0].event_id
    doc = read(site, SITE_URL + f"api/events/{event}.json")
    assert doc["page_ko"] == f"{SITE_URL}timeline/#e-{event}"
    assert {r["row"]["source_id"] for r in doc["related"]["event_sources"]} == {x.source_id for x in loaded.records("event_sources") if x.event_id == event}


def test_folders_without_record_files_hold_none(site, entries):
    for name, entry in entries.items():
        if entry["api"] is None:
            folder = Path(entry["index"][len(SITE_URL):]).with_suffix("")
            assert not (site / folder).exists(), name


def expand(url: str, ids: list[str]) -> list[str]:
    return [url.replace("{id}", i) for i in ids] if "{id}" in url else [url]


def strings(data) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings(value)]
    return [data] if isinstance(data, str) else []


def test_every_url_in_the_api_leads_to_a_file_and_every_fragment_to_an_element(site, entries, loaded):
    ids = {name: [r.id for r in loaded.records(name)] if PRIMARY_KEYS[name] == ("id",) else [] for name in MODELS}
    urls: set[str] = set()
    for path in api_files(site):
        data = json.loads(path.read_text(encoding="utf-8"))
        if path.name == "index.json" and path.parent.name == "api":
            for entry in data["resources"]:
                for value in strings(entry):
                    urls.update(expand(value, ids[entry["name"]]) if value.startswith(SITE_URL) else [])
                assert all("{id}" not in u for u in urls), entry["name"]
            urls.add(data["package"])
        else:
            urls.update(s for s in strings(data) if s.startswith(SITE_URL))
    parsed: dict[Path, Page] = {}
    missing, fragments = [], 0
    for url in sorted(urls):
        file, fragment = resolve(site, "", url[len(SITE_URL):])
        if file is None or not file.is_file():
            missing.append(url)
            continue
        if fragment:
            fragments += 1
            if file not in parsed:
                parsed[file] = Page(file.read_text(encoding="utf-8"))
            if fragment not in parsed[file].ids:
                missing.append(url)
    # (downloads/<version>/package/ is the published package tree of scripts/release)
    assert missing == []
    # the events' anchors, the sentences' and the mentions' were among them, in both languages
    for name in ("events", "sentences", "mentions"):
        for lang in ("page_ko", "page_en"):
            assert set(expand(entries[name][lang], ids[name])) <= urls, name
    assert fragments >= 2 * (len(ids["events"]) + len(ids["sentences"]) + len(ids["mentions"]))


def test_published_paths_stay(site, loaded):
    old_keys = {"resource", "id", "name_ko", "name_en", "api", "page_ko", "page_en"}
    for resource, folder in PUBLISHED:
        data = json.loads((site / "api" / f"{folder}.json").read_text(encoding="utf-8"))
        assert data["resource"] == resource
        for row in data["records"]:
            assert old_keys <= set(row), (folder, row.get("id"))
            assert row["api"] == f"{SITE_URL}api/{folder}/{row['id']}.json"
        for record in loaded.records(resource):
            assert (site / "api" / folder / f"{record.id}.json").is_file(), (folder, record.id)


def test_record_pages_link_to_their_api_file(site, loaded):
    for resource, folder in PUBLISHED:
        for record in loaded.records(resource):
            for page in (f"{folder}/{record.id}/", f"en/{folder}/{record.id}/"):
                html = Page((site / page / "index.html").read_text(encoding="utf-8"))
                targets = {resolve(site, page, a["href"])[0] for tag, a in html.links if tag == "a" and "href" in a}
                assert site / "api" / folder / f"{record.id}.json" in targets, page
    html = (site / "people" / "mark-zuckerberg" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../api/people/mark-zuckerberg.json"' in html
    html = (site / "en" / "people" / "mark-zuckerberg" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../../api/people/mark-zuckerberg.json"' in html


def test_api_files_are_utf8_json_in_one_form(site):
    files = api_files(site)
    assert {p.suffix for p in files} == {".json"}
    for path in files:
        data = path.read_bytes()
        text = data.decode("utf-8")  # strict: raises on anything else
        assert data == (json.dumps(json.loads(text), ensure_ascii=False, indent=1) + "\n").encode("utf-8"), path


# Writes every API file's hash, in a process of its own (its own hash seed: iterating a set of
# strings would come out in another order).
HASHES = """
import hashlib, json, sys
from pathlib import Path
from scripts.site.api import files
from scripts.site.pages import Site
from scripts.validate import validate
problems, data = validate(Path(sys.argv[1]))
assert problems == []
site = Site(data, data.descriptor["version"], sys.argv[2])
print(json.dumps({path: hashlib.sha256(b).hexdigest() for path, b in files(site, sys.argv[2]).items()}))
"""


def test_api_is_the_same_whatever_the_hash_seed(site):
    built = {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in api_files(site)}
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", HASHES, str(DATASET), SITE_URL], cwd=ROOT, env=env, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) == built, seed
