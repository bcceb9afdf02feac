"""Stage 6: atomic writes confined to the output folder.

Each file is written to a temporary file in the same folder, flushed, then
renamed over the target: a reader (or a killed build) sees the old file or
the new one, never half of one. Paths may not leave the output folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from .errors import BuildError


class OutputDir:
    def __init__(self, root: Path):
        self.root = root
        self.written: list[Path] = []

    def prepare(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BuildError(f"{self.root}: cannot create the output folder: {exc.strerror}") from None
        if not os.access(self.root, os.W_OK):
            raise BuildError(f"{self.root}: the output folder is not writable")

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
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        except OSError as exc:
            raise BuildError(f"{path}: cannot write: {exc.strerror}") from None
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
                raise BuildError(f"{path}: cannot write: {exc.strerror} (the previous file is untouched)") from None
            raise
        self.written.append(path)
        return path

    def copy(self, source: Path, relpath: str) -> Path:
        """Copy a (confined, already checked) input file into the output folder atomically."""
        return self.write(relpath, source.read_bytes())

    def remove_tree(self, relpath: str) -> None:
        path = self.target(relpath)
        if path.is_dir():
            shutil.rmtree(path)
