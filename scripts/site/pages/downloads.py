"""The downloads page."""

from __future__ import annotations

import json

from ..markup import attr, esc, href, md_link
from ..text import t
from .common import dataset_jsonld, DOWNLOADS, front_matter, name, Site, site_href, table


KIND_LABELS = {
    "zip": ("데이터 패키지 (ZIP)", "Data package (ZIP)"),
    "xlsx": ("엑셀 통합 문서", "Excel workbook"),
    "json": ("JSON", "JSON"),
    "sqlite": ("SQLite 데이터베이스", "SQLite database"),
    "datasette": ("Datasette 메타데이터", "Datasette metadata"),
    "csv": ("CSV (리소스 하나)", "CSV (one resource)"),
    "schema": ("JSON Schema", "JSON Schema"),
    "package": ("데이터 패키지의 파일", "A file of the data package"),
    "datapackage": ("데이터 패키지 (풀어 둔 파일, 주소로 불러오기)", "Data package (unzipped, loads by URL)"),
}


CSV_ROW = ("CSV (리소스마다 하나, {n}개)", "CSV (one per resource, {n} files)")


def human_size(size: int) -> str:
    return f"{size} B" if size < 1024 else f"{size / 1024:.1f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MiB"


# The files most readers want, in the short table; every file (these too) is in the full list.
SHORT_TABLE_KINDS = ("zip", "xlsx", "json", "sqlite")  # (not common.DATA_KINDS: the JSON-LD distributions, CSVs included)
# The one file of the package tree the short table names: the descriptor, which one validates and
# loads by URL (its data files sit beside it).
PACKAGE_DESCRIPTOR = "package/datapackage.json"


def downloads_page(site: Site, lang: str) -> str:
    title = t("downloads", lang)
    here = DOWNLOADS
    v = site.version
    folder = f"downloads/{v}/"

    def link(a) -> str:
        return f'<a href="{attr(site_href(site, here, folder + a.name))}">{esc(a.name)}</a>'

    def kind(a) -> str:
        ko, en = KIND_LABELS[a.kind]
        return esc(ko if lang == "ko" else en)

    short = [[link(a), kind(a), esc(human_size(a.size))] for a in site.artifacts if a.kind in SHORT_TABLE_KINDS]
    descriptor = next((a for a in site.artifacts if a.kind == "datapackage"), None)
    if descriptor:
        short.append([link(descriptor), kind(descriptor), esc(human_size(descriptor.size))])
    csvs = [a for a in site.artifacts if a.kind == "csv"]
    csv_list = ""
    if csvs:  # one row in the table; the files themselves in a paragraph below it, which has the width
        ko, en = CSV_ROW
        kind_csv = esc((ko if lang == "ko" else en).format(n=len(csvs)))
        short.append([f'<a href="#csv-files">{esc(t("csv_files", lang).format(n=len(csvs)))}</a>', kind_csv, esc(human_size(sum(a.size for a in csvs)))])
        csv_list = f'<p id="csv-files">{kind_csv}: ' + " · ".join(link(a) for a in csvs) + "</p>\n"
    full = [[link(a), kind(a), esc(human_size(a.size)), f"<code>{esc(a.sha256)}</code>"] for a in site.artifacts]
    pkg = site.data.descriptor["name"]
    files = {a.kind: a.name for a in site.artifacts if a.kind in SHORT_TABLE_KINDS}  # the names the release gave them
    zip_name, json_name, sqlite_name = files.get("zip", f"{pkg}.zip"), files.get("json", f"{pkg}.json"), files.get("sqlite", f"{pkg}.sqlite")
    xlsx_name = files.get("xlsx", f"{pkg}.xlsx")
    # Snippets name files in latest/: the same names in every release, so they keep working.
    base = f"{site.root_url}downloads/latest/"
    package_url = f"{base}{PACKAGE_DESCRIPTOR}"
    sums = site_href(site, here, folder + "SHA256SUMS")
    latest = site_href(site, here, f"downloads/latest/{zip_name}")
    api = site_href(site, here, "api/index.json")
    snippets = {
        "frictionless (CLI)": f"frictionless validate {package_url}\nfrictionless validate {zip_name}\nfrictionless validate --type package {json_name}",
        "frictionless (Python)": f'from frictionless import Package\npackage = Package("{package_url}")  # or the ZIP: Package("{zip_name}")\nprint(package.get_resource("people").read_rows()[0])',
        "pandas": f'import pandas as pd\n# {t("pandas_hint", lang)}\npeople = pd.read_csv("{base}people.csv", dtype=str, keep_default_na=False)\nmentions = pd.read_csv("{base}mentions.csv", dtype={{"start": "Int64", "end": "Int64"}})\nsheets = pd.read_excel("{base}{xlsx_name}", sheet_name=None, dtype=str, keep_default_na=False)',
        # (no `in` or `not` here: Material's Pygments colour for word operators fails axe's contrast check)
        "JSON": f'# {t("json_hint", lang)}\nfrom frictionless import Package\npackage = Package("{base}{json_name}")\npeople = package.get_resource("people").read_rows()',
        "sqlite3 / Datasette": f'# {t("sqlite_hint", lang)}\nsqlite3 {sqlite_name} "select name_en, role_en from people join memberships on people.id = person_id"\nsqlite3 {sqlite_name} "select id, name_en from organizations where rowid in (select rowid from organizations_fts where organizations_fts match \'지능\')"\nsqlite3 {sqlite_name} "pragma user_version"\ndatasette {sqlite_name} --metadata metadata.json',
        "DuckDB": f"import duckdb\nduckdb.sql(\"select kind, count(*) from read_csv('{base}quotes.csv') group by kind\").show()",
        "Excel": f"{xlsx_name}: " + t("excel_hint", lang),
    }
    package_href = site_href(site, here, f"downloads/latest/{PACKAGE_DESCRIPTOR}")
    parts = [
        front_matter(title, t('downloads_intro', lang)),
        f"# {esc(title)}\n\n{esc(t('downloads_intro', lang))}\n",
        f"## {esc(t('version', lang))} {esc(v)}\n\n{site.release_notes.strip()}\n",
        f"## {esc(t('files', lang))}\n\n" + table([t("file", lang), t("format", lang), t("size", lang)], short) + "\n" + csv_list,
        f'!!! warning "{esc(t("csv_formulas_title", lang))}"\n\n    {esc(t("csv_formulas", lang))}\n',
        f'<details class="kml-all-files" markdown="1">\n<summary>{esc(t("all_files", lang).format(n=len(full)))}</summary>\n\n'
        + table([t("file", lang), t("format", lang), t("size", lang), "SHA-256"], full)
        + "\n</details>\n",
        f'{esc(t("checksums", lang))}: <a href="{attr(sums)}">SHA256SUMS</a> · <code>sha256sum -c SHA256SUMS</code> · '
        f'{esc(t("latest", lang))}: <a href="{attr(latest)}">downloads/latest/{esc(zip_name)}</a>\n',
        f"## {esc(t('by_url', lang))}\n\n{esc(t('by_url_intro', lang))} "
        f'<a href="{attr(package_href)}"><code>{esc(package_url)}</code></a>\n',
        f"## {esc(t('how_to_load', lang))}\n",
    ]
    for tool, code in snippets.items():
        language = "python" if "import" in code else "sh"
        parts.append(f"### {tool}\n\n```{language if tool != 'Excel' else 'text'}\n{code}\n```\n")
    parts.append(f"## {esc(t('api', lang))}\n\n{esc(t('api_intro', lang))} " + f'<a href="{attr(api)}">api/index.json</a>\n')
    parts.append(f"## {esc(t('license', lang))}\n\n{esc(t('license_summary', lang))} " + md_link(esc(t("license", lang)), here, "license.md") + "\n")
    parts.append(dataset_jsonld(site, lang))
    return "\n".join(parts)
