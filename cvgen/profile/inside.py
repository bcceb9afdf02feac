"""Reading a file inside a folder without ever leaving it, even while the folder changes.

A profile's folder may belong to someone else, who can swap a sub-folder for a
symlink to `/` between a check and a read. So files are not checked by name
and then reopened: each path is walked one component at a time from an open
handle of the folder (`openat` with O_NOFOLLOW), a symlink is followed only by
reading it and walking its target the same way, and the bytes come from the
very handle that was checked. This is what Linux's `openat2(RESOLVE_BENEATH)`
does in the kernel, which Python does not offer.
"""

from __future__ import annotations

import errno
import os
import stat
from collections import deque
from pathlib import Path, PurePosixPath

MAX_LINKS = 40  # as the kernel's own limit on symlinks in one lookup


class NotInside(Exception):
    """The path cannot be read inside the folder; the message says why, without the folder's name."""


class Missing(NotInside):
    """Nothing is at the path (as opposed to something that may not be read)."""


def read_inside(root: Path, relpath: str, max_bytes: int) -> bytes:
    """The bytes of the regular file `relpath` under `root`, read through handles that never leave `root`."""
    fd = open_inside(root, relpath)
    try:
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise NotInside(f"'{relpath}' is larger than {max_bytes // 1_000_000} MB")
    return data


def open_inside(root: Path, relpath: str) -> int:
    """A read-only descriptor of the regular file `relpath` under `root` (the caller closes it)."""
    if PurePosixPath(relpath).is_absolute() or "\0" in relpath:
        raise NotInside(f"'{relpath}' is not a path inside the profile's folder")
    parts = deque(PurePosixPath(relpath).parts)
    stack = [os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)]
    links = 0
    try:
        while parts:
            name = parts.popleft()
            if name in ("", "."):
                continue
            if name == "..":
                if len(stack) == 1:
                    raise NotInside(f"'{relpath}' leads outside the profile's folder")
                os.close(stack.pop())
                continue
            target = _link_target(stack[-1], name)
            if target is not None:
                links += 1
                if links > MAX_LINKS or PurePosixPath(target).is_absolute():
                    raise NotInside(f"'{relpath}' leads outside the profile's folder (a link to {target})")
                parts.extendleft(reversed(PurePosixPath(target).parts))
                continue
            fd = _open_step(stack[-1], name, last=not parts, relpath=relpath)
            if not parts:
                return fd
            stack.append(fd)
        raise NotInside(f"'{relpath}' names a folder, not a file")
    finally:
        for fd in stack:
            os.close(fd)


def _link_target(dir_fd: int, name: str) -> str | None:
    """What the entry `name` links to, or None if it is not a symlink."""
    try:
        return os.readlink(name, dir_fd=dir_fd)
    except OSError as exc:
        if exc.errno in (errno.EINVAL, errno.ENOENT, errno.ENOTDIR):
            return None  # not a link (or gone: the open below says so)
        raise NotInside(f"cannot read '{name}': {exc.strerror}") from None


def _open_step(dir_fd: int, name: str, last: bool, relpath: str) -> int:
    """Open one component without following a link; a link swapped in meanwhile fails with ELOOP."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | (os.O_NONBLOCK if last else os.O_DIRECTORY)
    try:
        fd = os.open(name, flags, dir_fd=dir_fd)
    except FileNotFoundError:
        raise Missing(f"no file '{relpath}' next to the profile") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise NotInside(f"'{relpath}' changed while it was read (a link appeared); build again") from None
        raise NotInside(f"cannot open '{relpath}': {exc.strerror}") from None
    if last and not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise NotInside(f"'{relpath}' is not a regular file")
    return fd
