"""The static JSON API: every resource of the package as JSON, with its relations resolved.

- `api/index.json`: every resource (name as in the package, labels, count, primary key) with the
  URLs of its index file, of its per-record files and pages where it has them, of its JSON Schema
  and of the data package.
- `api/<folder>.json`, one per resource: every record (`record`, loadable by the resource's model)
  and the records its foreign keys point at (`links`), with the record's own API file and page
  where it has one.
- `api/<folder>/<id>.json`: a record with its links and the rows that point at it (`related`),
  for the resources whose records other rows point at (RECORD_FILES).

A folder is the resource name with hyphens, as every path of the site (`legal-issues`,
`fact-checks`: FOLDERS, published since 0.1.0 and never renamed). No copy is published under the
package's name (`api/fact_checks.json`): two URLs for one file would be two to keep for ever, and
`api/index.json` already maps each name to its path."""

from __future__ import annotations

import json
from typing import Any

from schemas.models import MODELS, PRIMARY_KEYS

from ..checks import ENTITY_RESOURCES
from ..tableschema import foreign_keys
from .pages import ARTICLE, FOLDERS, RECORD_PAGES, TIMELINE, Site, page_url, record_path

# The published package tree (scripts/release) and its JSON Schemas, under downloads/<version>/.
PACKAGE_DESCRIPTOR = "package/datapackage.json"
LANG_PREFIX = {"ko": "", "en": "en/"}  # build.PREFIX (build imports this module)

# Resources other rows point at: a record of one has rows that point at it (`related`), which its
# index row cannot show, so it gets a file of its own. The other rows (aliases, mentions, link
# tables…) would get a file equal to their index row; and a composite key (quote_works…) has no id
# to name a file by.
TARGETS = {target for resource in MODELS for _, target in foreign_keys(resource)}
RECORD_FILES = tuple(r for r in MODELS if r in RECORD_PAGES or (PRIMARY_KEYS[r] == ("id",) and r in TARGETS))


def folder(resource: str) -> str:
    return FOLDERS.get(resource, resource.replace("_", "-"))


def api_path(resource: str, record_id: str) -> str:
    return f"api/{folder(resource)}/{record_id}.json"


def index_file(resource: str) -> str:
    return f"api/{folder(resource)}.json"


def display(resource: str, record: Any) -> tuple[str, str]:
    """How a record is named, in Korean and English."""
    for ko, en in (("name_ko", "name_en"), ("term_ko", "term_en"), ("title_ko", "title_en"), ("text_ko", "text_en"), ("role_ko", "role_en"), ("caption", "caption"), ("fact_ko", "fact_en")):
        if hasattr(record, ko):
            return getattr(record, ko), getattr(record, en)
    if hasattr(record, "alias"):
        return record.alias, record.alias
    if hasattr(record, "exact"):
        return record.exact, record.exact
    return record.id, record.id


def shown_at(site: Site, resource: str, record: Any) -> str | None:
    """Where the site shows a record as itself (path from a language's root, maybe with a #fragment),
    or None. A row shown only on the pages of the records it joins (a membership on its person's and
    its organization's page, a record source on the cited record's and the source's page…) has no
    place of its own: its `links` lead to those pages."""
    if resource in RECORD_PAGES:
        return page_url(record_path(resource, record.id))
    if resource == "events":  # scripts/site/pages/timeline.py: each event's heading {#e-<id>}
        return f"{page_url(TIMELINE)}#e-{record.id}"
    if resource == "sentences":  # scripts/site/pages/article.py: each sentence's row s-<id>
        return f"{page_url(ARTICLE)}#s-{record.id}"
    if resource == "mentions" and site.rows("sentences", "source_id", record.source_id):
        # article.py marks each mention of a text shown in sentences m-<id> (in the Korean column)
        return f"{page_url(ARTICLE)}#m-{record.id}"
    if resource == "aliases":  # only in the names table of the record it names
        column, target = record.entity
        return page_url(record_path(ENTITY_RESOURCES[column], target))
    return None


def page_pattern(resource: str) -> str | None:
    """The path of the place each record is shown at, with `{id}` for its id (shown_at's cases that
    are the same for every record)."""
    if resource in RECORD_PAGES:
        return page_url(record_path(resource, "{id}"))
    return {"events": f"{page_url(TIMELINE)}#e-{{id}}", "sentences": f"{page_url(ARTICLE)}#s-{{id}}", "mentions": f"{page_url(ARTICLE)}#m-{{id}}"}.get(resource)


def pages(url: str, path: str) -> dict[str, str]:
    return {f"page_{lang}": url + prefix + path for lang, prefix in LANG_PREFIX.items()}


def summary(site: Site, url: str, resource: str, record_id: str) -> dict[str, Any]:
    """A record's name and URLs (its API file and page, where it has them)."""
    record = site.by_id[resource][record_id]
    ko, en = display(resource, record)
    out: dict[str, Any] = {"resource": resource, "id": record_id, "name_ko": ko, "name_en": en}
    if resource in RECORD_FILES:
        out["api"] = url + api_path(resource, record_id)
    where = shown_at(site, resource, record)
    if where is not None:
        out |= pages(url, where)
    return out


def _links(site: Site, url: str, resource: str, row: Any) -> dict[str, Any]:
    return {column: summary(site, url, target, getattr(row, column)) for column, target in foreign_keys(resource) if getattr(row, column) is not None}


def index_row(site: Site, url: str, resource: str, record: Any) -> dict[str, Any]:
    """A row of an index file: the record's summary (if it has an id), the record, its links."""
    head = summary(site, url, resource, record.id) if PRIMARY_KEYS[resource] == ("id",) else {"resource": resource}
    return head | {"record": record.model_dump(mode="json"), "links": _links(site, url, resource, record)}


def record_document(site: Site, url: str, resource: str, record: Any) -> dict[str, Any]:
    related: dict[str, list[dict[str, Any]]] = {}
    for other in MODELS:
        for column, target in foreign_keys(other):
            if target != resource:
                continue
            rows = site.rows(other, column, record.id)
            if rows:
                related.setdefault(other, []).extend(
                    {"via": column, "row": r.model_dump(mode="json"), "links": _links(site, url, other, r)} for r in rows
                )
    return {
        **summary(site, url, resource, record.id),
        "version": site.version,
        "record": record.model_dump(mode="json"),
        "links": _links(site, url, resource, record),
        "related": related,
    }


def index_document(site: Site, url: str) -> dict[str, Any]:
    """api/index.json: what the API holds and where, and where the package and its schemas are."""
    downloads = f"{url}downloads/{site.version}/"
    resources = []
    for resource, model in MODELS.items():
        pattern = page_pattern(resource)
        resources.append({
            "name": resource,
            **model.labels._asdict(),
            "primary_key": list(PRIMARY_KEYS[resource]),
            "count": len(site.data.records(resource)),
            "index": url + index_file(resource),
            "api": url + api_path(resource, "{id}") if resource in RECORD_FILES else None,
            **(pages(url, pattern) if pattern else {"page_ko": None, "page_en": None}),
            "schema": f"{downloads}{resource}.schema.json",
        })
    return {
        "name": site.data.descriptor["name"],
        "version": site.version,
        "package": downloads + PACKAGE_DESCRIPTOR,
        "resources": resources,
    }


def dumps(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def files(site: Site, url: str) -> dict[str, bytes]:
    """Every API file by its path under the site root."""
    out = {"api/index.json": dumps(index_document(site, url))}
    for resource in MODELS:
        records = site.data.records(resource)
        if resource in RECORD_FILES:
            for record in records:
                out[api_path(resource, record.id)] = dumps(record_document(site, url, resource, record))
        index = {"resource": resource, "version": site.version, "count": len(records), "records": [index_row(site, url, resource, r) for r in records]}
        out[index_file(resource)] = dumps(index)
    return out
