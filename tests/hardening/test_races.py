"""Failure 4: a sub-folder of the profile swapped for a symlink to another folder while builds run.

Files are walked from a handle of the profile's folder without following links out of it, and read
from the handle that was checked: a swap between the check and the read is refused, never read.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from cvgen.errors import ProfileError
from cvgen.profile.files import read_input
from cvgen.profile.inside import NotInside, read_inside
from cvgen.profile.load import load_file
from cvgen.profile.source import read_profile
from cvgen.render import ConfinedLoader, html_environment

SECRET = "SECRET-OUTSIDE-THE-PROFILE"
BIB = "@article{{k, title={{{title}}}, author={{Ada Lovelace}}, journal={{J}}, year=2020}}\n"


def _folders(tmp_path: Path) -> tuple[Path, Path]:
    """A profile whose publications come from refs/pubs.bib, and an outside folder with a secret .bib."""
    prof, outside = tmp_path / "prof", tmp_path / "outside"
    (prof / "refs").mkdir(parents=True)
    outside.mkdir()
    (prof / "refs" / "pubs.bib").write_text(BIB.format(title="Inside Paper"))
    (outside / "pubs.bib").write_text(BIB.format(title=SECRET))
    (prof / "cv.yaml").write_text("person:\n  name: Ada Lovelace\npublications:\n  - bibtex: refs/pubs.bib\n")
    return prof, outside


def _swap_to_link(prof: Path, outside: Path) -> None:
    os.rename(prof / "refs", prof / "refs.real")
    os.symlink(outside, prof / "refs")


def test_a_swap_after_the_check_is_refused_not_read(tmp_path):
    prof, outside = _folders(tmp_path)
    loaded = load_file(prof / "cv.yaml")
    from cvgen.profile.files import resolve_input

    resolve_input(loaded, "refs/pubs.bib", ("publications", 0, "bibtex"))  # the check passes...
    _swap_to_link(prof, outside)  # ...then the folder becomes a link out
    with pytest.raises(NotInside, match="leads outside"):
        read_inside(prof, "refs/pubs.bib", 1_000_000)
    with pytest.raises(ProfileError) as err:
        read_input(loaded, "refs/pubs.bib", ("publications", 0, "bibtex"))
    assert SECRET not in str(err.value)
    assert "cv.yaml:4:" in str(err.value)


def test_links_that_stay_inside_are_followed_and_links_out_are_not(tmp_path):
    prof, outside = _folders(tmp_path)
    os.symlink("refs", prof / "alias")  # relative, inside
    os.symlink("../outside", prof / "up")  # relative, leads out
    os.symlink(outside / "pubs.bib", prof / "abs.bib")  # absolute
    assert b"Inside Paper" in read_inside(prof, "alias/pubs.bib", 1_000_000)
    for rel in ("up/pubs.bib", "abs.bib", "../outside/pubs.bib", "refs/../../outside/pubs.bib"):
        with pytest.raises(NotInside):
            read_inside(prof, rel, 1_000_000)
    os.symlink("loop", prof / "loop")
    with pytest.raises(NotInside):
        read_inside(prof, "loop", 1_000_000)
    os.mkfifo(prof / "fifo")
    with pytest.raises(NotInside, match="not a regular file"):  # and it does not block
        read_inside(prof, "fifo", 1_000_000)


def test_builds_during_constant_swapping_never_read_the_outside_file(tmp_path):
    """The attack as it was run: one thread swaps the folder and a link back and forth."""
    prof, outside = _folders(tmp_path)
    stop = threading.Event()

    def swap() -> None:
        while not stop.is_set():
            os.rename(prof / "refs", prof / "refs.real")
            os.symlink(outside, prof / "refs")
            os.unlink(prof / "refs")
            os.rename(prof / "refs.real", prof / "refs")

    swapper = threading.Thread(target=swap)
    swapper.start()
    leaked = read = refused = 0
    try:
        for _ in range(300):
            try:
                titles = [p.title for p in read_profile(prof / "cv.yaml").publications]
            except ProfileError as exc:
                refused += 1
                leaked += SECRET in str(exc)
                continue
            read += 1
            leaked += SECRET in titles
    finally:
        stop.set()
        swapper.join()
    assert leaked == 0
    assert read + refused == 300


def test_a_user_template_swapped_for_a_link_out_is_refused(tmp_path):
    prof, outside = tmp_path / "prof", tmp_path / "outside"
    (prof / "tpl" / "cv").mkdir(parents=True)
    (outside / "cv").mkdir(parents=True)
    (outside / "cv" / "cv.html.j2").write_text(SECRET)
    (prof / "tpl" / "cv" / "cv.html.j2").write_text("mine")
    loader = ConfinedLoader(prof / "tpl")
    env = html_environment()
    assert loader.get_source(env, "cv/cv.html.j2")[0] == "mine"
    os.rename(prof / "tpl" / "cv", prof / "tpl" / "cv.real")
    os.symlink(outside / "cv", prof / "tpl" / "cv")
    from cvgen.errors import BuildError

    with pytest.raises(BuildError, match="outside"):
        loader.get_source(env, "cv/cv.html.j2")


def test_a_photo_swapped_for_a_broken_one_after_validation_is_refused(tmp_path, cli, monkeypatch):
    """Validation checked the photo's bytes; the homepage resizes the bytes it reads itself, so those
    are checked too: a file replaced in between (here, cut short) is refused, located, not printed."""
    from PIL import Image, ImageFile

    from cvgen.outputs import homepage
    from cvgen.profile import files

    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as WeasyPrint sets it
    prof = tmp_path / "prof"
    prof.mkdir()
    Image.effect_noise((300, 300), 60).convert("RGB").save(prof / "me.png")
    good = (prof / "me.png").read_bytes()
    (prof / "cv.yaml").write_text("person: {name: Ada Lovelace, photo: me.png}\n")
    real_read = files.read_input

    def swapped(loaded, relpath, where):  # the file as it is once validation has passed
        assert real_read(loaded, relpath, where) == good
        return good[:-400]

    monkeypatch.setattr(homepage, "read_input", swapped)
    code, _, err = cli("build", prof / "cv.yaml", "--homepage", "-o", tmp_path / "out")
    assert code == 1 and "cv.yaml:1:30: person.photo: 'me.png' is damaged or cut short" in err, err
    assert not (tmp_path / "out" / "index.html").exists()


def test_the_pdf_engine_reads_resources_through_the_same_confined_walk(tmp_path):
    """A user template's stylesheet or picture (file:// under the profile's folder) is read without
    leaving the folder: a sub-folder swapped for a link out is blocked, not read."""
    from weasyprint.urls import FatalURLFetchingError

    from cvgen.engines.weasyprint import _fetcher_class

    prof, outside = tmp_path / "prof", tmp_path / "outside"
    (prof / "tpl").mkdir(parents=True)
    outside.mkdir()
    (prof / "tpl" / "x.css").write_text("p { color: red }")
    (outside / "x.css").write_text(SECRET)
    fetcher = _fetcher_class()([prof])
    assert fetcher.fetch((prof / "tpl" / "x.css").as_uri()).read() == b"p { color: red }"
    os.rename(prof / "tpl", prof / "tpl.real")
    os.symlink(outside, prof / "tpl")
    with pytest.raises(FatalURLFetchingError, match="leads outside"):
        fetcher.fetch((prof / "tpl" / "x.css").as_uri())
    with pytest.raises(FatalURLFetchingError, match="outside the profile's folder"):
        fetcher.fetch((outside / "x.css").as_uri())
    with pytest.raises(ValueError, match="missing file"):
        fetcher.fetch((prof / "nothing.css").as_uri())
