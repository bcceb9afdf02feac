"""TeX in a namespace sandbox: bubblewrap (`bwrap`, Debian package `bubblewrap`).

`openin_any=p` and no shell escape do not confine TeX: LuaTeX's Lua `io`
and `os` libraries open any file and read the environment, and xdvipdfmx
opens images by absolute path itself. So latexmk and every program it starts
run in a fresh mount namespace where

- only the temporary build folder is writable;
- only what TeX needs to start is readable: /usr (programs, the TeX tree,
  fonts), /etc/fonts, /etc/texmf, /var/lib/texmf and the font caches, never
  $HOME, /etc/hostname, /etc/passwd or the profile's folder;
- there is no network (and no IPC, PID or UTS sharing), no capability, its
  own session, and it dies with cvgen (`--die-with-parent`);
- the environment is built from scratch (`environment()`): no token of the
  caller's environment gets in.

bubblewrap is the maintained, unprivileged sandbox Flatpak uses; writing our
own namespace code would only repeat it. Whether it can run here (installed,
user namespaces allowed) is probed once per process. Where it cannot, the
caller decides (build.py refuses raw TeX unless the user trusts it).
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# Read-only system paths TeX, latexmk (Perl) and fontconfig need, where they exist.
SYSTEM_PATHS = (
    "/usr",
    "/etc/fonts",
    "/etc/texmf",
    "/etc/alternatives",  # /usr/bin/bibtex and friends are links through it
    "/etc/perl",
    "/etc/ld.so.cache",
    "/etc/papersize",
    "/var/lib/texmf",
    "/var/cache/fontconfig",
)
TOP_FOLDERS = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")  # links into /usr on merged-/usr systems
CACHE_INSIDE = "/texmf-cache"  # where the persistent LuaTeX font cache appears in the sandbox
INSTALL_HINT = "install it with `sudo apt-get install bubblewrap` (Debian/Ubuntu)"


@dataclass(frozen=True)
class Sandbox:
    """A working bwrap and the command line that confines one TeX run."""

    bwrap: str

    def command(
        self, cmd: list[str], folder: Path, *, tools: list[str], cache: Path | None = None, cache_writable: bool = False
    ) -> list[str]:
        """`cmd` run in `folder` (writable, the working directory); `cache` appears at CACHE_INSIDE."""
        args = [self.bwrap, *base_arguments(tools)]
        if cache is not None:
            args += ["--bind" if cache_writable else "--ro-bind", str(cache), CACHE_INSIDE]
        args += ["--bind", str(folder), str(folder), "--chdir", str(folder), "--", *cmd]
        return args


def base_arguments(tools: list[str]) -> list[str]:
    """Namespaces, process rules and the read-only file system, without the build folder."""
    args = ["--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL", "--hostname", "cvgen"]
    for top in TOP_FOLDERS:
        if os.path.islink(top):
            args += ["--symlink", os.readlink(top), top]
        elif os.path.isdir(top):
            args += ["--ro-bind", top, top]
    for path in [*SYSTEM_PATHS, *install_roots(tools)]:
        if os.path.exists(path):
            args += ["--ro-bind", path, path]
    args += ["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]
    return args


def install_roots(tools: list[str]) -> list[str]:
    """Folders of a TeX installation outside /usr (e.g. /opt/texlive): its whole tree is readable.

    TeX Live keeps programs in ROOT/YEAR/bin/ARCH and texmf-local in ROOT, so ROOT is bound.
    """
    roots: list[str] = []
    for tool in tools:
        real = Path(os.path.realpath(tool))
        if real.is_relative_to("/usr"):
            continue
        parents = real.parents
        root = parents[3] if len(parents) > 3 and parents[1].name == "bin" else real.parent
        if str(root) not in roots and root != Path("/"):
            roots.append(str(root))
    return roots


@functools.cache
def probe() -> Sandbox | str:
    """A working sandbox, or why there is none. Run once per process: bwrap costs a few ms to try."""
    bwrap = shutil.which("bwrap")
    if bwrap is None:
        return f"bubblewrap (bwrap) is not installed; {INSTALL_HINT}"
    true = shutil.which("true") or "/usr/bin/true"
    try:
        proc = subprocess.run(
            [bwrap, *base_arguments([]), "--", true],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=20,
            env={"PATH": "/usr/bin:/bin"},
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap cannot start ({exc})"
    if proc.returncode != 0:
        said = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        return (
            f"bwrap cannot create a sandbox here ({said[0] if said else f'exit {proc.returncode}'}); "
            "unprivileged user namespaces are probably disabled (sysctl kernel.unprivileged_userns_clone "
            "or a container without them)"
        )
    return Sandbox(bwrap)


def find() -> Sandbox | None:
    found = probe()
    return found if isinstance(found, Sandbox) else None


def unavailable_reason() -> str | None:
    found = probe()
    return found if isinstance(found, str) else None


def environment(
    folder: Path, tex_settings: dict[str, str], tools: list[str], texmf_var: str, texmf_cache: str
) -> dict[str, str]:
    """The whole environment of a sandboxed run: the TeX settings, a PATH to the tools, nothing else."""
    path = list(dict.fromkeys([*(str(Path(t).parent) for t in tools), "/usr/bin", "/bin"]))
    return {
        **tex_settings,
        "PATH": ":".join(path),
        "HOME": str(folder),
        "TMPDIR": str(folder),
        "TEXMFVAR": texmf_var,
        "TEXMFCACHE": texmf_cache,
        "LANG": "C.UTF-8",
    }


def luatex_cache() -> Path | None:
    """The persistent LuaTeX font cache (names database, compiled fonts), if it can be made.

    It lives outside HOME's TeX folders ($XDG_CACHE_HOME/cvgen/texmf-var) because only cvgen's own,
    escaped documents may write it (see latexmk.py); without it every LuaLaTeX run rebuilds it.
    """
    try:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        cache = Path(base) / "cvgen" / "texmf-var"
        cache.mkdir(parents=True, exist_ok=True, mode=0o700)
    except (OSError, RuntimeError):  # RuntimeError: no home folder at all
        return None  # each run then builds the cache in its own folder: slower, still right
    return cache if os.access(cache, os.W_OK | os.X_OK) else None


def seed_names(cache: Path, folder: Path) -> Path:
    """Copy the cached font names database into a writable TEXMFVAR in `folder`, for a run that may
    not write the shared cache: luaotfload reads that database only from its writable cache folder,
    while compiled fonts it also reads from the read-only one."""
    var = folder / ".texmf-var"
    names = cache / "luatex-cache" / "generic" / "names"
    target = var / "luatex-cache" / "generic" / "names"
    target.mkdir(parents=True, exist_ok=True)
    if names.is_dir():
        for item in names.iterdir():
            if item.is_file() and not item.is_symlink():
                shutil.copyfile(item, target / item.name)
    return var
