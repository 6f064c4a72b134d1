"""The coding of Korean text for the search index (scripts/site/search.py; docs/assets/search.js
does the same in JavaScript, which the browser tests check end to end)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from scripts.site.search import code, decode
from tests.site_helpers import search_fragments

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Hangul syllables, x and X, Latin letters and anything else, mixed.
TEXT = st.text(st.one_of(st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), st.sampled_from("xXabcz _-.’"), st.characters()), max_size=40)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_coding_is_reversible_ascii_and_keeps_prefixes_and_case(text):
    coded = code(text)
    assert decode(coded) == text
    assert not HANGUL.search(coded)
    for k in range(len(text) + 1):  # a prefix of a word is coded as a prefix of its code
        assert coded.startswith(code(text[:k]))
    assert code(text.lower()) == coded.lower()  # Pagefind lowercases what it indexes and searches


def test_every_syllable_has_its_own_four_letter_code():
    codes = {code(chr(n)) for n in range(0xAC00, 0xD7A4)}
    assert len(codes) == 11172 and {len(c) for c in codes} == {4}
    assert code("메타는 Xbox") == "xflcxnxwxcmu Xxboxx"


def test_the_index_holds_no_hangul_text(site):
    # (heading ids, which the index keeps to link to a heading, are not searched)
    for bundle in (site / "pagefind", site / "en" / "pagefind"):
        for path, record in search_fragments(bundle).items():
            texts = [record["content"], *record["meta"].values(), *(a["text"] for a in record.get("anchors", []))]
            assert not [t for t in texts if HANGUL.search(t)], path
