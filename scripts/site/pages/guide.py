"""How to read the site: the three layers of a quote, what "the reference" is and the sources it
draws on, and every status and verdict, each at an anchor (`status-<value>`, `verdict-<value>`)
that every status or verdict shown on a page links to (legend.py)."""

from __future__ import annotations

from schemas.vocab import QuoteKind, SourceKind, Status, Verdict, label

from ..markup import esc
from ..text import t
from .common import Site, front_matter, record_link
from .legend import GUIDE, anchor

# What each value means, in both languages. The statuses are the reference's own definitions. Keyed
# by (enum, value): Status.UNVERIFIED and Verdict.UNVERIFIED are equal strings, so equal keys.
MEANING: dict[tuple[type, str], tuple[str, str]] = {
    (Status, Status.READ.value): (
        "인용한 출처 자체에서 읽었다 (출처 행에 그렇게 적혀 있으면 그 공개 사본에서).",
        "Read in the cited source itself (or, where the source says so, in a public copy of it).",
    ),
    (Status, Status.CORROBORATED.value): (
        "원래 글의 서로 독립된 공개 사본 두 개 이상에서 같은 문구를 읽었다. 원래 글 자체는 읽지 못했다.",
        "The same wording was read in two or more independent public copies of the original; the original itself was not read.",
    ),
    (Status, Status.UNVERIFIED.value): (
        "보도되었지만 문구나 발화자를 확인하지 못했다. 이 상태는 결코 올리지 않는다.",
        "Reported, but the wording or the attribution could not be confirmed. This status is never upgraded.",
    ),
    (Verdict, Verdict.MISTRANSLATED.value): ("기사가 원래 말을 다른 뜻으로 옮겼다.", "The article renders the original words with a different meaning."),
    (Verdict, Verdict.OVERSTATED.value): ("기사가 원래 말보다 강하거나 확정적으로 말한다.", "The article says more, or says it more firmly, than the original."),
    (Verdict, Verdict.SOFTENED.value): ("기사가 원래 말보다 약하게 말한다.", "The article says less, or says it more mildly, than the original."),
    (Verdict, Verdict.GARBLED.value): ("옮기는 과정에서 원래 말의 형태나 뜻이 흐트러졌다 (고의라는 뜻은 아니다).", "The original words came out jumbled on the way (no intent is implied)."),
    (Verdict, Verdict.WRONG_TERM.value): ("기사가 틀린 용어를 쓴다 (예: 민사 소송의 원고를 \"검찰\"이라고 함).", "The article uses the wrong term (for example \"prosecutors\" for the plaintiffs of a civil case)."),
    (Verdict, Verdict.OUTDATED.value): ("기사가 쓰인 뒤 상황이 달라졌다 (예: 이후의 판결).", "Things changed after the article was written (for example, a later ruling)."),
    (Verdict, Verdict.UNVERIFIED.value): ("기사의 말을 원래 말과 맞춰 볼 수 없다: 원래 문구가 확인되지 않았다.", "The article's words cannot be checked against the original: its wording is unverified."),
    (Verdict, Verdict.CONTEXT_OMITTED.value): ("말은 맞게 옮겼지만 그 말이 나온 맥락을 빠뜨려 다른 것으로 읽히게 한다.", "The words are reported accurately, but the setting they came from is left out, so they read as something else."),
    (QuoteKind, QuoteKind.DIRECT.value): ("기사가 따옴표로 옮긴 말.", "Words the article puts in quotation marks."),
    (QuoteKind, QuoteKind.INDIRECT.value): ("기사가 따옴표 없이 전하는 말.", "Words the article reports without quotation marks."),
    (QuoteKind, QuoteKind.MIXED.value): ("전하는 말 속에 따옴표로 옮긴 낱말이 섞여 있다.", "Reported speech with some words in quotation marks."),
}

LAYERS = (
    (
        "원래 한 말", "What was originally said",
        "참고 자료가 전하는 원래 (영어) 문구와 그 확인 상태. 인용할 때는 이것을 쓴다. 알려진 원래 문구가 없으면 그렇다고 적는다.",
        "The original (English) wording as the reference gives it, with its status. Quote this. Where no original is known, the page says so.",
    ),
    (
        "기사에 실린 말 (한국어)", "As printed (Korean)",
        "한국어 기사에 실린 그대로의 문구. 기사는 영어 보도를 옮긴 것이라 원래 말과 다를 수 있다.",
        "The Korean article's words exactly as printed. The article retells English reporting, so they may differ from the original.",
    ),
    (
        "우리의 번역 (영어)", "Our translation (English)",
        "한국어 기사를 우리가 영어로 옮긴 것. 원래 한 말이 아니다.",
        "Our English translation of the Korean article: not what anyone said.",
    ),
)


def _entries(values: list, lang: str) -> str:
    out = []
    for value in values:
        ko, en = MEANING[(type(value), value.value)]
        out.append(f"### {esc(label(value, lang))} {{#{anchor(value) if isinstance(value, (Status, Verdict)) else 'kind-' + value.value}}}\n\n{esc(ko if lang == 'ko' else en)}\n")
    return "\n".join(out)


def guide_page(site: Site, lang: str) -> str:
    here = GUIDE
    title = t("guide", lang)
    # Not the statutes and court rules: the glossary cites them, the reference does not draw on them.
    cited = [s for s in site.data.records("sources") if s.text_resource is None and s.kind not in (SourceKind.STATUTE, SourceKind.COURT_RULE)]
    sources = "\n".join(f"- {record_link(site, here, 'sources', s.id, lang)}" for s in cited)
    layers = "\n\n".join(
        f"{n}. **{esc(ko_h if lang == 'ko' else en_h)}**: {esc(ko if lang == 'ko' else en)}" for n, (ko_h, en_h, ko, en) in enumerate(LAYERS, 1)
    )
    return (
        front_matter(title, t('guide_intro', lang))
        + f"# {esc(title)}\n\n{esc(t('guide_intro', lang))}\n\n"
        + f"## {esc(t('guide_layers', lang))} {{#layers}}\n\n{layers}\n\n"
        + f"## {esc(t('guide_reference', lang))} {{#reference}}\n\n{esc(t('guide_reference_text', lang))}\n\n{sources}\n\n"
        + f"## {esc(t('guide_statuses', lang))} {{#statuses}}\n\n{esc(t('guide_statuses_text', lang))}\n\n{_entries(list(Status), lang)}\n"
        + f"## {esc(t('guide_verdicts', lang))} {{#verdicts}}\n\n{esc(t('guide_verdicts_text', lang))}\n\n{_entries(list(Verdict), lang)}\n"
        + f"## {esc(t('guide_kinds', lang))} {{#kinds}}\n\n{_entries(list(QuoteKind), lang)}\n"
    )
