"""Rules of the dataset's own prose and of where its facts come from (issue 13: add the check so
the mistake cannot come back): particles after Latin-script names, one spelling of the model names,
-ize spellings, and descriptions that state facts from outside the article."""

import shutil

import pytest

from scripts.checks import exempt_spans, final_consonant, ize_spelling, latin_names
from scripts.validate import validate as validate_package
from tests.conftest import ROOT, Package


@pytest.fixture
def real(tmp_path) -> Package:
    """A copy of the real dataset."""
    shutil.copytree(ROOT / "dataset", tmp_path / "dataset")
    return Package(tmp_path / "dataset")


# --- particles after Latin-script names ------------------------------------------------------------


@pytest.mark.parametrize(
    "text, line",
    [
        ("Mark Zuckerberg이 이끄는 기업.", "Mark Zuckerberg이: after Mark Zuckerberg (read 마크 저커버그, no final consonant) write 가, not 이"),
        ("Llama 3가 나온 해.", "Llama 3가: after Llama 3 (read 라마 3, final consonant ㅁ) write 이, not 가"),
        ("Llama 3는 모델이다.", "Llama 3는: after Llama 3 (read 라마 3, final consonant ㅁ) write 은, not 는"),
        ("Llama 3와 함께.", "Llama 3와: after Llama 3 (read 라마 3, final consonant ㅁ) write 과, not 와"),
        ("Llama 3로 바뀌었다.", "Llama 3로: after Llama 3 (read 라마 3, final consonant ㅁ) write 으로, not 로"),
        ("Mark Zuckerberg과 함께.", "Mark Zuckerberg과: after Mark Zuckerberg (read 마크 저커버그, no final consonant) write 와, not 과"),
        ("Meta을 만든 사람.", "Meta을: after Meta (read 메타, no final consonant) write 를, not 을"),
        ("Meta으로 옮겼다.", "Meta으로: after Meta (read 메타, no final consonant) write 로, not 으로"),
        ("Meta이 만든 기업.", "Meta이: after Meta (read 메타, no final consonant) write 가, not 이"),
        ("Llama 3를 만든 기업.", "Llama 3를: after Llama 3 (read 라마 3, final consonant ㅁ) write 을, not 를"),
    ],
)
def test_particle_that_does_not_fit_the_korean_reading(package, validate, text, line):
    package.replace("data/organizations.csv", "미국 기술 기업.", text)
    assert validate(package.root) == (1, [f"data/organizations.csv:2:description_ko: {line}"])


@pytest.mark.parametrize(
    "text",
    [
        "Mark Zuckerberg가 이끄는 기업. Meta는 미국 기업. Llama 3을 만들고 Llama 3으로 이름 지었다.",
        "Meta를 만든 Mark Zuckerberg와 Meta의 기업. Llama 3이 나오고 Llama 3과 Mark Zuckerberg로.",
        "Meta가장 큰 기업.",  # 가 before more Hangul is not taken for a particle
        "Mark Zuckerberg이다.",  # nor is 이 (here the copula)
        "Zuckerberg을 만나다.",  # the article's short form is not a name of record here: no alias
    ],
)
def test_particles_that_fit(package, validate, text):
    package.replace("data/organizations.csv", "미국 기술 기업.", text)
    # (Llama 3 in Korean prose is reported by the model-name check; the particle check runs first,
    # so a particle line would be the one shown for the cell.)
    assert [line for line in validate(package.root)[1] if ": after " in line] == []


def test_all_particles_of_a_cell_in_one_line(package, validate):
    package.replace("data/organizations.csv", "미국 기술 기업.", "Meta을 Llama 3는 만들었다.")
    assert validate(package.root) == (
        1,
        [
            "data/organizations.csv:2:description_ko: Meta을: after Meta (read 메타, no final consonant) write 를, not 을; "
            "Llama 3는: after Llama 3 (read 라마 3, final consonant ㅁ) write 은, not 는"
        ],
    )


def test_text_copied_from_the_article_is_not_checked(package, validate):
    """A Korean field other than the article's own words is our prose; the article is not."""
    package.replace("data/quotes.csv", "시험용 인용이라 원래 문구가 없다.", "Meta을 인용했다.")
    assert validate(package.root) == (1, ["data/quotes.csv:2:original_note_ko: Meta을: after Meta (read 메타, no final consonant) write 를, not 을"])


@pytest.mark.parametrize(
    "name_ko, final",
    [("아마드 알달레", ""), ("위고 투브롱", "ㅇ"), ("리처드 카드레이", ""), ("오픈AI", ""), ("미스트랄 AI", ""), ("GPT-4", ""),
     ("엑스 XL", "ㄹ"), ("에이엠 M", "ㅁ"), ("엔 N", "ㄴ"), ("라마 3", "ㅁ"), ("라마 1", "ㄹ"), ("구글", "ㄹ"), ("메타 (", None)],
)
def test_korean_reading_of_the_end_of_a_name(name_ko, final):
    assert final_consonant(name_ko) == final


def test_latin_names_end_in_the_word_name_ko_reads():
    _, loaded = validate_package(ROOT / "dataset")
    names = latin_names(loaded)
    assert names["Al-Dahle"][:2] == names["Ahmad Al-Dahle"][:2] == ("아마드 알달레", "")
    assert names["Touvron"][:2] == ("위고 투브롱", "ㅇ")
    assert names["Mistral AI"][:2] == ("미스트랄 AI", "")
    assert "Mistral" not in names  # name_en is Mistral AI: 미스트랄 AI reads AI, not Mistral
    assert "Llama3" not in names  # the last word of Llama 3 is 3


def test_the_particle_the_old_data_had_wrong(real):
    """organizations.csv meta-generative-ai: `Ahmad Al-Dahle을` (알달레 has no final consonant)."""
    real.replace("data/organizations.csv", "Ahmad Al-Dahle를", "Ahmad Al-Dahle을") if "Ahmad Al-Dahle를" in real.read("data/organizations.csv") else None
    problems, _ = validate_package(real.root)
    assert (
        "data/organizations.csv:3:description_ko: Ahmad Al-Dahle을: after Ahmad Al-Dahle (read 아마드 알달레, no final consonant) write 를, not 을"
        in [str(p) for p in problems]
    )


# --- one spelling of the model names ------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel, old, new, line",
    [
        ("data/works.csv", "Meta's language model.", "Meta's Llama3 model.", "data/works.csv:2:description_en: Llama3: write Llama 3 in our own English text"),
        ("data/works.csv", "메타의 언어 모델.", "메타의 라마3 모델.", "data/works.csv:2:description_ko: 라마3: write 라마 3 in our own Korean text"),
        ("data/works.csv", "메타의 언어 모델.", "메타의 Llama 3 모델.", "data/works.csv:2:description_ko: Llama 3: write 라마 3 in our own Korean text"),
        ("data/works.csv", "메타의 언어 모델.", "메타의 Llama3 모델.", "data/works.csv:2:description_ko: Llama3: write 라마 3 in our own Korean text"),
        ("data/works.csv", "메타의 언어 모델.", "메타의 Llama 모델.", "data/works.csv:2:description_ko: Llama: write 라마 in our own Korean text"),
        ("data/sentences.csv", "Meta's Llama 3", "Meta's Llama3", "data/sentences.csv:2:text_en: Llama3: write Llama 3 in our own English text"),
        ("data/quotes.csv", "Llama 3 is the best.", "Llama2 and Llama3 are the best.", "data/quotes.csv:2:text_en: Llama2: write Llama 2; Llama3: write Llama 3 in our own English text"),
    ],
)
def test_model_name_spelled_otherwise(package, validate, rel, old, new, line):
    package.replace(rel, old, new)
    assert validate(package.root) == (1, [line])


@pytest.mark.parametrize(
    "old, new",
    [
        ("Meta's language model.", '"Printed as ""Llama3"" in the article."'),
        ("Meta's language model.", "Meta's Llama 3 (printed Llama3)."),
        ("Meta's language model.", "Meta’s “Llama3” model."),
        ("메타의 언어 모델.", '"메타의 라마 3 (기사 표기 Llama3, 라마3)."'),
        ("메타의 언어 모델.", '"기사는 ""Llama3가 최고다""라고 쓴다."'),
    ],
)
def test_quoted_or_parenthesized_spellings_are_exempt(package, validate, old, new):
    package.replace("data/works.csv", old, new)
    assert validate(package.root)[0] == 0


def test_exempt_spans():
    text = 'a "b" (c (d) e) “f” ‘g’ h’s'
    assert [text[a:b] for a, b in exempt_spans(text)] == ['"b"', "(c (d) e)", "“f”", "‘g’"]


# --- -ize ----------------------------------------------------------------------------------------------


def test_british_ise_spelling(package, validate):
    package.replace("data/people.csv", "Meta's CEO.", '"Meta\'s CEO, criticised for its organisation."')
    assert validate(package.root) == (
        1,
        ["data/people.csv:2:description_en: criticised: write criticized; organisation: write organization (the project's English spells -ize)"],
    )


def test_words_that_only_end_in_ise_and_licence_pass(package, validate):
    text = "Meta's CEO; he advised, comprises, exercised, promised, surprised, revised, supervises the enterprise and its expertise, raised a compromise on the premise, devised the licence; otherwise."
    package.replace("data/people.csv", "Meta's CEO.", f'"{text}"')
    assert validate(package.root)[0] == 0


def test_the_spelling_the_old_data_had(real):
    """people.csv hugo-touvron: `criticising`."""
    text = real.read("data/people.csv")
    if "criticising" not in text:
        real.replace("data/people.csv", "criticizing", "criticising")
    _, loaded = validate_package(real.root)
    found: list = []
    ize_spelling(loaded, found)  # directly: the report keeps one line per cell, and this cell also had Llama2
    assert "data/people.csv:3:description_en: criticising: write criticizing (the project's English spells -ize)" in [str(p) for p in found]


# --- descriptions from outside the article ----------------------------------------------------------


def test_description_from_sources_without_its_source(real, validate):
    real.replace("data/record_sources.csv", "richard-kadrey-kadrey-v-meta-9,kadrey-v-meta,richard-kadrey,,,,,,description,", "richard-kadrey-kadrey-v-meta-9,kadrey-v-meta,richard-kadrey,,,,,,,")
    status, lines = validate(real.root)
    assert status == 1
    assert "data/people.csv:5:description_basis: richard-kadrey: description_basis is sources but no row of record_sources cites its description (field = description)" in lines


def test_record_source_names_a_field_the_record_has_not(real, validate):
    real.replace("data/record_sources.csv", "richard-kadrey-kadrey-v-meta-9,kadrey-v-meta,richard-kadrey,,,,,,description,", "richard-kadrey-kadrey-v-meta-9,kadrey-v-meta,richard-kadrey,,,,,,no_such_field,")
    status, lines = validate(real.root)
    assert status == 1
    row = next(n for n, line in enumerate(real.read("data/record_sources.csv").splitlines(), 1) if line.startswith("richard-kadrey-kadrey-v-meta-9,"))
    assert f"data/record_sources.csv:{row}:field: people has no field 'no_such_field' (the row cites richard-kadrey in people)" in lines
