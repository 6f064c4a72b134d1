"""The benchmark's synthetic packages are valid packages, spread over the resources like the real one."""

from scripts.bench.synthesize import copies_for, rotate, synthesize
from scripts.validate import validate
from tests.conftest import ROOT


def test_rotation_keeps_lengths_and_is_distinct_per_copy():
    text = "메타의 Llama3는 GPT-4를"
    assert rotate(text, 0) == text
    assert len(rotate(text, 3)) == len(text)
    assert rotate(text, 1) != rotate(text, 2) != text
    assert rotate("3:23-cv", 5)[0:2] == "3:"


def test_a_synthetic_package_of_two_copies_validates(tmp_path):
    rows = synthesize(700, tmp_path / "pkg")
    assert copies_for(700) == 2
    problems, loaded = validate(tmp_path / "pkg")
    assert problems == []
    _, real = validate(ROOT / "dataset")
    assert rows == 2 * sum(len(real.records(n)) for n in real.rows)
    assert {n: len(loaded.records(n)) for n in real.rows} == {n: 2 * len(real.records(n)) for n in real.rows}
