"""Input files a profile names (photo, thumbnails, .bib): resolved inside its folder.

A profile may come from someone else, so no file outside the profile's folder
is read: paths are resolved (symlinks included) and must stay inside it.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Problem, ProfileError
from .load import Loaded, Path_, dotted

MAX_INPUT_BYTES = 20_000_000


def resolve_input(loaded: Loaded, relpath: str, where: Path_) -> Path:
    """The real path of `relpath`, or a located ProfileError."""
    base = loaded.file.resolve().parent
    line, col = loaded.where(where)

    def fail(msg: str) -> ProfileError:
        return ProfileError([Problem(str(loaded.file), line, col, dotted(where), msg)])

    candidate = base / relpath
    try:
        real = candidate.resolve(strict=True)
    except FileNotFoundError:
        return_hint = f"no file '{relpath}' next to the profile ({base})"
        raise fail(return_hint) from None
    except (OSError, RuntimeError) as exc:
        raise fail(f"cannot open '{relpath}': {exc}") from None
    if base not in real.parents:
        raise fail(f"'{relpath}' leads outside the profile's folder (to {real}); copy the file into the folder")
    if not real.is_file():
        raise fail(f"'{relpath}' is not a regular file")
    if real.stat().st_size > MAX_INPUT_BYTES:
        raise fail(f"'{relpath}' is larger than {MAX_INPUT_BYTES // 1_000_000} MB")
    return real
