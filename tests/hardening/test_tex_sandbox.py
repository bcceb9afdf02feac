"""TeX in a real sandbox, and TeX processes that never outlive cvgen.

`openin_any=p` and no shell escape do not confine TeX: LuaTeX's Lua reads and writes any file and
the environment, xdvipdfmx embeds images by absolute path. So TeX runs under bubblewrap (only the
build folder writable, only the TeX tree and fonts readable, no network, a scratch environment).
Where bwrap cannot run, raw TeX (a raw preamble, a user LaTeX template) is refused unless the user
passes --trust-tex; cvgen's own escaped TeX still compiles.

The attacks run in real cvgen processes with a secret in their environment and a canary file
beside the profile folder; the canary must not be opened, nothing of it, the secret, the machine's
hostname or HOME may reach the PDF or the log, and nothing may be written outside.
"""

from __future__ import annotations

import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from PIL import Image
from pypdf import PdfReader

from cvgen.engines import sandbox
from tests.conftest import IN_CI, ROOT, require
from tests.hardening.support import Canary, run_cvgen

TEX = "apt-get install latexmk texlive-xetex texlive-fonts-recommended"
SECRET = "CVGENSECRET" + "7f3a9c"


def need_sandbox(engine: str = "xelatex") -> None:
    """TeX and a working bwrap: a missing one fails in CI (scripts/install-system-deps.sh latex installs
    both), and skips elsewhere."""
    require("latexmk", TEX)
    require(engine, TEX + (" texlive-luatex" if engine == "lualatex" else ""))
    require("pdftotext", "apt-get install poppler-utils")
    require("bwrap", "apt-get install bubblewrap")
    found = sandbox.probe()
    if isinstance(found, str):
        if IN_CI:
            pytest.fail(f"CI must run TeX sandboxed: {found}")
        pytest.skip(found)


def write(folder: Path, profile: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "profile.yaml"
    path.write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    return path


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def lua_attack(canary: Path, outside: Path) -> str:
    r"""A raw preamble whose Lua reads the canary, /etc/hostname and the environment into the PDF
    and writes a file outside the build folder (issue 13, failure 1). `tex.sprint(-2, ...)` prints
    the result as plain characters."""
    return (
        r"\AtBeginDocument{\directlua{"
        r'local function grab(p) local f = io.open(p, "r") if f then local s = f:read("*a") f:close() '
        r'return s end return "none" end '
        r'local w = io.open("' + str(outside) + r'", "w") if w then w:write("pwned") w:close() end '
        r'tex.sprint(-2, "LUARAN HOST[" .. grab("/etc/hostname") .. "] CANARY[" .. grab("'
        + str(canary)
        + r'") .. "] SECRET[" .. tostring(os.getenv("CVGEN_TEST_SECRET")) .. "] HOME[" '
        r'.. tostring(os.getenv("HOME")) .. "]")'
        r"}}"
    )


def test_the_sandbox_runs_here():
    """bwrap is installed and can make a sandbox (user namespaces allowed); in CI this must hold."""
    need_sandbox()
    assert isinstance(sandbox.probe(), sandbox.Sandbox)


@pytest.mark.slow  # LuaLaTeX: 3 s with its font cache, up to a minute on a fresh machine
def test_lua_reads_and_writes_nothing_outside_and_sees_no_secret(tmp_path):
    need_sandbox("lualatex")
    outside = tmp_path / "pwned-by-lua.txt"
    with Canary(tmp_path) as canary:
        profile = write(
            tmp_path / "p",
            {
                "person": {"name": "Ada Lovelace"},
                "cv": {"latex_engine": "lualatex", "raw_tex_preamble": lua_attack(canary.path, outside)},
            },
        )
        out = tmp_path / "out"
        result = run_cvgen(
            "build", profile, "--engine", "latex", "--pdf", "-o", out, env={"CVGEN_TEST_SECRET": SECRET}, timeout=600
        )
        assert result.returncode == 0, result.stderr
        text = " ".join(pdf_text(out / "cv.pdf").split())
        assert "LUARAN" in text, "the Lua code did not run: the test proves nothing"
        canary.assert_untouched(out)
    assert SECRET not in text and "SECRET[nil]" in text
    assert f"HOST[{socket.gethostname()}" not in text and "HOST[none]" in text
    assert f"HOME[{Path.home()}]" not in text
    assert not outside.exists(), "Lua wrote a file outside the build folder"
    assert SECRET not in (out / "cv.log").read_text(encoding="utf-8")


def has_image(pdf: Path) -> bool:
    for page in PdfReader(pdf).pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        if any(xobject.get_object().get("/Subtype") == "/Image" for xobject in xobjects.values()):
            return True
    return False


@pytest.mark.parametrize(
    "embed",
    [r"\AtBeginDocument{\includegraphics{PATH}}", r'\AtBeginDocument{\XeTeXpicfile "PATH" \relax}'],
    ids=["includegraphics", "XeTeXpicfile"],
)
def test_an_image_outside_is_never_embedded(embed, tmp_path):
    """xdvipdfmx opens images by absolute path itself (issue 13, failure 2): in the sandbox the
    file does not exist. The build fails or prints without it; the file is never opened."""
    need_sandbox()
    png = Image.new("RGB", (40, 40), (200, 30, 30))
    png_path = tmp_path / "outside.png"
    png.save(png_path)
    with Canary(tmp_path, "secret.png", png_path.read_bytes()) as canary:
        preamble = r"\usepackage{graphicx}" + embed.replace("PATH", str(canary.path))
        profile = write(tmp_path / "p", {"person": {"name": "Ada Lovelace"}, "cv": {"raw_tex_preamble": preamble}})
        out = tmp_path / "out"
        result = run_cvgen("build", profile, "--engine", "latex", "--pdf", "-o", out)
        assert not canary.opened(), "TeX opened an image outside the profile folder"
    assert "Traceback" not in result.stderr
    if result.returncode == 0:
        assert not has_image(out / "cv.pdf")
    else:
        assert result.stderr.startswith("error: xelatex failed") and not (out / "cv.pdf").exists(), result.stderr


# --------------------------------------------------------------------------- no sandbox here


@pytest.fixture
def no_sandbox(monkeypatch):
    """A machine where bwrap cannot run."""
    monkeypatch.setattr(sandbox, "probe", lambda: "bubblewrap (bwrap) is not installed; install it")


def expected_refusal(profile: Path, where: str, field: str, what: str) -> str:
    return (
        f"{profile}:{where}: {field}: {what} run in a sandbox here (bubblewrap (bwrap) is not installed; "
        "install it). Unconfined, raw TeX can read your files and environment into the PDF: install "
        "bubblewrap, remove the raw TeX, or pass --trust-tex if you wrote this profile yourself"
    )


def test_raw_preamble_is_refused_without_a_sandbox(no_sandbox, tmp_path, cli):
    profile = tmp_path / "p" / "profile.yaml"
    profile.parent.mkdir()
    profile.write_text("person: {name: A}\ncv:\n  raw_tex_preamble: \\relax\n", encoding="utf-8")
    out = tmp_path / "out"
    code, stdout, err = cli("build", profile, "--engine", "latex", "--pdf", "-o", out)
    assert code == 1 and stdout == ""
    assert err.splitlines() == [
        expected_refusal(profile, "3:3", "cv.raw_tex_preamble", "this raw TeX cannot"),
        "1 problem found; nothing was written.",
    ]
    assert not out.exists()
    code, _, err = cli("build", profile, "--tex", "-o", out)  # writing the source runs nothing
    assert code == 0, err


def test_variant_preamble_is_located_in_the_variant(no_sandbox, tmp_path, cli):
    profile = tmp_path / "profile.yaml"
    profile.write_text(
        "person: {name: A}\nvariants:\n  short:\n    cv: {raw_tex_preamble: \\relax}\n", encoding="utf-8"
    )
    code, _, err = cli("build", profile, "--engine", "latex", "--pdf", "--variant", "short", "-o", tmp_path / "o")
    assert code == 1
    assert err.splitlines()[0] == expected_refusal(
        profile, "4:10", "variants.short.cv.raw_tex_preamble", "this raw TeX cannot"
    )
    from cvgen.build import raw_tex_sources
    from cvgen.profile.source import read_profile

    assert raw_tex_sources(read_profile(profile), None) == []  # the profile's own CV has none


def test_user_latex_template_is_refused_without_a_sandbox(no_sandbox, tmp_path, cli):
    folder = tmp_path / "p"
    (folder / "tpl" / "cv").mkdir(parents=True)
    (folder / "tpl" / "cv" / "cv.css").write_text("p { color: red }\n", encoding="utf-8")  # HTML only: fine
    profile = folder / "profile.yaml"
    profile.write_text("person: {name: A}\ncv: {templates: tpl}\n", encoding="utf-8")
    assert raw_tex_problems(cli, profile, tmp_path / "out") == []
    (folder / "tpl" / "cv.tex.j2").write_text("\\documentclass{article}\n", encoding="utf-8")
    assert raw_tex_problems(cli, profile, tmp_path / "out") == [
        expected_refusal(
            profile, "2:6", "cv.templates", "cv.tex.j2 in this folder is a LaTeX template: raw TeX that cannot"
        )
    ]


def raw_tex_problems(cli, profile: Path, out: Path) -> list[str]:
    """The raw-TeX refusals of a LaTeX build (other failures, such as no TeX here, are not these)."""
    _, _, err = cli("build", profile, "--engine", "latex", "--pdf", "-o", out)
    return [line for line in err.splitlines() if "raw TeX" in line]


def test_escaped_tex_and_trusted_raw_tex_compile_without_a_sandbox(no_sandbox, tmp_path, cli):
    """cvgen's own TeX escapes every string: it compiles as before. Raw TeX with --trust-tex too."""
    require("latexmk", TEX)
    require("xelatex", TEX)
    profile = tmp_path / "profile.yaml"
    profile.write_text("person: {name: Ada Lovelace}\ninterests: ['\\input{/etc/hostname}']\n", encoding="utf-8")
    code, _, err = cli("build", profile, "--engine", "latex", "--pdf", "-o", tmp_path / "a")
    assert code == 0, err
    profile.write_text("person: {name: Ada Lovelace}\ncv: {raw_tex_preamble: '\\def\\cvx{x}'}\n", encoding="utf-8")
    code, _, err = cli("build", profile, "--engine", "latex", "--pdf", "--trust-tex", "-o", tmp_path / "b")
    assert code == 0, err
    assert (tmp_path / "b" / "cv.pdf").exists()


def test_the_environment_inside_is_built_from_scratch(tmp_path):
    """Nothing of the caller's environment but the TeX settings reaches a sandboxed run."""
    env = sandbox.environment(tmp_path, {"openin_any": "p"}, ["/usr/bin/latexmk"], "/v", "/v")
    assert set(env) == {"openin_any", "PATH", "HOME", "TMPDIR", "TEXMFVAR", "TEXMFCACHE", "LANG"}
    assert env["HOME"] == str(tmp_path)
    args = sandbox.base_arguments(["/usr/bin/latexmk"])
    for flag in ("--unshare-all", "--die-with-parent", "--new-session"):
        assert flag in args
    assert "--bind" not in args, "only the build folder may be writable"
    assert not {"/home", "/root", "/etc", "/etc/hostname", "/etc/passwd", str(Path.home())} & set(args)


# --------------------------------------------------------------------------- process hygiene


HANG = r"\batchmode\def\cvhang{\cvhang}\cvhang"  # TeX loops in the preamble, silently, until it is stopped


def tex_processes(marker: str, exclude: int) -> list[str]:
    """Live processes (other than `exclude`) whose environment carries `marker`: TeX, latexmk, bwrap."""
    found = []
    for environ in Path("/proc").glob("[0-9]*/environ"):
        pid = int(environ.parent.name)
        if pid in (exclude, os.getpid()):
            continue
        try:
            if f"SOURCE_DATE_EPOCH={marker}".encode() in environ.read_bytes().split(b"\0"):
                found.append(f"{pid} {(environ.parent / 'comm').read_text().strip()}")
        except OSError:
            continue
    return found


def wait_for(predicate, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def start_hanging_build(tmp_path: Path, sandboxed: bool) -> tuple[subprocess.Popen[str], str]:
    """cvgen compiling a TeX source that never ends, in a real process; the marker finds its TeX."""
    marker = str(random.randint(1_500_000_000, 1_600_000_000))
    profile = write(tmp_path / "p", {"person": {"name": "Ada Lovelace"}, "cv": {"raw_tex_preamble": HANG}})
    run = "from cvgen.cli import main; import sys; "
    if not sandboxed:
        run += "from cvgen.engines import sandbox; sandbox.probe = lambda: 'none here'; "
    run += "sys.exit(main(sys.argv[1:]))"
    args = ["build", str(profile), "--engine", "latex", "--pdf", "--trust-tex", "-o", str(tmp_path / "out")]
    proc = subprocess.Popen(
        [sys.executable, "-c", run, *args],
        env={**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": marker},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    # The TeX engine itself, not only latexmk (which a closed pipe would stop before it starts TeX).
    started = wait_for(lambda: any(p.endswith("xelatex") for p in tex_processes(marker, proc.pid)), 60)
    if not started:
        proc.kill()
        pytest.fail(f"TeX never started: {proc.communicate()}")
    # Past its banner, TeX writes nothing more (\batchmode): a broken pipe cannot stop it, only cvgen.
    time.sleep(1.5)
    return proc, marker


@pytest.mark.slow
@pytest.mark.parametrize(
    "sandboxed, how",
    [(True, "ctrl-c"), (True, "crash"), (False, "ctrl-c"), (False, "crash")],
    ids=["sandbox-ctrl-c", "sandbox-crash", "plain-ctrl-c", "plain-crash"],
)
def test_tex_never_outlives_cvgen(sandboxed, how, tmp_path):
    """Ctrl-C (issue 13, failure 6) or a crash of cvgen ends every TeX process it started.

    A crash (SIGKILL: nothing of cvgen runs any more) is covered in the sandbox by bwrap, which dies
    with its parent and takes the PID namespace with it, and outside it by the reaper that leads
    TeX's process group (engines/reaper.py)."""
    require("latexmk", TEX)
    require("xelatex", TEX)
    if sandboxed:
        need_sandbox()
    proc, marker = start_hanging_build(tmp_path, sandboxed)
    proc.send_signal(signal.SIGINT if how == "ctrl-c" else signal.SIGKILL)
    _, err = proc.communicate(timeout=30)
    if how == "ctrl-c":
        assert proc.returncode == 130 and err.lstrip().startswith("interrupted") and "Traceback" not in err, err
    gone = wait_for(lambda: not tex_processes(marker, proc.pid), 10)
    assert gone, f"TeX outlived cvgen: {tex_processes(marker, proc.pid)}"
    assert not (tmp_path / "out" / "cv.pdf").exists()


@pytest.mark.parametrize("sandboxed", [True, False], ids=["sandbox", "plain"])
def test_a_timeout_ends_every_tex_process(sandboxed, monkeypatch):
    from cvgen.engines.latexmk import compile_tex
    from cvgen.errors import BuildError

    require("latexmk", TEX)
    require("xelatex", TEX)
    if sandboxed:
        need_sandbox()
    else:
        monkeypatch.setattr(sandbox, "probe", lambda: "none here")
    marker = random.randint(1_600_000_000, 1_700_000_000)
    source = "\\documentclass{article}\\begin{document}\\def\\x{\\x}\\x\\end{document}\n"
    with pytest.raises(BuildError, match="did not finish within 2 s"):
        compile_tex(source, epoch=marker, timeout=2, raw_tex=False)
    assert wait_for(lambda: not tex_processes(str(marker), os.getpid()), 10), tex_processes(str(marker), os.getpid())


def test_the_engine_itself_refuses_raw_tex_without_a_sandbox(no_sandbox):
    """Defence in depth: a caller that skips the build's check still cannot run raw TeX unconfined."""
    from cvgen.engines.latexmk import compile_tex
    from cvgen.errors import BuildError

    require("latexmk", TEX)
    require("xelatex", TEX)
    with pytest.raises(BuildError, match="raw TeX runs only in a sandbox, and there is none here"):
        compile_tex("\\documentclass{article}\\begin{document}x\\end{document}\n")
