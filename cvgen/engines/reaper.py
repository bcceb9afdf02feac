"""`python reaper.py PARENT_PID -- CMD...`: CMD that dies with cvgen, with all it started.

Outside the sandbox (no bubblewrap, or `--trust-tex`), TeX runs in a process group of its own so that
Ctrl-C and timeouts can end it, but a cvgen killed outright (SIGKILL, the OOM killer) runs no code to
do so, and latexmk with its xelatex would run on, unbounded. This small process leads TeX's group and
asks the kernel for a signal when its parent dies (PR_SET_PDEATHSIG); on it, it kills the whole group.
In the sandbox, bubblewrap's `--die-with-parent` and its PID namespace do the same.
"""

from __future__ import annotations

import ctypes
import os
import signal
import subprocess
import sys

PR_SET_PDEATHSIG = 1  # <linux/prctl.h>


def _kill_group(signum: int = 0, frame: object = None) -> None:
    os.killpg(0, signal.SIGKILL)  # TeX's group, this process included


def die_with_parent(signum: int) -> bool:
    """Ask the kernel to send this process `signum` when its parent dies; False if it cannot."""
    libc = ctypes.CDLL(None, use_errno=True)
    return bool(libc.prctl(PR_SET_PDEATHSIG, signum, 0, 0, 0) == 0)


def main(argv: list[str]) -> int:
    parent, sep, *cmd = argv
    if sep != "--" or not cmd:
        print("usage: python reaper.py PARENT_PID -- CMD...", file=sys.stderr)
        return 2
    signal.signal(signal.SIGTERM, _kill_group)
    if not die_with_parent(signal.SIGTERM):
        return 125
    if os.getppid() != int(parent):  # cvgen died before the request took effect
        _kill_group()
    proc = subprocess.Popen(cmd)  # in this group: killpg reaches it and what it starts
    while True:
        try:
            code = proc.wait()
        except KeyboardInterrupt:  # the group's Ctrl-C: TeX got it too; cvgen decides what happens
            continue
        return code if code >= 0 else 128 - code  # killed by signal N: 128 + N, as a shell says


def command(cmd: list[str]) -> list[str]:
    """`cmd` run under this reaper on behalf of the calling process. The file runs as a script, with
    only the standard library (-I -S): no import of cvgen or site-packages, about 15 ms."""
    return [sys.executable, "-I", "-S", os.path.abspath(__file__), str(os.getpid()), "--", *cmd]


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
