"""Stage 6: atomic writes confined to the output folder.

Each file is written to a temporary file in the same folder, flushed, then
renamed over the target: a reader (or a killed build) sees the old file or
the new one, never half of one. Paths may not leave the output folder.

A build holds a lock on the output folder while it writes (`OutputDir.lock`),
so two builds into one folder take turns; the holder of the lock also removes
temporary files that a killed build left behind.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cvgen.errors import BuildError

LOCK_TIMEOUT = 600.0  # seconds to wait for another build into the same folder


def _temp_name(name: str) -> re.Pattern[str]:
    """Names `tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp")` gives (8 random characters)."""
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


_ANY_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


class OutputDir:
    def __init__(self, root: Path):
        self.root = root
        self.written: list[Path] = []
        self.locked = False

    def prepare(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BuildError(f"{self.root}: cannot create the output folder: {exc.strerror}") from None
        if not os.access(self.root, os.W_OK):
            raise BuildError(f"{self.root}: the output folder is not writable")

    @contextmanager
    def lock(self, timeout: float | None = None) -> Iterator[None]:
        """Hold the output folder for one build; wait (up to `timeout` s) while another build holds it.

        The lock is an advisory `flock` on the folder itself (no lock file to publish with a
        site); the kernel drops it when the process ends, even by SIGKILL. Where folders cannot
        be locked (Windows, some network file systems) the build goes on unlocked.
        """
        try:
            import fcntl
        except ImportError:  # Windows
            yield
            return
        try:
            fd = os.open(self.root, os.O_RDONLY)
        except OSError:
            yield
            return
        try:
            deadline = time.monotonic() + (LOCK_TIMEOUT if timeout is None else timeout)
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    self.locked = True
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise BuildError(
                            f"{self.root}: another cvgen build is still writing into this folder; "
                            "try again when it has finished"
                        ) from None
                    time.sleep(0.05)
                except OSError:
                    break  # no locks on this file system
            if self.locked:
                self._remove_stale_temps(self.root, _ANY_TEMP)
            yield
        finally:
            self.locked = False
            os.close(fd)  # releases the lock

    def _remove_stale_temps(self, folder: Path, pattern: re.Pattern[str]) -> None:
        """Temporary files of a killed build. Only under the lock: no other build is writing then."""
        try:
            entries = list(os.scandir(folder))
        except OSError:
            return
        for entry in entries:
            if pattern.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                try:
                    os.unlink(entry.path)
                except OSError:
                    pass

    def target(self, relpath: str) -> Path:
        root = self.root.resolve()
        path = (root / relpath).resolve()
        if path != root and root not in path.parents:
            raise BuildError(f"{relpath}: refusing to write outside the output folder {self.root}")
        return path

    def write(self, relpath: str, data: bytes | str) -> Path:
        path = self.target(relpath)
        if isinstance(data, str):
            data = data.encode("utf-8")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if self.locked:
                self._remove_stale_temps(path.parent, _temp_name(path.name))
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise BuildError(f"{path}: cannot write: {exc.strerror or exc}") from None
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
        except BaseException as exc:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            if isinstance(exc, OSError):
                raise BuildError(
                    f"{path}: cannot write: {exc.strerror or exc} (the previous file is untouched)"
                ) from None
            raise
        _sync_folder(path.parent)
        self.written.append(path)
        return path


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (a power cut after a build keeps the new file)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_new_file(path: Path, text: str, force: bool = False) -> Path:
    """A file the user asked for by name (`cvgen new`, `cvgen import -o`): never overwrites without --force."""
    if path.exists() and not force:
        raise BuildError(f"{path} already exists; pass --force to overwrite it")
    out = OutputDir(path.parent if str(path.parent) else Path("."))
    out.prepare()
    return out.write(path.name, text)
