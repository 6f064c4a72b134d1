"""The validator on tiny hand-written fixtures: one defect at a time, the exact lines it prints."""

import subprocess
import sys
import unicodedata

import pytest

from tests.conftest import FIXTURE, ROOT


def test_fixture_is_valid(validate):
    status, lines = validate(FIXTURE)
    assert status == 0
    assert lines == [
        f"valid: {FIXTURE}: sources 1, sentences 2, people 1, organizations 1, works 1, cases 0, legal_issues 0, "
        "memberships 1, case_roles 0, aliases 3, mentions 4, quotes 1, quote_works 1, quote_organizations 0, "
        "quote_legal_issues 0, legal_issue_parties 0, legal_issue_works 0, fact_checks 0, fact_check_sources 0, "
        "events 0, event_sources 0, event_records 0, record_sources 0, glossary 1, glossary_aliases 1"
    ]


def test_real_dataset_is_valid(validate):
    status, lines = validate(ROOT / "dataset")
    assert status == 0, "\n".join(lines)
    assert lines[0].startswith(f"valid: {ROOT / 'dataset'}: sources 18, sentences 28, people ")


# --- spans against the source text -------------------------------------------------------------


def test_quote_offset_moved(package, validate):
    package.replace("data/quotes.csv", "direct,18,30,", "direct,17,29,")
    assert validate(package.root) == (
        1,
        ["data/quotes.csv:2:text_ko: not found at 17–29 in article-ko (the text there is '\"Llama3가 최고다')"],
    )


def test_mention_exact_differs(package, validate):
    package.replace("data/mentions.csv", "article-ko-m001,article-ko,0,2,메타", "article-ko-m001,article-ko,1,3,메타")
    assert validate(package.root) == (
        1,
        [
            "data/aliases.csv:4:alias: '메타' is printed at 0–2 in article-ko but no mention of meta is recorded there",
            "data/mentions.csv:2:exact: not found at 1–3 in article-ko (the text there is '타의')",
        ],
    )


def test_mention_prefix_differs(package, validate):
    package.replace("data/mentions.csv", "Llama3,메타의 ,", "Llama3,메타 ,")
    assert validate(package.root) == (1, ["data/mentions.csv:3:prefix: should be the 4 characters '메타의 ' of article-ko"])


def test_offset_past_the_end(package, validate):
    package.replace("data/quotes.csv", "direct,18,30,", "direct,18,99,")
    assert validate(package.root) == (1, ["data/quotes.csv:2:end: 99 is past the end of article-ko (38 characters)"])


def test_end_before_start(package, validate):
    package.replace("data/quotes.csv", "direct,18,30,", "direct,30,18,")
    assert validate(package.root) == (1, ["data/quotes.csv:2:end: end 18 must be greater than start 30"])


# --- sentence coverage ---------------------------------------------------------------------------


def test_sentence_missing_leaves_a_gap(package, validate):
    text = package.read("data/sentences.csv")
    package.write("data/sentences.csv", "\n".join(line for line in text.split("\n") if "article-ko-s01" not in line))
    assert validate(package.root) == (
        1,
        [
            "data/sentences.csv: characters 0–3 of article-ko ('메타의') lie in no sentence",
            "data/sentences.csv: characters 4–10 of article-ko ('Llama3') lie in no sentence",
        ],
    )


def test_sentence_crossing_a_line_break(package, validate):
    package.replace("data/sentences.csv", "heading,0,10,메타의 Llama3,", 'heading,0,12,"메타의 Llama3\n주",')
    status, lines = validate(package.root)
    assert status == 1
    assert lines[-1] == "data/sentences.csv:2:text_ko: constraint-error: '메타의 Llama3\\n주': constraint \"pattern\" is \"^\\S(.*\\S)?$\""


def test_sentences_overlapping(package, validate):
    package.write("data/sentences.csv", package.read("data/sentences.csv") + "article-ko-s03,article-ko,sentence,4,10,Llama3,Llama 3\n")
    assert validate(package.root) == (
        1,
        [
            "data/sentences.csv:2:start: overlaps another sentence at 4–10 of article-ko",
            "data/sentences.csv:4:start: overlaps another sentence at 4–10 of article-ko",
        ],
    )


# --- mention coverage and names ------------------------------------------------------------------


def test_mention_removed(package, validate):
    text = package.read("data/mentions.csv")
    lines = text.split("\n")
    # the 주커버그 mention is row 4, which spans two physical lines (a multi-line prefix cell)
    start = next(i for i, line in enumerate(lines) if line.startswith("article-ko-m003"))
    package.write("data/mentions.csv", "\n".join(lines[:start] + lines[start + 2 :]))
    assert validate(package.root) == (
        1,
        [
            "data/aliases.csv:2:alias: '주커버그' is printed at 11–15 in article-ko but no mention of mark-zuckerberg is recorded there",
            "data/memberships.csv:2:id: mark-zuckerberg-meta does not come from the article and cites no source: add a row to record_sources",
            "data/people.csv:2:id: mark-zuckerberg is never mentioned and cites no source: add its mentions, or its sources in record_sources",
        ],
    )


def test_mention_points_at_the_wrong_record(package, validate):
    package.replace("data/mentions.csv", '""","가 최고다.""라고 말했다.",,,llama-3,', '""","가 최고다.""라고 말했다.",,meta,,')
    assert validate(package.root) == (
        1,
        [
            "data/aliases.csv:3:alias: 'Llama3' is printed at 18–24 in article-ko but no mention of llama-3 is recorded there",
            "data/mentions.csv:5:organization_id: 'Llama3' is not a name or alias of meta: add the alias or fix the reference",
        ],
    )


def test_as_printed_alias_absent_from_the_text(package, validate):
    package.replace("data/aliases.csv", "en,as-printed,Llama3", "en,as-printed,Llama 3")
    assert validate(package.root) == (
        1,
        [
            "data/aliases.csv:3:kind: kind is as-printed but 'Llama 3' occurs in no source text",
            "data/mentions.csv:3:work_id: 'Llama3' is not a name or alias of llama-3: add the alias or fix the reference",
            "data/mentions.csv:5:work_id: 'Llama3' is not a name or alias of llama-3: add the alias or fix the reference",
        ],
    )


# --- keys and references -------------------------------------------------------------------------


def test_reference_to_nowhere(package, validate):
    package.replace("data/memberships.csv", "mark-zuckerberg,meta,", "mark-zuckerberg,meta-x,")
    assert validate(package.root) == (
        1,
        ["data/memberships.csv:2:organization_id: unknown reference 'meta-x': no row of organizations has id 'meta-x'"],
    )


def test_reference_into_an_empty_table(package, validate):
    package.replace("data/aliases.csv", "meta-1,,meta,,,ko", "meta-1,,meta,,some-case,ko")
    assert validate(package.root) == (
        1,
        [
            "data/aliases.csv:4:person_id/organization_id/work_id/legal_issue_id: exactly one of person_id/organization_id/work_id/legal_issue_id must be filled, found 2",
            "data/aliases.csv:4:legal_issue_id: unknown reference 'some-case': legal_issues is empty",
        ],
    )


def test_all_null_reference(package, validate):
    package.replace("data/aliases.csv", "meta-1,,meta,,,ko", "meta-1,,,,,ko")
    assert validate(package.root) == (
        1,
        ["data/aliases.csv:4:person_id/organization_id/work_id/legal_issue_id: exactly one of person_id/organization_id/work_id/legal_issue_id must be filled, found 0"],
    )


def test_null_key_part(package, validate):
    package.replace("data/quote_works.csv", "zuckerberg-best,llama-3", "zuckerberg-best,")
    assert validate(package.root) == (1, ["data/quote_works.csv:2:work_id: constraint-error: constraint \"required\" is \"True\""])


def test_duplicate_row(package, validate):
    text = package.read("data/memberships.csv")
    package.write("data/memberships.csv", text + text.split("\n")[1] + "\n")
    assert validate(package.root) == (1, ["data/memberships.csv:3:id: primary-key: the same as in the row at position 2"])


# --- cells ---------------------------------------------------------------------------------------


def test_cell_of_another_type(package, validate):
    package.replace("data/quotes.csv", "direct,18,30,", "direct,eighteen,29,")
    assert validate(package.root) == (1, ["data/quotes.csv:2:start: type-error: 'eighteen': type is \"integer/default\""])


def test_value_outside_its_enum(package, validate):
    package.replace("data/quotes.csv", "direct,18,30,", "quoted,18,29,")
    assert validate(package.root) == (
        1,
        ["data/quotes.csv:2:kind: constraint-error: 'quoted': constraint \"enum\" is \"['direct', 'indirect', 'mixed']\""],
    )


def test_bilingual_pair_half_filled(package, validate):
    package.replace("data/quotes.csv", ",mark-zuckerberg,,,", ",,한 임원,,")
    assert validate(package.root) == (
        1,
        ["data/quotes.csv:2:speaker_description_en: empty while its twin speaker_description_ko is filled: give both languages"],
    )


def test_quote_with_speaker_and_description(package, validate):
    package.replace("data/quotes.csv", ",mark-zuckerberg,,,", ",mark-zuckerberg,한 임원,An executive,")
    assert validate(package.root) == (1, ["data/quotes.csv:2:speaker_id: give either speaker_id or a speaker description, not both"])


def test_cell_not_nfc(package, validate):
    package.replace("data/people.csv", "마크 저커버그", unicodedata.normalize("NFD", "마크 저커버그"))
    assert validate(package.root) == (1, ["data/people.csv:2:name_ko: not in Unicode NFC"])


def test_unknown_field_value_shape(package, validate):
    package.replace("data/people.csv", "Q36215", "36215")
    assert validate(package.root) == (1, ["data/people.csv:2:wikidata: constraint-error: '36215': constraint \"pattern\" is \"^Q[1-9][0-9]*$\""])


# --- malformed files -----------------------------------------------------------------------------


def test_bom(package, validate):
    package.write_bytes("data/works.csv", b"\xef\xbb\xbf" + package.path("data/works.csv").read_bytes())
    assert validate(package.root) == (1, ["data/works.csv: starts with a byte order mark (BOM); save it as UTF-8 without BOM"])


def test_crlf(package, validate):
    package.write_bytes("data/works.csv", package.path("data/works.csv").read_bytes().replace(b"\n", b"\r\n"))
    assert validate(package.root) == (1, ["data/works.csv: contains a carriage return (CR or CRLF line end), first on line 1; use LF line ends"])


def test_invalid_utf8(package, validate):
    data = package.path("data/people.csv").read_bytes()
    at = data.index("저커버그".encode())
    package.write_bytes("data/people.csv", data[:at] + b"\xff" + data[at + 1 :])
    assert validate(package.root) == (1, [f"data/people.csv:2:name_ko: invalid UTF-8 (byte 0xff at offset {at}); save the file as UTF-8"])


def test_truncated_row(package, validate):
    text = package.read("data/memberships.csv")
    package.write("data/memberships.csv", text[: text.index(",CEO,CEO")])
    assert validate(package.root) == (1, ["data/memberships.csv:2:role_ko: missing cell: the row has 3 of 5 cells (truncated row?)"])


def test_extra_cell(package, validate):
    package.replace("data/memberships.csv", ",CEO,CEO\n", ",CEO,CEO,surplus\n")
    assert validate(package.root) == (1, ["data/memberships.csv:2:column 6: extra cell: the row has 6 cells, the header 5"])


def test_empty_file(package, validate):
    package.write("data/works.csv", "")
    assert validate(package.root) == (1, ["data/works.csv: empty file: expected a header row"])


def test_missing_file(package, validate):
    package.path("data/quote_works.csv").unlink()
    assert validate(package.root) == (1, ["data/quote_works.csv: file missing"])


def test_column_removed(package, validate):
    lines = package.read("data/memberships.csv").split("\n")
    package.write("data/memberships.csv", "\n".join(",".join(line.split(",")[:-1]) if line else line for line in lines))
    assert validate(package.root) == (1, ["data/memberships.csv:1:role_en: missing column"])


def test_column_added(package, validate):
    lines = package.read("data/memberships.csv").split("\n")
    package.write("data/memberships.csv", "\n".join(line + ",x" if line else line for line in lines))
    assert validate(package.root) == (1, ["data/memberships.csv:1:x: unexpected column"])


def test_blank_row(package, validate):
    package.write("data/memberships.csv", package.read("data/memberships.csv") + "\n")
    status, lines = validate(package.root)
    assert (status, lines) == (1, ["data/memberships.csv:3:id: blank row"])


def test_malformed_quoting(package, validate):
    package.replace("data/memberships.csv", ",CEO,CEO\n", ',"CEO"x,CEO\n')
    assert validate(package.root) == (1, ["data/memberships.csv:2:-: malformed CSV: ',' expected after '\"'"])


def test_source_text_not_nfc(package, validate):
    text = package.read("sources/article-ko.txt")
    package.write("sources/article-ko.txt", unicodedata.normalize("NFD", text))
    # the one cause, and none of the span and alias lines an unusable text would otherwise set off
    assert validate(package.root) == (1, ["sources/article-ko.txt: is not in Unicode NFC"])


# --- the descriptor ------------------------------------------------------------------------------


def test_stale_hash_and_bytes(package, validate):
    package.replace("data/people.csv", "Meta's CEO.", "Meta's chief executive.", refresh=False)
    assert validate(package.root) == (
        1,
        [
            "data/people.csv: is 182 bytes but datapackage.json says 170; run `make schemas` after editing data",
            "data/people.csv: sha256 differs from the hash in datapackage.json; run `make schemas` after editing data",
        ],
    )


def test_schema_edited_by_hand(package, validate):
    package.replace("datapackage.json", '"title": "Kind of quote"', '"title": "Kind"', refresh=False) if False else None
    package.replace("datapackage.json", '"description": "Direct, indirect or mixed."', '"description": "Edited."', refresh=False)
    status, lines = validate(package.root)
    assert (status, lines[:1]) == (1, ["datapackage.json: resource quotes: schema differs from what the models generate; run `make schemas`"])


def test_descriptor_invalid_json(package, validate):
    package.replace("datapackage.json", '"name": "fixture",', '"name": "fixture"', refresh=False)
    assert validate(package.root) == (2, ["datapackage.json: invalid JSON at line 4 column 3: Expecting ',' delimiter"])


def test_no_package_there(tmp_path, validate):
    assert validate(tmp_path) == (2, [f"{tmp_path}: no datapackage.json here"])


def test_resource_path_outside_the_package(package, validate):
    package.replace("datapackage.json", '"path": "data/works.csv"', '"path": "../works.csv"', refresh=False)
    status, lines = validate(package.root)
    assert status == 1
    assert "datapackage.json: resource works: path must be a relative path inside the package (no '..')" in lines


def test_all_problems_in_one_run_sorted(package, validate):
    package.replace("data/quotes.csv", "direct,18,30,", "quoted,18,30,")
    package.replace("data/people.csv", "Q36215", "36215")
    package.write("data/works.csv", package.read("data/works.csv") + "\n")
    status, lines = validate(package.root)
    assert status == 1
    assert [line.split(": ")[0] for line in lines] == [
        "data/people.csv:2:wikidata",
        "data/quotes.csv:2:kind",
        "data/works.csv:3:id",
    ]


@pytest.mark.parametrize("env_dataset", [True, False])
def test_make_validate_command_line(package, env_dataset):
    """The command `make validate` runs: exit 1 and located lines on stdout, no traceback."""
    package.replace("data/people.csv", "Q36215", "36215")
    args = [sys.executable, "-m", "scripts.validate"] + ([] if env_dataset else [str(package.root)])
    env = {"DATASET": str(package.root), "PATH": "/usr/bin:/bin"} if env_dataset else {"PATH": "/usr/bin:/bin"}
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stdout.splitlines() == ["data/people.csv:2:wikidata: constraint-error: '36215': constraint \"pattern\" is \"^Q[1-9][0-9]*$\""]
    assert "Traceback" not in done.stderr


# --- outside facts (fact-check issue) ------------------------------------------------------------


def test_event_without_a_source(package, validate):
    package.write("data/events.csv", package.read("data/events.csv") + "llama-3-released,2024-04-18,corroborated,라마 3 공개,Llama 3 released,설명.,Description.\n")
    assert validate(package.root) == (1, ["data/events.csv:2:id: llama-3-released cites no source: add a row to event_sources"])


def test_status_outside_its_enum(package, validate):
    package.replace("data/quotes.csv", ",unverified,unverified,", ",confirmed,unverified,")
    assert validate(package.root) == (
        1,
        ["data/quotes.csv:2:wording_status: constraint-error: 'confirmed': constraint \"enum\" is \"['read', 'corroborated', 'unverified']\""],
    )


def test_original_wording_needs_its_source(package, validate):
    package.replace("data/quotes.csv", "mark-zuckerberg,,,,,,,,unverified", "mark-zuckerberg,,,,,Llama 3 is the best.,en,,unverified")
    assert validate(package.root) == (1, ["data/quotes.csv:2:original_text: an original wording needs its original_language and original_source_id"])


def test_no_original_wording_needs_unverified_and_a_note(package, validate):
    package.replace("data/quotes.csv", "mark-zuckerberg,,,,,,,,unverified", "mark-zuckerberg,,,,,,,,corroborated")
    assert validate(package.root) == (1, ["data/quotes.csv:2:wording_status: without an original wording, wording_status is unverified and a note says why"])


def test_fact_check_span_must_match_the_article(package, validate):
    package.write(
        "data/fact_checks.csv",
        package.read("data/fact_checks.csv") + "best-overstated,article-ko,,26,29,최고야,Llama3가 ,\"\"\"라고 말했다.\",overstated,최고라고 한다.,It is the best.,출처는 다르다.,Sources differ.\n",
    )
    package.write("data/fact_check_sources.csv", package.read("data/fact_check_sources.csv") + "best-overstated,article-ko\n")
    assert validate(package.root) == (1, ["data/fact_checks.csv:2:exact: not found at 26–29 in article-ko (the text there is '최고다')"])


# --- calendar dates (issue 13) --------------------------------------------------------------------


def _event(package, date: str) -> None:
    package.write("data/events.csv", package.read("data/events.csv") + f"llama-3-released,{date},corroborated,라마 3 공개,Llama 3 released,설명.,Description.\n")
    package.write("data/event_sources.csv", package.read("data/event_sources.csv") + "llama-3-released,article-ko\n")


def test_event_date_not_on_the_calendar(package, validate):
    _event(package, "2025-13-45")
    assert validate(package.root) == (1, ["data/events.csv:2:date: 2025-13-45 is not a calendar date: month 13"])


def test_february_29_of_a_common_year(package, validate):
    _event(package, "2023-02-29")
    assert validate(package.root) == (1, ["data/events.csv:2:date: 2023-02-29 is not a calendar date: day 29 of a month of 28 days (not a leap year)"])


@pytest.mark.parametrize("date", ["2024", "2024-02", "2024-02-29", "2000-02-29", "2023-12-31"])
def test_partial_and_leap_dates_pass(package, validate, date):
    _event(package, date)
    assert validate(package.root)[0] == 0


def test_case_filed_not_on_the_calendar(package, validate):
    package.write(
        "data/cases.csv",
        package.read("data/cases.csv") + "test-case,Test v. Meta,1:23-cv-1,meta,2023-02-30,민사,Civil,청구,Claims,현황,Status,2023-13-01\n",
    )
    package.write(
        "data/record_sources.csv",
        package.read("data/record_sources.csv") + "test-case-article-ko-1,article-ko,,,,,test-case,,,read,사건,The case\n",
    )
    status, lines = validate(package.root)
    # frictionless reads the column as Table Schema `type: date` and reports the cell first
    assert (status, lines) == (
        1,
        [
            "data/cases.csv:2:filed: type-error: '2023-02-30': type is \"date/default\"",
            "data/cases.csv:2:status_date: type-error: '2023-13-01': type is \"date/default\"",
        ],
    )


def test_full_date_columns_are_table_schema_dates():
    from scripts.tableschema import table_schema

    types = {f["name"]: f["type"] for f in table_schema("cases")["fields"]}
    assert (types["filed"], types["status_date"]) == ("date", "date")
    assert {f["name"]: f["type"] for f in table_schema("events")["fields"]}["date"] == "string"


def test_calendar_messages_from_the_model():
    from pydantic import TypeAdapter, ValidationError

    from schemas.models import FullDate, PartialDate

    assert TypeAdapter(PartialDate).validate_python("2024-02-29") == "2024-02-29"
    assert TypeAdapter(FullDate).validate_python("2023-07-07") == "2023-07-07"
    for adapter, value, message in (
        (PartialDate, "2025-13", "2025-13 is not a calendar date: month 13"),
        (PartialDate, "2025-00-10", "2025-00-10 is not a calendar date: month 0"),
        (PartialDate, "2025-04-31", "2025-04-31 is not a calendar date: day 31 of a month of 30 days"),
        (FullDate, "1900-02-29", "1900-02-29 is not a calendar date: day 29 of a month of 28 days (not a leap year)"),
    ):
        with pytest.raises(ValidationError) as e:
            TypeAdapter(adapter).validate_python(value)
        assert e.value.errors()[0]["msg"] == message
    with pytest.raises(ValidationError):
        TypeAdapter(FullDate).validate_python("2023-07")


# --- where a description comes from (issue 13) -----------------------------------------------------


def test_description_from_sources_needs_a_cited_description(package, validate):
    package.replace("data/people.csv", "Meta's CEO.,article,", "Meta's CEO.,sources,")
    assert validate(package.root) == (
        1,
        ["data/people.csv:2:description_basis: mark-zuckerberg: description_basis is sources but no row of record_sources cites its description (field = description)"],
    )
    package.write("data/record_sources.csv", package.read("data/record_sources.csv") + "mark-zuckerberg-article-ko,article-ko,mark-zuckerberg,,,,,,description,read,메타의 CEO,Meta's CEO\n")
    assert validate(package.root)[0] == 0


def test_record_source_field_the_record_has_not(package, validate):
    package.write("data/record_sources.csv", package.read("data/record_sources.csv") + "meta-article-ko,article-ko,,meta,,,,,no_such_field,read,기업,A company\n")
    assert validate(package.root) == (1, ["data/record_sources.csv:2:field: organizations has no field 'no_such_field' (the row cites meta in organizations)"])


@pytest.mark.parametrize("name", ["description", "description_ko", "parent_id", "kind", "wikidata"])
def test_record_source_field_of_the_record(package, validate, name):
    package.write("data/record_sources.csv", package.read("data/record_sources.csv") + f"meta-article-ko,article-ko,,meta,,,,,{name},read,기업,A company\n")
    assert validate(package.root)[0] == 0


def test_description_basis_outside_its_enum(package, validate):
    package.replace("data/works.csv", "model.,article,", "model.,reference,")
    assert validate(package.root) == (
        1,
        ["data/works.csv:2:description_basis: constraint-error: 'reference': constraint \"enum\" is \"['article', 'sources']\""],
    )
