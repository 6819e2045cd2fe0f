"""The weekly summary as LINE messages: a Flex carousel whose altText states the headline numbers."""

from __future__ import annotations

from typing import Any

from bot import texts
from bot.areas import district_name, districts
from bot.line.messages import clip, flex
from bot.summary.data import WeekSummary

BUBBLE_SIZE = "mega"  # every bubble of a carousel must share one size
ACCENT = "#1B5E20"
MUTED = "#777777"
ISSUE_TEXT_LIMIT = 80
# Every district's forum and the province's fit; more (a second date somewhere) are counted, not dropped.
FORUM_ROWS = 14


def summary_flex(summary: WeekSummary, console_url: str | None = None) -> dict[str, Any]:
    """The carousel; with `console_url` (the console's page for this week) the first bubble links to it."""
    overview = _overview(summary)
    if console_url:
        overview["footer"] = {"type": "box", "layout": "vertical", "contents": [
            {"type": "button", "style": "primary", "color": ACCENT, "height": "sm",
             "action": {"type": "uri", "label": texts.SUMMARY_OPEN_CONSOLE, "uri": console_url}},
        ]}
    bubbles = [overview, _by_district(summary), _by_category(summary), _forums(summary), _repeated(summary)]
    return flex(alt_text(summary), {"type": "carousel", "contents": bubbles})


def alt_text(summary: WeekSummary) -> str:
    return texts.summary_alt(period=_period(summary), new=summary.new_requests, change=summary.change,
                             waiting=summary.waiting, oldest_days=summary.oldest_waiting_days,
                             planned=summary.planned, done=summary.done, accepted=summary.accepted,
                             rejected=summary.rejected, partial=summary.partial)


def _period(summary: WeekSummary) -> str:
    return texts.summary_period(summary.starts_on, summary.ends_on, summary.partial)


# --- bubbles -----------------------------------------------------------------------------------

def _overview(summary: WeekSummary) -> dict[str, Any]:
    waiting_note = (texts.SUMMARY_OLDEST_WAITING.format(days=texts.thai_number(summary.oldest_waiting_days))
                    if summary.oldest_waiting_days is not None else "")
    rows = [
        _figure(texts.SUMMARY_NEW, summary.new_requests, texts.summary_change(summary.change, summary.partial)),
        _figure(texts.SUMMARY_WAITING, summary.waiting, waiting_note),
        _pair(_figure(texts.SUMMARY_ACCEPTED, summary.accepted), _figure(texts.SUMMARY_REJECTED, summary.rejected)),
        _pair(_figure(texts.SUMMARY_PLANNED, summary.planned), _figure(texts.SUMMARY_DONE, summary.done)),
    ]
    return _bubble(texts.SUMMARY_TITLE, _period(summary), rows)


def _by_district(summary: WeekSummary) -> dict[str, Any]:
    codes: list[str | None] = [code for code, _ in districts()]
    if summary.district_total(None):
        codes.append(None)
    rows = []
    for code in codes:
        if not summary.district_total(code):
            continue  # a row of zeros says nothing; the header's total covers it
        categories = summary.new_by_district.get(code, {})
        detail = " · ".join(f"{_category(slug)} {texts.thai_number(count)}"
                            for slug, count in sorted(categories.items(), key=lambda item: -item[1]) if count)
        rows.append(_line(_district(code), summary.district_total(code), detail))
    return _bubble(texts.SUMMARY_BY_DISTRICT, _period(summary), rows or [_note(texts.SUMMARY_NO_NEW)])


def _by_category(summary: WeekSummary) -> dict[str, Any]:
    slugs: list[str | None] = list(texts.CATEGORY_LABELS)
    if summary.category_total(None):
        slugs.append(None)
    rows = [_line(_category(slug), summary.category_total(slug)) for slug in slugs if summary.category_total(slug)]
    return _bubble(texts.SUMMARY_BY_CATEGORY, _period(summary), rows or [_note(texts.SUMMARY_NO_NEW)])


def _forums(summary: WeekSummary) -> dict[str, Any]:
    rows = [_line(texts.forum_where(district_name(forum.district_code)), forum.accepted,
                  texts.thai_date(forum.held_on, with_weekday=True))
            for forum in summary.forums[:FORUM_ROWS]]
    if len(summary.forums) > FORUM_ROWS:
        rows.append(_note(texts.SUMMARY_MORE_FORUMS.format(count=texts.thai_number(len(summary.forums) - FORUM_ROWS))))
    if not rows:
        rows.append(_note(texts.SUMMARY_NO_FORUMS))
    if summary.accepted_without_forum:
        rows.append(_line(texts.SUMMARY_NO_FORUM_YET, summary.accepted_without_forum))
    return _bubble(texts.SUMMARY_FORUMS, _period(summary), rows)


def _repeated(summary: WeekSummary) -> dict[str, Any]:
    rows = []
    for issue in summary.repeated:
        place = texts.SUMMARY_ISSUE_PLACE.format(category=_category(issue.category),
                                                 district=_district(issue.district_code))
        body = clip(issue.text, ISSUE_TEXT_LIMIT) if issue.text else texts.ERASED_TEXT
        rows.append({
            "type": "box", "layout": "vertical", "margin": "md", "contents": [
                {"type": "box", "layout": "horizontal", "contents": [
                    {"type": "text", "text": issue.ref, "size": "sm", "weight": "bold", "flex": 3},
                    {"type": "text", "text": texts.SUMMARY_SUPPORTERS.format(count=texts.thai_number(issue.supporters)),
                     "size": "sm", "color": ACCENT, "align": "end", "flex": 2},
                ]},
                {"type": "text", "text": place, "size": "sm", "color": MUTED},
                {"type": "text", "text": body, "size": "sm", "wrap": True, "maxLines": 2},
            ],
        })
    if not rows:
        rows.append(_note(texts.SUMMARY_NO_REPEATED))
    return _bubble(texts.SUMMARY_REPEATED, _period(summary), rows)


# --- parts -------------------------------------------------------------------------------------

def _bubble(title: str, subtitle: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "type": "bubble", "size": BUBBLE_SIZE,
        "header": {"type": "box", "layout": "vertical", "backgroundColor": ACCENT, "contents": [
            {"type": "text", "text": title, "weight": "bold", "color": "#FFFFFF", "wrap": True},
            {"type": "text", "text": subtitle, "size": "sm", "color": "#FFFFFF", "wrap": True},
        ]},
        "body": {"type": "box", "layout": "vertical", "spacing": "sm", "contents": rows},
    }


def _figure(caption: str, value: int, note: str = "") -> dict[str, Any]:
    contents: list[dict[str, Any]] = [
        {"type": "text", "text": caption, "size": "sm", "color": MUTED},
        {"type": "text", "text": texts.summary_unit(value), "size": "xl", "weight": "bold"},
    ]
    if note:
        contents.append({"type": "text", "text": note, "size": "sm", "color": ACCENT, "wrap": True})
    return {"type": "box", "layout": "vertical", "margin": "md", "contents": contents}


def _line(caption: str, value: int, detail: str = "") -> dict[str, Any]:
    contents: list[dict[str, Any]] = [{"type": "box", "layout": "horizontal", "contents": [
        {"type": "text", "text": caption, "size": "md", "flex": 4, "wrap": True},
        {"type": "text", "text": texts.thai_number(value), "size": "md", "align": "end", "flex": 1,
         "weight": "bold" if value else "regular", "color": "#111111" if value else MUTED},
    ]}]
    if detail:
        contents.append({"type": "text", "text": detail, "size": "sm", "color": MUTED, "wrap": True})
    return {"type": "box", "layout": "vertical", "contents": contents}


def _pair(left: dict[str, Any], right: dict[str, Any]) -> dict[str, Any]:
    """Two figures side by side (accepted | rejected): related numbers read together, the bubble stays short."""
    return {"type": "box", "layout": "horizontal", "spacing": "md",
            "contents": [dict(left, flex=1), dict(right, flex=1)]}


def _note(value: str) -> dict[str, Any]:
    return {"type": "text", "text": value, "size": "sm", "color": MUTED, "wrap": True}


def _district(code: str | None) -> str:
    return district_name(code) or texts.SUMMARY_NO_DISTRICT


def _category(slug: str | None) -> str:
    return texts.CATEGORY_LABELS.get(slug or "", texts.SUMMARY_NO_CATEGORY)
