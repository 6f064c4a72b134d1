"""Reading the package's files byte by byte, so that every defect gets a row and a field:
BOM, invalid UTF-8, CR line ends, Unicode normalization, malformed quoting, header and cell counts."""

from __future__ import annotations

import csv
import io
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .problems import Problem

BOM = b"\xef\xbb\xbf"


@dataclass
class Table:
    """The rows of one CSV file: (row number as a spreadsheet shows it, {column: value or None})."""

    path: str
    rows: list[tuple[int, dict[str, str | None]]] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)  # the `id` of every row, complete or not
    bad_rows: set[int] = field(default_factory=set)  # blank, short or long rows
    readable: bool = False
    header_ok: bool = False

    @property
    def damaged(self) -> bool:
        """Unreadable, or a header that does not match: its rows cannot be checked cell by cell."""
        return not (self.readable and self.header_ok)


def _locate(data: bytes, offset: int) -> tuple[int, int]:
    """(row, 0-based column) of the byte at `offset` of a CSV file, counting records like a spreadsheet."""
    prefix = data[:offset].decode("utf-8", errors="replace")
    records = list(csv.reader(io.StringIO(prefix)))
    if not records or prefix.endswith("\n"):
        return len(records) + 1, 0
    return len(records), len(records[-1]) - 1


def read_text(path: Path, rel: str, problems: list[Problem], *, columns: list[str] | None = None) -> str | None:
    """The file's text, or None (with a problem) where it is not readable UTF-8. With `columns`, the
    file is a CSV table: defects are located by row and field, and NFC is checked cell by cell."""
    csv_file = columns is not None
    if not path.is_file():
        problems.append(Problem(rel, "file missing"))
        return None
    data = path.read_bytes()
    if data.startswith(BOM):
        problems.append(Problem(rel, "starts with a byte order mark (BOM); save it as UTF-8 without BOM"))
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if csv_file:
            row, col = _locate(data, e.start)
            name = columns[col] if col < len(columns) else f"column {col + 1}"
            problems.append(Problem(rel, f"invalid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})", row, name))
        else:
            problems.append(Problem(rel, f"invalid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})"))
        return None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        problems.append(Problem(rel, f"contains a carriage return (CR or CRLF line end), first on line {line}; use LF line ends"))
    if not csv_file and not unicodedata.is_normalized("NFC", text):
        problems.append(Problem(rel, "is not in Unicode NFC"))
    return text


def read_table(path: Path, rel: str, columns: list[str], key: str, problems: list[Problem]) -> Table:
    """Read a CSV resource whose header must be exactly `columns`; `key` names row-level problems."""
    table = Table(rel)
    text = read_text(path, rel, problems, columns=columns)
    if text is None:
        return table
    if not text:
        problems.append(Problem(rel, "empty file: expected a header row"))
        return table
    table.readable = True
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
        missing = [c for c in columns if c not in header]
        problems += [Problem(rel, "missing column", 1, c) for c in missing]
        problems += [Problem(rel, "unexpected column", 1, h or f"column {i + 1}") for i, h in enumerate(header) if h not in columns]
        dupes = sorted({h for h in header if header.count(h) > 1})
        problems += [Problem(rel, "duplicate column", 1, h) for h in dupes]
        table.header_ok = not missing and len(header) == len(columns) and not dupes
        if table.header_ok and header != columns:
            problems.append(Problem(rel, "columns out of order: expected " + ",".join(columns), 1, header[0]))
            table.header_ok = False
        for number, cells in enumerate(reader, start=2):
            if not cells:
                problems.append(Problem(rel, "blank row", number, key))
                table.bad_rows.add(number)
                continue
            if not table.header_ok:
                continue
            if "id" in columns and len(cells) > columns.index("id") and cells[columns.index("id")]:
                table.ids.add(cells[columns.index("id")])
            if len(cells) != len(columns):
                table.bad_rows.add(number)
            if len(cells) < len(columns):
                problems.append(Problem(rel, f"missing cell: the row has {len(cells)} of {len(columns)} cells (truncated row?)", number, columns[len(cells)]))
                continue
            if len(cells) > len(columns):
                problems.append(Problem(rel, f"extra cell: the row has {len(cells)} cells, the header {len(columns)}", number, f"column {len(columns) + 1}"))
                continue
            for column, cell in zip(columns, cells):
                if not unicodedata.is_normalized("NFC", cell):
                    problems.append(Problem(rel, "not in Unicode NFC", number, column))
            table.rows.append((number, {c: (v if v != "" else None) for c, v in zip(columns, cells)}))
    except csv.Error as e:
        problems.append(Problem(rel, f"malformed CSV: {e}", reader.line_num and _record_at(text, reader.line_num)))
        table.readable = False
    return table


def _record_at(text: str, line: int) -> int:
    """The record number (header = 1) that contains physical line `line`."""
    prefix = "\n".join(text.split("\n")[: line - 1])
    try:
        return len(list(csv.reader(io.StringIO(prefix, newline="")))) + 1
    except csv.Error:
        return line
