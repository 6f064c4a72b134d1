"""The models are the one source: committed descriptors and JSON Schemas must match what they generate."""

import json

import pytest

from schemas.models import MODELS
from schemas.vocab import LABELS
from scripts.make_schemas import drift, expected_files
from scripts.paths import DESCRIPTOR, SCHEMAS_JSON
from tests.conftest import FIXTURE, ROOT


def test_committed_descriptor_and_json_schemas_match_the_models():
    assert drift(ROOT / "dataset") == []


def test_fixture_descriptor_matches_the_models():
    expected = expected_files(FIXTURE)[FIXTURE / DESCRIPTOR]
    assert (FIXTURE / DESCRIPTOR).read_text(encoding="utf-8") == expected


def test_drift_is_reported(tmp_path, monkeypatch):
    package = tmp_path / "pkg"
    package.mkdir()
    descriptor = json.loads((ROOT / "dataset" / DESCRIPTOR).read_text(encoding="utf-8"))
    descriptor["resources"][1]["schema"]["fields"][0]["title"] = "edited by hand"
    (package / DESCRIPTOR).write_text(json.dumps(descriptor), encoding="utf-8")
    problems = drift(package)
    assert problems == [f"{package / DESCRIPTOR}: differs from what the models and data generate; run `make schemas`"]


@pytest.mark.parametrize("name", list(MODELS))
def test_every_field_is_labelled_in_both_languages(name):
    properties = MODELS[name].model_json_schema()["properties"]
    missing = [
        f"{field}.{key}"
        for field, prop in properties.items()
        for key in ("label_ko", "label_en", "description_ko", "description_en")
        if not str(prop.get(key, "")).strip()
    ]
    assert missing == []
    labels = MODELS[name].labels
    assert all(str(v).strip() for v in labels)


def test_every_enum_value_is_labelled_in_both_languages():
    for enum, labels in LABELS.items():
        assert sorted(labels) == sorted(m.value for m in enum), enum.__name__
        assert all(ko.strip() and en.strip() for ko, en in labels.values()), enum.__name__


def test_one_json_schema_file_per_resource():
    assert sorted(p.name for p in SCHEMAS_JSON.glob("*.json")) == sorted(f"{n}.schema.json" for n in MODELS)
