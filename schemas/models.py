"""The pydantic models: the one source of truth for every resource of the data package.

The Table Schemas in `dataset/datapackage.json`, the JSON Schema files in `schemas/json/` and the
site's schema reference are generated from these classes (`make schemas`). Every field has a label
and a description in Korean and English; foreign keys are declared on the field (`references`)."""

from __future__ import annotations

import calendar
from typing import Annotated, Any, ClassVar, NamedTuple

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema, model_validator
from pydantic_core import PydanticCustomError

from .vocab import (
    AliasKind,
    Channel,
    Language,
    OrganizationKind,
    CaseRole,
    DescriptionBasis,
    GlossaryKind,
    PartyRole,
    QuoteKind,
    SentenceKind,
    SourceKind,
    Status,
    Verdict,
    WorkKind,
)

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
FULL_DATE_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
# A field name of a record, as record_sources.field names it.
FIELD_NAME_PATTERN = r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$"
# Reader-facing text: one line, no leading or trailing white space.
LINE_PATTERN = r"^\S(.*\S)?$"

# An id becomes a folder name of the site and a file name of the API: short enough for any file system.
SLUG_MAX_LENGTH = 100
# Addresses become links: http and https only (a `javascript:` or `data:` address would run or
# carry content), and nothing that could end an HTML attribute.
HTTP_URL_PATTERN = r"^https?://[^\s\"'<>`\\]+$"

Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=SLUG_MAX_LENGTH)]
HttpUrl = Annotated[str, StringConstraints(pattern=HTTP_URL_PATTERN)]


def calendar_date(value: str) -> str:
    """A date that the pattern lets through (2025-13-45, 2023-02-29) but no calendar has is refused:
    the pattern only says where the digits go."""
    year, *rest = (int(part) for part in value.split("-"))
    if rest and not 1 <= rest[0] <= 12:
        raise PydanticCustomError("calendar", "{value} is not a calendar date: month {month}", {"value": value, "month": rest[0]})
    if len(rest) == 2:
        month, day = rest
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            leap = " (not a leap year)" if month == 2 and day == 29 else ""
            raise PydanticCustomError(
                "calendar",
                "{value} is not a calendar date: day {day} of a month of {days} days{leap}",
                {"value": value, "day": day, "days": days, "leap": leap},
            )
    return value


# YYYY, YYYY-MM or YYYY-MM-DD, each a real year, month or day. Only as precise as what is known.
PartialDate = Annotated[str, StringConstraints(pattern=PARTIAL_DATE_PATTERN), AfterValidator(calendar_date)]
# A full calendar date, for columns that always know the day: Table Schema `type: date` (the
# JSON Schema `format: date`), so that a data user's tool reads it as a date. The value stays the
# ISO string the site prints.
FullDate = Annotated[
    str,
    StringConstraints(pattern=FULL_DATE_PATTERN),
    AfterValidator(calendar_date),
    WithJsonSchema({"type": "string", "format": "date"}),
]
Line = Annotated[str, StringConstraints(pattern=LINE_PATTERN)]
QID = Annotated[str, StringConstraints(pattern=r"^Q[1-9][0-9]*$")]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Affix = Annotated[str, StringConstraints(max_length=32)]


def field(
    label_ko: str,
    label_en: str,
    description_ko: str,
    description_en: str,
    *,
    references: str | None = None,
    default: Any = ...,
    **kwargs: Any,
) -> Any:
    """A field with its bilingual label and description (and, for a reference, the resource it
    points at). The English label and description are also the JSON Schema `title`/`description`."""
    extra: dict[str, Any] = {
        "label_ko": label_ko,
        "label_en": label_en,
        "description_ko": description_ko,
        "description_en": description_en,
    }
    if references:
        extra["references"] = references
    return Field(default, title=label_en, description=description_en, json_schema_extra=extra, **kwargs)


def one_of(model: BaseModel, names: tuple[str, ...], *, allow_none: bool = False) -> None:
    """Exactly one of `names` is filled (or at most one, with `allow_none`)."""
    filled = [n for n in names if getattr(model, n) is not None]
    if len(filled) > 1 or (not filled and not allow_none):
        raise PydanticCustomError(
            "one_of",
            "exactly one of {fields} must be filled, found {count}",
            {"fields": "/".join(names), "count": len(filled)},
        )


class ResourceLabels(NamedTuple):
    """How a resource is named and described to readers, in both languages."""

    label_ko: str
    label_en: str
    description_ko: str
    description_en: str


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    labels: ClassVar[ResourceLabels]


def _id(what_ko: str, what_en: str) -> Any:
    return field(
        "식별자",
        "Identifier",
        f"{what_ko}의 고유 식별자. 소문자 ASCII 슬러그이며 URL의 일부가 되므로 공개 후 바꾸지 않는다.",
        f"Unique identifier of the {what_en}: a lowercase ASCII slug. It becomes part of URLs and "
        "never changes once published.",
    )


def _ref(resource: str, what_ko: str, what_en: str, *, optional: bool = False) -> Any:
    return field(
        what_ko,
        what_en,
        f"{what_ko}의 식별자 ({resource} 참조)." + (" 다른 종류를 가리키면 비워 둔다." if optional else ""),
        f"Identifier of the {what_en.lower()} (references {resource})."
        + (" Empty when the row points at another kind of record." if optional else ""),
        references=resource,
        default=None if optional else ...,
    )


def _text(label_ko: str, label_en: str, what_ko: str, what_en: str, lang: str, **kw: Any) -> Any:
    if lang == "ko":
        return field(f"{label_ko} (한국어)", f"{label_en} (Korean)", f"{what_ko} (한국어).", f"{what_en}, in Korean.", **kw)
    return field(f"{label_ko} (영어)", f"{label_en} (English)", f"{what_ko} (영어).", f"{what_en}, in English.", **kw)


def _start(what_ko: str, what_en: str) -> Any:
    return field(
        "시작 위치",
        "Start",
        f"원문에서 {what_ko}의 시작 위치 (0부터 세는 유니코드 코드 포인트 색인).",
        f"Where the {what_en} starts in the source text (0-based Unicode code point index).",
        ge=0,
    )


def _end(what_ko: str, what_en: str) -> Any:
    return field(
        "끝 위치",
        "End",
        f"원문에서 {what_ko}의 끝 위치 (그 위치의 글자는 포함하지 않는 코드 포인트 색인).",
        f"Where the {what_en} ends in the source text (exclusive code point index).",
        ge=1,
    )


class Spanned(Record):
    """A record anchored to characters `start`..`end` of a source."""

    @model_validator(mode="after")
    def _end_after_start(self) -> "Spanned":
        if self.end <= self.start:  # type: ignore[attr-defined]
            raise PydanticCustomError(
                "span",
                "end {end} must be greater than start {start}",
                {"fields": "end", "end": self.end, "start": self.start},  # type: ignore[attr-defined]
            )
        return self


class Source(Record):
    """A text the dataset is drawn from or cites."""

    labels = ResourceLabels("출처", "Sources", "데이터가 나온 글과 인용하는 글.", "Texts the dataset is drawn from or cites.")

    id: Slug = _id("출처", "source")
    kind: SourceKind = field("종류", "Kind", "출처의 종류.", "Kind of source.")
    language: Language = field("언어", "Language", "출처 본문의 언어.", "Language of the source text.")
    title_ko: Line = _text("제목", "Title", "출처의 제목 또는 설명적 제목", "Title or descriptive title of the source", "ko")
    title_en: Line = _text("제목", "Title", "출처의 제목 또는 설명적 제목", "Title or descriptive title of the source", "en")
    publisher_ko: Line | None = _text("발행처", "Publisher", "발행처. 알 수 없으면 비워 둔다", "Publisher; empty when unknown", "ko", default=None)
    publisher_en: Line | None = _text("발행처", "Publisher", "발행처. 알 수 없으면 비워 둔다", "Publisher; empty when unknown", "en", default=None)
    date: PartialDate | None = field(
        "날짜", "Date", "발행 날짜 (YYYY, YYYY-MM 또는 YYYY-MM-DD). 알 수 없으면 비워 둔다.",
        "Publication date (YYYY, YYYY-MM or YYYY-MM-DD); empty when unknown.", default=None,
    )
    url: HttpUrl | None = field(
        "주소", "Address", "출처의 공개 주소 (http 또는 https). 알려진 주소가 없으면 비워 둔다.",
        "Public address of the source (http or https); empty where none is known.", default=None,
    )
    text_resource: Slug | None = field(
        "본문 리소스", "Text resource", "이 패키지 안에서 출처 본문을 담은 리소스의 이름. 본문을 싣지 않은 출처는 비워 둔다.",
        "Name of the package resource holding the source text; empty for sources whose text is not included.",
        default=None,
    )
    rights_ko: Line = _text("권리 표시", "Rights note", "출처 본문의 권리 상태", "Rights status of the source text", "ko")
    rights_en: Line = _text("권리 표시", "Rights note", "출처 본문의 권리 상태", "Rights status of the source text", "en")
    note_ko: Line | None = _text(
        "비고", "Note", "출처를 어떻게 확인했는지 (예: 원문은 읽지 못하고 사본을 읽음)",
        "How the source was consulted (for instance: not read, copies read)", "ko", default=None,
    )
    note_en: Line | None = _text(
        "비고", "Note", "출처를 어떻게 확인했는지 (예: 원문은 읽지 못하고 사본을 읽음)",
        "How the source was consulted (for instance: not read, copies read)", "en", default=None,
    )


class Sentence(Spanned):
    """A heading or sentence of a source text, with its translation."""

    labels = ResourceLabels("문장", "Sentences", "출처 본문을 소제목과 문장으로 나눈 것과 그 번역.", "The source text cut into headings and sentences, with translations.")

    id: Slug = _id("문장", "sentence")
    source_id: Slug = _ref("sources", "출처", "Source")
    kind: SentenceKind = field("종류", "Kind", "소제목인지 문장인지.", "Heading or sentence.")
    start: int = _start("문장", "sentence")
    end: int = _end("문장", "sentence")
    text_ko: Line = field(
        "원문", "Text as printed", "출처에 실린 그대로의 문장 (start..end 구간).",
        "The sentence exactly as printed in the source (the start..end span).",
    )
    text_en: Line = _text("번역", "Translation", "문장의 충실한 번역", "Faithful translation of the sentence", "en")


def _names(what_ko: str, what_en: str) -> tuple[Any, Any, Any, Any]:
    return (
        _text("이름", "Name", f"{what_ko}의 이름", f"Name of the {what_en}", "ko"),
        _text("이름", "Name", f"{what_ko}의 이름", f"Name of the {what_en}", "en"),
        _text("설명", "Description", f"{what_ko}에 대한 짧은 설명", f"Short description of the {what_en}", "ko"),
        _text("설명", "Description", f"{what_ko}에 대한 짧은 설명", f"Short description of the {what_en}", "en"),
    )


def _wikidata() -> Any:
    return field(
        "위키데이터 ID", "Wikidata ID",
        "위키데이터 항목 식별자 (Q로 시작). 참고 자료가 제시한 경우에만 채운다.",
        "Wikidata item identifier (Q…), filled only where the project's reference gives one.",
        default=None,
    )


def _description_basis() -> Any:
    return field(
        "설명의 근거", "Description basis",
        "설명이 어디에서 왔는지: 기사가 말하는 것만 말하면 article, 기사 밖의 사실을 말하면 sources "
        "(그 사실마다 record_sources에 field = description으로 출처를 단다).",
        "Where the description comes from: article when it says only what the article says, sources when "
        "it states facts from outside the article (each cited in record_sources with field = description).",
    )


_person_names = _names("인물", "person")
_org_names = _names("조직", "organization")
_work_names = _names("모델·데이터", "model or data collection")


class Person(Record):
    """A person named in the article or, for the case, in the project's reference (the judges and
    the plaintiffs the article leaves out)."""

    labels = ResourceLabels(
        "인물", "People", "기사와 참고 자료에 나오는 인물.", "People named in the article or, for the case, in the project's reference."
    )

    id: Slug = _id("인물", "person")
    name_ko: Line = _person_names[0]
    name_en: Line = _person_names[1]
    description_ko: Line = _person_names[2]
    description_en: Line = _person_names[3]
    description_basis: DescriptionBasis = _description_basis()
    wikidata: QID | None = _wikidata()


class Organization(Record):
    """A company, division, publisher or court named in the article or, for the case, in the
    project's reference (the court, which the article calls only "the court")."""

    labels = ResourceLabels(
        "조직", "Organizations", "기사와 참고 자료에 나오는 기업, 사내 조직, 출판사, 법원.",
        "Companies, divisions, publishers and courts named in the article or, for the case, in the project's reference.",
    )

    id: Slug = _id("조직", "organization")
    kind: OrganizationKind = field("종류", "Kind", "조직의 종류.", "Kind of organization.")
    name_ko: Line = _org_names[0]
    name_en: Line = _org_names[1]
    description_ko: Line = _org_names[2]
    description_en: Line = _org_names[3]
    description_basis: DescriptionBasis = _description_basis()
    parent_id: Slug | None = field(
        "상위 조직", "Parent organization", "이 조직이 속한 조직의 식별자 (organizations 참조).",
        "Identifier of the organization this one belongs to (references organizations).",
        references="organizations", default=None,
    )
    wikidata: QID | None = _wikidata()


class Work(Record):
    """An AI model, model family or data collection named in the article or in the project's
    reference. Called 모델·데이터 in Korean, not 저작물 (copyrighted work): whether an AI model or
    LibGen is a copyrighted work is what the case is about, and no label should prejudge it."""

    labels = ResourceLabels(
        "모델과 데이터 모음", "Works", "기사와 참고 자료에 나오는 AI 모델, 모델 계열, 데이터 모음.",
        "AI models, model families and data collections named in the article or in the project's reference.",
    )

    id: Slug = _id("모델·데이터", "work")
    kind: WorkKind = field("종류", "Kind", "모델·데이터의 종류.", "Kind of work.")
    name_ko: Line = _work_names[0]
    name_en: Line = _work_names[1]
    description_ko: Line = _work_names[2]
    description_en: Line = _work_names[3]
    description_basis: DescriptionBasis = _description_basis()
    developer_id: Slug | None = field(
        "개발 조직", "Developer", "이 모델·데이터를 만든 조직의 식별자 (organizations 참조).",
        "Identifier of the organization that made this work (references organizations).",
        references="organizations", default=None,
    )
    part_of_id: Slug | None = field(
        "상위 계열", "Part of", "이 모델·데이터가 속한 모델 계열의 식별자 (works 참조).",
        "Identifier of the model family this work belongs to (references works).",
        references="works", default=None,
    )
    wikidata: QID | None = _wikidata()


class Membership(Record):
    """A person's role in an organization, as the article gives it."""

    labels = ResourceLabels("소속", "Memberships", "인물이 조직에서 맡은 역할.", "People's roles in organizations.")

    id: Slug = _id("소속", "membership")
    person_id: Slug = _ref("people", "인물", "Person")
    organization_id: Slug = _ref("organizations", "조직", "Organization")
    role_ko: Line = _text("역할", "Role", "조직에서 맡은 역할", "Role in the organization", "ko")
    role_en: Line = _text("역할", "Role", "조직에서 맡은 역할", "Role in the organization", "en")


ENTITY_COLUMNS = ("person_id", "organization_id", "work_id", "legal_issue_id")


class EntityRef(Record):
    """A row that points at exactly one person, organization, work or legal issue: one nullable
    column per kind (ENTITY_COLUMNS), so that each is a real foreign key."""

    @model_validator(mode="after")
    def _one_entity(self) -> "EntityRef":
        one_of(self, ENTITY_COLUMNS)
        return self

    @property
    def entity(self) -> tuple[str, str]:
        """(column, id) of the record this row points at."""
        return next((c, getattr(self, c)) for c in ENTITY_COLUMNS if getattr(self, c) is not None)


class Alias(EntityRef):
    """Another name of a record: as printed in the article, standard spelling, short form…"""

    labels = ResourceLabels("별칭", "Aliases", "기록의 다른 이름: 기사 표기, 표준 표기, 약칭, 이형 표기.", "Other names of records: as printed, standard spellings, short forms, variants.")

    id: Slug = _id("별칭", "alias")
    person_id: Slug | None = _ref("people", "인물", "Person", optional=True)
    organization_id: Slug | None = _ref("organizations", "조직", "Organization", optional=True)
    work_id: Slug | None = _ref("works", "모델·데이터", "Work", optional=True)
    legal_issue_id: Slug | None = _ref("legal_issues", "법적 쟁점", "Legal issue", optional=True)
    language: Language = field("언어", "Language", "별칭이 쓰인 언어.", "Language the alias is written in.")
    kind: AliasKind = field("종류", "Kind", "별칭의 종류.", "Kind of alias.")
    alias: Line = field("별칭", "Alias", "별칭 그 자체.", "The alias itself.")


class Mention(EntityRef, Spanned):
    """A place where a source names a record (a W3C Web Annotation text quote and position)."""

    labels = ResourceLabels("언급", "Mentions", "출처가 기록을 이름으로 언급한 모든 곳 (W3C 웹 주석 선택자).", "Every place a source names a record (W3C Web Annotation selectors).")

    id: Slug = _id("언급", "mention")
    source_id: Slug = _ref("sources", "출처", "Source")
    start: int = _start("언급", "mention")
    end: int = _end("언급", "mention")
    exact: str = field(
        "언급 원문", "Exact text", "start..end 구간에 실린 그대로의 이름 (조사와 따옴표 제외).",
        "The name exactly as printed at start..end (without particles or quote marks).", min_length=1,
    )
    prefix: Affix | None = field(
        "앞 문맥", "Prefix", "언급 바로 앞의 원문 최대 32자 (원문 시작에서는 더 짧거나 비어 있음).",
        "Up to 32 characters of the source right before the mention (shorter or empty at the start).",
        default=None,
    )
    suffix: Affix | None = field(
        "뒤 문맥", "Suffix", "언급 바로 뒤의 원문 최대 32자 (원문 끝에서는 더 짧거나 비어 있음).",
        "Up to 32 characters of the source right after the mention (shorter or empty at the end).",
        default=None,
    )
    person_id: Slug | None = _ref("people", "인물", "Person", optional=True)
    organization_id: Slug | None = _ref("organizations", "조직", "Organization", optional=True)
    work_id: Slug | None = _ref("works", "모델·데이터", "Work", optional=True)
    legal_issue_id: Slug | None = _ref("legal_issues", "법적 쟁점", "Legal issue", optional=True)


class Quote(Spanned):
    """A statement the article attributes to someone, directly or in reported speech."""

    labels = ResourceLabels("인용", "Quotes", "기사가 누군가의 말로 전하는 모든 진술 (직접 인용과 간접 인용).", "Every statement the article attributes to someone, direct or reported.")

    id: Slug = _id("인용", "quote")
    source_id: Slug = _ref("sources", "출처", "Source")
    kind: QuoteKind = field("종류", "Kind", "직접 인용, 간접 인용 또는 혼합.", "Direct, indirect or mixed.")
    start: int = _start("인용", "quote")
    end: int = _end("인용", "quote")
    text_ko: Line = field(
        "인용 원문", "Text as printed", "기사에 실린 그대로의 인용 (바깥 따옴표 제외).",
        "The statement exactly as printed in the article, without its surrounding quote marks.",
    )
    text_en: Line = _text("번역", "Translation", "기사에 실린 인용의 충실한 번역", "Faithful translation of the statement as printed", "en")
    speaker_id: Slug | None = field(
        "발화자", "Speaker", "발화자의 식별자 (people 참조). 기사가 발화자를 밝히지 않으면 비워 둔다.",
        "Identifier of the speaker (references people); empty when the article does not name one.",
        references="people", default=None,
    )
    speaker_description_ko: Line | None = _text(
        "발화자 설명", "Speaker description", "이름이 밝혀지지 않은 발화자나 집단 발화자에 대한 기사 속 묘사",
        "How the article describes an unnamed or collective speaker", "ko", default=None,
    )
    speaker_description_en: Line | None = _text(
        "발화자 설명", "Speaker description", "이름이 밝혀지지 않은 발화자나 집단 발화자에 대한 기사 속 묘사",
        "How the article describes an unnamed or collective speaker", "en", default=None,
    )
    channel: Channel | None = field(
        "경로", "Channel", "발언이 나온 경로. 기사와 참고 자료가 밝히지 않으면 비워 둔다.",
        "Where the statement was made; empty where neither the article nor the reference says.",
        default=None,
    )
    date: PartialDate | None = field(
        "날짜", "Date", "발언 날짜 (YYYY, YYYY-MM 또는 YYYY-MM-DD), 기사나 참고 자료가 밝히는 만큼만.",
        "Date of the statement (YYYY, YYYY-MM or YYYY-MM-DD), only as precise as the article or reference.",
        default=None,
    )

    original_text: Line | None = field(
        "원래 발언", "Original wording", "참고 자료가 전하는 원래 (영어) 발언. 한 가지 문구로 확인되지 않으면 비워 둔다.",
        "The original wording as the project's reference gives it; empty where it gives no single wording.",
        default=None,
    )
    original_language: Language | None = field(
        "원래 발언의 언어", "Original language", "원래 발언의 언어.", "Language of the original wording.", default=None,
    )
    original_source_id: Slug | None = field(
        "원래 발언의 출처", "Source of the original", "원래 발언을 전하는 출처의 식별자 (sources 참조).",
        "Identifier of the source that gives the original wording (references sources).",
        references="sources", default=None,
    )
    wording_status: Status = field(
        "문구 확인 상태", "Wording status", "원래 문구가 얼마나 확인되었는지 (참고 자료의 평가 그대로).",
        "How far the original wording is confirmed, as the reference rates it.",
    )
    speaker_status: Status = field(
        "발화자 확인 상태", "Speaker status", "발화자가 얼마나 확인되었는지 (참고 자료의 평가 그대로).",
        "How far the attribution to the speaker is confirmed, as the reference rates it.",
    )
    original_note_ko: Line | None = _text(
        "원문 비고", "Note on the original", "원래 발언에 대한 설명 (문구가 없거나 엇갈리는 이유 등)",
        "Note on the original (why no wording is given, competing wordings…)", "ko", default=None,
    )
    original_note_en: Line | None = _text(
        "원문 비고", "Note on the original", "원래 발언에 대한 설명 (문구가 없거나 엇갈리는 이유 등)",
        "Note on the original (why no wording is given, competing wordings…)", "en", default=None,
    )

    @model_validator(mode="after")
    def _original(self) -> "Quote":
        if self.original_text is not None and (self.original_language is None or self.original_source_id is None):
            raise PydanticCustomError(
                "original", "an original wording needs its original_language and original_source_id", {"fields": "original_text"}
            )
        if self.original_text is None and (self.wording_status != Status.UNVERIFIED or self.original_note_en is None):
            raise PydanticCustomError(
                "original",
                "without an original wording, wording_status is unverified and a note says why",
                {"fields": "wording_status"},
            )
        return self

    @model_validator(mode="after")
    def _speaker(self) -> "Quote":
        described = self.speaker_description_ko is not None or self.speaker_description_en is not None
        if (self.speaker_id is None) == (not described):
            raise PydanticCustomError(
                "speaker",
                "give either speaker_id or a speaker description, not {what}",
                {"fields": "speaker_id", "what": "both" if described else "neither"},
            )
        return self


class QuoteWork(Record):
    """A work a quote is about."""

    labels = ResourceLabels("인용–모델·데이터", "Quote–work links", "인용이 다루는 모델·데이터.", "Works a quote is about.")

    quote_id: Slug = _ref("quotes", "인용", "Quote")
    work_id: Slug = _ref("works", "모델·데이터", "Work")


class QuoteOrganization(Record):
    """An organization a quote is about."""

    labels = ResourceLabels("인용–조직", "Quote–organization links", "인용이 다루는 조직.", "Organizations a quote is about.")

    quote_id: Slug = _ref("quotes", "인용", "Quote")
    organization_id: Slug = _ref("organizations", "조직", "Organization")


class QuoteLegalIssue(Record):
    """A legal issue a quote bears on."""

    labels = ResourceLabels("인용–법적 쟁점", "Quote–legal issue links", "인용과 관련된 법적 쟁점.", "Legal issues a quote bears on.")

    quote_id: Slug = _ref("quotes", "인용", "Quote")
    legal_issue_id: Slug = _ref("legal_issues", "법적 쟁점", "Legal issue")


class PartyRow(Record):
    """A row that names a person or an organization: exactly one of the two columns is filled."""

    @model_validator(mode="after")
    def _one_party(self) -> "PartyRow":
        one_of(self, ("person_id", "organization_id"))
        return self


class LegalIssue(Record):
    """A legal question the article raises."""

    labels = ResourceLabels("법적 쟁점", "Legal issues", "기사가 제기하는 법적 문제.", "Legal questions the article raises.")

    id: Slug = _id("법적 쟁점", "legal issue")
    title_ko: Line = _text("제목", "Title", "법적 쟁점의 제목", "Title of the legal issue", "ko")
    title_en: Line = _text("제목", "Title", "법적 쟁점의 제목", "Title of the legal issue", "en")
    summary_ko: Line = _text("요약", "Summary", "기사가 전하는 쟁점의 요약", "Summary of the issue as the article presents it", "ko")
    summary_en: Line = _text("요약", "Summary", "기사가 전하는 쟁점의 요약", "Summary of the issue as the article presents it", "en")
    case_id: Slug | None = field(
        "소송", "Case", "이 쟁점이 곧 소송인 경우 그 소송의 식별자 (cases 참조).",
        "Identifier of the case, where the issue is a lawsuit (references cases).",
        references="cases", default=None,
    )


class LegalIssueParty(PartyRow):
    """A person or organization involved in a legal issue, with its role."""

    # Not 당사자 (party): a publisher whose works the article names is involved, not a party.
    labels = ResourceLabels(
        "법적 쟁점 관련 인물과 조직", "People and organizations in legal issues",
        "법적 쟁점에 관련된 인물과 조직, 그 역할.", "People and organizations involved in a legal issue, with their roles.",
    )

    id: Slug = _id("관련 인물·조직 연결", "link of a person or organization to a legal issue")
    legal_issue_id: Slug = _ref("legal_issues", "법적 쟁점", "Legal issue")
    person_id: Slug | None = _ref("people", "인물", "Person", optional=True)
    organization_id: Slug | None = _ref("organizations", "조직", "Organization", optional=True)
    role: PartyRole = field("역할", "Role", "쟁점에서 맡은 역할.", "Role in the legal issue.")


class LegalIssueWork(Record):
    """A work involved in a legal issue."""

    labels = ResourceLabels("법적 쟁점–모델·데이터", "Legal issue–work links", "법적 쟁점에 관련된 모델·데이터.", "Works involved in a legal issue.")

    legal_issue_id: Slug = _ref("legal_issues", "법적 쟁점", "Legal issue")
    work_id: Slug = _ref("works", "모델·데이터", "Work")


class Case(Record):
    """A lawsuit, with facts from the project's reference (each cited in record_sources)."""

    labels = ResourceLabels("소송", "Cases", "소송과 그 사실 관계 (참고 자료에서, 출처와 함께).", "Lawsuits and their facts, from the reference, each with its sources.")

    id: Slug = _id("소송", "case")
    caption: Line = field("사건명", "Caption", "법원 기록에 적힌 사건명.", "The case caption as in the court record.")
    case_number: Line = field("사건 번호", "Case number", "법원의 사건 번호.", "The court's case number.")
    court_id: Slug = _ref("organizations", "법원", "Court")
    filed: FullDate = field("제소일", "Filed", "소송이 제기된 날짜.", "Date the case was filed.")
    kind_ko: Line = _text("종류", "Kind", "소송의 종류", "Kind of action", "ko")
    kind_en: Line = _text("종류", "Kind", "소송의 종류", "Kind of action", "en")
    claims_ko: Line = _text("청구", "Claims", "제기 당시의 청구", "Claims as filed", "ko")
    claims_en: Line = _text("청구", "Claims", "제기 당시의 청구", "Claims as filed", "en")
    status_ko: Line = _text("현황", "Status", "참고 자료의 가장 최근 날짜 기준 소송의 현황", "Status as of the latest dated fact in the reference", "ko")
    status_en: Line = _text("현황", "Status", "참고 자료의 가장 최근 날짜 기준 소송의 현황", "Status as of the latest dated fact in the reference", "en")
    status_date: FullDate = field("현황 기준일", "Status as of", "현황의 기준이 된 가장 최근 날짜.", "Date of the latest fact the status rests on.")


class CaseRoleRecord(PartyRow):
    """A person or organization in a case: plaintiff, defendant, judge, magistrate judge."""

    labels = ResourceLabels("소송 당사자와 판사", "Case roles", "소송의 원고, 피고, 판사.", "Plaintiffs, defendants and judges of a case.")

    id: Slug = _id("소송 역할", "case role")
    case_id: Slug = _ref("cases", "소송", "Case")
    person_id: Slug | None = _ref("people", "인물", "Person", optional=True)
    organization_id: Slug | None = _ref("organizations", "조직", "Organization", optional=True)
    role: CaseRole = field("역할", "Role", "소송에서의 역할.", "Role in the case.")


class FactCheck(Spanned):
    """A place where the article drifts from what its sources say."""

    labels = ResourceLabels("사실 확인", "Fact checks", "기사가 출처와 어긋나는 곳과 그 판정.", "Where the article drifts from its sources, with a verdict.")

    id: Slug = _id("사실 확인", "fact check")
    source_id: Slug = _ref("sources", "출처", "Source")
    quote_id: Slug | None = field(
        "인용", "Quote", "이 사실 확인이 다루는 인용의 식별자 (quotes 참조). 인용을 다루지 않으면 비워 둔다.",
        "Identifier of the quote this fact check is about (references quotes). Empty when it is about no quote.",
        references="quotes", default=None,
    )
    start: int = _start("확인 대상 구간", "checked span")
    end: int = _end("확인 대상 구간", "checked span")
    exact: str = field(
        "기사 원문", "Exact text", "start..end 구간에 실린 그대로의 기사 문구.", "The article's words exactly as printed at start..end.", min_length=1,
    )
    prefix: Affix | None = field(
        "앞 문맥", "Prefix", "구간 바로 앞의 원문 최대 32자.", "Up to 32 characters of the source right before the span.", default=None,
    )
    suffix: Affix | None = field(
        "뒤 문맥", "Suffix", "구간 바로 뒤의 원문 최대 32자.", "Up to 32 characters of the source right after the span.", default=None,
    )
    verdict: Verdict = field("판정", "Verdict", "기사가 출처와 어떻게 어긋나는지.", "How the article drifts from its sources.")
    article_says_ko: Line = _text("기사의 말", "What the article says", "기사가 말하는 것", "What the article says", "ko")
    article_says_en: Line = _text("기사의 말", "What the article says", "기사가 말하는 것", "What the article says", "en")
    sources_say_ko: Line = _text("출처의 말", "What the sources say", "출처가 말하는 것", "What the sources say", "ko")
    sources_say_en: Line = _text("출처의 말", "What the sources say", "출처가 말하는 것", "What the sources say", "en")


class FactCheckSource(Record):
    """A source supporting a fact check."""

    labels = ResourceLabels("사실 확인–출처", "Fact check–source links", "사실 확인을 뒷받침하는 출처.", "Sources supporting a fact check.")

    fact_check_id: Slug = _ref("fact_checks", "사실 확인", "Fact check")
    source_id: Slug = _ref("sources", "출처", "Source")


def _status() -> Any:
    return field("확인 상태", "Status", "참고 자료가 매긴 이 사실의 확인 상태.", "How far the reference confirms this fact.")


class Event(Record):
    """A dated fact from the reference or the article."""

    # 연표, one event 연표 항목: 사건 is the case (사건 번호, 사건명) and cannot also be an event.
    labels = ResourceLabels("연표", "Events", "참고 자료와 기사의 날짜 있는 사실.", "Dated facts from the reference and the article.")

    id: Slug = _id("연표 항목", "event")
    date: PartialDate = field("날짜", "Date", "연표 항목의 날짜 (YYYY, YYYY-MM 또는 YYYY-MM-DD).", "Date of the event (YYYY, YYYY-MM or YYYY-MM-DD).")
    status: Status = _status()
    title_ko: Line = _text("제목", "Title", "연표 항목의 짧은 제목", "Short title of the event", "ko")
    title_en: Line = _text("제목", "Title", "연표 항목의 짧은 제목", "Short title of the event", "en")
    description_ko: Line = _text("설명", "Description", "연표 항목에 대한 설명", "Description of the event", "ko")
    description_en: Line = _text("설명", "Description", "연표 항목에 대한 설명", "Description of the event", "en")


class EventSource(Record):
    """A source of an event."""

    labels = ResourceLabels("연표 항목–출처", "Event–source links", "연표 항목의 출처.", "Sources of an event.")

    event_id: Slug = _ref("events", "연표 항목", "Event")
    source_id: Slug = _ref("sources", "출처", "Source")


class EventRecord(Record):
    """A record an event concerns: one nullable column per kind, exactly one filled."""

    labels = ResourceLabels("연표 항목–기록", "Event–record links", "연표 항목과 관련된 기록.", "Records an event concerns.")

    id: Slug = _id("연표 항목 연결", "event link")
    event_id: Slug = _ref("events", "연표 항목", "Event")
    person_id: Slug | None = _ref("people", "인물", "Person", optional=True)
    organization_id: Slug | None = _ref("organizations", "조직", "Organization", optional=True)
    work_id: Slug | None = _ref("works", "모델·데이터", "Work", optional=True)
    quote_id: Slug | None = _ref("quotes", "인용", "Quote", optional=True)
    case_id: Slug | None = _ref("cases", "소송", "Case", optional=True)

    @model_validator(mode="after")
    def _one_record(self) -> "EventRecord":
        one_of(self, ("person_id", "organization_id", "work_id", "quote_id", "case_id"))
        return self


FieldName = Annotated[str, StringConstraints(pattern=FIELD_NAME_PATTERN, max_length=64)]


def _cited_field() -> Any:
    return field(
        "뒷받침하는 필드", "Field supported",
        "출처가 뒷받침하는, 인용된 기록의 필드 이름 (예: description, developer_id, status; _ko/_en 쌍은 그 앞부분). "
        "기록 전체나 여러 필드를 뒷받침하면 비워 둔다.",
        "Name of the field of the cited record that the source supports (for instance description, developer_id, "
        "status; for a _ko/_en pair, its base). Empty where the source supports the record as a whole.",
        default=None,
    )


CITED_COLUMNS = ("person_id", "organization_id", "work_id", "membership_id", "case_id", "case_role_id")


class RecordSource(Record):
    """A source for a record, or a fact about it, that does not come from the article."""

    labels = ResourceLabels("기록–출처", "Record sources", "기사 밖에서 온 기록과 사실의 출처.", "Sources of records and facts that do not come from the article.")

    id: Slug = _id("기록 출처", "record source")
    source_id: Slug = _ref("sources", "출처", "Source")
    person_id: Slug | None = _ref("people", "인물", "Person", optional=True)
    organization_id: Slug | None = _ref("organizations", "조직", "Organization", optional=True)
    work_id: Slug | None = _ref("works", "모델·데이터", "Work", optional=True)
    membership_id: Slug | None = _ref("memberships", "소속", "Membership", optional=True)
    case_id: Slug | None = _ref("cases", "소송", "Case", optional=True)
    case_role_id: Slug | None = _ref("case_roles", "소송 역할", "Case role", optional=True)
    # Named `field`, the name the data users see: from here on in this class body `field` is this
    # column, not the helper, hence `_status()` and `_cited_field()`.
    field: FieldName | None = _cited_field()
    status: Status = _status()
    fact_ko: Line = _text("사실", "Fact", "출처가 뒷받침하는 사실", "The fact the source supports", "ko")
    fact_en: Line = _text("사실", "Fact", "출처가 뒷받침하는 사실", "The fact the source supports", "en")

    @model_validator(mode="after")
    def _one_record(self) -> "RecordSource":
        one_of(self, CITED_COLUMNS)
        return self

    @property
    def cited(self) -> tuple[str, str]:
        return next((c, getattr(self, c)) for c in CITED_COLUMNS if getattr(self, c) is not None)


class GlossaryTerm(Record):
    """A term of the law or of the technology that the article and the records use, with a short
    definition in each language in the project's own words. A definition that states law or a
    fact cites its source, with the status the project gives it by the reference's own rules
    (scripts/checks.py holds that every legal term cites one)."""

    labels = ResourceLabels(
        "용어집", "Glossary", "기사와 기록에 나오는 법률 용어와 기술 용어, 그 뜻.",
        "The legal and technical terms the article and the records use, with what they mean.",
    )

    id: Slug = _id("용어", "glossary term")
    kind: GlossaryKind = field(
        "종류", "Kind", "법률 용어인지 기술 용어인지. 법률 용어의 정의는 법을 말하므로 출처를 단다.",
        "Legal or technical term. A legal term's definition states law, so it cites a source.",
    )
    term_ko: Line = _text("용어", "Term", "용어", "The term", "ko")
    term_en: Line = _text("용어", "Term", "용어", "The term", "en")
    definition_ko: Line = _text("정의", "Definition", "용어의 짧고 쉬운 정의 (이 프로젝트가 쓴 글)", "Short, plain definition of the term in the project's own words", "ko")
    definition_en: Line = _text("정의", "Definition", "용어의 짧고 쉬운 정의 (이 프로젝트가 쓴 글)", "Short, plain definition of the term in the project's own words", "en")
    source_id: Slug | None = field(
        "출처", "Source",
        "정의가 말하는 법이나 사실의 출처 (sources 참조): 법률 조문, 소송 규칙, 법원 기록. 법률 용어는 반드시 채우고, "
        "일반적인 기술 설명만 하는 기술 용어는 비워 둔다.",
        "Source of the law or fact the definition states (references sources): a statute, a court rule, a court "
        "record. Always filled for a legal term; empty for a technical term whose definition says only what is "
        "common knowledge of the technology.",
        references="sources", default=None,
    )
    status: Status | None = field(
        "확인 상태", "Status",
        "출처가 정의를 얼마나 뒷받침하는지, 참고 자료와 같은 기준으로 매긴 것 (read: 출처 자체나 그 공개 사본에서 읽음, "
        "corroborated: 서로 독립된 공개 사본 둘 이상에서 같은 문구를 읽음, unverified: 확인하지 못함). 출처가 있을 때만 "
        "채우며, 어떻게 읽었는지는 출처 행의 비고에 적는다.",
        "How far the source supports the definition, rated by the reference's own rules (read: in the source "
        "itself or a public copy of it; corroborated: the same wording in two or more independent public copies; "
        "unverified: not confirmed). Filled only with a source; the source's note says how it was consulted.",
        default=None,
    )

    @model_validator(mode="after")
    def _sourced(self) -> "GlossaryTerm":
        if (self.source_id is None) != (self.status is None):
            missing = "status" if self.status is None else "source_id"
            raise PydanticCustomError(
                "sourced", "source_id and status go together: fill {missing} too, or neither", {"fields": missing, "missing": missing}
            )
        return self


class GlossaryAlias(Record):
    """Another spelling or form of a glossary term in one language (a plural, a short form, other
    spacing), which the links to the glossary find in our prose as they find the term."""

    labels = ResourceLabels(
        "용어의 다른 표기", "Glossary spellings", "용어집 용어의 다른 표기: 복수형, 약칭, 띄어쓰기가 다른 표기.",
        "Other spellings and forms of glossary terms: plurals, short forms, other spacing.",
    )

    glossary_id: Slug = _ref("glossary", "용어", "Term")
    language: Language = field("언어", "Language", "다른 표기가 쓰인 언어.", "Language the spelling is written in.")
    alias: Line = field("다른 표기", "Spelling", "그 언어로 쓴 다른 표기 그대로.", "The other spelling, exactly as written in that language.")


# The resources of the package, in the order of the descriptor: name, model, primary key.
RESOURCES: tuple[tuple[str, type[Record], tuple[str, ...]], ...] = (
    ("sources", Source, ("id",)),
    ("sentences", Sentence, ("id",)),
    ("people", Person, ("id",)),
    ("organizations", Organization, ("id",)),
    ("works", Work, ("id",)),
    ("cases", Case, ("id",)),
    ("legal_issues", LegalIssue, ("id",)),
    ("memberships", Membership, ("id",)),
    ("case_roles", CaseRoleRecord, ("id",)),
    ("aliases", Alias, ("id",)),
    ("mentions", Mention, ("id",)),
    ("quotes", Quote, ("id",)),
    ("quote_works", QuoteWork, ("quote_id", "work_id")),
    ("quote_organizations", QuoteOrganization, ("quote_id", "organization_id")),
    ("quote_legal_issues", QuoteLegalIssue, ("quote_id", "legal_issue_id")),
    ("legal_issue_parties", LegalIssueParty, ("id",)),
    ("legal_issue_works", LegalIssueWork, ("legal_issue_id", "work_id")),
    ("fact_checks", FactCheck, ("id",)),
    ("fact_check_sources", FactCheckSource, ("fact_check_id", "source_id")),
    ("events", Event, ("id",)),
    ("event_sources", EventSource, ("event_id", "source_id")),
    ("event_records", EventRecord, ("id",)),
    ("record_sources", RecordSource, ("id",)),
    ("glossary", GlossaryTerm, ("id",)),
    ("glossary_aliases", GlossaryAlias, ("glossary_id", "language", "alias")),
)
MODELS: dict[str, type[Record]] = {name: model for name, model, _ in RESOURCES}
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {name: pk for name, _, pk in RESOURCES}
