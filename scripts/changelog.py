"""The changelogs (Keep a Changelog), one per language with the same `## [x.y.z] - date` headings:
its releases, newest first."""

from __future__ import annotations

import re

# The changelog each language's pages show (and the release ships).
CHANGELOGS = {"en": "CHANGELOG.md", "ko": "CHANGELOG.ko.md"}

HEADING = re.compile(r"^## \[(?P<version>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$", re.M)


def releases(text: str) -> list[tuple[str, str | None, str]]:
    """(version, date, body) for every `## [version] - date` section, in file order."""
    found = list(HEADING.finditer(text))
    out = []
    for i, m in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(text)
        out.append((m["version"], m["date"], text[m.end() : end].strip()))
    return out


def latest_notes(text: str, version: str, name: str = "CHANGELOG.md") -> str:
    """The body of the newest release of the changelog `name`, which must be `version` (not "Unreleased")."""
    published = [r for r in releases(text) if r[0] != "Unreleased"]
    if not published or published[0][0] != version:
        newest = published[0][0] if published else "none"
        raise ValueError(f"{name}: newest release is {newest}, the package version is {version}")
    # Section headings one level down, so that they sit under the page's own.
    return re.sub(r"^### ", "#### ", published[0][2], flags=re.M)
