"""The rich menus: the villagers' (layout.json) and the staff's (staff.json), their images, and deploying them.

Layouts name their labels from bot.texts. `flask --app app richmenu deploy` creates both menus through
LINE's API with their images, makes the villagers' every user's default and remembers the staff
menu's id, which `links` links to each staff member. `flask --app app richmenu draw` re-renders the
images (needs a Thai font).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot import texts

HERE = Path(__file__).resolve().parent
LAYOUT = HERE / "layout.json"
IMAGE = HERE / "richmenu.png"
STAFF_LAYOUT = HERE / "staff.json"
STAFF_IMAGE = HERE / "richmenu-staff.png"
# kind → (layout, image); the kinds are also the keys under which deployed menu ids are remembered.
MENUS = {"villager": (LAYOUT, IMAGE), "staff": (STAFF_LAYOUT, STAFF_IMAGE)}
THAI_FONTS = ("/usr/share/fonts/truetype/tlwg/Loma-Bold.ttf", "/usr/share/fonts/truetype/tlwg/Garuda-Bold.ttf")


def _text(name: str) -> str:
    return str(getattr(texts, name))


def _layout(kind: str) -> dict[str, Any]:
    return json.loads(MENUS[kind][0].read_text(encoding="utf-8"))


def definition(kind: str = "villager", public_base_url: str = "") -> dict[str, Any]:
    """LINE's rich menu object, with every label and sent word taken from bot.texts.

    A button either sends a word from bot.texts ("sends"), sends a staff command ("command"), or
    opens a page of this service ("opens", a path under `public_base_url`, which must then be set).
    """
    layout = _layout(kind)
    return {
        "size": layout["size"],
        "selected": layout["selected"],
        "name": layout["name"],
        "chatBarText": _text(layout["chatBarText"]),
        "areas": [{"bounds": button["bounds"], "action": _action(button, public_base_url)}
                  for button in layout["buttons"]],
    }


def _action(button: dict[str, Any], public_base_url: str) -> dict[str, Any]:
    label = _text(button["label"])
    if "opens" in button:
        if not public_base_url:
            raise ValueError("PUBLIC_BASE_URL is not set: the staff menu's console button needs it")
        return {"type": "uri", "label": label, "uri": public_base_url.rstrip("/") + button["opens"]}
    sends = button["command"] if "command" in button else _text(button["sends"])
    return {"type": "message", "label": label, "text": sends}


def image(kind: str = "villager") -> bytes:
    return MENUS[kind][1].read_bytes()


def draw_all() -> list[Path]:
    return [draw(kind) for kind in MENUS]


def draw(kind: str = "villager") -> Path:
    """Render a menu's image: LINE's large size, one coloured panel per button, a white icon and its label.

    Labels are drawn at least LABEL_MIN pixels high: the 2500-pixel image is shown about 390 points
    wide on a small phone, so a 100-pixel label reads like 15-point text.
    """
    from PIL import Image, ImageDraw, ImageFont

    layout = _layout(kind)
    target = MENUS[kind][1]
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


def _screen(c: Canvas, x: float, y: float, colour: str) -> None:
    """A monitor: the console page."""
    c.rounded_rectangle([x - 230, y - 170, x + 230, y + 120], radius=25, outline=WHITE, width=LINE_WIDTH)
    c.rectangle([x - 30, y + 120, x + 30, y + 180], fill=WHITE)
    c.rounded_rectangle([x - 130, y + 170, x + 130, y + 200], radius=12, fill=WHITE)
    for dy, length in ((-90, 260), (-20, 180), (50, 220)):
        c.line([x - 150, y + dy, x - 150 + length, y + dy], fill=WHITE, width=LINE_WIDTH - 4)


def _list(c: Canvas, x: float, y: float, colour: str) -> None:
    """Rows with bullets: the queue."""
    for dy in (-130, 0, 130):
        c.ellipse([x - 190, y + dy - 30, x - 130, y + dy + 30], fill=WHITE)
        c.line([x - 80, y + dy, x + 190, y + dy], fill=WHITE, width=LINE_WIDTH + 6)


def _arrow(c: Canvas, x: float, y: float, colour: str) -> None:
    """A forward arrow: the next request."""
    c.line([x - 190, y, x + 80, y], fill=WHITE, width=LINE_WIDTH + 18)
    c.polygon([(x + 40, y - 130), (x + 200, y), (x + 40, y + 130)], fill=WHITE)


ICONS = {"pencil": _pencil, "camera": _camera, "magnifier": _magnifier, "calendar": _calendar,
         "phone": _phone, "question": _question, "screen": _screen, "list": _list, "arrow": _arrow}
