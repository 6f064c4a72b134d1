"""The ids of a release, kept in `schemas/published_ids.json`: an id becomes part of a URL and of
the citations made with it, so once published it never changes or disappears (tests/test_ids.py).

    python -m scripts.published_ids REF     # write the ids of every `id`-keyed resource at git REF

At a release, run it with the release's tag (or commit) after tagging, and commit the file: the ids
of the release join those that may never change. (0.1.0 is commit 95bf0f6; 0.2.0 was added from the commit that published it.)"""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

from schemas.models import PRIMARY_KEYS

from .paths import ROOT, table_path

PUBLISHED_IDS = ROOT / "schemas" / "published_ids.json"

# A running number at the end of an id: `-7`, `-m079` (a mention's number). A sentence's `-s02` is
# its place in the source, which stays; a date at the end (`-2025-06-25`) is a date.
RUNNING = re.compile(r"^(?P<stem>.+)-(?P<m>m?)(?P<number>\d+)$")
DATE_END = re.compile(r"-(19|20)\d{2}(-\d{2}){0,2}$")


def ids_at(ref: str) -> dict[str, list[str]]:
    """The sorted ids of every resource keyed by `id`, in the data at git `ref`."""
    out: dict[str, list[str]] = {}
    for name, pk in PRIMARY_KEYS.items():
        if pk != ("id",):
            continue
        done = subprocess.run(["git", "show", f"{ref}:dataset/{table_path(name)}"], cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            continue  # the resource did not exist then: nothing of it was published
        out[name] = sorted(row["id"] for row in csv.DictReader(io.StringIO(done.stdout, newline="")))
    return out


def running_numbers(ids: list[str], published: set[str]) -> list[str]:
    """What is wrong with each id not yet published (`ids` in file order, the first data row being
    row 1): an id that is a running number says nothing and changes when rows move. Refused: a
    trailing number equal to the row's position, or one that a sibling shares all but (x-1, x-2).
    A trailing model number (llama-4) passes when its siblings make no count from 0 or 1; a date
    always passes."""
    stems: dict[tuple[str, str], set[int]] = {}
    for id_ in ids:
        m = RUNNING.match(id_)
        if m and not DATE_END.search(id_):
            stems.setdefault((m["stem"], m["m"]), set()).add(int(m["number"]))
    found = []
    for position, id_ in enumerate(ids, start=1):
        m = RUNNING.match(id_)
        if id_ in published or not m or DATE_END.search(id_):
            continue
        number = int(m["number"])
        numbers = stems[(m["stem"], m["m"])]
        if number == position:
            found.append(f"{id_} (row {position}): ends in its row number; give it an id that says what it is")
        elif len(numbers) > 1 and numbers & {0, 1}:
            others = ", ".join(f"{m['stem']}-{m['m']}{n}" for n in sorted(numbers - {number})[:3])
            found.append(f"{id_} (row {position}): one of a numbered run with {others}; give it an id that says what it is")
    return found


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m scripts.published_ids REF", file=sys.stderr)
        return 2
    ids = ids_at(args[0])
    # Added to what earlier releases published, never replacing it: an id that a later commit
    # dropped stays listed, so that the test reports it missing.
    earlier = json.loads(PUBLISHED_IDS.read_text(encoding="utf-8")) if PUBLISHED_IDS.exists() else {}
    ids = {name: sorted(set(ids.get(name, [])) | set(earlier.get(name, []))) for name in sorted(set(ids) | set(earlier), key=list(PRIMARY_KEYS).index)}
    PUBLISHED_IDS.write_text(json.dumps(ids, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {PUBLISHED_IDS}: " + ", ".join(f"{name} {len(v)}" for name, v in ids.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
