"""The rich menu: its layout (layout.json, with labels named from bot.texts), its image, and deploying it.

`flask --app app richmenu deploy` creates the menu through LINE's API, uploads the image and sets it
as every user's default. `flask --app app richmenu draw` re-renders the image (needs a Thai font).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot import texts

HERE = Path(__file__).resolve().parent
LAYOUT = HERE / "layout.json"
IMAGE = HERE / "richmenu.png"
THAI_FONTS = ("/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf", "/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf")


def _text(name: str) -> str:
    return str(getattr(texts, name))


def definition() -> dict[str, Any]:
    """LINE's rich menu object, with every label and sent word taken from bot.texts."""
    layout = json.loads(LAYOUT.read_text(encoding="utf-8"))
    return {
        "size": layout["size"],
        "selected": layout["selected"],
        "name": layout["name"],
        "chatBarText": _text(layout["chatBarText"]),
        "areas": [
            {"bounds": button["bounds"],
             "action": {"type": "message", "label": _text(button["label"]), "text": _text(button["sends"])}}
            for button in layout["buttons"]
        ],
    }


def draw(target: Path = IMAGE) -> Path:
    """Render the menu image: one coloured panel per button with its Thai label."""
    from PIL import Image, ImageDraw, ImageFont

    layout = json.loads(LAYOUT.read_text(encoding="utf-8"))
    font_path = next((f for f in THAI_FONTS if Path(f).exists()), None)
    if font_path is None:
        raise ValueError("no Thai font found (install Debian's fonts-thai-tlwg)")
    image = Image.new("RGB", (layout["size"]["width"], layout["size"]["height"]), "white")
    canvas = ImageDraw.Draw(image)
    for button in layout["buttons"]:
        b = button["bounds"]
        canvas.rectangle([b["x"] + 8, b["y"] + 8, b["x"] + b["width"] - 8, b["y"] + b["height"] - 8],
                         fill=button["colour"])
        label = _text(button["label"])
        size = 110
        font = ImageFont.truetype(font_path, size)
        while canvas.textlength(label, font=font) > b["width"] - 80 and size > 40:
            size -= 6  # shrink long labels until they fit their panel
            font = ImageFont.truetype(font_path, size)
        centre = (b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
        canvas.text(centre, label, font=font, fill="white", anchor="mm")
    image.save(target, optimize=True)
    return target
