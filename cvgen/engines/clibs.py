"""C-library lookups for WeasyPrint's start, answered from a per-machine cache.

WeasyPrint opens pango, harfbuzz, fontconfig, ... through cffi, trying several
names per library; each name that the dynamic loader does not know is passed to
`ctypes.util.find_library`, which on Linux runs ldconfig, gcc and ld to look
for it (about 200 processes and a quarter of a second per cold start). The
answers change only when system libraries do, so they are kept in
`$XDG_CACHE_HOME/cvgen/find_library.json`, keyed by the loader cache's
identity (`/etc/ld.so.cache` changes whenever a library is installed or
removed). A cache that cannot be read or written is simply not used.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import json
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

LOADER_CACHE = Path("/etc/ld.so.cache")


def cache_file() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache" if Path.home() != Path("/") else None)
    return Path(base) / "cvgen" / "find_library.json" if base else None


def machine_key() -> str:
    """What the answers depend on: the platform and the dynamic loader's cache."""
    try:
        st = LOADER_CACHE.stat()
        loader = f"{st.st_size}:{st.st_mtime_ns}"
    except OSError:
        loader = "none"
    return f"{sys.platform}|{loader}"


def _load(path: Path, key: str) -> dict[str, str | None]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("key") != key or not isinstance(data.get("answers"), dict):
        return {}
    return {str(k): v if isinstance(v, str) else None for k, v in data["answers"].items()}


def _save(path: Path, key: str, answers: dict[str, str | None]) -> None:
    with contextlib.suppress(OSError):
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".find_library.", dir=path.parent)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump({"key": key, "answers": answers}, fh, indent=1, sort_keys=True)
        os.replace(tmp, path)


def _still_valid(answer: str | None) -> bool:
    """A cached path must still be there; a cached "not found" holds while the key does."""
    return answer is None or not os.path.isabs(answer) or os.path.exists(answer)


@contextlib.contextmanager
def cached_library_lookups() -> Iterator[None]:
    """While active, `ctypes.util.find_library` answers from (and fills) the per-machine cache."""
    path = cache_file()
    if path is None:
        yield
        return
    key = machine_key()
    answers = _load(path, key)
    original = ctypes.util.find_library
    misses: list[str] = []

    def find_library(name: str) -> str | None:
        if name in answers and _still_valid(answers[name]):
            return answers[name]
        misses.append(name)
        answers[name] = original(name)
        return answers[name]

    ctypes.util.find_library = find_library
    try:
        yield
    finally:
        ctypes.util.find_library = original
        if misses:
            _save(path, key, answers)
