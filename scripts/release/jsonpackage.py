"""The JSON download: the whole package as one Data Package v2 descriptor with its data inline.

The package's metadata as in `datapackage.json`, then `resources` as a list in the descriptor's
order, each with `data` in place of `path`:

- a table resource keeps its `schema`, and its `data` is its rows as objects, each value typed as
  the models dump it (integers as numbers, dates as ISO strings, empty cells as null). A table
  with no rows has `[[<field names>]]`: a header row and nothing under it, as a Table Schema reader
  takes an array of arrays; frictionless 5.21 refuses an empty list (its inline parser asserts the
  data is not empty), which would make the whole package invalid;
- a text resource (the article) travels as a table of one row and one field, `text`: frictionless
  accepts only an array or an object as inline data, and the v2 profile knows no resource type but
  `table`. The offsets of the package index the code points of that one string, as they do the file.

File statistics (`bytes`, `hash`) and the file's `format`, `mediatype`, `encoding` and `dialect`
describe a file that is not there, so they are left out. A licence whose `path` is a file of the
package (the article's rights) points at that file in the package tree published beside the JSON
file (`package/…`, relative: the release files do not depend on the site's address).

`frictionless validate <name>.json` tells a package from a data file by reading its first 1 MB as
JSON (`Detector.detect_metadata_type`); past that size only `--type package` finds the package,
which is why the downloads page shows that form."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from schemas.models import MODELS

from ..checks import Loaded
from .common import records
from .package import licence_files

# What describes the file a resource's data is read from, not the data.
FILE_KEYS = ("path", "format", "mediatype", "encoding", "compression", "dialect", "bytes", "hash")
TEXT_FIELD = "text"


def _licences(resource: dict[str, Any], package_url: str) -> list[dict[str, Any]]:
    files = {path for _, path in licence_files({"resources": [resource]})}
    return [{**lic, "path": package_url + lic["path"]} if lic.get("path") in files else lic for lic in resource.get("licenses", [])]


def text_resource(resource: dict[str, Any], text: str, package_url: str) -> dict[str, Any]:
    out = {k: v for k, v in resource.items() if k not in FILE_KEYS}
    if "licenses" in out:
        out["licenses"] = _licences(resource, package_url)
    out["type"] = "table"
    out["schema"] = {
        "fields": [
            {
                "name": TEXT_FIELD,
                "type": "string",
                "title": "Text",
                "title_ko": "본문",
                "description": f"The whole text of {resource['path']}, as one string: every offset in the package is a code point index into it.",
                "description_ko": f"{resource['path']}의 본문 전체를 문자열 하나로 담는다. 패키지의 모든 위치 값은 이 문자열의 코드 포인트 색인이다.",
                "constraints": {"required": True},
            }
        ]
    }
    out["data"] = [{TEXT_FIELD: text}]
    return out


def table_resource(resource: dict[str, Any], rows: list[dict[str, Any]], package_url: str) -> dict[str, Any]:
    out = {k: v for k, v in resource.items() if k not in FILE_KEYS}
    if "licenses" in out:
        out["licenses"] = _licences(resource, package_url)
    out["data"] = rows or [[f["name"] for f in resource["schema"]["fields"]]]
    return out


def json_package(loaded: Loaded, package_url: str = "package/") -> dict[str, Any]:
    """The descriptor with inline data. `package_url`: where the package tree is, from the JSON
    file (a licence file's path is made to point there)."""
    out = {k: v for k, v in loaded.descriptor.items() if k != "resources"}
    out["resources"] = []
    for resource in loaded.descriptor["resources"]:
        name = resource["name"]
        if name in MODELS:
            out["resources"].append(table_resource(resource, records(loaded, name), package_url))
        else:
            out["resources"].append(text_resource(resource, loaded.texts[name], package_url))
    return out


def write_json(loaded: Loaded, out: Path, package_url: str = "package/") -> None:
    text = json.dumps(json_package(loaded, package_url), ensure_ascii=False, indent=1) + "\n"
    out.write_text(text, encoding="utf-8")
