"""A located problem: `<path>:<row>:<field>: <message>`, or `<path>: <message>` for a whole file.

Every part of a problem line may hold text from the package (a header cell, a resource name, a
value), so each is printed with control characters escaped: a crafted cell cannot clear the
screen, move the cursor or forge a line of its own. Long values are cut."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# Shown per file; the rest are counted in one line.
LIMIT_PER_FILE = 100
# Kept per file (to be sorted and shown); past that a problem is only counted, so a million bad
# rows cost a counter, not a million objects.
KEPT_PER_FILE = 1000
# C0 and C1 controls, DEL, line and paragraph separators, and the bidirectional controls that can
# reorder what a terminal shows.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def escape(text: str) -> str:
    """`text` with every unprintable character written as an escape (`\\x1b`, `\\n`, `\\u2028`)."""
    return _UNPRINTABLE.sub(lambda m: _NAMED.get(m[0]) or (f"\\x{ord(m[0]):02x}" if ord(m[0]) < 0x100 else f"\\u{ord(m[0]):04x}"), text)


def shown(value: object, limit: int = 60) -> str:
    """A value quoted for a message (as `repr` does), cut to about `limit` characters."""
    text = str(value)
    if len(text) > limit:
        return repr(text[:limit]) + f"… ({len(text)} characters)"
    return repr(text)


def short(text: str, limit: int = 80) -> str:
    """A name (a path, a field, a resource) cut to `limit` characters for a problem line."""
    return text if len(text) <= limit else text[:limit] + f"…({len(text)} characters)"


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    row: int | None = None
    field: str | None = None
    # A root cause (a file that cannot be read, or is missing): printed before everything else.
    cause: bool = False

    def __str__(self) -> str:
        path = escape(short(self.path))
        message = escape(self.message if len(self.message) <= 1000 else self.message[:1000] + "…")
        if self.row is None:
            return f"{path}: {message}"
        return f"{path}:{self.row}:{escape(short(self.field or '-'))}: {message}"

    @property
    def key(self) -> tuple[str, int | None, str | None]:
        """Two checks that find fault with the same cell describe one problem; whole-file problems
        are told apart by their message."""
        return (self.path, self.row, self.field) if self.row is not None else (self.path, None, self.message)


class Problems(list):
    """The problems of one run: a list that keeps at most KEPT_PER_FILE per file (root causes
    always) and counts the rest."""

    def __init__(self) -> None:
        super().__init__()
        self.kept: Counter[str] = Counter()
        self.overflow: Counter[str] = Counter()

    def append(self, p: Problem) -> None:  # type: ignore[override]
        if self.kept[p.path] < KEPT_PER_FILE or p.cause:
            self.kept[p.path] += 1
            super().append(p)
            return
        # Counted as found: past the limit, two checks that fault one cell count twice (telling
        # them apart would cost a set as large as the file).
        self.overflow[p.path] += 1

    def extend(self, problems) -> None:  # type: ignore[override]
        for p in problems:
            self.append(p)
        if isinstance(problems, Problems):
            self.overflow.update(problems.overflow)

    def __iadd__(self, problems):  # type: ignore[override]
        self.extend(problems)
        return self


class Report(list):
    """Problems as they are printed, with the count of those past the limit per file."""

    overflow: Counter[str]

    @property
    def total(self) -> int:
        return len(self) + sum(self.overflow.values())


def report(problems: list[Problem]) -> Report:
    """One problem per place (the first reported wins): root causes first, then by path and row."""
    seen: set[tuple[str, int | None, str | None]] = set()
    unique = []
    for p in problems:
        if p.key not in seen:
            seen.add(p.key)
            unique.append(p)
    out = Report(sorted(unique, key=lambda p: (not p.cause, p.path, p.row or 0)))
    out.overflow = Counter(getattr(problems, "overflow", {}))
    return out


def shown_lines(problems: list[Problem], limit: int = LIMIT_PER_FILE) -> list[str]:
    """The lines to print: at most `limit` problems per file, then, after that file's last line
    shown, `<path>: N more problems not shown`."""
    count: Counter[str] = Counter(getattr(problems, "overflow", {}))
    lines: list[str] = []
    after: dict[str, int] = {}  # path -> index just past its last line shown
    shown_count: Counter[str] = Counter()
    for p in problems:
        count[p.path] += 1
        shown_count[p.path] += 1
        if shown_count[p.path] <= limit:
            lines.append(str(p))
            after[p.path] = len(lines)
    for path in sorted((p for p in count if count[p] > limit), key=lambda p: after.get(p, len(lines)), reverse=True):
        lines.insert(after.get(path, len(lines)), f"{escape(short(path))}: {count[path] - limit} more problems not shown")
    return lines
