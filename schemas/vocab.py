"""Closed vocabularies. Every value carries a Korean and an English label, shown on the site and
written into the Table Schema (`enumLabels`), so a data user reads the same labels we do."""

from enum import StrEnum


class Language(StrEnum):
    KO = "ko"
    EN = "en"


class SourceKind(StrEnum):
    NEWS_ARTICLE = "news-article"
    NEWS_REPORT = "news-report"
    COURT_RECORD = "court-record"
    PUBLIC_LETTER = "public-letter"
    PAPER = "paper"
    LICENCE_TEXT = "licence-text"
    # Law cited by its official citation (17 U.S.C. § 107; Fed. R. Civ. P. 56): a section of a
    # statute, and a rule of procedure a court follows.
    STATUTE = "statute"
    COURT_RULE = "court-rule"


class SentenceKind(StrEnum):
    HEADING = "heading"
    SENTENCE = "sentence"


class OrganizationKind(StrEnum):
    COMPANY = "company"
    DIVISION = "division"
    PUBLISHER = "publisher"
    COURT = "court"


class WorkKind(StrEnum):
    AI_MODEL = "ai-model"
    MODEL_FAMILY = "model-family"
    DATA_COLLECTION = "data-collection"


class GlossaryKind(StrEnum):
    """What a glossary term belongs to: the law (its definition states law, so it cites a source)
    or the technology."""

    LEGAL = "legal"
    TECHNICAL = "technical"


class AliasKind(StrEnum):
    AS_PRINTED = "as-printed"
    STANDARD_KO = "standard-ko"
    OTHER_KO = "other-ko"
    LATIN = "latin"
    SHORT = "short"
    VARIANT = "variant"


class DescriptionBasis(StrEnum):
    """Where the description of a person, organization or work comes from. `article`: it says only
    what the article says, so the article is its source. `sources`: it states facts from outside the
    article, and each is cited in record_sources with `field = description` (a check holds that)."""

    ARTICLE = "article"
    SOURCES = "sources"


class QuoteKind(StrEnum):
    DIRECT = "direct"
    INDIRECT = "indirect"
    MIXED = "mixed"


class Channel(StrEnum):
    INTERNAL_MESSAGE = "internal-message"
    PUBLIC_LETTER = "public-letter"


class Status(StrEnum):
    """How far a fact was confirmed, as the project's reference rates it; never upgraded."""

    READ = "read"
    CORROBORATED = "corroborated"
    UNVERIFIED = "unverified"


class Verdict(StrEnum):
    """How the article drifts from its sources. `context-omitted` extends the list the fact-check
    issue gave: words reported accurately whose setting the article leaves out, so that a reader
    takes them for something else (Zuckerberg's public letter, in an article on internal messages)."""

    MISTRANSLATED = "mistranslated"
    OVERSTATED = "overstated"
    SOFTENED = "softened"
    GARBLED = "garbled"
    WRONG_TERM = "wrong-term"
    OUTDATED = "outdated"
    UNVERIFIED = "unverified"
    CONTEXT_OMITTED = "context-omitted"


class CaseRole(StrEnum):
    PLAINTIFF = "plaintiff"
    DEFENDANT = "defendant"
    JUDGE = "judge"
    MAGISTRATE_JUDGE = "magistrate-judge"


class PartyRole(StrEnum):
    PLAINTIFF = "plaintiff"
    DEFENDANT = "defendant"
    WORKS_NAMED = "works-named"
    DATA_USER = "data-user"


LABELS: dict[type[StrEnum], dict[str, tuple[str, str]]] = {
    Language: {"ko": ("한국어", "Korean"), "en": ("영어", "English")},
    SourceKind: {
        "news-article": ("뉴스 기사", "news article"),
        "news-report": ("보도", "news report"),
        "court-record": ("법원 기록", "court record"),
        "public-letter": ("공개 서한", "public letter"),
        "paper": ("논문", "paper"),
        "licence-text": ("라이선스 문서", "licence text"),
        "statute": ("법률 조문", "statute"),
        # The Federal Rules of Civil Procedure: 연방 민사소송규칙, one of its rules a 규칙.
        "court-rule": ("소송 규칙", "court rule"),
    },
    GlossaryKind: {"legal": ("법률 용어", "legal term"), "technical": ("기술 용어", "technical term")},
    Status: {"read": ("원문 확인", "read"), "corroborated": ("교차 확인", "corroborated"), "unverified": ("미확인", "unverified")},
    Verdict: {
        "mistranslated": ("오역", "mistranslated"),
        "overstated": ("과장", "overstated"),
        "softened": ("완화", "softened"),
        # 왜곡 says the distortion was deliberate; the verdict only says the words came out wrong
        # on the way (from the filings through the report to the article): 와전.
        "garbled": ("와전", "garbled"),
        "wrong-term": ("잘못된 용어", "wrong term"),
        # "시의성 지남" is not how a Korean reporter says it: what changed is the situation after the
        # article (a later ruling), so say that.
        "outdated": ("이후 상황 변화", "outdated"),
        "unverified": ("미확인", "unverified"),
        "context-omitted": ("맥락 누락", "context omitted"),
    },
    CaseRole: {
        "plaintiff": ("원고", "plaintiff"),
        "defendant": ("피고", "defendant"),
        "judge": ("판사", "judge"),
        # 치안판사 is a justice of the peace. A U.S. magistrate judge is a judicial officer appointed
        # by the district judges who handles pretrial matters such as discovery: 연방 보조판사. The
        # English label keeps the U.S. title.
        "magistrate-judge": ("연방 보조판사", "magistrate judge"),
    },
    SentenceKind: {"heading": ("소제목", "heading"), "sentence": ("문장", "sentence")},
    OrganizationKind: {
        "company": ("기업", "company"),
        "division": ("사내 조직", "division"),
        "publisher": ("출판사", "publisher"),
        "court": ("법원", "court"),
    },
    WorkKind: {
        "ai-model": ("AI 모델", "AI model"),
        "model-family": ("모델 계열", "model family"),
        "data-collection": ("데이터 모음", "data collection"),
    },
    AliasKind: {
        "as-printed": ("기사 표기", "as printed in the article"),
        "standard-ko": ("표준 한국어 표기", "standard Korean spelling"),
        # A spelling Korean readers also use or search for; neither it nor the article's spelling
        # is claimed as the standard (as standard-ko would claim).
        "other-ko": ("다른 한국어 표기", "other Korean spelling"),
        "latin": ("로마자 표기", "Latin script"),
        "short": ("약칭", "short form"),
        "variant": ("이형 표기", "spelling variant"),
    },
    QuoteKind: {
        "direct": ("직접 인용", "direct quote"),
        "indirect": ("간접 인용", "indirect (reported) speech"),
        "mixed": ("혼합 인용", "mixed: paraphrase with quoted words"),
    },
    DescriptionBasis: {
        "article": ("기사 내용만", "the article only"),
        "sources": ("출처를 밝힌 기사 밖 사실", "facts cited from outside the article"),
    },
    Channel: {"internal-message": ("내부 메시지", "internal message"), "public-letter": ("공개 서한", "public letter")},
    PartyRole: {
        "plaintiff": ("원고", "plaintiff"),
        "defendant": ("피고", "defendant"),
        # Not "rights holder": that is the plaintiffs' description, which the dataset's own fact
        # check calls overstated. What the article does say is that it names their works.
        "works-named": ("저작물이 거론된 출판사", "publisher whose works the article names"),
        "data-user": ("데이터 사용자", "user of the data"),
    },
}


def label(value: StrEnum, lang: str) -> str:
    """The label of an enum value in `lang` ("ko" or "en")."""
    ko, en = LABELS[type(value)][value.value]
    return ko if lang == "ko" else en
