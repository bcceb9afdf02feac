"""The catalogue of bad inputs: each one fails with exactly the message we promise.

Data cases live in tests/hardening/bad/: `NAME.yaml` is the profile (copied to
`profile.yaml` in a fresh folder, with `NAME.files/` beside it when present) and
`NAME.expected` the exact stderr of `cvgen validate` AND `cvgen build --pdf`, with
`{file}` for the profile's path and `{dir}` for its folder. Cases that need the file
system (symlinks, FIFOs, sizes) are generated below, with their expected lines here.

Every case: exit 1, every line `file:line:col: path: message` where there is a line,
no traceback, nothing written, and it fails fast (< 2 s, alias bombs included).

`escaped-*.yaml` profiles are hostile but valid: they must BUILD, show the text of each
line of `NAME.shows` literally in the PDF, and contain none of `NAME.hides` in cv.html.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from cvgen.profile.load import MAX_BYTES
from tests.conftest import pdf_text
from tests.hardening.support import html_problems, run_cvgen, squash

BAD = Path(__file__).parent / "bad"
DATA_CASES = sorted(p.stem for p in BAD.glob("*.yaml") if not p.stem.startswith("escaped-"))
ESCAPED_CASES = sorted(p.stem for p in BAD.glob("escaped-*.yaml"))
FAST = 2.0  # seconds: a bad profile is refused at once, whatever it holds


def place(case: str, tmp_path: Path) -> Path:
    folder = tmp_path / "p"
    folder.mkdir()
    extra = BAD / f"{case}.files"
    if extra.is_dir():
        shutil.copytree(extra, folder, dirs_exist_ok=True)
    profile = folder / "profile.yaml"
    shutil.copyfile(BAD / f"{case}.yaml", profile)
    return profile


def expected_lines(text: str, file: str | Path, folder: str | Path) -> list[str]:
    """The `.expected` lines with `{file}` and `{dir}` filled in (plain replacement: messages hold braces)."""
    return [line.replace("{file}", str(file)).replace("{dir}", str(folder)) for line in text.splitlines()]


def check_refused(cli, profile: Path, expected: list[str], outdir: Path) -> None:
    """`validate` and `build --pdf` both: exit 1, exactly `expected` on stderr, nothing written."""
    for command in ("validate", "build"):
        args = [command, profile] + (["--pdf", "-o", outdir] if command == "build" else [])
        start = time.perf_counter()
        code, out, err = cli(*args)
        took = time.perf_counter() - start
        assert code == 1, f"{command}: exit {code}\n{err}"
        assert err.splitlines() == expected, f"{command} said:\n{err}"
        assert out == "" and "Traceback" not in err
        assert took < FAST, f"{command} took {took:.2f} s"
        assert not outdir.exists() or not any(outdir.iterdir()), "a refused profile wrote files"
    n = len(expected) - 1
    assert expected[-1] == f"{n} problem{'s' if n != 1 else ''} found; nothing was written."
    for line in expected[:-1]:
        located = line.startswith(f"{profile}:") and line[len(str(profile)) + 1 :].split(":")[0].isdigit()
        whole_file = line.startswith(f"{profile}: ")  # problems of the file itself: size, encoding, kind
        assert located or whole_file, line


@pytest.mark.parametrize("case", DATA_CASES)
def test_bad_profile(case, tmp_path, cli):
    profile = place(case, tmp_path)
    expected = expected_lines((BAD / f"{case}.expected").read_text(encoding="utf-8"), profile, profile.parent)
    check_refused(cli, profile, expected, tmp_path / "out")


def test_catalogue_is_complete():
    """Every data case has its expected message, and the catalogue covers what the issue lists."""
    for case in DATA_CASES:
        assert (BAD / f"{case}.expected").is_file(), case
    for case in ESCAPED_CASES:
        assert (BAD / f"{case}.shows").is_file(), case
    must = [
        "syntax-tab-indent",
        "syntax-bad-indent",
        "syntax-unclosed-single-quote",
        "duplicate-keys",
        "wrong-types",
        "unknown-keys",
        "empty",
        "not-utf8",
        "binary",
        "deep-nesting",
        "alias-bomb",
        "date-impossible",
        "date-start-after-end",
        "missing-files",
        "path-dotdot",
        "path-absolute",
        "link-javascript",
        "link-data-file",
    ]
    assert not [c for c in must if c not in DATA_CASES]
    assert "escaped-raw-html" in ESCAPED_CASES
    assert len(DATA_CASES) + len(GENERATED) + len(ESCAPED_CASES) >= 60


# --------------------------------------------------------------------------- generated cases
# Each returns (profile, expected lines); `t` is the test's tmp_path, the profile lives in t/p.


def _profile(t: Path, text: str) -> Path:
    folder = t / "p"
    folder.mkdir(exist_ok=True)
    path = folder / "profile.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def very_large_file(t: Path):
    path = _profile(t, "person: {name: Ada Lovelace}\n" + "# padding\n" * (MAX_BYTES // 10 + 1))
    size = path.stat().st_size
    return path, [
        f"{path}: the file is {size:,} bytes; profiles are limited to {MAX_BYTES:,} bytes "
        "(move long publication lists to a .bib file)"
    ]


def symlink_out(t: Path):
    (t / "outside").mkdir()
    (t / "outside" / "ada.jpg").write_bytes(b"\xff\xd8\xff")
    path = _profile(t, "person: {name: Ada Lovelace, photo: me.jpg}\n")
    (path.parent / "me.jpg").symlink_to(t / "outside" / "ada.jpg")
    return path, [
        f"{path}:1:30: person.photo: 'me.jpg' leads outside the profile's folder (to {t}/outside/ada.jpg); "
        "copy the file into the folder"
    ]


def symlinked_folder_out(t: Path):
    (t / "outside").mkdir()
    (t / "outside" / "notes.png").write_bytes(b"\x89PNG")
    (t / "outside" / "papers.bib").write_text("@misc{a, title={A}}\n")
    path = _profile(t, "person: {name: Ada Lovelace}\npublications:\n  - {title: Notes, thumbnail: img/notes.png}\n")
    (path.parent / "img").symlink_to(t / "outside", target_is_directory=True)
    return path, [
        f"{path}:3:20: publications[0].thumbnail: 'img/notes.png' leads outside the profile's folder "
        f"(to {t}/outside/notes.png); copy the file into the folder"
    ]


def symlink_to_device(t: Path):
    path = _profile(t, "person: {name: Ada Lovelace, photo: me.jpg}\n")
    (path.parent / "me.jpg").symlink_to("/dev/zero")
    return path, [
        f"{path}:1:30: person.photo: 'me.jpg' leads outside the profile's folder (to /dev/zero); "
        "copy the file into the folder"
    ]


def symlink_loop(t: Path):
    path = _profile(t, "person: {name: Ada Lovelace, photo: a.jpg}\n")
    (path.parent / "a.jpg").symlink_to("b.jpg")
    (path.parent / "b.jpg").symlink_to("a.jpg")
    return path, [f"{path}:1:30: person.photo: cannot open 'a.jpg': Symlink loop from '{path.parent}/a.jpg'"]


def fifo_photo(t: Path):
    path = _profile(t, "person: {name: Ada Lovelace, photo: me.jpg}\n")
    os.mkfifo(path.parent / "me.jpg")  # reading it would block the build forever
    return path, [f"{path}:1:30: person.photo: 'me.jpg' is not a regular file"]


def templates_symlinked_out(t: Path):
    (t / "elsewhere" / "cv").mkdir(parents=True)
    path = _profile(t, "person: {name: Ada Lovelace}\ncv: {templates: tpl}\n")
    (path.parent / "tpl").symlink_to(t / "elsewhere", target_is_directory=True)
    return path, [
        f"{path}:2:6: cv.templates: 'tpl' leads outside the profile's folder (to {t}/elsewhere); "
        "copy the folder into the folder"
    ]


def profile_missing(t: Path):
    (t / "p").mkdir()
    path = t / "p" / "profile.yaml"
    return path, [f"{path}: no such file"]


def profile_is_fifo(t: Path):
    (t / "p").mkdir()
    path = t / "p" / "profile.yaml"
    os.mkfifo(path)
    return path, [f"{path}: not a regular file (a device, pipe or socket); give the profile's .yaml file"]


GENERATED: dict[str, Callable[[Path], tuple[Path, list[str]]]] = {
    "very-large-file": very_large_file,
    "symlink-out": symlink_out,
    "symlinked-folder-out": symlinked_folder_out,
    "symlink-to-device": symlink_to_device,
    "symlink-loop": symlink_loop,
    "fifo-photo": fifo_photo,
    "templates-symlinked-out": templates_symlinked_out,
    "profile-missing": profile_missing,
    "profile-is-fifo": profile_is_fifo,
}


@pytest.mark.parametrize("case", GENERATED)
def test_bad_profile_generated(case, tmp_path, cli):
    profile, lines = GENERATED[case](tmp_path)
    n = len(lines)
    expected = lines + [f"{n} problem{'s' if n != 1 else ''} found; nothing was written."]
    check_refused(cli, profile, expected, tmp_path / "out")


# --------------------------------------------------------------------------- in a real process


@pytest.mark.parametrize(
    "case, command",
    [
        ("syntax-tab-indent", "build"),
        ("alias-bomb", "build"),
        ("binary", "validate"),
        ("path-dotdot", "validate"),
        ("yaml-python-tag", "validate"),
    ],
)
def test_bad_profile_in_a_real_process(case, command, tmp_path):
    """`python -m cvgen` as a user runs it: a relative path, exit 1, the same exact lines."""
    profile = place(case, tmp_path)
    raw = (BAD / f"{case}.expected").read_text(encoding="utf-8")
    expected = expected_lines(raw, "profile.yaml", profile.parent)
    for args in [["validate", "profile.yaml"], ["build", "profile.yaml", "--pdf", "-o", "out"]][
        : 2 if command == "build" else 1
    ]:
        result = run_cvgen(*args, cwd=profile.parent)
        assert result.returncode == 1, result.stderr
        assert result.stderr.splitlines() == expected
        assert result.stdout == "" and "Traceback" not in result.stderr
        assert not (profile.parent / "out").exists()


@pytest.mark.parametrize(
    "text, where",
    [
        ("person: {name: Ada Lovelace}\ninterests: " + "[" * 100_000 + "]" * 100_000 + "\n", "2:51"),
        ("person: {name: Ada Lovelace}\ninterests:\n" + "- " * 300_000 + "x\n", "3:79"),
        ("person: {name: Ada Lovelace}\nbio: " + "{a: " * 50_000 + "}" * 50_000 + "\n", "2:162"),
    ],
    ids=["flow-sequences", "compact-block-sequences", "flow-mappings"],
)
def test_nesting_that_crashed_the_yaml_parser(text, where, tmp_path):
    """100,000 levels used to overflow libyaml's recursive composer: a segfault (exit -11), no message.

    In a real process, because a regression would kill the test runner itself.
    """
    profile = _profile(tmp_path, text)
    start = time.perf_counter()
    result = run_cvgen("validate", "profile.yaml", cwd=profile.parent)
    assert time.perf_counter() - start < 5
    assert result.returncode == 1, (result.returncode, result.stderr[-500:])
    # Refused and located on the right line; the wording may be ours or libyaml's (PyYAML 6.0.4
    # reports deep flow nesting itself), so only the place and the outcome are asserted.
    problem, summary = result.stderr.splitlines()
    line = where.split(":")[0]
    assert re.fullmatch(rf"profile\.yaml:{line}:\d+: \S.*", problem), problem
    assert summary == "1 problem found; nothing was written."
    assert not (profile.parent / "out").exists()


# --------------------------------------------------------------------------- hostile but valid


@pytest.mark.parametrize("case", ESCAPED_CASES)
def test_hostile_but_valid_profile_builds_escaped(case, tmp_path, cli):
    """Raw HTML and `javascript:` inside Markdown are shown as text, not rejected and not run."""
    profile = place(case, tmp_path)
    out = tmp_path / "out"
    assert cli("validate", profile)[0] == 0
    code, _, err = cli("build", profile, "--pdf", "--html", "-o", out)
    assert code == 0, err
    text = squash(pdf_text(out / "cv.pdf"))
    shows = [line for line in (BAD / f"{case}.shows").read_text(encoding="utf-8").splitlines() if line]
    assert not [s for s in shows if squash(s) not in text], "not shown literally in the PDF"
    page = (out / "cv.html").read_text(encoding="utf-8")
    hides_file = BAD / f"{case}.hides"
    hides = (
        [line for line in hides_file.read_text(encoding="utf-8").splitlines() if line] if hides_file.exists() else []
    )
    assert not [h for h in hides if h in page], "raw markup reached the HTML"
    assert html_problems(page, ["XSS"]) == []


def test_unknown_section_in_a_variant_is_refused(tmp_path, cli):
    profile = _profile(tmp_path, "person: {name: Ada Lovelace}\nvariants:\n  short:\n    cv: {sections: [person]}\n")
    code, _, err = cli("validate", profile)
    assert code == 1 and f"{profile}:4:" in err and "unknown section 'person'" in err
    code, _, err = cli("build", profile, "--pdf", "--variant", "short", "-o", tmp_path / "out")
    assert code == 1 and "Traceback" not in err
