"""TeX's aux files kept between builds of the same profile, so an unchanged page count needs one TeX run.

A fresh build folder makes latexmk run TeX twice: the first run writes the .aux (page references,
the last page, the PDF outline) that the second one reads. Restored from the last build of the same
profile (with latexmk's own record of that run, the .fdb_latexmk), one run is enough when the
references come out the same; when they change, latexmk runs again as it would anyway.

The files live in $XDG_CACHE_HOME/cvgen/tex-aux/<hash of the profile's path and variant>/, outside
the sandbox: cvgen copies them into the build folder before TeX starts and out of it after a good
run, so TeX still writes nothing but its build folder. Only regular files of bounded size are copied
(never through a link TeX may have planted). An .aux is TeX code: one written by a run that held raw
TeX (a raw preamble, a user template) is restored only into a sandboxed run, never into an unconfined
one. A stale or broken set that makes the run fail is not trusted: the caller runs again from a
clean folder (latexmk.compile_tex).
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from cvgen.profile.inside import NotInside, read_inside

SUFFIXES = (".aux", ".out", ".fdb_latexmk")  # references, the PDF outline, latexmk's record of the run
MAX_BYTES = 4_000_000  # a 1000-publication CV's set is well under 1 MB
KEEP = 64  # cache folders kept; the least recently used go first
_META = "cvgen-aux.json"


def cache_folder(key: str) -> Path | None:
    """The cache folder for builds named `key` (a profile's path and variant), or None where none can be made."""
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        root = Path(base) / "cvgen" / "tex-aux"
        folder = root / hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except (OSError, RuntimeError):  # RuntimeError: no home folder at all
        return None
    return folder if os.access(folder, os.W_OK | os.X_OK) else None


def _read_regular(path: Path) -> bytes | None:
    """The bytes of `path` if it is a regular file of at most MAX_BYTES, read without leaving its folder."""
    try:
        return read_inside(path.parent, path.name, MAX_BYTES)
    except NotInside:
        return None


def restore(cache: Path | None, build: Path, jobname: str, engine: str, confined: bool) -> bool:
    """Copy the last good run's files into the (fresh) `build` folder; whether any were copied.

    Nothing is copied for another engine, nor the files of a raw-TeX run into an unconfined one.
    """
    if cache is None:
        return False
    meta = _read_regular(cache / _META)
    try:
        said = json.loads(meta or b"{}")
    except ValueError:
        return False
    if not isinstance(said, dict) or said.get("engine") != engine or (said.get("raw_tex", True) and not confined):
        return False
    copied = False
    for suffix in SUFFIXES:
        data = _read_regular(cache / f"{jobname}{suffix}")
        if data is not None:
            (build / f"{jobname}{suffix}").write_bytes(data)
            copied = True
    if copied:
        os.utime(cache)  # recently used: kept longest
    return copied


def keep(cache: Path | None, build: Path, jobname: str, engine: str, raw_tex: bool) -> None:
    """After a good run: keep its files for the next build of the same profile (each file replaced atomically)."""
    if cache is None:
        return
    try:
        for suffix in SUFFIXES:
            data = _read_regular(build / f"{jobname}{suffix}")
            target = cache / f"{jobname}{suffix}"
            if data is None:
                target.unlink(missing_ok=True)
            else:
                _write_atomic(target, data)
        _write_atomic(cache / _META, json.dumps({"engine": engine, "raw_tex": raw_tex}).encode("utf-8"))
        _prune(cache.parent)
    except OSError:
        pass  # a full or read-only cache costs the next build a TeX run, nothing else


def forget(cache: Path | None) -> None:
    """Drop a set that made a run fail, so the next build starts clean."""
    if cache is not None:
        (cache / _META).unlink(missing_ok=True)


def _write_atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, target)


def _prune(root: Path) -> None:
    """Keep the KEEP most recently used cache folders (every build of a new profile path adds one)."""
    folders = [p for p in root.iterdir() if p.is_dir() and not p.is_symlink()]
    if len(folders) <= KEEP:
        return
    folders.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in folders[KEEP:]:
        for item in old.iterdir():
            if item.is_file() or item.is_symlink():
                item.unlink(missing_ok=True)
        old.rmdir()
