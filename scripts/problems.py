"""A located problem: `<path>:<row>:<field>: <message>`, or `<path>: <message>` for a whole file."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    row: int | None = None
    field: str | None = None

    def __str__(self) -> str:
        if self.row is None:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.row}:{self.field or '-'}: {self.message}"

    @property
    def key(self) -> tuple[str, int | None, str | None]:
        """Two checks that find fault with the same cell describe one problem; whole-file problems
        are told apart by their message."""
        return (self.path, self.row, self.field) if self.row is not None else (self.path, None, self.message)


def report(problems: list[Problem]) -> list[Problem]:
    """One problem per place (the first reported wins), sorted by path and row."""
    seen: set[tuple[str, int | None, str | None]] = set()
    unique = []
    for p in problems:
        if p.key not in seen:
            seen.add(p.key)
            unique.append(p)
    return sorted(unique, key=lambda p: (p.path, p.row or 0))
