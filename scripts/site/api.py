"""The static JSON API: beside each record page, the record as JSON with its relations resolved
(`api/<type>/<id>.json`), and an index per type (`api/<type>.json`)."""

from __future__ import annotations

import json
from typing import Any

from schemas.models import MODELS

from ..tableschema import foreign_keys
from .pages import FOLDERS, RECORD_PAGES, Site, page_url, record_path


def display(resource: str, record: Any) -> tuple[str, str]:
    """How a record is named, in Korean and English."""
    for ko, en in (("name_ko", "name_en"), ("title_ko", "title_en"), ("text_ko", "text_en"), ("role_ko", "role_en"), ("caption", "caption"), ("fact_ko", "fact_en")):
        if hasattr(record, ko):
            return getattr(record, ko), getattr(record, en)
    if hasattr(record, "alias"):
        return record.alias, record.alias
    if hasattr(record, "exact"):
        return record.exact, record.exact
    return record.id, record.id


def api_path(resource: str, record_id: str) -> str:
    return f"api/{FOLDERS[resource]}/{record_id}.json"


def summary(site: Site, url: str, resource: str, record_id: str) -> dict[str, Any]:
    record = site.by_id[resource][record_id]
    ko, en = display(resource, record)
    out: dict[str, Any] = {"resource": resource, "id": record_id, "name_ko": ko, "name_en": en}
    if resource in RECORD_PAGES:
        path = page_url(record_path(resource, record_id))
        out |= {"api": url + api_path(resource, record_id), "page_ko": url + path, "page_en": url + "en/" + path}
    return out


def _links(site: Site, url: str, resource: str, row: Any) -> dict[str, Any]:
    return {column: summary(site, url, target, getattr(row, column)) for column, target in foreign_keys(resource) if getattr(row, column) is not None}


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


def dumps(data: Any) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def files(site: Site, url: str) -> dict[str, bytes]:
    """Every API file by its path under the site root."""
    out = {}
    for resource in RECORD_PAGES:
        records = site.data.records(resource)
        for record in records:
            out[api_path(resource, record.id)] = dumps(record_document(site, url, resource, record))
        index = {"resource": resource, "version": site.version, "count": len(records), "records": [summary(site, url, resource, r.id) for r in records]}
        out[f"api/{FOLDERS[resource]}.json"] = dumps(index)
    return out
