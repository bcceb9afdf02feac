"""Pictures for the homepage: resized with Pillow to the size they are shown at.

A photo straight from a camera is several megabytes and carries EXIF data
(GPS position, camera serial). The homepage shows it at 150 CSS pixels, so it
is scaled to 2x that for high-density screens, turned upright, stripped of
metadata and re-encoded. The output bytes depend only on the input bytes and
the target width: the same profile builds the same site, byte for byte.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from cvgen.errors import ImageError
from cvgen.profile.files import MAX_PIXELS  # a decompression bomb is refused before Pillow decodes it

# Formats a browser shows everywhere; anything else is refused with a hint.
ACCEPTED = {"PNG", "JPEG", "GIF", "WEBP"}


# Metadata that may stay when a file is used as it is: colour and density, no
# EXIF, text chunks, comments or XMP.
_HARMLESS = {
    "PNG": {"transparency", "gamma", "dpi", "srgb", "icc_profile", "aspect", "chromaticity"},
    "JPEG": {
        "jfif",
        "jfif_version",
        "jfif_unit",
        "jfif_density",
        "dpi",
        "icc_profile",
        "progressive",
        "progression",
        "adobe",
        "adobe_transform",
    },
}


@dataclass(frozen=True)
class Resized:
    data: bytes
    ext: str  # "png" or "jpg"
    width: int
    height: int


# Pictures already resized in this process, by the SHA-256 of their bytes and the width: `watch` and
# `serve` decode and re-encode a picture again only when its bytes change (a photo costs 0.1-0.5 s).
_RESIZED: dict[tuple[bytes, int], Resized] = {}
_RESIZED_KEPT = 64


def resize(data: bytes, name: str, width: int) -> Resized:
    """The picture `data` (from the file `name`) scaled down (never up) to at most `width` pixels wide,
    as PNG or JPEG bytes. The same bytes at the same width are resized once per process."""
    key = (hashlib.sha256(data).digest(), width)
    done = _RESIZED.get(key)
    if done is None:
        done = _resize(data, name, width)  # a picture that fails is not kept: it fails each time
        _RESIZED[key] = done
        while len(_RESIZED) > _RESIZED_KEPT:
            del _RESIZED[next(iter(_RESIZED))]
    return done


def _resize(data: bytes, name: str, width: int) -> Resized:
    path = Path(name)
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.format not in ACCEPTED:
                raise ImageError(f"'{path.name}' is a {im.format} image; use PNG, JPEG, GIF or WebP")
            if im.width * im.height > MAX_PIXELS:
                raise ImageError(
                    f"'{path.name}' is {im.width}x{im.height} pixels; scale it below {MAX_PIXELS // 1_000_000} megapixels"
                )
            fmt = im.format
            icc = im.info.get("icc_profile")
            im.load()
            if _usable_as_is(im, width):
                # Already small and clean (e.g. prepared by hand): keep the author's bytes.
                ext = "jpg" if fmt == "JPEG" else "png"
                return Resized(data, ext, im.width, im.height)
            out = _scaled(im, width)
    except ImageError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ImageError(f"'{path.name}' is not an image Pillow can read ({exc})") from None
    return _encode(out, fmt, icc)


def _usable_as_is(im: Image.Image, width: int) -> bool:
    allowed = _HARMLESS.get(im.format or "")
    if allowed is None or im.width > width or getattr(im, "n_frames", 1) > 1:
        return False
    if getattr(im, "text", None):  # PNG tEXt/iTXt/zTXt chunks
        return False
    return set(im.info) <= allowed


def _scaled(im: Image.Image, width: int) -> Image.Image:
    im = ImageOps.exif_transpose(im)  # a portrait photo stays upright without its EXIF tag
    if getattr(im, "n_frames", 1) > 1:
        im.seek(0)  # an animated GIF: its first frame
    if im.width <= width:
        return im
    height = max(1, round(im.height * width / im.width))
    if im.mode not in ("RGB", "RGBA", "L", "LA"):
        im = im.convert("RGBA" if _has_alpha(im) else "RGB")
    return im.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)


def _has_alpha(im: Image.Image) -> bool:
    return im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info


def _encode(im: Image.Image, source_format: str, icc: bytes | None) -> Resized:
    buf = io.BytesIO()
    extra = {"icc_profile": icc} if icc else {}
    if source_format == "JPEG" or (source_format == "WEBP" and not _has_alpha(im)):
        # Photographs stay JPEG; EXIF is dropped by not passing it on.
        if im.mode not in ("RGB", "L"):
            im = im.convert("RGB")
        im.save(buf, "JPEG", quality=85, optimize=True, progressive=True, **extra)
        ext = "jpg"
    else:
        if im.mode not in ("RGB", "RGBA", "L", "LA", "P", "1"):
            im = im.convert("RGBA" if _has_alpha(im) else "RGB")
        params = {k: v for k, v in im.info.items() if k == "transparency"} if im.mode == "P" else {}
        im.save(buf, "PNG", optimize=True, **params, **extra)
        ext = "png"
    return Resized(buf.getvalue(), ext, im.width, im.height)


def favicon_ico(
    initials: str, background: tuple[int, int, int], foreground: tuple[int, int, int] = (255, 255, 255)
) -> bytes:
    """A small .ico (16, 32, 48 px) with the owner's initials, so /favicon.ico never 404s."""
    from PIL import ImageDraw, ImageFont

    size = 48
    im = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(im)
    draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=10, fill=(*background, 255))
    try:
        font = ImageFont.load_default(size=22 if len(initials) > 1 else 28)
    except TypeError:  # Pillow without FreeType: the small bitmap font
        font = ImageFont.load_default()
    draw.text((size / 2, size / 2), initials, fill=(*foreground, 255), font=font, anchor="mm")
    buf = io.BytesIO()
    im.save(buf, "ICO", sizes=[(16, 16), (32, 32), (48, 48)])
    return buf.getvalue()
