"""Stage 7b: TeX -> PDF with latexmk and XeLaTeX (or LuaLaTeX), hardened.

The source is compiled in a fresh temporary folder, never in the output
folder, so a failed run leaves nothing half-written. TeX runs as data
processing, not as a program the profile controls:

- in a bubblewrap sandbox where bwrap can run (sandbox.py): only the build
  folder is writable, only the TeX tree and fonts are readable, no network,
  an environment built from scratch. Without it, a source holding raw TeX
  (a raw preamble, a user template) runs only when the user trusts it;
- `-no-shell-escape` (and `shell_escape=f`), `openin_any=p`, `openout_any=p`:
  no commands, no reading or writing outside the build folder by TeX itself
  (Debian's texmf.cnf allows reading any file by default); LuaTeX without its
  socket library (`--safer` would be stricter, but luaotfload refuses to run
  under it, and fontspec needs luaotfload);
- `-norc`: no latexmk rc file (system, user or project) can change the
  commands that run; stdin is closed; the run has a time limit, and its whole
  process group is killed when it runs over, on Ctrl-C or on any error;
- `SOURCE_DATE_EPOCH` + `FORCE_SOURCE_DATE=1`: the same source gives the same
  PDF bytes.

Errors come back as `BuildError`s with the TeX message and the `.tex` line;
characters no font has are collected from the log and named.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from cvgen.engines import reaper, sandbox, tex_aux
from cvgen.errors import BuildError, ToolMissing

DEBIAN_PACKAGES = "texlive-xetex latexmk texlive-fonts-recommended fonts-noto-cjk fonts-dejavu-core"
ENGINES = {"xelatex": ("-xelatex", DEBIAN_PACKAGES), "lualatex": ("-lualatex", DEBIAN_PACKAGES + " texlive-luatex")}
# LuaLaTeX builds its font database on the first run on a machine (~30 s).
TIMEOUT = {"xelatex": 120.0, "lualatex": 300.0}


@dataclass
class TexError:
    """One error from the log: the message, the .tex line and TeX's context lines."""

    message: str
    line: int | None = None
    context: list[str] = field(default_factory=list)


@dataclass
class TexResult:
    pdf: bytes | None
    log: str
    pages: int | None
    seconds: float
    missing: list[str] = field(default_factory=list)  # characters no font had
    errors: list[TexError] = field(default_factory=list)
    tex_runs: int = 0  # how often latexmk ran the TeX engine

    @property
    def ok(self) -> bool:
        return self.pdf is not None and not self.missing and not self.errors


def find_tools(engine: str) -> tuple[str, str]:
    """Paths of latexmk and the engine, or ToolMissing naming the Debian packages."""
    if engine not in ENGINES:
        raise BuildError(f"unknown LaTeX engine '{engine}'; use xelatex or lualatex")
    packages = ENGINES[engine][1]
    missing = [tool for tool in ("latexmk", engine) if not shutil.which(tool)]
    if missing:
        raise ToolMissing(
            f"LaTeX is not installed ({' and '.join(missing)} not found on PATH). Install it with "
            f"`sudo apt-get install --no-install-recommends {packages}` (Debian/Ubuntu), use the default "
            "engine (`--pdf` without `--engine latex`), or build only the source with `--tex` and compile "
            "it elsewhere (e.g. Overleaf with the XeLaTeX compiler)."
        )
    return shutil.which("latexmk") or "latexmk", shutil.which(engine) or engine


def tex_settings(epoch: int) -> dict[str, str]:
    """What every TeX run gets: the file rules, fixed dates, one log line per message."""
    return {
        "openin_any": "p",
        "openout_any": "p",
        "shell_escape": "f",
        "SOURCE_DATE_EPOCH": str(epoch),
        "FORCE_SOURCE_DATE": "1",
        "max_print_line": "10000",  # one log line per message: parseable, no wrapped characters
        "error_line": "254",
        "half_error_line": "238",
        "LC_ALL": "C.UTF-8",
    }


def tex_environment(epoch: int) -> dict[str, str]:
    """The environment of an unsandboxed run: PATH and HOME (the user's TeX caches), nothing else.

    No other variable of the caller's environment (tokens, TEXINPUTS pointing anywhere) reaches TeX.
    """
    kept = {name: os.environ[name] for name in ("PATH", "HOME") if name in os.environ}
    return {**kept, **tex_settings(epoch)}


def compile_tex(
    tex: str,
    *,
    engine: str = "xelatex",
    epoch: int = 0,
    timeout: float | None = None,
    jobname: str = "cv",
    raw_tex: bool = True,
    trust_tex: bool = False,
    aux_key: str | None = None,
) -> TexResult:
    """Compile `tex` in a temporary folder; the PDF bytes and the full log, or the errors found.

    `raw_tex`: the source holds TeX that cvgen did not write (a raw preamble, a user template). Such
    a source runs only in the sandbox, or unconfined when the user trusts it (`trust_tex`).
    `aux_key` names the document (a profile and its variant): the aux files of its last good build
    are reused (tex_aux.py), so an unchanged page count needs one TeX run. A run that fails with
    them is run again from a clean folder: a stale or hostile set never breaks a build.
    """
    latexmk, program = find_tools(engine)
    box = sandbox.find()
    if box is None and raw_tex and not trust_tex:
        raise BuildError(
            f"raw TeX runs only in a sandbox, and there is none here: {sandbox.unavailable_reason()}. "
            "Pass --trust-tex if you wrote this profile yourself."
        )
    limit = timeout if timeout is not None else TIMEOUT[engine]
    run = _Run(tex, engine, epoch, limit, jobname, raw_tex, box, [latexmk, program])
    cache = tex_aux.cache_folder(aux_key) if aux_key else None
    result, restored = run.compile(cache)
    if restored and not result.ok:
        tex_aux.forget(cache)
        result, _ = run.compile(cache, restore=False)
    return result


_RUNS_RX = re.compile(rb"^Run number \d+ of rule '(?:xe|lua|pdf)?latex'", re.MULTILINE)


@dataclass
class _Run:
    """One document's TeX run, in a fresh folder each time it is compiled."""

    tex: str
    engine: str
    epoch: int
    limit: float
    jobname: str
    raw_tex: bool
    box: sandbox.Sandbox | None
    tools: list[str]

    def compile(self, cache: Path | None, restore: bool = True) -> tuple[TexResult, bool]:
        """The result, and whether the last good build's aux files were put in the folder first."""
        jobname = self.jobname
        with tempfile.TemporaryDirectory(prefix="cvgen-tex-") as tmp:
            folder = Path(tmp)
            (folder / f"{jobname}.tex").write_text(self.tex, encoding="utf-8")
            restored = restore and tex_aux.restore(cache, folder, jobname, self.engine, self.box is not None)
            cmd, env = self._command(folder)
            output, returncode, seconds = _run(cmd, folder, env, self.limit, self.engine)
            log_path = folder / f"{jobname}.log"
            log = log_path.read_text(encoding="utf-8", errors="replace") if log_path.exists() else ""
            if not log:
                log = output.decode("utf-8", errors="replace")
            pdf_path = folder / f"{jobname}.pdf"
            pdf = pdf_path.read_bytes() if returncode == 0 and pdf_path.exists() else None
            missing = missing_characters(log)
            errors = [] if pdf is not None else parse_errors(log, jobname)
            result = TexResult(pdf, log, page_count(log), seconds, missing, errors, len(_RUNS_RX.findall(output)))
            if result.ok:
                tex_aux.keep(cache, folder, jobname, self.engine, self.raw_tex)
        return result, restored

    def _command(self, folder: Path) -> tuple[list[str], dict[str, str]]:
        latexmk = self.tools[0]
        cmd = [
            # No -halt-on-error: a character no font has is an error (\tracinglostchars=3), and
            # the user should learn every such character from one run, not one per run.
            latexmk,
            "-norc",
            ENGINES[self.engine][0],
            "-interaction=nonstopmode",
            "-file-line-error",
            "-latexoption=-no-shell-escape",
            *(["-latexoption=--nosocket"] if self.engine == "lualatex" else []),
            f"{self.jobname}.tex",
        ]
        if self.box is not None:
            return _confined(self.box, cmd, folder, self.engine, self.tools, self.raw_tex, self.epoch)
        # no sandbox to die with cvgen: a reaper ends TeX's group if cvgen is killed outright
        return reaper.command(cmd), tex_environment(self.epoch)


def _confined(
    box: sandbox.Sandbox, cmd: list[str], folder: Path, engine: str, tools: list[str], raw_tex: bool, epoch: int
) -> tuple[list[str], dict[str, str]]:
    """The sandboxed command and its environment.

    LuaLaTeX keeps a font cache between runs (building it takes seconds to a minute). Only a source
    cvgen wrote may write that cache: raw TeX could plant Lua code in it for later builds of other
    profiles. A raw source reads the cache and gets a copy of its names database to write to.
    """
    cache = sandbox.luatex_cache() if engine == "lualatex" else None
    if cache is None:
        var = cache_path = str(folder / ".texmf-var")
    elif raw_tex:
        var = str(sandbox.seed_names(cache, folder))
        cache_path = f"{var}:{sandbox.CACHE_INSIDE}"
    else:
        var = cache_path = sandbox.CACHE_INSIDE
    env = sandbox.environment(folder, tex_settings(epoch), tools, var, cache_path)
    return box.command(cmd, folder, tools=tools, cache=cache, cache_writable=not raw_tex), env


def _run(cmd: list[str], folder: Path, env: dict[str, str], limit: float, engine: str) -> tuple[bytes, int, float]:
    """Run `cmd` in its own process group; the group is killed on a timeout, Ctrl-C or any error here."""
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(
            cmd,
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as exc:
        raise ToolMissing(f"cannot run latexmk: {exc.strerror}; reinstall it: apt-get install latexmk") from None
    try:
        output, _ = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise BuildError(
            f"{engine} did not finish within {limit:.0f} s and was stopped. "
            + (
                "The first LuaLaTeX run on a machine builds its font cache; run the build again. "
                if engine == "lualatex"
                else ""
            )
            + "The previous PDF was kept."
        ) from None
    except BaseException:  # Ctrl-C, or cvgen stopping for any other reason: TeX must not outlive it
        _kill_group(proc)
        raise
    return output, proc.returncode, time.perf_counter() - start


def _kill_group(proc: subprocess.Popen[bytes]) -> None:
    """Kill latexmk and what it started. In the sandbox that is bwrap, whose death takes the sandbox's
    processes with it (`--die-with-parent` and the PID namespace)."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


_MISSING_RX = re.compile(r"Missing character: There is no (.+?) \(U\+([0-9A-Fa-f]{4,6})\)")
_PAGES_RX = re.compile(r"Output written on \S+ \((\d+) pages?")
_ERROR_RX = re.compile(r"^(?:\./)?([^\s:]+\.tex):(\d+): (.*)$")


def missing_characters(log: str) -> list[str]:
    """Characters a font had no glyph for, in order of first appearance."""
    seen: dict[str, None] = {}
    for m in _MISSING_RX.finditer(log):
        seen.setdefault(chr(int(m.group(2), 16)), None)
    return list(seen)


def page_count(log: str) -> int | None:
    found = _PAGES_RX.findall(log)
    return int(found[-1]) if found else None


_HELP_LINES = ("See the LaTeX manual", "Type  H <return>", "Type X to quit", "or enter new name", "Enter file name")


def parse_errors(log: str, jobname: str = "cv") -> list[TexError]:
    """The first error of the log (the rest follow from it): message, .tex line, TeX's context.

    Errors look like `./cv.tex:12: message` (-file-line-error) or `! message`;
    TeX then shows what it was reading, ending with `l.12 <text before>` and a
    line with the text after the error point. A `! LaTeX Error` about a file
    is followed by `./cv.tex:12: Emergency stop.`, which gives its line.
    """
    lines = log.splitlines()
    for i, text in enumerate(lines):
        m = _ERROR_RX.match(text)
        if not (m or text.startswith("! ")):
            continue
        if "Missing character" in text:
            continue  # reported by missing_characters(), with the characters named
        message = m.group(3) if m else text[2:]
        line = int(m.group(2)) if m and Path(m.group(1)).stem == jobname else None
        context: list[str] = []
        for j in range(i + 1, min(i + 20, len(lines))):
            follow = lines[j]
            nm = _ERROR_RX.match(follow)
            if nm or follow.startswith("! "):
                if nm and line is None and Path(nm.group(1)).stem == jobname:
                    line = int(nm.group(2))
                break
            lm = re.match(r"^l\.(\d+) ", follow)
            if lm:
                line = line or int(lm.group(1))
                context.append(follow)
                if j + 1 < len(lines) and lines[j + 1].strip():
                    context.append(lines[j + 1].strip())
                break
            if follow.strip() and not follow.strip().startswith(_HELP_LINES) and follow.strip() != "...":
                context.append(follow.strip())
        return [TexError(message.strip(), line, context)]
    for text in lines:
        if "Fatal error" in text or "Emergency stop" in text or "cannot be found" in text:
            return [TexError(text.strip())]
    return []


def describe_char(ch: str) -> str:
    name = unicodedata.name(ch, "unnamed character")
    return f"'{ch}' (U+{ord(ch):04X} {name})"
