"""A status or verdict as it is shown on every page: its label, linked to its entry in the guide
to reading the site (`guide/index.md`, anchors `status-<value>` and `verdict-<value>`), so a reader
can learn what "corroborated" or "garbled" means where they meet it."""

from __future__ import annotations

from schemas.vocab import Status, Verdict, label

from ..markup import esc, md_link

GUIDE = "guide/index.md"


def anchor(value: Status | Verdict) -> str:
    return f"{'status' if isinstance(value, Status) else 'verdict'}-{value.value}"


def legend_link(here: str, value: Status | Verdict, lang: str) -> str:
    """The label of `value` in `lang`, escaped, as a link to its entry in the guide."""
    return md_link(esc(label(value, lang)), here, GUIDE, anchor(value))
