"""The data package as it is, twice: a ZIP (`<name>.zip`) and a tree of files under `package/`, so
that `frictionless validate <zip>` and `frictionless validate <URL>package/datapackage.json` both
find `datapackage.json` at the top with its files beside it. Both hold the same entries: the
descriptor byte for byte, every resource's file, every licence file a relative `licenses[].path`
names (the article's rights), LICENSE-DATA and a README in Korean and English made from the data."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ..checks import Loaded
from ..paths import DESCRIPTOR
from .common import database_stem, entry_name, inside_tree, package_file, write_zip

README = "README.md"
# A licence path that is an address, not a file of the package (the v2 profile's URL branch).
URL = re.compile(r"^(https?|ftp)s?://", re.I)


def licence_files(descriptor: dict[str, Any]) -> list[tuple[str, str]]:
    """(where, path) of every licence whose `path` is a file of the package rather than an address:
    the package's own licences and each resource's. `where` names the descriptor field, for errors."""
    found = []
    for i, licence in enumerate(descriptor.get("licenses") or []):
        if isinstance(licence, dict) and isinstance(licence.get("path"), str) and not URL.match(licence["path"]):
            found.append((f"licenses[{i}].path", licence["path"]))
    for r, resource in enumerate(descriptor.get("resources") or []):
        for i, licence in enumerate(resource.get("licenses") or [] if isinstance(resource, dict) else []):
            if isinstance(licence, dict) and isinstance(licence.get("path"), str) and not URL.match(licence["path"]):
                found.append((f"resources[{r}] ({resource.get('name')}) licenses[{i}].path", licence["path"]))
    return found


def entries(package_dir: Path, loaded: Loaded, extra: dict[str, bytes], readme: str) -> dict[str, bytes]:
    """Every file of the package by its path inside it (the ZIP's entry names, the tree's paths)."""
    out = {DESCRIPTOR: package_file(package_dir, DESCRIPTOR).read_bytes()}
    for resource in loaded.descriptor["resources"]:
        out[entry_name(resource["path"])] = package_file(package_dir, resource["path"]).read_bytes()
    for where, rel in licence_files(loaded.descriptor):
        try:
            out[entry_name(rel)] = package_file(package_dir, rel).read_bytes()
        except ValueError:
            raise ValueError(f"{DESCRIPTOR}: {where} {rel!r}: not a regular file inside the package folder") from None
    for name, data in extra.items():
        out[entry_name(name)] = data
    out[README] = readme.encode("utf-8")
    return out


def write_package_zip(out: Path, files: dict[str, bytes], epoch: int) -> None:
    """The ZIP: every entry at the root, no top-level folder (frictionless looks for
    `datapackage.json` there)."""
    write_zip(out, files, epoch)


def write_package_tree(folder: Path, files: dict[str, bytes]) -> list[str]:
    """The same files under `folder`; returns their paths inside it, sorted."""
    folder.mkdir()
    for rel in sorted(files):
        path = inside_tree(folder, rel)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(files[rel])
    return sorted(files)


# --- the README ---------------------------------------------------------------------------------

_WORDS = {
    "ko": {
        "heading": "한국어",
        "intro": "데이터 패키지(Frictionless Data Package v2) {name} {version}판이다. 내려받기 폴더의 {name}.zip과 package/ 폴더가 같은 파일을 담는다. 맨 위의 datapackage.json이 리소스 {count}개와 그 스키마, 이용 허락을 설명한다.",
        "contents": "들어 있는 것",
        "descriptor": "패키지 설명 (리소스, Table Schema, 이용 허락)",
        "rows": "{n}행",
        "row": "1행",
        "chars": "{n}자 (모든 위치 값은 이 텍스트의 코드 포인트 색인)",
        "licence_file": "데이터 이용 허락 (CC BY 4.0)",
        "rights_file": "이용 허락이 아닌 권리 표시",
        "readme": "이 파일",
        "load": "불러오는 방법",
        "load_frictionless": "frictionless (CLI와 Python): ZIP을 풀지 않고 검증하고 읽는다.",
        "load_url": "프로젝트 사이트의 내려받기 폴더(downloads/<버전>/과 downloads/latest/)에는 같은 파일이 package/ 폴더에 풀려 있어, 주소로 바로 검증하고 불러올 수 있다 (SITE는 사이트 주소, 내려받기 페이지에 전체 주소가 있다):",
        "load_pandas": "pandas: ZIP을 풀고 CSV를 읽는다 (열 이름은 필드 이름). pandas는 형식을 추측하므로, 글자는 쓰인 그대로 읽고 정수 열은 datapackage.json의 스키마대로 \"Int64\"로 읽는다.",
        "load_sqlite": "SQLite와 Datasette: 내려받기 폴더(이 ZIP이 있던 곳)에 {db}.sqlite와 그 Datasette 메타데이터 metadata.json이 있다.",
        "licence": "이용 허락",
        "licence_data": "데이터(data/ 아래의 모든 CSV 리소스와 그로부터 만든 파일): {title} ({name}, {path}). 전문은 LICENSE-DATA.",
        "licence_not": "포함되지 않는 것: {path} (리소스 {resource}). {title} 자세한 내용은 {files}.",
        "cite": "인용",
        "cite_intro": "이 데이터를 쓸 때는 다음과 같이 인용한다 (CITATION.cff와 같은 내용):",
        "version": "버전",
    },
    "en": {
        "heading": "English",
        "intro": "The data package (Frictionless Data Package v2) {name}, version {version}. The ZIP {name}.zip and the folder package/ of the downloads hold the same files; datapackage.json, at the top, describes its {count} resources, their schemas and licences.",
        "contents": "What is in it",
        "descriptor": "the package descriptor (resources, Table Schemas, licences)",
        "rows": "{n} rows",
        "row": "1 row",
        "chars": "{n} characters (every offset in the package is a code point index into this text)",
        "licence_file": "the data licence (CC BY 4.0)",
        "rights_file": "a rights statement, not a licence",
        "readme": "this file",
        "load": "How to load it",
        "load_frictionless": "frictionless (CLI and Python): validate and read it without unzipping.",
        "load_url": "On the project site, the downloads folder (downloads/<version>/, and downloads/latest/) holds the same files unzipped in package/, so the package validates and loads by URL (SITE: the site's address; the downloads page shows the full URL):",
        "load_pandas": "pandas: unzip, then read a CSV (its columns are the field names). pandas guesses types: read text as written, and integer columns as \"Int64\", as the schemas in datapackage.json say.",
        "load_sqlite": "SQLite and Datasette: the downloads folder this ZIP comes from has {db}.sqlite and its Datasette metadata, metadata.json.",
        "licence": "Licence",
        "licence_data": "The data (every CSV resource under data/ and every file made from them): {title} ({name}, {path}). Full text in LICENSE-DATA.",
        "licence_not": "Not covered: {path} (resource {resource}). {title} See {files}.",
        "cite": "How to cite",
        "cite_intro": "If you use this data, please cite it as (the same as CITATION.cff):",
        "version": "version",
    },
}


def _half(text: str, lang: str) -> str:
    """One language's half of a bilingual `English / 한국어` title, or the whole when it has no ' / '."""
    if " / " not in text:
        return text
    en, ko = text.split(" / ", 1)
    return ko if lang == "ko" else en


def _authors(citation: dict[str, Any], descriptor: dict[str, Any]) -> str:
    names = []
    for author in citation.get("authors") or []:
        if isinstance(author, dict):
            names.append(str(author.get("name") or " ".join(str(author[k]) for k in ("given-names", "family-names") if author.get(k))))
    return ", ".join(n for n in names if n) or ", ".join(str(c.get("title", "")) for c in descriptor.get("contributors", []))


def citation_line(citation: dict[str, Any], descriptor: dict[str, Any], lang: str) -> str:
    """Authors (year). Title (version x) [Data set]. URL: from CITATION.cff, the descriptor where it
    has nothing."""
    title = str(citation.get("title") or _half(str(descriptor.get("title", "")), "en"))
    version = str(citation.get("version") or descriptor.get("version", ""))
    year = str(citation.get("date-released") or descriptor.get("created") or "")[:4]
    line = f"{_authors(citation, descriptor)} ({year}). {title} ({_WORDS[lang]['version']} {version}) [Data set]."
    url = citation.get("url") or citation.get("repository-code")
    return line + (f" {url}" if url else "")


def readme_text(loaded: Loaded, citation: dict[str, Any] | None) -> str:
    """README.md: the same sections in Korean, then English. Generated from the descriptor, the
    records and CITATION.cff, so it changes only with them: not with the site's address, so that
    the release files (and SHA256SUMS) are the same bytes wherever the site is published."""
    d = loaded.descriptor
    name, version = str(d["name"]), str(d["version"])
    lines = [f"# {_half(str(d.get('title', name)), 'en')}", "", f"{_half(str(d.get('title', name)), 'ko')}", "",
             f"{name} {version} · [한국어](#한국어) · [English](#english)", ""]
    for lang in ("ko", "en"):
        lines += _section(loaded, citation or {}, lang)
    return "\n".join(lines).rstrip("\n") + "\n"


def _section(loaded: Loaded, citation: dict[str, Any], lang: str) -> list[str]:
    w = _WORDS[lang]
    d = loaded.descriptor
    name = str(d["name"])
    zip_name = f"{name}.zip"
    out = [f"## {w['heading']}", "", w["intro"].format(name=name, version=d["version"], count=len(d["resources"])), "", f"### {w['contents']}", ""]
    out.append(f"- `{DESCRIPTOR}`: {w['descriptor']}")
    for resource in d["resources"]:
        title = resource.get("title_ko" if lang == "ko" else "title") or resource.get("title") or resource["name"]
        if resource["name"] in loaded.texts:
            size = w["chars"].format(n=len(loaded.texts[resource["name"]]))
        else:
            n = len(loaded.records(resource["name"]))
            size = w["row"] if n == 1 else w["rows"].format(n=n)
        out.append(f"- `{resource['path']}` ({resource['name']}): {title}, {size}")
    for _, rel in licence_files(d):
        out.append(f"- `{rel}`: {w['rights_file']}")
    out += ["- `LICENSE-DATA`: " + w["licence_file"], f"- `{README}`: {w['readme']}", ""]
    out += [
        f"### {w['load']}", "",
        w["load_frictionless"], "",
        "```sh",
        f"frictionless validate {zip_name}",
        "```", "",
        "```python",
        "from frictionless import Package",
        f'package = Package("{zip_name}")',
        'print(package.get_resource("people").read_rows()[0])',
        "```", "",
        w["load_url"], "",
        "```sh",
        f'frictionless validate "${{SITE}}downloads/{d["version"]}/package/{DESCRIPTOR}"',
        f'frictionless validate "${{SITE}}downloads/latest/package/{DESCRIPTOR}"',
        "```", "",
        w["load_pandas"], "",
        "```python",
        "import pandas as pd",
        'people = pd.read_csv("data/people.csv", dtype=str, keep_default_na=False)',
        'mentions = pd.read_csv("data/mentions.csv", dtype={"start": "Int64", "end": "Int64"})',
        "```", "",
        w["load_sqlite"].format(db=database_stem(name)), "",
        "```sh",
        f"datasette {database_stem(name)}.sqlite --metadata metadata.json",
        "```", "",
        f"### {w['licence']}", "",
    ]
    for licence in d.get("licenses", []):
        out.append("- " + w["licence_data"].format(title=_half(str(licence.get("title", "")), "en").split(":")[0], name=licence.get("name", ""), path=licence.get("path", "")))
    for resource in d["resources"]:
        for licence in resource.get("licenses") or []:
            files = licence.get("path", "")
            out.append("- " + w["licence_not"].format(path=resource["path"], resource=resource["name"], title=_half(str(licence.get("title", "")), lang), files=files))
    out += ["", f"### {w['cite']}", "", w["cite_intro"], "", "> " + citation_line(citation, d, lang), ""]
    return out
