"""Draws web/static/favicon.ico (16 and 32 px): an "L" over an underline mark, in the app's colours.

Run once by hand (needs Pillow): .venv/bin/python scripts/favicon.py. The .ico is committed; nothing draws it at run
time.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

OUT = Path(__file__).resolve().parent.parent / "web" / "static" / "favicon.ico"
BLUE, WHITE, YELLOW = (8, 58, 115, 255), (255, 255, 255, 255), (255, 191, 71, 255)


def draw(size: int = 64) -> Image.Image:
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    u = size / 16
    d.rounded_rectangle((0, 0, size - 1, size - 1), radius=3 * u, fill=BLUE)
    d.rectangle((4 * u, 2.5 * u, 6.5 * u, 10.5 * u), fill=WHITE)  # the stem of the L
    d.rectangle((4 * u, 8.5 * u, 11.5 * u, 10.5 * u), fill=WHITE)  # its foot
    d.rectangle((3 * u, 12 * u, 13 * u, 13.5 * u), fill=YELLOW)  # a mark under it
    return img


if __name__ == "__main__":
    draw().save(OUT, format="ICO", sizes=[(16, 16), (32, 32)])
    print(f"{OUT} ({OUT.stat().st_size} bytes)")
