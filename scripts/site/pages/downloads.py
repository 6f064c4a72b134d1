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
}


CSV_ROW = ("CSV (리소스마다 하나, {n}개)", "CSV (one per resource, {n} files)")


def human_size(size: int) -> str:
    return f"{size} B" if size < 1024 else f"{size / 1024:.1f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MiB"


# The files most readers want, in the short table; every file (these too) is in the full list.
DATA_KINDS = ("zip", "xlsx", "json", "sqlite")


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

    short = [[link(a), kind(a), esc(human_size(a.size))] for a in site.artifacts if a.kind in DATA_KINDS]
    csvs = [a for a in site.artifacts if a.kind == "csv"]
    csv_list = ""
    if csvs:  # one row in the table; the files themselves in a paragraph below it, which has the width
        ko, en = CSV_ROW
        kind_csv = esc((ko if lang == "ko" else en).format(n=len(csvs)))
        short.append([f'<a href="#csv-files">{esc(t("csv_files", lang).format(n=len(csvs)))}</a>', kind_csv, esc(human_size(sum(a.size for a in csvs)))])
        csv_list = f'<p id="csv-files">{kind_csv}: ' + " · ".join(link(a) for a in csvs) + "</p>\n"
    full = [[link(a), kind(a), esc(human_size(a.size)), f"<code>{esc(a.sha256)}</code>"] for a in site.artifacts]
    stem = f"{site.data.descriptor['name']}-{v}"
    base = f"{site.root_url}downloads/latest/"
    sums = site_href(site, here, folder + "SHA256SUMS")
    stem_zip = f"{site.data.descriptor['name']}-{v}.zip"
    latest = site_href(site, here, f"downloads/latest/{stem_zip}")
    api = site_href(site, here, "api/people.json")
    snippets = {
        "pandas": f'import pandas as pd\npeople = pd.read_csv("{base}people.csv")\nquotes = pd.read_csv("{base}quotes.csv")',
        "frictionless": f"# unzip {stem}.zip, then:\nfrom frictionless import Package\npackage = Package(\"{stem}/datapackage.json\")\nprint(package.validate().valid, package.get_resource(\"people\").read_rows()[0])",
        "sqlite3 / Datasette": f'sqlite3 {stem}.sqlite "select name_en, role_en from people join memberships on people.id = person_id"\n# browsable, documented:\ndatasette {stem}.sqlite --metadata metadata.json',
        "DuckDB": f"import duckdb\nduckdb.sql(\"select kind, count(*) from read_csv('{base}quotes.csv') group by kind\").show()",
        "Excel": f"{stem}.xlsx: " + t("excel_hint", lang),
    }
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
        f'{esc(t("latest", lang))}: <a href="{attr(latest)}">downloads/latest/{esc(stem_zip)}</a>\n',
        f"## {esc(t('how_to_load', lang))}\n",
    ]
    for tool, code in snippets.items():
        language = "python" if "import" in code else "sh"
        parts.append(f"### {tool}\n\n```{language if tool != 'Excel' else 'text'}\n{code}\n```\n")
    parts.append(f"## {esc(t('api', lang))}\n\n{esc(t('api_intro', lang))} " + f'<a href="{attr(api)}">api/people.json</a>\n')
    parts.append(f"## {esc(t('license', lang))}\n\n{esc(t('license_summary', lang))} " + md_link(esc(t("license", lang)), here, "license.md") + "\n")
    parts.append(dataset_jsonld(site, lang))
    return "\n".join(parts)
