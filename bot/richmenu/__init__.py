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
    """Render the menu image: LINE's large size, one coloured panel per button, a white icon and its label.

    Labels are drawn at least LABEL_MIN pixels high: the 2500-pixel image is shown about 390 points
    wide on a small phone, so a 100-pixel label reads like 15-point text.
    """
    from PIL import Image, ImageDraw, ImageFont

    layout = json.loads(LAYOUT.read_text(encoding="utf-8"))
    font_path = next((f for f in THAI_FONTS if Path(f).exists()), None)
    if font_path is None:
        raise ValueError("no Thai font found (install Debian's fonts-thai-tlwg)")
    image = Image.new("RGB", (layout["size"]["width"], layout["size"]["height"]), "white")
    canvas = ImageDraw.Draw(image)
    for button in layout["buttons"]:
        b = button["bounds"]
        canvas.rounded_rectangle([b["x"] + 10, b["y"] + 10, b["x"] + b["width"] - 10, b["y"] + b["height"] - 10],
                                 radius=40, fill=button["colour"])
        centre_x = b["x"] + b["width"] / 2
        ICONS[button["icon"]](canvas, centre_x, b["y"] + b["height"] * 0.38, button["colour"])
        label = _text(button["label"])
        size = LABEL_SIZE
        font = ImageFont.truetype(font_path, size)
        while canvas.textlength(label, font=font) > b["width"] - 70 and size > LABEL_MIN:
            size -= 4  # shrink long labels until they fit their panel, never below LABEL_MIN
            font = ImageFont.truetype(font_path, size)
        canvas.text((centre_x, b["y"] + b["height"] * 0.77), label, font=font, fill="white", anchor="mm")
    image.save(target, optimize=True)
    return target


LABEL_SIZE, LABEL_MIN = 130, 100
WHITE, LINE_WIDTH = "white", 22
Canvas = Any


def _pencil(c: Canvas, x: float, y: float, colour: str) -> None:
    c.rounded_rectangle([x - 150, y - 170, x + 110, y + 170], radius=30, outline=WHITE, width=LINE_WIDTH)
    for dy in (-90, -20, 50):
        c.line([x - 100, y + dy, x + 60, y + dy], fill=WHITE, width=LINE_WIDTH)
    c.polygon([(x + 60, y + 150), (x + 190, y - 60), (x + 230, y - 30), (x + 100, y + 180)], fill=WHITE)


def _camera(c: Canvas, x: float, y: float, colour: str) -> None:
    c.rounded_rectangle([x - 200, y - 110, x + 120, y + 130], radius=30, outline=WHITE, width=LINE_WIDTH)
    c.rectangle([x - 110, y - 150, x + 10, y - 110], fill=WHITE)
    c.ellipse([x - 115, y - 60, x + 35, y + 90], outline=WHITE, width=LINE_WIDTH)
    # a map pin beside it: photo or location
    c.ellipse([x + 130, y - 150, x + 250, y - 30], fill=WHITE)
    c.polygon([(x + 140, y - 70), (x + 240, y - 70), (x + 190, y + 40)], fill=WHITE)
    c.ellipse([x + 170, y - 110, x + 210, y - 70], fill=colour)


def _magnifier(c: Canvas, x: float, y: float, colour: str) -> None:
    c.ellipse([x - 170, y - 170, x + 90, y + 90], outline=WHITE, width=LINE_WIDTH + 6)
    c.line([x + 60, y + 60, x + 190, y + 190], fill=WHITE, width=LINE_WIDTH + 18)


def _calendar(c: Canvas, x: float, y: float, colour: str) -> None:
    c.rounded_rectangle([x - 180, y - 140, x + 180, y + 170], radius=25, outline=WHITE, width=LINE_WIDTH)
    c.rectangle([x - 180, y - 140, x + 180, y - 60], fill=WHITE)
    for dx in (-100, 100):
        c.line([x + dx, y - 190, x + dx, y - 110], fill=WHITE, width=LINE_WIDTH)
    for row in (0, 1):
        for col in (-1, 0, 1):
            cx, cy = x + col * 100, y + 10 + row * 80
            c.rectangle([cx - 25, cy - 20, cx + 25, cy + 20], fill=WHITE)


def _phone(c: Canvas, x: float, y: float, colour: str) -> None:
    c.rounded_rectangle([x - 110, y - 190, x + 110, y + 190], radius=40, outline=WHITE, width=LINE_WIDTH)
    c.line([x - 40, y - 140, x + 40, y - 140], fill=WHITE, width=LINE_WIDTH - 6)
    c.ellipse([x - 25, y + 110, x + 25, y + 160], fill=WHITE)


def _question(c: Canvas, x: float, y: float, colour: str) -> None:
    c.ellipse([x - 190, y - 190, x + 190, y + 190], outline=WHITE, width=LINE_WIDTH)
    c.arc([x - 85, y - 130, x + 85, y + 30], start=180, end=90, fill=WHITE, width=LINE_WIDTH + 6)
    c.line([x, y + 25, x, y + 70], fill=WHITE, width=LINE_WIDTH + 6)
    c.ellipse([x - 22, y + 100, x + 22, y + 144], fill=WHITE)


ICONS = {"pencil": _pencil, "camera": _camera, "magnifier": _magnifier, "calendar": _calendar,
         "phone": _phone, "question": _question}
