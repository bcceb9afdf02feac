"""TeX's aux files reused between builds of one profile: one TeX run when the page count holds, the same
PDF as a clean build, and a stale, hostile or planted set never breaks a build or leaves the build folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from cvgen.engines import tex_aux
from cvgen.engines.latexmk import compile_tex
from cvgen.outputs.cv_tex import cv_tex
from cvgen.profile.source import read_profile
from cvgen.views.select import select
from tests.conftest import PROFILES, require

TEX = "apt-get install texlive-xetex latexmk texlive-fonts-recommended"


@pytest.fixture(autouse=True)
def own_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def _tex() -> str:
    source = read_profile(PROFILES / "haoyu-he.yaml")
    return cv_tex(source, select(source.profile, source.publications, "cv", None))


def _edited(tex: str, n: int) -> str:
    return tex.replace("Haoyu He", f"Haoyu He{'~' * n}", 1)  # the same page count


@pytest.mark.latex
def test_an_unchanged_page_count_needs_one_tex_run_and_gives_the_clean_pdf():
    require("latexmk", TEX)
    tex = _tex()
    first = compile_tex(tex, raw_tex=False, aux_key="profile-a")
    assert first.ok and first.tex_runs == 2
    again = compile_tex(_edited(tex, 1), raw_tex=False, aux_key="profile-a")
    clean = compile_tex(_edited(tex, 1), raw_tex=False)
    assert again.ok and again.tex_runs == 1 and clean.tex_runs == 2
    assert again.pdf == clean.pdf
    other = compile_tex(tex, raw_tex=False, aux_key="profile-b")  # another profile starts clean
    assert other.tex_runs == 2


@pytest.mark.latex
def test_a_hostile_aux_falls_back_to_a_clean_run():
    require("latexmk", TEX)
    tex = _tex()
    assert compile_tex(tex, raw_tex=False, aux_key="p").ok
    cache = tex_aux.cache_folder("p")
    assert cache is not None
    (cache / "cv.aux").write_text("\\relax\n\\undefinedhostilemacro\n\\input{/etc/passwd}\n", encoding="utf-8")
    got = compile_tex(tex, raw_tex=False, aux_key="p")
    assert got.ok and got.tex_runs == 2 and b"root:" not in (got.pdf or b"")
    assert compile_tex(tex, raw_tex=False, aux_key="p").tex_runs == 1  # the clean run's files kept again


def _set(folder: Path, aux: str = "\\relax\n", raw_tex: bool = False, engine: str = "xelatex") -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in tex_aux.SUFFIXES:
        (folder / f"cv{suffix}").write_text(aux if suffix == ".aux" else "x\n", encoding="utf-8")
    (folder / "cvgen-aux.json").write_text(json.dumps({"engine": engine, "raw_tex": raw_tex}), encoding="utf-8")


def test_restored_only_for_the_same_engine_and_raw_tex_only_into_a_sandbox(tmp_path):
    cache = tmp_path / "c"
    build = tmp_path / "b"
    build.mkdir()
    _set(cache)
    assert not tex_aux.restore(cache, build, "cv", "lualatex", confined=True)
    assert tex_aux.restore(cache, build, "cv", "xelatex", confined=False)
    assert (build / "cv.aux").read_text() == "\\relax\n"
    _set(cache, raw_tex=True)
    assert not tex_aux.restore(cache, tmp_path / "b2", "cv", "xelatex", confined=False)
    (tmp_path / "b2").mkdir()
    assert tex_aux.restore(cache, tmp_path / "b2", "cv", "xelatex", confined=True)
    (cache / "cvgen-aux.json").write_text("{not json", encoding="utf-8")
    assert not tex_aux.restore(cache, build, "cv", "xelatex", confined=True)
    assert not tex_aux.restore(None, build, "cv", "xelatex", confined=True)


def test_a_link_planted_in_the_build_folder_is_never_followed(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("private key", encoding="utf-8")
    build = tmp_path / "b"
    build.mkdir()
    (build / "cv.aux").symlink_to(secret)  # TeX (say LuaTeX's os library) made it, hoping cvgen copies it out
    (build / "cv.out").write_text("outline\n", encoding="utf-8")
    cache = tmp_path / "c"
    cache.mkdir()
    (cache / "cv.aux").write_text("old\n", encoding="utf-8")
    tex_aux.keep(cache, build, "cv", "xelatex", raw_tex=True)
    assert not (cache / "cv.aux").exists() and (cache / "cv.out").read_text() == "outline\n"
    (cache / "cv.aux").symlink_to(secret)  # nor one in the cache, into the next build folder
    fresh = tmp_path / "f"
    fresh.mkdir()
    tex_aux.restore(cache, fresh, "cv", "xelatex", confined=True)
    assert not (fresh / "cv.aux").exists()


def test_old_cache_folders_are_pruned(tmp_path):
    keys = [f"profile-{i}" for i in range(tex_aux.KEEP + 3)]
    build = tmp_path / "b"
    _set(build)
    for i, key in enumerate(keys):
        folder = tex_aux.cache_folder(key)
        assert folder is not None
        os.utime(folder, (i, i))
        tex_aux.keep(folder, build, "cv", "xelatex", raw_tex=False)
        os.utime(folder, (1000 + i, 1000 + i))
    root = tmp_path / "cache" / "cvgen" / "tex-aux"
    assert len(list(root.iterdir())) == tex_aux.KEEP
    assert tex_aux.cache_folder(keys[-1]) is not None and (tex_aux.cache_folder(keys[-1]) / "cv.aux").exists()  # type: ignore[operator]
