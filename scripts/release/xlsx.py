"""The XLSX download: one sheet per resource."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from schemas.models import MODELS

from ..checks import Loaded
from ..tableschema import table_schema
from .common import epoch_datetime, records, write_zip


def header(name: str, field: dict[str, Any]) -> str:
    """A bilingual column header that still names the field: `식별자 · Identifier [id]`."""
    return f"{field['title_ko']} · {field['title']} [{field['name']}]"


def write_xlsx(loaded: Loaded, out: Path, epoch: int) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    for name in MODELS:
        ws = wb.create_sheet(name)
        fields = table_schema(name)["fields"]
        ws.append([header(name, f) for f in fields])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row_number, record in enumerate(records(loaded, name), start=2):
            for column, f in enumerate(fields, start=1):
                value = record[f["name"]]
                cell = ws.cell(row=row_number, column=column, value=value)
                if isinstance(value, str):
                    cell.data_type = "s"  # text stays text: a value starting with "=" is not a formula
        ws.freeze_panes = "A2"
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
