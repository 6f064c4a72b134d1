"""Editorial rules of the real dataset that no schema can express."""

import csv
import hashlib
from pathlib import Path

from tests.conftest import ROOT

DATA = ROOT / "dataset" / "data"
ARTICLE = (ROOT / "dataset" / "sources" / "article-ko.txt").read_text(encoding="utf-8")


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / f"{name}.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_article_is_the_seed_byte_for_byte():
    """sha256 of shared/seeds/000_4ee970f25f3221f5.txt, the article as supplied."""
    data = (ROOT / "dataset" / "sources" / "article-ko.txt").read_bytes()
    assert hashlib.sha256(data).hexdigest() == "ad1304af191101441eaec5ee6c6226887507adf64619eb273771b3d859a172d9"
    assert not data.endswith(b"\n") and b"\r" not in data and not data.startswith(b"\xef\xbb\xbf")


def test_headings_are_the_four_short_lines_without_final_punctuation():
    headings = [r["text_ko"] for r in rows("sentences") if r["kind"] == "heading"]
    lines = [line for line in ARTICLE.split("\n") if line[-1] not in ".!?\"”"]
    assert headings == lines
    assert len(headings) == 4


def test_unnamed_speakers_are_not_attributed_to_anyone():
    quotes = {q["id"]: q for q in rows("quotes")}
    for qid in ("unnamed-executive-llama-3", "prosecutors-copyrighted-books", "libgen-barriers", "ai-leaders-training-data"):
        assert quotes[qid]["speaker_id"] == ""
        assert quotes[qid]["speaker_description_ko"] and quotes[qid]["speaker_description_en"]


def test_every_spelling_the_article_prints_is_an_alias():
    aliases = {(a["alias"], a["kind"]) for a in rows("aliases")}
    for printed in ("Meta", "메타", "Llama3", "라마3", "Mistral", "미스트랄", "주커버그", "Al-Dahle", "Kadrey", "카드레이"):
        assert (printed, "as-printed") in aliases
    assert ("저커버그", "standard-ko") in aliases


def test_wikidata_only_where_the_reference_gives_one():
    given = {"meta": "Q380", "openai": "Q21708200", "anthropic": "Q116758847", "google": "Q95", "mark-zuckerberg": "Q36215", "claude": "Q118876059"}
    found = {r["id"]: r["wikidata"] for name in ("people", "organizations", "works") for r in rows(name) if r["wikidata"]}
    assert found == given
