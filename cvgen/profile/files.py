"""Input files a profile names (photo, thumbnails, .bib, templates): resolved inside its folder.

A profile may come from someone else, so no file outside the profile's folder
is read: paths are resolved (symlinks included) and must stay inside it, for a
located message; the bytes are then read through folder handles that cannot
leave it (profile/inside.py), so a link swapped in after the check is refused.
Pictures are also checked whole, here, before any engine sees them: a size
and shape an engine can lay out, and every byte of the picture present.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
from collections.abc import Iterator
from pathlib import Path

from cvgen.errors import Problem, ProfileError
from cvgen.profile.inside import NotInside, read_inside
from cvgen.profile.load import Loaded, Path_, dotted

MAX_INPUT_BYTES = 20_000_000


def resolve_input(loaded: Loaded, relpath: str, where: Path_) -> Path:
    """The real path of the file `relpath`, or a located ProfileError."""
    return _resolve(loaded, relpath, where, folder=False)


def read_input(loaded: Loaded, relpath: str, where: Path_) -> bytes:
    """The bytes of the file `relpath` inside the profile's folder, or a located ProfileError."""
    resolve_input(loaded, relpath, where)  # the located message for a missing or outside file
    try:
        return read_inside(loaded.file.resolve().parent, relpath, MAX_INPUT_BYTES)
    except NotInside as exc:
        line, col = loaded.where(where)
        raise ProfileError([Problem(str(loaded.file), line, col, dotted(where), str(exc))]) from None


def resolve_folder(loaded: Loaded, relpath: str, where: Path_) -> Path:
    """The real path of the folder `relpath` (user templates), or a located ProfileError."""
    return _resolve(loaded, relpath, where, folder=True)


def _resolve(loaded: Loaded, relpath: str, where: Path_, folder: bool) -> Path:
    base = loaded.file.resolve().parent
    line, col = loaded.where(where)
    kind = "folder" if folder else "file"

    def fail(msg: str) -> ProfileError:
        return ProfileError([Problem(str(loaded.file), line, col, dotted(where), msg)])

    candidate = base / relpath
    try:
        real = candidate.resolve(strict=True)
    except FileNotFoundError:
        raise fail(f"no {kind} '{relpath}' next to the profile ({base})") from None
    except (OSError, RuntimeError, ValueError) as exc:  # ValueError: a NUL byte; RuntimeError: a symlink loop
        raise fail(f"cannot open '{relpath}': {getattr(exc, 'strerror', None) or exc}") from None
    if real == base:
        raise fail(f"'{relpath}' is the profile's folder itself; name a {kind} inside it")
    if base not in real.parents:
        raise fail(f"'{relpath}' leads outside the profile's folder (to {real}); copy the {kind} into the folder")
    if folder:
        if not real.is_dir():
            raise fail(f"'{relpath}' is not a folder")
        return real
    if not real.is_file():
        raise fail(f"'{relpath}' is not a regular file")
    if real.stat().st_size > MAX_INPUT_BYTES:
        raise fail(f"'{relpath}' is larger than {MAX_INPUT_BYTES // 1_000_000} MB")
    return real


MAX_PIXELS = 40_000_000  # a camera photo is 12-50 megapixels; a picture in a CV needs under 1
MAX_ASPECT = 20  # 20:1 is a wide banner; a 1 x 39,000,000 picture is an attack on the layout


def image_problem(data: bytes, name: str) -> str | None:
    """Why the picture `data` (the file `name`) cannot go into a CV or homepage, or None.

    Pictures Pillow does not recognise (an SVG, say) are left to the engines, which say so. The same
    bytes are decoded once per process (validation, then the homepage, then every `watch` rebuild).
    """
    key = (hashlib.sha256(data).digest(), Path(name).name)  # the bytes themselves are not kept
    if key not in _CHECKED:
        while len(_CHECKED) >= 256:
            del _CHECKED[next(iter(_CHECKED))]
        _CHECKED[key] = _image_problem(data, key[1])
    return _CHECKED[key]


_CHECKED: dict[tuple[bytes, str], str | None] = {}


def _image_problem(data: bytes, name: str) -> str | None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as im:
            width, height = im.size
            if width * height > MAX_PIXELS:
                return f"'{name}' is {width:,} x {height:,} pixels; scale it below {MAX_PIXELS // 1_000_000} megapixels"
            if max(width, height) > MAX_ASPECT * max(1, min(width, height)):
                return f"'{name}' is {width:,} x {height:,} pixels; crop it to at most {MAX_ASPECT}:1"
            with _strict_loading():
                if im.format == "JPEG":
                    im.draft("RGB", (max(1, width // 8), max(1, height // 8)))  # decodes 8x faster, reads it all
                im.load()
    except UnidentifiedImageError:
        return None
    except Image.DecompressionBombError:
        return f"'{name}' has too many pixels; scale it below {MAX_PIXELS // 1_000_000} megapixels"
    except (OSError, SyntaxError, ValueError, EOFError) as exc:  # SyntaxError: Pillow's "broken PNG file"
        return f"'{name}' is damaged or cut short ({exc}); save it again from the original"
    return None


@contextlib.contextmanager
def _strict_loading() -> Iterator[None]:
    """Pillow's LOAD_TRUNCATED_IMAGES off while we look: WeasyPrint turns it on for the whole process
    when it is imported, which would let a cut-off picture through. (A process-wide flag: pictures
    are checked while no other thread decodes one.)"""
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        yield
    finally:
        ImageFile.LOAD_TRUNCATED_IMAGES = before
