"""The timeline page: a picture of the events on a date axis (with the dated quotes and the article's
date when the package knows it), its text equivalent, then every event with its sources."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from schemas.vocab import label

from ..graphs import figure_block
from ..markup import attr, esc, href
from ..text import t
from .common import clip, front_matter, quote_card, quote_title, record_link, record_path, Site, TIMELINE
from .first_use import prose
from .legend import legend_link

# The picture's geometry, in CSS pixels. The axis takes AXIS pixels (a desktop column) unless a day
# would then be narrower than DAY_MIN (a month bar still some 25 pixels wide): a longer span makes a
# wider picture, which scrolls inside its box.
AXIS = 650
DAY_MIN, DAY_MAX = 0.8, 4.0
ROW = 24
TOP = 44  # the axis: years and months
SIDE = 16
FONT = 12
LABEL_MAX = 380  # a label's width at most (estimated), so that it fits on one side of its mark


def span(value: str) -> tuple[date, date]:
    """The first and last day a partial date (YYYY, YYYY-MM or YYYY-MM-DD) stands for."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 1:
        return date(parts[0], 1, 1), date(parts[0], 12, 31)
    if len(parts) == 2:
        return date(parts[0], parts[1], 1), date(parts[0], parts[1], calendar.monthrange(parts[0], parts[1])[1])
    return date(*parts), date(*parts)


@dataclass
class Entry:
    when: str  # the partial date as the package gives it
    kind: str  # "event" or "quote"
    title: str  # plain text
    link: str  # relative URL from the timeline page

    @property
    def days(self) -> tuple[date, date]:
        return span(self.when)


def entries(site: Site, lang: str) -> list[Entry]:
    """The events and the dated quotes, by their first day, then their last, events first."""
    out = [Entry(e.date, "event", e.title_ko if lang == "ko" else e.title_en, f"#e-{e.id}") for e in site.data.records("events")]
    out += [Entry(q.date, "quote", quote_title(q, lang), href(TIMELINE, record_path("quotes", q.id))) for q in site.data.records("quotes") if q.date]
    return sorted(out, key=lambda x: (x.days, x.kind != "event", x.link))


def articles(site: Site) -> list[Any]:
    """The sources whose text is in the package: the article the dataset is about."""
    return [s for s in site.data.records("sources") if s.text_resource]


def text_width(text: str) -> float:
    """An over-estimate of the width of `text` at FONT pixels: wide characters (Hangul) one em, others
    0.62 em, so that a label placed by it never runs off the picture."""
    return sum(FONT if ord(ch) >= 0x1100 else FONT * 0.62 for ch in text)


def short(text: str, room: float = LABEL_MAX) -> str:
    """`text` cut (at a word) to fit `room` pixels and at most LABEL_MAX."""
    room = min(room, LABEL_MAX)
    limit = len(text)
    while limit > 8 and text_width(clip(text, limit)) > room:
        limit -= 4
    return clip(text, limit)


def timeline_svg(site: Site, lang: str, items: list[Entry]) -> str:
    """The timeline as an SVG element: x is the date (computed, not laid out: a date axis is
    arithmetic), one row per entry. A date known to the day is a dot (a diamond for a quote); one known
    only to the month or the year is a bar across that whole month or year."""
    dated_articles = [(s, span(s.date)) for s in articles(site) if s.date]
    firsts = [x.days[0] for x in items] + [d[0] for _, d in dated_articles]
    lasts = [x.days[1] for x in items] + [d[1] for _, d in dated_articles]
    start = date(min(firsts).year, min(firsts).month, 1)
    last = max(lasts)
    end = date(last.year + (last.month == 12), last.month % 12 + 1, 1)  # the first day after the last month
    day = min(DAY_MAX, max(DAY_MIN, AXIS / (end - start).days))
    width = SIDE * 2 + (end - start).days * day
    height = TOP + ROW * len(items) + 12

    def x(when: date) -> float:
        return round(SIDE + (when - start).days * day, 1)

    parts = [f'<rect x="0" y="0" width="{width:.1f}" height="{height}" fill="#ffffff"/>']
    month = start
    while month <= end:  # a thin line at each month, a darker one and the year at each January
        january = month.month == 1 or month == start
        parts.append(f'<line x1="{x(month)}" y1="{TOP - 10 if january else TOP - 4}" x2="{x(month)}" y2="{height - 6}" stroke="{"#90a4ae" if month.month == 1 else "#eceff1"}" stroke-width="1"/>')
        if january and month < end:
            parts.append(f'<text x="{x(month) + 3}" y="{TOP - 26}" font-size="{FONT}" font-weight="700" fill="#000000">{month.year}</text>')
        if month.month in (1, 4, 7, 10) and month < end:
            parts.append(f'<text x="{x(month) + 2}" y="{TOP - 12}" font-size="{FONT - 2}" fill="#37474f">{month.month:02d}</text>')
        month = date(month.year + (month.month == 12), month.month % 12 + 1, 1)
    parts.append(f'<line x1="{SIDE}" y1="{TOP - 4}" x2="{x(end)}" y2="{TOP - 4}" stroke="#37474f" stroke-width="1"/>')
    for article, (first, final) in dated_articles:
        a, b = x(first), x(final + timedelta(days=1))
        mark = f'<rect x="{a}" y="{TOP - 4}" width="{max(b - a, 2):.1f}" height="{height - TOP}" fill="#fff59d" opacity="0.6"/>'
        parts.append(f'{mark}<text x="{a + 3}" y="{height - 2}" font-size="{FONT - 2}" fill="#000000">{esc(t("timeline_article_mark", lang))} {esc(article.date)}</text>')
    for row, item in enumerate(items):
        y = TOP + ROW * row + ROW / 2
        first, final = item.days
        a, b = x(first), x(final + timedelta(days=1))
        colour = "#283593" if item.kind == "event" else "#00695c"
        if first == final:
            centre = round((a + b) / 2, 1)
            if item.kind == "event":
                shape = f'<circle cx="{centre}" cy="{y}" r="5" fill="{colour}"/>'
            else:
                shape = f'<polygon points="{centre},{y - 6} {centre + 6},{y} {centre},{y + 6} {centre - 6},{y}" fill="{colour}"/>'
            a, b = centre - 6, centre + 6
        else:
            shape = f'<rect x="{a}" y="{y - 5}" width="{b - a:.1f}" height="10" rx="2" fill="{colour}"/>'
            if item.kind == "quote":
                shape += f'<polygon points="{a},{y - 6} {a + 6},{y} {a},{y + 6} {a - 6},{y}" fill="{colour}"/>'
        # The date (and "Quote:") as plain text, then the title as the link: a link to a quote
        # shows the quote's own words, cut at a word like every other link to it. The label goes
        # beside the mark, on the side where it fits (else on the roomier side, cut to fit).
        lead = f"{item.when} · " + (t("timeline_quote", lang) + ": " if item.kind == "quote" else "")
        right, left = width - SIDE / 2 - (b + 6), a - 6 - SIDE / 2
        shown = short(item.title, max(right, left) - text_width(lead))
        if text_width(lead + shown) <= right or right >= left:
            place = f'x="{b + 6:.1f}"'
        else:
            place = f'x="{a - 6:.1f}" text-anchor="end"'
        parts.append(
            f'{shape}<text {place} y="{y + 4}" font-size="{FONT}" fill="#000000">{esc(lead)}'
            f'<a href="{attr(item.link)}"><tspan>{esc(shown)}</tspan></a></text>'
        )
    title = t("timeline_figure", lang)
    events = sum(1 for x in items if x.kind == "event")
    desc = t("timeline_figure_desc", lang).format(events=events, quotes=len(items) - events) + " " + article_note(site, lang)
    head = (
        f'<svg width="{width:.0f}" height="{height}" viewBox="0 0 {width:.1f} {height}" xmlns="http://www.w3.org/2000/svg" '
        f'class="kml-figure__svg" font-family="sans-serif" aria-labelledby="kml-timeline-title kml-timeline-desc">'
        f'<title id="kml-timeline-title">{esc(title)}</title><desc id="kml-timeline-desc">{esc(desc)}</desc>'
    )
    return head + "\n" + "\n".join(parts) + "\n</svg>"


def article_note(site: Site, lang: str) -> str:
    """What the picture says of the article's date: marked when the package knows it, else that it does not."""
    if any(not s.date for s in articles(site)):
        return t("timeline_article_unknown", lang)
    return ""


def timeline_table(site: Site, items: list[Entry], lang: str) -> str:
    """The text equivalent of the picture: one row per entry, with the date as the package gives it."""
    rows = [
        f"<tr><td>{esc(x.when)}</td><td>{esc(t('timeline_' + x.kind, lang))}</td><td><a href=\"{attr(x.link)}\">{esc(x.title)}</a></td></tr>"
        for x in items
    ]
    for s in articles(site):
        when = esc(s.date) if s.date else esc(t("unknown", lang))
        link = href(TIMELINE, record_path("sources", s.id))
        rows.append(f"<tr><td>{when}</td><td>{esc(t('timeline_article_mark', lang))}</td><td><a href=\"{attr(link)}\">{esc(s.title_ko if lang == 'ko' else s.title_en)}</a></td></tr>")
    head = "".join(f'<th scope="col">{esc(t(k, lang))}</th>' for k in ("date", "kind", "record"))
    return f'<table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def timeline_figure(site: Site, lang: str) -> str:
    items = entries(site, lang)
    if not items:
        return ""
    caption = esc(t("timeline_legend", lang) + " " + article_note(site, lang))
    return figure_block(timeline_svg(site, lang, items), caption.strip(), t("map_as_table", lang), timeline_table(site, items, lang))


def timeline_page(site: Site, lang: str) -> str:
    title = t("timeline", lang)
    here = TIMELINE
    out = [front_matter(title, t('timeline_intro', lang)), f"# {esc(title)}\n\n{esc(t('timeline_intro', lang))}\n", timeline_figure(site, lang)]
    columns = {"person_id": "people", "organization_id": "organizations", "work_id": "works", "quote_id": "quotes", "case_id": "cases"}
    for e in sorted(site.data.records("events"), key=lambda e: (e.date, e.id)):
        sources = [x.source_id for x in site.rows("event_sources", "event_id", e.id)]
        records, quotes = [], []
        for r in site.rows("event_records", "event_id", e.id):
            column = next(c for c in columns if getattr(r, c) is not None)
            if column == "quote_id":
                quotes.append(site.by_id["quotes"][r.quote_id])
            else:
                records.append(record_link(site, here, columns[column], getattr(r, column), lang))
        out.append(
            f"## {esc(e.date)} · {esc(e.title_ko if lang == 'ko' else e.title_en)} {{#e-{e.id}}}\n\n"
            f"{prose(e.description_ko if lang == 'ko' else e.description_en)}\n\n"
            f"- {t('status', lang)}: {legend_link(here, e.status, lang)}\n"
            f"- {t('sources_plural', lang)}: " + ", ".join(record_link(site, here, "sources", x, lang) for x in sources) + "\n"
            + (f"- {t('related', lang)}: " + ", ".join(records) + "\n" if records else "")
            + "".join("\n" + quote_card(site, here, q, lang) for q in sorted(quotes, key=lambda q: (q.source_id, q.start)))
        )
    return "\n".join(out)
