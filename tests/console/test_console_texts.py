"""The console's pages speak Thai only through bot/texts.py, as the bot does."""

from __future__ import annotations

import re
from pathlib import Path

THAI = re.compile(r"[\u0E00-\u0E7F]")
CONSOLE = Path(__file__).resolve().parents[2] / "bot" / "console"


def test_no_console_template_or_stylesheet_writes_thai_itself():
    files = [*CONSOLE.rglob("*.html"), *CONSOLE.rglob("*.css")]
    offenders = [f"{path.name}:{number}" for path in files
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if THAI.search(line)]
    assert len(files) >= 10 and offenders == []


def test_no_page_loads_anything_from_another_site():
    pages = "".join(path.read_text(encoding="utf-8") for path in CONSOLE.rglob("*.html"))
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", pages)
