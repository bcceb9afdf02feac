#!/usr/bin/env python3
"""Write the placeholder images that the example profiles refer to.

The two example profiles (profiles/gao-huang.yaml, profiles/haoyu-he.yaml)
point at a photo each and, for Haoyu He's homepage, one thumbnail per paper.
The real pictures are not ours to ship, so this script draws small stand-ins:
a soft colour derived from the name, a few pale shapes and the short name.

    .venv/bin/python scripts/make_placeholder_images.py [--out profiles/images]

Thumbnails are 440x320 (shown at 220x160 on the page), photos 300x300.
Output is deterministic and every file stays well under 20 KB.
"""

from __future__ import annotations

import argparse
import colorsys
import hashlib
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "profiles" / "images"

THUMB_SIZE = (440, 320)
PHOTO_SIZE = (300, 300)

# file stem -> label drawn on the thumbnail (the papers seed 000 shows with a picture)
THUMBNAILS = {
    "esta": "ESTA",
    "spvit": "SPViT",
    "mpvss": "MPVSS",
    "spt": "SPT",
    "eopnet": "EOPNet",
    "survey": "Survey",
    "faseg": "FASeg",
    "ecoformer": "EcoFormer",
    "lit": "LIT",
    "oneshot": "POPNet",
    "grapy": "Grapy-ML",
}

# file stem -> (initials, full name)
PHOTOS = {
    "gao-huang-photo": ("GH", "Gao Huang"),
    "haoyu-he-photo": ("HH", "Haoyu He"),
}

FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/Library/Fonts/DejaVuSans-Bold.ttf",
    "DejaVuSans-Bold.ttf",
)


def font(size: int) -> ImageFont.ImageFont:
    """DejaVu Sans Bold when present, else Pillow's built-in font."""
    for candidate in FONT_CANDIDATES:
        try:
            return ImageFont.truetype(candidate, size)
        except OSError:
            continue
    try:
        return ImageFont.load_default(size)  # Pillow >= 10.1
    except TypeError:
        return ImageFont.load_default()


def palette(name: str) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
    """Background, accent and text colour: a soft pastel picked from the name."""
    hue = int(hashlib.sha1(name.encode()).hexdigest()[:4], 16) / 0xFFFF

    def rgb(h: float, lightness: float, saturation: float) -> tuple[int, int, int]:
        r, g, b = colorsys.hls_to_rgb(h % 1.0, lightness, saturation)
        return round(r * 255), round(g * 255), round(b * 255)

    return rgb(hue, 0.88, 0.45), rgb(hue + 0.04, 0.80, 0.40), rgb(hue, 0.28, 0.45)


def centered_text(draw: ImageDraw.ImageDraw, box: tuple[int, int, int, int], text: str,
                  max_size: int, fill: tuple[int, int, int]) -> None:
    """Draw `text` as large as fits (up to max_size) centred in box."""
    x0, y0, x1, y1 = box
    size = max_size
    while True:
        f = font(size)
        left, top, right, bottom = draw.textbbox((0, 0), text, font=f)
        if right - left <= (x1 - x0) or size <= 10:
            break
        size -= 2
    w, h = right - left, bottom - top
    draw.text((x0 + (x1 - x0 - w) / 2 - left, y0 + (y1 - y0 - h) / 2 - top), text, font=f, fill=fill)


def quantized(img: Image.Image) -> Image.Image:
    """Few colours compress to a few KB; antialiased text keeps enough shades."""
    return img.convert("P", palette=Image.Palette.ADAPTIVE, colors=32)


def thumbnail(label: str) -> Image.Image:
    bg, accent, ink = palette(label)
    img = Image.new("RGB", THUMB_SIZE, bg)
    draw = ImageDraw.Draw(img)
    w, h = THUMB_SIZE
    # a pale "figure": a few boxes and arrows, like a paper's teaser diagram
    for i in range(3):
        x = 40 + i * 130
        draw.rounded_rectangle((x, 200, x + 100, 270), radius=10, fill=accent)
        if i < 2:
            draw.line((x + 104, 235, x + 126, 235), fill=accent, width=5)
    draw.rectangle((0, 0, w - 1, h - 1), outline=accent, width=4)
    centered_text(draw, (24, 40, w - 24, 180), label, 84, ink)
    return quantized(img)


def photo(initials: str, name: str) -> Image.Image:
    bg, accent, ink = palette(name)
    img = Image.new("RGB", PHOTO_SIZE, bg)
    draw = ImageDraw.Draw(img)
    w, h = PHOTO_SIZE
    # a head-and-shoulders silhouette
    draw.ellipse((w / 2 - 62, 48, w / 2 + 62, 172), fill=accent)
    draw.pieslice((w / 2 - 120, 180, w / 2 + 120, 420), 180, 360, fill=accent)
    centered_text(draw, (0, 70, w, 150), initials, 64, ink)
    centered_text(draw, (20, 238, w - 20, 284), name, 30, ink)
    return quantized(img)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into (default: profiles/images)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    images = {stem: thumbnail(label) for stem, label in THUMBNAILS.items()}
    images.update({stem: photo(*who) for stem, who in PHOTOS.items()})
    for stem, img in images.items():
        path = args.out / f"{stem}.png"
        img.save(path, optimize=True)
        print(f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}  {path.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
