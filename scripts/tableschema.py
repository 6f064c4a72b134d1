"""Table Schemas and JSON Schemas generated from the pydantic models (`schemas.models`)."""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Any

from schemas.models import MODELS, PRIMARY_KEYS, Record
from schemas.vocab import LABELS

TABLESCHEMA_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DIALECT_PROFILE = "https://datapackage.org/profiles/2.0/tabledialect.json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

# The one CSV dialect of the package: RFC 4180 with LF line ends, UTF-8 without BOM.
DIALECT: dict[str, Any] = {
    "$schema": DIALECT_PROFILE,
    "header": True,
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
}
_JSON_TYPES = {"string": "string", "integer": "integer"}


def json_schema(model: type[Record]) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {"$schema": JSON_SCHEMA_DIALECT, **schema}


def _field(name: str, prop: dict[str, Any], required: bool, defs: dict[str, Any]) -> dict[str, Any]:
    nullable = False
    if "anyOf" in prop:
        options = [o for o in prop["anyOf"] if o.get("type") != "null"]
        nullable = len(options) < len(prop["anyOf"])
        if len(options) != 1:
            raise ValueError(f"{name}: cannot map a union to a Table Schema field")
        prop = {**prop, **options[0]}
    enum_name = None
    if "$ref" in prop:
        enum_name = prop["$ref"].rsplit("/", 1)[1]
        prop = {**prop, **defs[enum_name]}
    try:
        ftype = _JSON_TYPES[prop["type"]]
    except KeyError:
        raise ValueError(f"{name}: no Table Schema type for {prop.get('type')!r}") from None
    if prop.get("format") == "date":
        # A full date (models.FullDate): Table Schema's own type, which frictionless checks and
        # data users' tools read as a date; its form is that type's, so no pattern goes with it.
        ftype = "date"
        prop = {k: v for k, v in prop.items() if k != "pattern"}
    field: dict[str, Any] = {
        "name": name,
        "type": ftype,
        "title": prop["label_en"],
        "description": prop["description_en"],
        "title_ko": prop["label_ko"],
        "description_ko": prop["description_ko"],
    }
    constraints: dict[str, Any] = {}
    if required and not nullable:
        constraints["required"] = True
    for key in ("minLength", "maxLength", "minimum", "pattern", "enum"):
        if key in prop:
            constraints[key] = prop[key]
    if constraints:
        field["constraints"] = constraints
    if enum_name:
        labels = next(v for k, v in LABELS.items() if k.__name__ == enum_name)
        field["enumLabels"] = {value: {"ko": ko, "en": en} for value, (ko, en) in labels.items()}
    return field


def table_schema(name: str) -> dict[str, Any]:
    """The Table Schema of a resource (a fresh copy: callers may change it)."""
    return copy.deepcopy(_table_schema(name))


@lru_cache(maxsize=None)
def _table_schema(name: str) -> dict[str, Any]:
    # pydantic builds the JSON Schema anew on every call: a few milliseconds, once per resource here.
    model = MODELS[name]
    js = model.model_json_schema()
    defs = js.get("$defs", {})
    required = set(js.get("required", []))
    fields = [_field(f, p, f in required, defs) for f, p in js["properties"].items()]
    foreign_keys = [
        {"fields": [f], "reference": {"resource": p["references"], "fields": ["id"]}}
        for f, p in js["properties"].items()
        if "references" in p
    ]
    schema: dict[str, Any] = {
        "$schema": TABLESCHEMA_PROFILE,
        "fields": fields,
        "missingValues": [""],
        "primaryKey": list(PRIMARY_KEYS[name]),
    }
    if foreign_keys:
        schema["foreignKeys"] = foreign_keys
    return schema


@lru_cache(maxsize=None)
def foreign_keys(name: str) -> tuple[tuple[str, str], ...]:
    """(column, referenced resource) for every foreign key of a resource."""
    return tuple((fk["fields"][0], fk["reference"]["resource"]) for fk in _table_schema(name).get("foreignKeys", []))
