"""Korean morphological segments for the Korean search index.

Material's lunr search splits text at white space and finds words by prefix: `메타` finds `메타는`,
but `지능` cannot find `인공지능`. After the Korean build we add, to every document of
`search/search_index.json`, a `segments` field holding the morphemes Kiwi finds in its title and
text that are not already words of it, and register that field with the index's configuration."""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache
from pathlib import Path

# Content morphemes: nouns, numerals, pronouns, roots, verb and adjective stems, foreign words.
_KEEP = re.compile(r"^(NN|NR|NP|XR|VV|VA|SL|SH|SN|MAG)")
_TAGS = re.compile(r"<[^>]*>")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _load():
    from kiwipiepy import Kiwi

    return Kiwi(num_workers=0)


def kiwi():
    """Kiwi, loaded once (the build starts loading it early, in a thread)."""
    with _LOCK:
        return _load()


def segments(text: str) -> str:
    """The morphemes of `text` (markup removed) that are not already its white-space words."""
    plain = _TAGS.sub(" ", text)
    words = set(plain.lower().split())
    found: dict[str, None] = {}
    for token in kiwi().tokenize(plain):
        form = token.form.lower()
        if _KEEP.match(token.tag) and len(form) > 1 and _HANGUL.search(form) and form not in words:
            found.setdefault(form, None)
    return " ".join(found)


def add_segments(index_path: Path) -> int:
    """Rewrite a Material search index with a `segments` field; returns how many documents gained one."""
    index = json.loads(index_path.read_text(encoding="utf-8"))
    index["config"].setdefault("fields", {})["segments"] = {"boost": 1}
    count = 0
    for doc in index["docs"]:
        extra = segments(f"{doc.get('title', '')} {doc.get('text', '')}")
        if extra:
            doc["segments"] = extra
            count += 1
    index_path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return count
