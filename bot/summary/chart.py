"""The summary's chart: a matplotlib PNG of the week's new requests, served under an unguessable path."""

from __future__ import annotations

import io
import logging
import re
import secrets
from functools import lru_cache
from typing import Any

from flask import Blueprint, Response, abort
from sqlalchemy import select

from bot import texts
from bot.runtime import Runtime, current_runtime
from bot.settings import Settings
from bot.summary.data import WeekSummary, build
from storage.models import SummaryDelivery

log = logging.getLogger(__name__)

charts = Blueprint("charts", __name__)

TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
THAI_SAMPLE = 0x0E01  # ก: a font that has it can draw Thai labels


def enabled(settings: Settings) -> bool:
    """LINE fetches images itself and only over HTTPS; without such a public URL there is no chart."""
    if not settings.public_base_url:
        log.info("summary chart skipped: PUBLIC_BASE_URL is not set")
        return False
    if not settings.public_base_url.startswith("https://"):
        log.warning("summary chart skipped: PUBLIC_BASE_URL is not https, and LINE only fetches https images")
        return False
    return True


def new_token() -> str:
    return secrets.token_urlsafe(24)


def chart_url(settings: Settings, token: str) -> str:
    return f"{settings.public_base_url}/charts/{token}.png"


def image_message(settings: Settings, token: str) -> dict[str, Any]:
    url = chart_url(settings, token)
    return {"type": "image", "originalContentUrl": url, "previewImageUrl": url}


@charts.get("/charts/<token>.png")
def serve_chart(token: str) -> Response:
    if not TOKEN_PATTERN.match(token):
        abort(404)
    runtime: Runtime = current_runtime()
    with runtime.sessions() as session:
        iso_week = session.scalar(select(SummaryDelivery.iso_week).where(SummaryDelivery.chart_token == token))
        if iso_week is None:
            abort(404)
        cached = runtime.settings.instance_path / "charts" / f"{iso_week}.png"
        if not cached.exists():
            # The week's new requests never change once it is over, so one rendering serves every recipient.
            png = render_png(build(session, iso_week, tz=runtime.tz, now=runtime.now()))
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{secrets.token_hex(4)}.tmp")
            partial.write_bytes(png)
            partial.replace(cached)
    response = Response(cached.read_bytes(), mimetype="image/png")
    response.headers["Cache-Control"] = "private, max-age=86400"
    return response


def render_png(summary: WeekSummary) -> bytes:
    """Stacked horizontal bars: new requests per district, coloured by category."""
    import matplotlib

    matplotlib.use("Agg")  # no display on a server; set before pyplot is imported
    from matplotlib.figure import Figure

    font = thai_font()
    district_labels, category_labels = _labels(summary, thai=font is not None)
    codes = list(district_labels)
    figure = Figure(figsize=(8, 6), dpi=100)
    axes = figure.add_subplot()
    left = [0] * len(codes)
    colours = matplotlib.colormaps["tab20"]
    for index, (slug, label) in enumerate(category_labels.items()):
        values = [summary.new_by_district.get(code, {}).get(slug, 0) for code in codes]
        if not any(values):
            continue
        axes.barh([district_labels[c] for c in codes], values, left=left, label=label, color=colours(index))
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_title(f"{summary.iso_week}  ({summary.new_requests:,})")
    axes.xaxis.get_major_locator().set_params(integer=True)
    if any(left):
        axes.legend(fontsize=8, loc="lower right")
    if font is not None:
        for item in [*axes.get_yticklabels(), *(axes.get_legend().get_texts() if axes.get_legend() else [])]:
            item.set_fontfamily(font)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    return buffer.getvalue()


def _labels(summary: WeekSummary, *, thai: bool) -> tuple[dict[str | None, str], dict[str | None, str]]:
    """Thai names when a Thai font exists; otherwise English names and slugs rather than empty boxes."""
    from nlp import gazetteer

    names = {d.code: (d.name_th if thai else d.name_en) for d in gazetteer().districts}
    district_labels: dict[str | None, str] = {code: names.get(code, code) for code in summary.new_by_district
                                              if code is not None}
    if summary.district_total(None):
        district_labels[None] = texts.SUMMARY_NO_DISTRICT if thai else "unknown"
    category_labels: dict[str | None, str] = {slug: (label if thai else slug)
                                              for slug, label in texts.CATEGORY_LABELS.items()}
    category_labels[None] = texts.SUMMARY_NO_CATEGORY if thai else "unknown"
    return district_labels, category_labels


@lru_cache(maxsize=1)
def thai_font() -> str | None:
    """The family name of an installed font that covers Thai, if any."""
    from matplotlib import font_manager, ft2font

    for entry in font_manager.fontManager.ttflist:
        try:
            if ft2font.FT2Font(entry.fname).get_char_index(THAI_SAMPLE):
                return entry.name
        except (OSError, RuntimeError):
            continue
    log.info("no Thai-capable font installed: chart labels fall back to English")
    return None
