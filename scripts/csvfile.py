"""Reading the package's files byte by byte, so that every defect gets a row and a field:
BOM, invalid UTF-8, CR line ends, control characters, Unicode normalization, malformed quoting,
header and cell counts. Files are opened through `scripts.package.files`: only regular files
inside the package."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .package.files import Refused, read_inside
from .problems import Problem

BOM = b"\xef\xbb\xbf"
# Control characters no text of the package may hold (line feed and tab aside; CR is reported as a
# line end). Spreadsheet writers refuse them, and printed raw they drive the terminal.
CONTROL = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f-\x9f]")


@dataclass
class Table:
    """What reading one CSV file found. Its complete rows are handed, as they are read, to the
    `on_row` callback of `read_table` (row number as a spreadsheet shows it, {column: value or
    None}): a million rows are never held twice."""

    path: str
    ids: set[str] = field(default_factory=set)  # the `id` of every row, complete or not
    id_rows: int = 0  # rows with an id: more than len(ids) when an id repeats
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


def read_text(root: Path, rel: str, problems: list[Problem], *, columns: list[str] | None = None, raw: bytes | None = None) -> str | None:
    """The text of the package file `rel`, or None (with a problem) where it cannot be used."""
    read = _read(root, rel, problems, columns=columns, raw=raw)
    return None if read is None else read[1]


def _read(root: Path, rel: str, problems: list[Problem], *, columns: list[str] | None = None, raw: bytes | None = None) -> tuple[bytes, str] | None:
    """The bytes (without BOM) and the text of the package file `rel`, or None (with a problem)
    where it cannot be used. With `columns`, the file is a CSV table: defects are located by row and field, NFC and control
    characters are checked cell by cell, and a BOM or CR is reported but the rows are still read.
    A source text with any defect is not used at all: its offsets would be wrong, and every span
    check would repeat the one cause. `raw` is the file's bytes when they have been read already."""
    csv_file = columns is not None
    try:
        data = raw if raw is not None else read_inside(root, rel)
    except FileNotFoundError:
        problems.append(Problem(rel, "file missing", cause=True))
        return None
    except Refused as e:
        problems.append(Problem(rel, str(e), cause=True))
        return None
    found: list[Problem] = []
    if data.startswith(BOM):
        found.append(Problem(rel, "starts with a byte order mark (BOM); save it as UTF-8 without BOM", cause=not csv_file))
        data = data[len(BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if csv_file:
            row, col = _locate(data, e.start)
            name = columns[col] if col < len(columns) else f"column {col + 1}"
            found.append(Problem(rel, f"invalid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); save the file as UTF-8", row, name, cause=True))
        else:
            found.append(Problem(rel, f"invalid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); save the file as UTF-8", cause=True))
        problems += found
        return None
    if "\r" in text:
        line = text[: text.index("\r")].count("\n") + 1
        found.append(Problem(rel, f"contains a carriage return (CR or CRLF line end), first on line {line}; use LF line ends", cause=not csv_file))
    if not csv_file:
        control = CONTROL.search(text)
        if control:
            line = text[: control.start()].count("\n") + 1
            found.append(Problem(rel, f"contains the control character U+{ord(control[0]):04X}, first on line {line}; remove it", cause=True))
        if not unicodedata.is_normalized("NFC", text):
            found.append(Problem(rel, "is not in Unicode NFC", cause=True))
    problems += found
    if not csv_file and found:
        return None
    return data, text


def read_table(
    root: Path, rel: str, columns: list[str], key: str, problems: list[Problem], on_row: Callable[[int, dict[str, str | None]], None], raw: bytes | None = None
) -> Table:
    """Read a CSV resource whose header must be exactly `columns`; `key` names row-level problems."""
    table = Table(rel)
    read = _read(root, rel, problems, columns=columns, raw=raw)
    del raw
    if read is None:
        return table
    data, text = read
    del read
    if not text:
        problems.append(Problem(rel, "empty file: expected a header row", cause=True))
        return table
    table.readable = True
    # Cells are looked at one by one only when the whole file has a control character or is not
    # NFC (cells are cut at ASCII delimiters, which compose with nothing).
    suspect = CONTROL.search(text) is not None or not unicodedata.is_normalized("NFC", text)
    # The rows are read from the bytes, decoded a chunk at a time: the whole text (two bytes a
    # character for Korean, four in an io.StringIO) is not kept while a million records are made.
    del text
    reader = csv.reader(io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=""), strict=True)
    id_index = columns.index("id") if "id" in columns else None
    share = Shared(len(columns))
    try:
        header = next(reader)
        missing = [c for c in columns if c not in header]
        problems += [Problem(rel, "missing column", 1, c, cause=True) for c in missing]
        problems += [Problem(rel, "unexpected column", 1, h or f"column {i + 1}", cause=True) for i, h in enumerate(header) if h not in columns]
        dupes = sorted(h for h, n in Counter(header).items() if n > 1)
        problems += [Problem(rel, "duplicate column", 1, h, cause=True) for h in dupes]
        table.header_ok = not missing and len(header) == len(columns) and not dupes
        if table.header_ok and header != columns:
            problems.append(Problem(rel, "columns out of order: expected " + ",".join(columns), 1, header[0], cause=True))
            table.header_ok = False
        for number, cells in enumerate(reader, start=2):
            if not cells:
                problems.append(Problem(rel, "blank row", number, key))
                table.bad_rows.add(number)
                continue
            if not table.header_ok:
                continue
            if id_index is not None and len(cells) > id_index and cells[id_index]:
                table.ids.add(cells[id_index])
                table.id_rows += 1
            if len(cells) != len(columns):
                table.bad_rows.add(number)
            if len(cells) < len(columns):
                problems.append(Problem(rel, f"missing cell: the row has {len(cells)} of {len(columns)} cells (truncated row?)", number, columns[len(cells)]))
                continue
            if len(cells) > len(columns):
                problems.append(Problem(rel, f"extra cell: the row has {len(cells)} cells, the header {len(columns)}", number, f"column {len(columns) + 1}"))
                continue
            if suspect:
                for column, cell in zip(columns, cells):
                    if control := CONTROL.search(cell):
                        problems.append(Problem(rel, f"contains the control character U+{ord(control[0]):04X}; remove it", number, column))
                    elif not unicodedata.is_normalized("NFC", cell):
                        problems.append(Problem(rel, "not in Unicode NFC", number, column))
            on_row(number, {c: (v if v != "" else None) for c, v in zip(columns, share.row(cells))})
    except csv.Error as e:
        problems.append(Problem(rel, f"malformed CSV: {e}", reader.line_num and _record_at(data.decode("utf-8"), reader.line_num), cause=True))
        table.readable = False
    return table


class Shared:
    """One string object per distinct value of a column, while the column repeats itself (kinds,
    languages, source ids, a description copied down a million rows); a column whose values are
    mostly distinct (ids, names) stops being tracked after the first thousand rows."""

    SAMPLE = 1000

    def __init__(self, width: int) -> None:
        self.seen: list[dict[str, str] | None] = [{} for _ in range(width)]
        self.rows = 0

    def row(self, cells: list[str]) -> list[str]:
        self.rows += 1
        if self.rows == self.SAMPLE:
            self.seen = [s if s is not None and len(s) < self.SAMPLE // 2 else None for s in self.seen]
        return [value if seen is None else seen.setdefault(value, value) for seen, value in zip(self.seen, cells)]


def _record_at(text: str, line: int) -> int:
    """The record number (header = 1) that contains physical line `line`."""
    prefix = "\n".join(text.split("\n")[: line - 1])
    try:
        return len(list(csv.reader(io.StringIO(prefix, newline="")))) + 1
    except csv.Error:
        return line
