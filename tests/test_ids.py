"""Ids never change once published, and new ids say what they are (issue 13).

`schemas/published_ids.json` holds the ids of every release (0.1.0: commit 95bf0f6). At a release,
after tagging, run `python -m scripts.published_ids <tag>` and commit the file, so that the new
release's ids join those that may never change or disappear."""

import csv
import json

import pytest

from schemas.models import PRIMARY_KEYS
from scripts.published_ids import PUBLISHED_IDS, running_numbers
from tests.conftest import ROOT

PUBLISHED: dict[str, list[str]] = json.loads(PUBLISHED_IDS.read_text(encoding="utf-8"))
ID_KEYED = [name for name, pk in PRIMARY_KEYS.items() if pk == ("id",)]


def ids(name: str) -> list[str]:
    with open(ROOT / "dataset" / "data" / f"{name}.csv", encoding="utf-8", newline="") as f:
        return [row["id"] for row in csv.DictReader(f)]


def test_published_ids_cover_the_id_keyed_resources_sorted():
    assert set(PUBLISHED) <= set(ID_KEYED)
    assert all(v == sorted(v) and len(v) == len(set(v)) for v in PUBLISHED.values())
    # 0.1.0 published 79 mentions (article-ko-m001…m079), and they stay published
    assert {f"article-ko-m{n:03d}" for n in range(1, 80)} <= set(PUBLISHED["mentions"]) and "article-ko" in PUBLISHED["sources"]


@pytest.mark.parametrize("name", ID_KEYED)
def test_published_ids_never_change_or_disappear(name):
    missing = sorted(set(PUBLISHED.get(name, [])) - set(ids(name)))
    assert missing == [], f"{name}: published ids gone (an id never changes once published; restore them)"


@pytest.mark.parametrize("name", ID_KEYED)
def test_new_ids_are_not_running_numbers(name):
    assert running_numbers(ids(name), set(PUBLISHED.get(name, []))) == []


# --- the rule itself, on made-up ids -------------------------------------------------------------------


def test_a_new_id_ending_in_its_row_number_is_refused():
    published = PUBLISHED["record_sources"]
    row = len(published) + 1
    assert running_numbers([*published, f"foo-{row}"], set(published)) == [f"foo-{row} (row {row}): ends in its row number; give it an id that says what it is"]
    assert running_numbers([f"r{c}" for c in "abcdefghijklmnopqrstu"] + ["foo-22"], set()) == ["foo-22 (row 22): ends in its row number; give it an id that says what it is"]
    mentions = PUBLISHED["mentions"]
    row = len(mentions) + 1
    assert running_numbers([*mentions, f"article-ko-m{row:03d}"], set(mentions)) == [
        f"article-ko-m{row:03d} (row {row}): ends in its row number; give it an id that says what it is"
    ]


def test_a_new_id_in_a_numbered_run_is_refused():
    aliases = PUBLISHED["aliases"]
    assert running_numbers([*aliases, "ahmad-al-dahle-7"], set(aliases)) == [
        f"ahmad-al-dahle-7 (row {len(aliases) + 1}): one of a numbered run with ahmad-al-dahle-1, ahmad-al-dahle-2, ahmad-al-dahle-3; give it an id that says what it is"
    ]
    assert running_numbers(["a", "x-1", "b", "x-2"], set()) == [
        "x-1 (row 2): one of a numbered run with x-2; give it an id that says what it is",
        "x-2 (row 4): one of a numbered run with x-1; give it an id that says what it is",
    ]
    assert running_numbers(["a", "b", "c", "d", "e", "article-ko-m079", "article-ko-m001"], set()) != []


@pytest.mark.parametrize(
    "new",
    ["article-ko-court-s02", "llama-4", "gpt-5", "kadrey-order-2025-06-25", "fair-use-2025-06", "meta-llama-3-licence", "claude-3"],
)
def test_meaningful_new_ids_pass(new):
    works = PUBLISHED["works"] + PUBLISHED["sentences"]
    rows = [*works, *(f"filler-{chr(97 + i % 26)}{i}x" for i in range(30)), new]
    assert running_numbers(rows, set(works)) == []


def test_a_date_at_its_row_number_passes():
    rows = [f"event-{c}" for c in "abcdefghijklmnopqrstuvwx"] + ["kadrey-order-2025-06-25"]
    assert len(rows) == 25 and running_numbers(rows, set()) == []
