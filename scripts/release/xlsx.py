"""The XLSX download: a `fields` sheet, then one sheet per resource.

A resource's sheet has the plain field names in row 1 (`pd.read_excel(f, sheet_name="people")["id"]`
works), a filter on every column, a frozen header and column widths fitted to the text. The labels
and descriptions of the fields, in Korean and English, and their types are on the `fields` sheet.

Cells are typed as the Table Schema declares: strings are text cells (shared strings, never
formulas, however digit-like), integers numbers, dates Excel dates (shown yyyy-mm-dd); an empty
value is an empty cell. What the format cannot say is the type of a column with no value at all
(pandas reads it as float NaN): the `fields` sheet gives every type, for `dtype=`.

Hangul shows in Excel's theme font for Korean (맑은 고딕, Malgun Gothic, in openpyxl's default
theme, as in a workbook Excel makes): every cell keeps the theme's body font (`scheme="minor"`),
headers too, in bold, so that Excel picks its Korean face for Korean text."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
import unicodedata
import zipfile
from pathlib import Path
from typing import Any

from schemas.models import MODELS, PRIMARY_KEYS

from ..checks import Loaded
from ..tableschema import foreign_keys, table_schema
from .common import epoch_datetime, records, write_zip

FIELDS_SHEET = "fields"
FIELDS_COLUMNS = (
    "resource", "field", "type", "required", "primary_key", "references", "values",
    "label_ko", "label_en", "description_ko", "description_en",
)
DATE_FORMAT = "yyyy-mm-dd"
MIN_WIDTH = 6
MAX_WIDTH = 60  # wider columns push the next ones off screen; the cell still holds all of its text


def display_width(text: str) -> int:
    """Columns `text` takes in a fixed-width view: East Asian wide and full-width characters two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shown(value: Any) -> str:
    return "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)


def _width(values: list[Any]) -> float:
    widest = max((display_width(line) for v in values for line in _shown(v).splitlines() or [""]), default=0)
    return min(MAX_WIDTH, max(MIN_WIDTH, widest + 2))


def field_rows() -> list[list[Any]]:
    """One row per field of every resource, as the `fields` sheet lists them."""
    rows = []
    for name in MODELS:
        targets = dict(foreign_keys(name))
        for f in table_schema(name)["fields"]:
            c = f.get("constraints", {})
            rows.append([
                name, f["name"], f["type"], "yes" if c.get("required") else "no",
                "yes" if f["name"] in PRIMARY_KEYS[name] else "no",
                f"{targets[f['name']]}.id" if f["name"] in targets else None,
                ", ".join(c["enum"]) if "enum" in c else None,
                f["title_ko"], f["title"], f["description_ko"], f["description"],
            ])
    return rows


def _cell_value(field: dict[str, Any], value: Any) -> Any:
    if value is not None and field["type"] == "date":
        return dt.date.fromisoformat(value)
    return value


def _sheet(wb: Any, title: str, header: list[str], rows: list[list[Any]], bold: Any) -> None:
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(header)
    for cell in ws[1]:
        cell.font = bold
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row, start=1):
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # text stays text: a value starting with "=" is not a formula
            elif isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
    for c, name in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(c)].width = _width([name, *(row[c - 1] for row in rows)])
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"
    ws.freeze_panes = "A2"


def write_xlsx(loaded: Loaded, out: Path, epoch: int) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import DEFAULT_FONT

    bold = copy.copy(DEFAULT_FONT)  # the theme's body font (scheme minor), so Korean gets the theme's Korean face
    bold.b = True
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, FIELDS_SHEET, list(FIELDS_COLUMNS), field_rows(), bold)
    for name in MODELS:
        fields = table_schema(name)["fields"]
        rows = [[_cell_value(f, record[f["name"]]) for f in fields] for record in records(loaded, name)]
        _sheet(wb, name, [f["name"] for f in fields], rows, bold)
    stamp = epoch_datetime(epoch)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = str(loaded.descriptor["name"])
    wb.properties.title = str(loaded.descriptor.get("title", ""))
    buffer = io.BytesIO()
    wb.save(buffer)
    # openpyxl stamps every ZIP entry, and the `modified` property, with the current time: rewrite
    # them with the fixed one.
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as z:
        entries = {info.filename: z.read(info) for info in z.infolist()}
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    entries["docProps/core.xml"] = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>" + iso, entries["docProps/core.xml"])
    write_zip(out, entries, epoch)
