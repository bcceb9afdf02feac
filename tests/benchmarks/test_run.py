"""benchmarks/run.py without timing anything: its generated CVs are valid and alike for both tools, its
process measurement works, and it says plainly when the RenderCV rows are skipped."""

from __future__ import annotations

import sys

import pytest
import yaml

from benchmarks import run
from benchmarks.profiles import OWNER, make_cv, write_profiles
from cvgen.profile.source import read_profile


def test_the_generated_profiles_are_valid_and_equivalent(tmp_path):
    ours, theirs = write_profiles(tmp_path, 40, seed=3)
    source = read_profile(ours)
    assert len(source.publications) == 40
    assert all(any(a.rstrip("*") == OWNER for a in p.authors) for p in source.publications)
    assert len({len(p.authors) for p in source.publications}) > 5  # author lists of many lengths
    rendercv = yaml.safe_load(theirs.read_text(encoding="utf-8"))["cv"]
    papers = rendercv["sections"]["publications"]
    assert [p["title"] for p in papers] == [p.title for p in source.publications]
    assert all(any(a.startswith(f"**{OWNER}**") for a in p["authors"]) for p in papers)
    assert make_cv(40, 3) == make_cv(40, 3) and make_cv(40, 3) != make_cv(40, 4)


def test_a_process_is_measured_and_a_failing_one_stops_the_run():
    got = run.run([sys.executable, "-c", "sum(range(10**6))"])
    assert got.wall > 0 and got.cpu > 0 and got.rss_mb > 1
    with pytest.raises(RuntimeError, match="exit 3"):
        run.run([sys.executable, "-c", "raise SystemExit(3)"])


def test_without_rendercv_its_rows_are_skipped_and_said_so(tmp_path, capsys):
    assert run.main(["--only", "cold", "--reps", "1", "--rendercv", str(tmp_path / "no-rendercv")]) == 0
    said = capsys.readouterr().out
    assert "RenderCV rows SKIPPED" in said and "cold 40 pubs" not in said
    assert run.main(["--only", "nothing"]) == 2
