"""The report of `make bench`: a list of sections, each with its Markdown and its verdicts.

A part of the benchmark is a function of the parsed command line that returns a Section
(scripts/bench/__main__.py lists them in SECTIONS); to add a figure, add a function."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Verdict:
    """One figure against its target: `what` says what was measured and its value."""

    what: str
    target: str  # "≤ 1.2"
    met: bool

    def line(self) -> str:
        return f"- {self.what} (target {self.target}): {'met' if self.met else 'NOT met'}"


@dataclass
class Section:
    title: str
    body: str  # Markdown: a table, a paragraph
    verdicts: list[Verdict] = field(default_factory=list)
    data: object = None  # what results.json keeps of it


def at_most(what: str, value: float, limit: float, shown: str = "{:g}") -> Verdict:
    return Verdict(what, "≤ " + shown.format(limit), value <= limit)


def markdown(sections: list[Section]) -> str:
    out = []
    for s in sections:
        out += [f"## {s.title}", "", s.body.rstrip(), ""]
        if s.verdicts:
            out += [v.line() for v in s.verdicts] + [""]
    return "\n".join(out)


def table(head: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + "---:|" * len(head)]
    lines += ["| " + " | ".join(map(str, r)) + " |" for r in rows]
    return "\n".join(lines)
