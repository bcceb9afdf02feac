"""cvgen's speed, in one interleaved run: ratios against RenderCV 2.8 and bare WeasyPrint, absolute medians.

    .venv/bin/python benchmarks/run.py [--quick] [--reps N] [--only cold,weasyprint,batch,watch,scaling,latex]
                                       [--rendercv PATH] [--keep DIR]

Every comparison runs its two commands alternately (A B, then B A, ...), each as a fresh process,
and reports medians of wall time and of CPU time (user + system of the process and its children,
from os.wait4); CPU time is the steadier figure on a busy machine. Peak memory is the largest
resident set of the process or any child it waited for. The load average is printed with every
section. See benchmarks/README.md for what each row measures and the targets of issue 14.
Nothing here asserts: it prints.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from benchmarks.profiles import write_profiles  # noqa: E402

PY = sys.executable
CVGEN = [PY, "-m", "cvgen"]
SECTIONS = ("cold", "weasyprint", "batch", "watch", "scaling", "latex")


@dataclass
class Sample:
    wall: float
    cpu: float
    rss_mb: float


def run(cmd: list[str], cwd: Path | None = None, env: dict[str, str] | None = None) -> Sample:
    """Run `cmd` to its end; wall and CPU time, peak RSS. A failing command stops the benchmark."""
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env={**os.environ, **(env or {})}
        )
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            log.seek(0)
            said = log.read().decode("utf-8", "replace")[-3000:]
            raise RuntimeError(f"{' '.join(cmd)} failed (exit {proc.returncode}):\n{said}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load {one:.2f} {five:.2f} {fifteen:.2f}"


def med(samples: list[Sample], what: str) -> float:
    return statistics.median(getattr(s, what) for s in samples)


def interleaved(a: Callable[[], Sample], b: Callable[[], Sample], reps: int) -> tuple[list[Sample], list[Sample]]:
    """`reps` of each, alternating which goes first, after one untimed warm-up of each (disk caches)."""
    a(), b()
    got_a, got_b = [], []
    for i in range(reps):
        if i % 2 == 0:
            got_a.append(a())
            got_b.append(b())
        else:
            got_b.append(b())
            got_a.append(a())
    return got_a, got_b


@dataclass
class Row:
    what: str
    a: list[Sample]
    b: list[Sample]
    target: str
    load: str

    def line(self) -> str:
        aw, ac, bw, bc = med(self.a, "wall"), med(self.a, "cpu"), med(self.b, "wall"), med(self.b, "cpu")
        return (
            f"{self.what:58s} {aw:7.2f} {ac:7.2f}   {bw:7.2f} {bc:7.2f}   {aw / bw:6.2f}x {ac / bc:6.2f}x   "
            f"{self.target:9s} n={len(self.a)} {self.load}"
        )


HEADER = (
    f"{'comparison (A vs B)':58s} {'A wall':>7s} {'A cpu':>7s}   {'B wall':>7s} {'B cpu':>7s}   "
    f"{'A/B wall':>7s} {'A/B cpu':>7s} {'target':9s}"
)


def cvgen_pdf(profile: Path, out: Path, *extra: str) -> Callable[[], Sample]:
    def go() -> Sample:
        shutil.rmtree(out, ignore_errors=True)  # a cold build: nothing left from the last one
        return run([*CVGEN, "build", str(profile), "--pdf", *extra, "-o", str(out)])

    return go


def rendercv_pdf(rendercv: str, profile: Path, out: Path) -> Callable[[], Sample]:
    def go() -> Sample:
        shutil.rmtree(out, ignore_errors=True)
        # PDF only, like `cvgen build --pdf` (RenderCV writes its Typst source on the way).
        return run([rendercv, "render", str(profile), "-nopng", "-nomd", "-nohtml", "-o", str(out)], cwd=profile.parent)

    return go


def find_rendercv(given: str | None) -> tuple[str | None, str]:
    """The RenderCV executable and its version line, or None and why the RenderCV rows are skipped."""
    path = given or shutil.which("rendercv")
    if not path:
        return None, "no `rendercv` on PATH and no --rendercv PATH given"
    try:
        said = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"{path} does not run ({exc})"
    if "2.8" not in said:
        print(f"note: {path} says '{said}', not RenderCV 2.8; its rows are still measured")
    return path, said


def check_rendercv(rendercv: str, profile: Path, out: Path) -> str | None:
    """Why RenderCV cannot build here (offline it needs Typst's fontawesome package cached), or None."""
    try:
        rendercv_pdf(rendercv, profile, out)()
    except RuntimeError as exc:
        return str(exc).strip().splitlines()[-1][:300]
    return None


def section_cold(work: Path, reps: int, rendercv: str | None) -> list[Row]:
    rows = []
    for n, target in ((40, "<= 0.75x"), (200, "<= 0.85x")):
        ours, theirs = write_profiles(work / f"cold-{n}", n)
        if rendercv is None:
            continue
        a, b = interleaved(cvgen_pdf(ours, work / "o-a"), rendercv_pdf(rendercv, theirs, work / "o-b"), reps)
        rows.append(Row(f"cold {n} pubs: cvgen build --pdf vs RenderCV", a, b, target, load()))
    return rows


def section_weasyprint(work: Path, reps: int) -> list[Row]:
    ours, _ = write_profiles(work / "wp-40", 40)
    html_dir = work / "wp-html"
    run([*CVGEN, "build", str(ours), "--html", "-o", str(html_dir)])
    weasy = str(Path(PY).with_name("weasyprint"))
    if not Path(weasy).exists():
        weasy = shutil.which("weasyprint") or "weasyprint"

    def bare() -> Sample:  # the same HTML, the same tagged PDF/UA-1 cvgen makes by default
        return run([weasy, "--pdf-variant", "pdf/ua-1", str(html_dir / "cv.html"), str(work / "bare.pdf")])

    a, b = interleaved(cvgen_pdf(ours, work / "o-a"), bare, reps)
    return [Row("cold 40 pubs: cvgen build --pdf vs weasyprint cv.html", a, b, "<= 1.10x", load())]


def section_batch(work: Path, reps: int, rendercv: str | None) -> list[Row]:
    pairs = [write_profiles(work / "batch", 40, seed=i, stem=f"member-{i:02d}") for i in range(1, 13)]
    if rendercv is None:
        return []

    def ours() -> Sample:
        shutil.rmtree(work / "batch-out", ignore_errors=True)
        return run([*CVGEN, "build", *(str(p) for p, _ in pairs), "--pdf", "-j", "2", "-o", str(work / "batch-out")])

    def theirs() -> Sample:
        got = [rendercv_pdf(rendercv, r, work / "batch-rout" / r.stem)() for _, r in pairs]
        return Sample(sum(s.wall for s in got), sum(s.cpu for s in got), max(s.rss_mb for s in got))

    a, b = interleaved(ours, theirs, reps)
    return [Row("batch 12x40 pubs: cvgen build -j 2 vs 12 RenderCV runs", a, b, "<= 0.25x", load())]


def section_watch(work: Path, reps: int) -> list[str]:
    """The rebuild after a save, in one long-lived `watch` (PDF + homepage, as `cvgen watch` builds)."""
    ours, _ = write_profiles(work / "watch", 40)
    proc = subprocess.run(
        [PY, str(Path(__file__).resolve()), "--watch-child", str(ours), str(work / "watch-out"), str(max(reps, 3))],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"watch measurement failed:\n{proc.stderr[-3000:]}")
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    first, edits = got["first"], got["edits"]
    wall = statistics.median(e["wall"] for e in edits)
    cpu = statistics.median(e["cpu"] for e in edits)
    return [
        f"watch, 40 pubs, PDF + homepage: first build {first['wall']:.3f} s wall; rebuild after a saved edit "
        f"median {wall:.3f} s wall, {cpu:.3f} s CPU with children (target <= 0.3 s; n={len(edits)}; every edit showed: "
        f"{'yes' if got['all_changed'] else 'NO'}) {load()}"
    ]


def watch_child(profile: Path, outdir: Path, edits: int) -> None:
    """In a fresh process: `watch` with a change feed that edits one title per step; times each rebuild."""
    from cvgen.build import BuildOptions
    from cvgen.tools.watch import watch

    text = profile.read_text(encoding="utf-8")
    marks: list[tuple[float, float]] = []
    results: list[dict[str, float]] = []
    pdfs: list[bytes] = []

    def echo(message: str) -> None:
        if not message.startswith("built"):
            raise SystemExit(f"a rebuild failed: {message}")
        now = (time.perf_counter(), _cpu())
        start = marks[-1] if marks else now
        results.append({"wall": now[0] - start[0], "cpu": now[1] - start[1]})
        pdfs.append((outdir / "cv.pdf").read_bytes())

    def changes():  # type: ignore[no-untyped-def]
        for i in range(edits):
            marks.append((time.perf_counter(), _cpu()))
            profile.write_text(text.replace('"title": "', f'"title": "Edit {i} ', 1), encoding="utf-8")
            yield {(2, str(profile))}

    start = (time.perf_counter(), _cpu())
    marks.append(start)
    # as the `cvgen watch` command runs it: the CV printed in a child while this process makes the site
    watch(profile, BuildOptions(pdf=True, homepage=True, outdir=outdir), echo, changes(), printing_child=True)
    first = results[0]
    changed = all(pdfs[i] != pdfs[i + 1] for i in range(len(pdfs) - 1))
    print(json.dumps({"first": first, "edits": results[1:], "all_changed": changed}))


def _cpu() -> float:
    """CPU seconds of this process, of the children it waited for, and of the printing child, which
    lives as long as `watch` (from /proc: it is waited for only at the end)."""
    from cvgen.engines import printer

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    total = own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime
    child = printer._child
    if child is not None:
        try:
            fields = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime
        except (OSError, IndexError, ValueError):
            pass
    return total


def section_scaling(work: Path, reps: int) -> list[str]:
    sizes = (40, 200, 1000)
    profiles = {n: write_profiles(work / f"scale-{n}", n)[0] for n in sizes}
    got: dict[int, list[Sample]] = {n: [] for n in sizes}
    for n in sizes:
        cvgen_pdf(profiles[n], work / "scale-out")()  # untimed warm-up (disk caches)
    for i in range(reps):
        for n in sizes if i % 2 == 0 else tuple(reversed(sizes)):
            got[n].append(cvgen_pdf(profiles[n], work / "scale-out")())
    lines = [f"{'pubs':>5s} {'wall s':>7s} {'cpu s':>7s} {'peak MB':>8s} {'cpu ms/pub (marginal)':>22s}"]
    cpu = {n: med(got[n], "cpu") for n in sizes}
    for k, n in enumerate(sizes):
        marginal = "" if k == 0 else f"{(cpu[n] - cpu[sizes[k - 1]]) * 1000 / (n - sizes[k - 1]):8.2f}"
        peak = max(s.rss_mb for s in got[n])
        lines.append(f"{n:5d} {med(got[n], 'wall'):7.2f} {cpu[n]:7.2f} {peak:8.0f} {marginal:>22s}")
    per_200 = (cpu[200] - cpu[40]) / 160
    per_1000 = (cpu[1000] - cpu[200]) / 800
    lines.append(
        f"linearity: CPU per publication 200->1000 is {per_1000 / per_200:.2f}x that of 40->200 "
        f"(target <= 1.00x); peak at 1000: {max(s.rss_mb for s in got[1000]):.0f} MB (target < 300 MB); "
        f"n={reps} {load()}"
    )
    return lines


def section_latex(work: Path, reps: int) -> list[Row]:
    """XeLaTeX: a cold build (no cache) against a rebuild of the same profile after an edit (aux reused)."""
    if not shutil.which("latexmk"):
        print("LaTeX rows skipped: latexmk is not installed")
        return []
    ours, _ = write_profiles(work / "latex", 40)
    text = ours.read_text(encoding="utf-8")
    out = work / "latex-out"
    counter = [0]

    def cold() -> Sample:  # no output folder, no aux files kept from an earlier build
        shutil.rmtree(out, ignore_errors=True)
        shutil.rmtree(work / "xdg-cold" / "cvgen" / "tex-aux", ignore_errors=True)
        cmd = [*CVGEN, "build", str(ours), "--pdf", "--engine", "latex", "-o", str(out)]
        return run(cmd, env={"XDG_CACHE_HOME": str(work / "xdg-cold")})

    def warm() -> Sample:  # the last build's aux files kept; one title edited, the page count unchanged
        counter[0] += 1
        ours.write_text(text.replace('"title": "', f'"title": "Edit {counter[0]} ', 1), encoding="utf-8")
        cmd = [*CVGEN, "build", str(ours), "--pdf", "--engine", "latex", "-o", str(out)]
        return run(cmd, env={"XDG_CACHE_HOME": str(work / "xdg-warm")})

    a, b = interleaved(warm, cold, reps)
    return [Row("latex 40 pubs: rebuild after an edit vs cold build", a, b, "~0.5x", load())]


def compile_bytecode() -> None:
    """Compile cvgen's modules as `pip install` does for an installed cvgen (and for RenderCV). This
    checkout is imported from its source, where nothing writes bytecode when PYTHONDONTWRITEBYTECODE is
    set (as in CI): every process would then compile cvgen's ~115 modules again, about 0.07 s a build."""
    subprocess.run([PY, "-m", "compileall", "-q", str(ROOT / "cvgen")], check=True)


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    if args.watch_child:
        profile, outdir, edits = args.watch_child
        watch_child(Path(profile), Path(outdir), int(edits))
        return 0
    reps = args.reps or (3 if args.quick else 7)
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    unknown = only - set(SECTIONS)
    if unknown:
        print(f"unknown --only section(s): {', '.join(sorted(unknown))}; choose from {', '.join(SECTIONS)}")
        return 2
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cvgen-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    compile_bytecode()
    print(
        f"cvgen benchmark {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPUs; "
        f"Python {sys.version.split()[0]}; {reps} interleaved repetitions, medians; {load()}"
    )
    rendercv, why = find_rendercv(args.rendercv) if only & {"cold", "batch"} else (None, "")
    if rendercv:
        ours, theirs = write_profiles(work / "check", 40)
        broken = check_rendercv(rendercv, theirs, work / "check-out")
        rendercv, why = (None, f"{rendercv} fails here: {broken}") if broken else (rendercv, why)
    if only & {"cold", "batch"}:
        print(f"RenderCV: {why}" if rendercv else f"RenderCV rows SKIPPED: {why}")
    try:
        report(work, reps, only, rendercv)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    return 0


def report(work: Path, reps: int, only: set[str], rendercv: str | None) -> None:
    rows: list[Row] = []
    if "cold" in only:
        rows += section_cold(work, reps, rendercv)
    if "weasyprint" in only:
        rows += section_weasyprint(work, reps)
    if "batch" in only:
        rows += section_batch(work, max(1, reps // 3), rendercv)
    if "latex" in only:
        rows += section_latex(work, reps)
    if rows:
        print("\nseconds; A/B < 1 means A (cvgen) is faster")
        print(HEADER)
        for row in rows:
            print(row.line())
        print(
            "A = cvgen, B = the other side (RenderCV 2.8 PDF only; bare `weasyprint` on cvgen's HTML; a cold build).\n"
            "CPU = user + system of the process and the children it waited for; TeX inside the bubblewrap sandbox\n"
            "is not among them, so read wall time for the latex row. n = repetitions; load = 1, 5, 15 min averages."
        )
    if "watch" in only:
        print()
        print("\n".join(section_watch(work, reps)))
    if "scaling" in only:
        print("\nscaling: cvgen build --pdf, whole process (WeasyPrint)")
        print("\n".join(section_scaling(work, max(1, reps // 2))))


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="3 repetitions instead of 7")
    parser.add_argument("--reps", type=int, help="repetitions of each comparison")
    parser.add_argument("--only", help=f"comma-separated sections: {','.join(SECTIONS)}")
    parser.add_argument("--rendercv", help="the rendercv executable (RenderCV 2.8; default: rendercv on PATH)")
    parser.add_argument("--keep", help="work in this folder and keep it (profiles, outputs)")
    parser.add_argument("--watch-child", nargs=3, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
