"""`make release VERSION=x.y.z`: stamp a new version into the data package's descriptor and the
citation, once both changelogs have it.

    python -m scripts.release.version 0.5.0

Checks, all of them on every run (each failure is reported, and nothing is written unless all
pass): VERSION is MAJOR.MINOR.PATCH; it is newer than the descriptor's version; CHANGELOG.md and
CHANGELOG.ko.md each have a dated `## [x.y.z] - YYYY-MM-DD` section for it, as their newest release
(the site shows the newest section as the release notes and refuses to build when it is not the
package's version), on the same date; CITATION.cff has a `version:` line. Then it writes
dataset/datapackage.json as `make schemas` writes it (scripts/descriptor.dumps) and CITATION.cff
with `version:` and, where the file has one, `date-released:` (the changelogs' date) replaced in
place, its comments and layout kept.

It lives with the release artifacts because a version is what names them (downloads/<version>/),
though it builds none: it edits the checkout's files before a release, where the artifact modules
write a build's.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ..changelog import CHANGELOGS, releases
from ..descriptor import dumps
from ..paths import DESCRIPTOR, ROOT
from ..problems import escape

# Semantic Versioning's MAJOR.MINOR.PATCH: no leading zeros, no pre-release or build part (the
# version names a folder of the site and the files of the release).
SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$")
CITATION = "CITATION.cff"
PACKAGE = Path("dataset") / DESCRIPTOR
CFF_VERSION = re.compile(r'^version:[ \t]*.*$', re.M)
CFF_DATE = re.compile(r'^date-released:[ \t]*.*$', re.M)


def parse(version: str) -> tuple[int, int, int] | None:
    m = SEMVER.match(version)
    return (int(m[1]), int(m[2]), int(m[3])) if m else None


@dataclass
class Plan:
    """What a release would write, or why it cannot."""

    version: str
    problems: list[str] = field(default_factory=list)
    writes: dict[Path, str] = field(default_factory=dict)  # path (relative to the root) -> new text
    said: list[str] = field(default_factory=list)  # what changes, one line each


def changelog_date(root: Path, name: str, version: str, problems: list[str]) -> str | None:
    """The date of `version`'s section of the changelog `name`, which must be its newest release."""
    path = root / name
    if not path.is_file():
        problems.append(f"{name}: no such file")
        return None
    found = [r for r in releases(path.read_text(encoding="utf-8")) if r[0] != "Unreleased"]
    entry = [r for r in found if r[0] == version]
    if not entry:
        problems.append(f"{name}: no `## [{version}] - YYYY-MM-DD` section; add the release's notes first")
        return None
    if entry[0][1] is None:
        problems.append(f"{name}: the `## [{version}]` section has no date; write it as `## [{version}] - YYYY-MM-DD`")
        return None
    if found[0][0] != version:
        problems.append(f"{name}: [{version}] is not the newest release (the newest is [{found[0][0]}]); put it above the others")
        return None
    return entry[0][1]


def plan(root: Path, version: str) -> Plan:
    """Every check, then the texts to write when they all pass."""
    out = Plan(version)
    problems = out.problems
    new = parse(version)
    if new is None:
        problems.append(f"VERSION={version}: not a version MAJOR.MINOR.PATCH (such as 1.2.3: digits, no leading zeros, no pre-release part)")
    descriptor_path = root / PACKAGE
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        current = str(descriptor["version"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        problems.append(f"{PACKAGE}: cannot read its version ({type(e).__name__}: {e})")
        descriptor, current = None, None
    if current is not None and new is not None:
        old = parse(current)
        if old is None:
            problems.append(f"{PACKAGE}: its version {current} is not MAJOR.MINOR.PATCH; fix it by hand first")
        elif new <= old:
            which = "the same as" if new == old else "older than"
            problems.append(f"VERSION={version}: {which} the package's version {current}; a release needs a newer one")
    dates = {name: changelog_date(root, name, version, problems) for name in CHANGELOGS.values()} if new else {}
    if len({d for d in dates.values() if d}) > 1:
        problems.append("the changelogs date [{}] differently: {}".format(version, ", ".join(f"{n} {d}" for n, d in dates.items())))
    citation_path = root / CITATION
    citation = citation_path.read_text(encoding="utf-8") if citation_path.is_file() else None
    if citation is None:
        problems.append(f"{CITATION}: no such file")
    elif len(CFF_VERSION.findall(citation)) != 1:
        problems.append(f"{CITATION}: needs exactly one top-level `version:` line, found {len(CFF_VERSION.findall(citation))}")
    if problems:
        return out
    assert descriptor is not None and citation is not None
    date = next(iter(dates.values()))
    descriptor["version"] = version
    out.writes[PACKAGE] = dumps(descriptor)
    out.said.append(f"{PACKAGE}: version {current} → {version}")
    text = CFF_VERSION.sub(f'version: "{version}"', citation)
    out.said.append(f"{CITATION}: version → {version}")
    if CFF_DATE.search(text):
        text = CFF_DATE.sub(f'date-released: "{date}"', text)
        out.said.append(f"{CITATION}: date-released → {date} (the changelogs' date)")
    out.writes[Path(CITATION)] = text
    return out


def apply(root: Path, p: Plan) -> None:
    for rel, text in p.writes.items():
        (root / rel).write_text(text, encoding="utf-8")


def next_steps(version: str) -> list[str]:
    tag = f"v{version}"
    return [
        "Next:",
        "  git diff                                   # the two files, nothing else",
        "  make validate && make test",
        f'  git commit -am "Release {version}"',
        f'  git tag -a {tag} -m "Release {version}"',
        f"  .venv/bin/python -m scripts.published_ids {tag} && git commit -am \"Published ids: {version}\"   # its ids may never change again",
        f"  git push && git push origin {tag}",
    ]


def main(argv: list[str] | None = None, root: Path = ROOT) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or not args[0]:
        print("make release: give VERSION=x.y.z, e.g. make release VERSION=1.0.0", file=sys.stderr)
        return 2
    p = plan(root, args[0])
    if p.problems:
        # Terminal output: a control character in VERSION or a file is shown, never sent.
        print(f"make release: {escape(args[0])} refused, nothing written:", file=sys.stderr)
        print("\n".join(f"  {escape(line)}" for line in p.problems), file=sys.stderr)
        return 2
    apply(root, p)
    print("\n".join(p.said + [""] + next_steps(p.version)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
