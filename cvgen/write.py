"""Stage 6: atomic writes confined to the output folder.

Each file is written to a temporary file in the same folder, flushed, then
renamed over the target: a reader (or a killed build) sees the old file or
the new one, never half of one. Paths may not leave the output folder, and
never lead to one of the profile's inputs (`-o .` must not replace the photo
with its resized copy, nor a .bib with the export).

A build is a transaction (`OutputDir.transaction`): every output is staged
as a temporary file first and all are renamed into place only when the whole
build succeeded; a build that fails at any point leaves the previous outputs
as they were (a failed TeX run's log excepted: it explains the failure).
Outputs whose names depend on the content (the homepage's pages and pictures)
are listed in a manifest, `.cvgen-manifest.json`, so the next build of them
removes the files it no longer makes, and never a file it did not make.

A build holds a lock on the output folder while it writes (`OutputDir.lock`),
so two builds into one folder take turns; the holder of the lock also removes
temporary files that a killed build left behind.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from cvgen.errors import BuildError

LOCK_TIMEOUT = 600.0  # seconds to wait for another build into the same folder
MAX_BUILD_BYTES = 300_000_000  # all outputs of one build; a CV and a site with pictures take a few MB
MANIFEST = ".cvgen-manifest.json"


def _temp_name(name: str) -> re.Pattern[str]:
    """Names `tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp")` gives (8 random characters)."""
    return re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp")


_ANY_TEMP = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp")


class OutputDir:
    def __init__(self, root: Path, inputs: Iterable[Path] = ()):
        self.root = root
        self.written: list[Path] = []
        self.locked = False
        self.inputs = [Path(p).resolve() for p in inputs]  # files and folders the build reads: never written
        self._staged: dict[Path, tuple[str, bool]] | None = None  # in a transaction: target -> (temp, keep)
        self._group: str | None = None
        self._groups: dict[str, list[Path]] = {}
        self.total = 0  # bytes written by this build (bounded by MAX_BUILD_BYTES)

    def prepare(self) -> None:
        self._refuse_input(self.root.resolve(), "the output folder")
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
        self._refuse_input(path, relpath)
        return path

    def _refuse_input(self, path: Path, what: str) -> None:
        for source in self.inputs:
            if path == source or source in path.parents:
                raise BuildError(
                    f"{what} would be written over {source}, which the profile reads; build into another "
                    f"folder (-o out, the default) instead of -o {self.root}"
                )

    def write(self, relpath: str, data: bytes | str, keep: bool = False) -> Path:
        """Write `relpath`; in a transaction, staged until it ends (`keep`: even when it fails)."""
        path = self.target(relpath)
        raw = data.encode("utf-8") if isinstance(data, str) else data
        self.total += len(raw)
        if self.total > MAX_BUILD_BYTES:
            raise BuildError(
                f"this build's outputs would exceed {MAX_BUILD_BYTES // 1_000_000} MB (at {relpath}); "
                "a CV and its homepage take a few MB, so the profile makes far too much output"
            )
        tmp = self._temporary(path, raw)
        if self._staged is not None:
            previous = self._staged.pop(path, None)
            if previous:
                _unlink(previous[0])
            self._staged[path] = (tmp, keep)
            if self._group is not None:
                self._groups.setdefault(self._group, []).append(path)
            return path
        self._publish(path, tmp)
        return path

    def _temporary(self, path: Path, data: bytes) -> str:
        """`data` in a new temporary file beside `path`, on disk (fsync), readable by all."""
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
        except BaseException as exc:
            _unlink(tmp)
            if isinstance(exc, OSError):
                raise BuildError(
                    f"{path}: cannot write: {exc.strerror or exc} (the previous file is untouched)"
                ) from None
            raise
        return tmp

    def _publish(self, path: Path, tmp: str) -> None:
        try:
            os.replace(tmp, path)
        except OSError as exc:
            _unlink(tmp)
            raise BuildError(f"{path}: cannot write: {exc.strerror or exc} (the previous file is untouched)") from None
        _sync_folder(path.parent)
        self.written.append(path)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Stage every write; publish all when the block ends normally, only the `keep` ones otherwise."""
        self._staged, self._groups = {}, {}
        try:
            yield
        except BaseException:
            staged, self._staged = self._staged, None
            for path, (tmp, keep) in staged.items():
                try:
                    self._publish(path, tmp) if keep else _unlink(tmp)
                except BuildError:
                    pass  # the build's own failure is the one to report
            raise
        staged, self._staged = self._staged, None
        try:
            for path, (tmp, _) in staged.items():
                self._publish(path, tmp)
        except BaseException:
            for _, (tmp, _) in staged.items():
                _unlink(tmp)  # those not yet renamed; a renamed one is gone already
            raise
        self._update_manifest()

    @contextmanager
    def group(self, name: str) -> Iterator[None]:
        """Writes that together replace the group's files of the last build (see the manifest)."""
        self._group = name
        self._groups.setdefault(name, [])
        try:
            yield
        finally:
            self._group = None

    def _update_manifest(self) -> None:
        if not self._groups:
            return
        root = self.root.resolve()
        manifest = self._read_manifest()
        for name, paths in self._groups.items():
            now = sorted({str(p.relative_to(root)) for p in paths})
            for rel in manifest.get(name, []):
                if rel not in now:
                    self._remove_stale(rel)
            manifest[name] = now
        self._publish(root / MANIFEST, self._temporary(root / MANIFEST, json.dumps(manifest, indent=1).encode()))

    def _read_manifest(self) -> dict[str, list[str]]:
        try:
            data = json.loads((self.root / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {k: [r for r in v if isinstance(r, str)] for k, v in data.items() if isinstance(v, list)}

    def _remove_stale(self, rel: str) -> None:
        """Remove a file an earlier build made and this one did not: a regular file inside the output
        folder that is no input; then its folders, if empty (images/)."""
        root = self.root.resolve()
        path = root / rel
        if ".." in Path(rel).parts or Path(rel).is_absolute() or path.resolve() != path:
            return  # not a name cvgen writes; whatever it is, it stays
        if any(path == p or p in path.parents for p in self.inputs) or not path.is_file() or path.is_symlink():
            return
        _unlink(str(path))
        for folder in path.parents:
            if folder == root:
                break
            try:
                folder.rmdir()
            except OSError:
                break


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


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
