"""The per-machine cache of C-library lookups that WeasyPrint's start makes."""

from __future__ import annotations

import ctypes.util
import json

import pytest

from cvgen.engines import clibs


@pytest.fixture
def lookups(monkeypatch, tmp_path):
    """A stand-in for ctypes' find_library that counts what it is asked."""
    asked: list[str] = []
    real = tmp_path / "libreal.so.1"
    real.write_bytes(b"")

    def find_library(name: str) -> str | None:
        asked.append(name)
        return str(real) if name == "real" else None

    monkeypatch.setattr(ctypes.util, "find_library", find_library)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return asked, real


def ask(*names: str) -> list[str | None]:
    with clibs.cached_library_lookups():
        return [ctypes.util.find_library(n) for n in names]


def test_answers_are_asked_once_per_machine(lookups):
    asked, real = lookups
    assert ask("real", "missing") == [str(real), None]
    assert ask("real", "missing") == [str(real), None]  # a second process start: from the cache
    assert asked == ["real", "missing"]
    stored = json.loads((clibs.cache_file() or pytest.fail("no cache file")).read_text())
    assert stored["answers"] == {"real": str(real), "missing": None}


def test_the_original_lookup_is_restored(lookups):
    original = ctypes.util.find_library
    ask("real")
    assert ctypes.util.find_library is original


def test_a_changed_loader_cache_or_a_vanished_library_asks_again(lookups, monkeypatch):
    asked, real = lookups
    ask("real", "missing")
    monkeypatch.setattr(clibs, "machine_key", lambda: "another machine state")
    ask("real", "missing")
    assert asked == ["real", "missing"] * 2
    real.unlink()
    ask("real")
    assert asked[-1] == "real" and len(asked) == 5


def test_an_unusable_cache_is_not_used(lookups, tmp_path, monkeypatch):
    asked, _ = lookups
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert ask("real") == ask("real")
    assert asked == ["real", "real"]
    (tmp_path / "cache" / "cvgen").mkdir(parents=True)
    (tmp_path / "cache" / "cvgen" / "find_library.json").write_text("{broken")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    ask("real")
    assert asked == ["real"] * 3
