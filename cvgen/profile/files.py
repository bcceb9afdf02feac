"""Input files a profile names (photo, thumbnails, .bib, templates): resolved inside its folder.

A profile may come from someone else, so no file outside the profile's folder
is read: paths are resolved (symlinks included) and must stay inside it.
"""

from __future__ import annotations

from pathlib import Path

from cvgen.errors import Problem, ProfileError
from cvgen.profile.load import Loaded, Path_, dotted

MAX_INPUT_BYTES = 20_000_000


def resolve_input(loaded: Loaded, relpath: str, where: Path_) -> Path:
    """The real path of the file `relpath`, or a located ProfileError."""
    return _resolve(loaded, relpath, where, folder=False)


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
