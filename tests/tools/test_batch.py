"""Several profiles in one command: one warm parent, a forked child per profile."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from cvgen.build import BuildOptions
from cvgen.errors import CvgenError
from cvgen.tools import batch
from tests.conftest import PROFILES


def profiles(tmp_path: Path) -> list[Path]:
    """Both seed profiles (in place: they name pictures next to them) and a broken one."""
    folder = tmp_path / "in"
    folder.mkdir(parents=True)
    bad = folder / "broken.yaml"
    bad.write_text(
        "person: {name: Ada Lovelace}\neducation: [{degree: PhD, institution: MIT, start: 2020-13}]\n", encoding="utf-8"
    )
    return [PROFILES / "haoyu-he.yaml", bad, PROFILES / "gao-huang.yaml"]


def test_each_profile_builds_into_its_own_folder_and_a_bad_one_fails_alone(tmp_path):
    seen: list[batch.BatchResult] = []
    out = tmp_path / "out"
    results = batch.build_many(profiles(tmp_path), BuildOptions(html=True, outdir=out), 2, seen.append)
    assert sorted(r.profile.stem for r in results) == ["broken", "gao-huang", "haoyu-he"]
    assert seen == results
    by_name = {r.profile.stem: r for r in results}
    assert by_name["haoyu-he"].ok and by_name["gao-huang"].ok
    assert (out / "haoyu-he" / "cv.html").is_file() and (out / "gao-huang" / "cv.html").is_file()
    broken = by_name["broken"]
    assert not broken.ok
    assert broken.lines == [
        f"{tmp_path / 'in' / 'broken.yaml'}:2:45: education[0].start: '2020-13': month 13 is not 1-12"
    ]
    assert not (out / "broken").exists()


def test_a_child_that_dies_is_reported_and_the_others_finish(tmp_path, monkeypatch):
    real_build = batch.build

    def build(profile: Path, options: BuildOptions):  # noqa: ANN202 - the stand-in for cvgen.build.build
        if profile.stem == "gao-huang":
            os.kill(os.getpid(), signal.SIGKILL)  # a crash inside the engine, as the parent sees it
        return real_build(profile, options)

    monkeypatch.setattr(batch, "build", build)
    chosen = [p for p in profiles(tmp_path) if p.stem != "broken"]
    results = batch.build_many(chosen, BuildOptions(html=True, outdir=tmp_path / "out"), 2, lambda r: None)
    by_name = {r.profile.stem: r for r in results}
    assert by_name["haoyu-he"].ok
    assert not by_name["gao-huang"].ok and "signal 9" in by_name["gao-huang"].lines[0]


def test_the_pdf_engine_works_in_forked_children(tmp_path):
    out = tmp_path / "out"
    results = batch.build_many(profiles(tmp_path)[:1], BuildOptions(pdf=True, outdir=out), 1, lambda r: None)
    assert results[0].ok, results[0].lines
    assert (out / "haoyu-he" / "cv.pdf").read_bytes().startswith(b"%PDF-")


def test_two_profiles_with_one_name_are_refused(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    with pytest.raises(CvgenError, match="would both be built into"):
        batch.output_folders([tmp_path / "a" / "cv.yaml", tmp_path / "b" / "cv.yaml"], tmp_path / "out")


def test_only_builds_that_print_start_weasyprint(tmp_path):
    """--html or --tex alone never pays WeasyPrint's start, in the parent or the children."""
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; from cvgen.build import BuildOptions; from cvgen.tools import batch; "
        f"batch.build_many([Path({str(PROFILES / 'haoyu-he.yaml')!r})], "
        f"BuildOptions(html=True, tex=True, outdir=Path({str(tmp_path)!r})), 1, lambda r: None); "
        "print('weasyprint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_parent_warms_up_on_its_own_starter_profile_and_leaves_nothing(tmp_path, monkeypatch):
    """The parent prints cvgen's starter profile once before forking (the first print of a process
    loads fonts and style sheets); never a user's profile, and nothing of it stays on disk."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    built: list[tuple[str, BuildOptions]] = []
    real_build = batch.build

    def spy(profile, options):
        built.append((Path(profile).read_text(encoding="utf-8"), options))
        return real_build(profile, options)

    monkeypatch.setattr(batch, "build", spy)
    batch.warm_up(BuildOptions(pdf=True, outdir=tmp_path / "out"))
    from cvgen.tools.starter import starter_text

    assert [(text == starter_text(), o.pdf, o.engine) for text, o in built] == [(True, True, "weasyprint")]
    assert list(tmp_path.iterdir()) == []  # neither the temporary folder nor an output folder is left
    built.clear()
    batch.warm_up(BuildOptions(tex=True, outdir=tmp_path / "out"))
    batch.warm_up(BuildOptions(pdf=True, engine="latex", outdir=tmp_path / "out"))
    assert built == []  # builds that do not print with WeasyPrint do not warm it
