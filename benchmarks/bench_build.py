"""Benchmark: cvgen's own work against the PDF engine's, whole-process times, memory.

    .venv/bin/python benchmarks/bench_build.py [--repeat N]

Prints numbers and ratios; asserts nothing. The design goal: cvgen's own
stages (load, validate, select, context, render, write) stay under 10% of
the engine's time on the same document, and `validate` never imports
WeasyPrint.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvgen.build import read_profile  # noqa: E402
from cvgen.engines.weasyprint import html_to_pdf  # noqa: E402
from cvgen.outputs.cv import cv_html  # noqa: E402
from cvgen.render import templates_root  # noqa: E402
from cvgen.views.select import select  # noqa: E402


def synthetic_profile(folder: Path, n: int) -> Path:
    lines = ["person: {name: Ada Lovelace, native_name: 黄高, aliases: [A. Lovelace]}", "publications:"]
    for i in range(n):
        lines.append(
            f'  - {{title: "Paper {i} on Analytical Engines and Bernoulli Numbers", year: {2000 + i % 25}, '
            f'type: {"journal" if i % 3 else "conference"}, venue: V{i % 7}, venue_full: "Venue number {i % 7}", '
            f'authors: ["Ada Lovelace*", "Charles Babbage*", "Author {i}"], note: Oral, '
            f'links: {{pdf: "https://example.org/{i}.pdf", code: "https://example.org/{i}"}}}}'
        )
    path = folder / f"synthetic-{n}.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def in_process(path: Path, repeat: int) -> dict[str, float]:
    own, engine, pages = [], [], 0
    html_to_pdf("<p>warm</p>", path.parent, [path.parent])  # import + font config once
    for _ in range(repeat):
        t0 = time.perf_counter()
        source = read_profile(path)
        html = cv_html(source, select(source.profile, source.publications, "cv", None))
        t1 = time.perf_counter()
        result = html_to_pdf(html, source.folder, [source.folder, templates_root()])
        t2 = time.perf_counter()
        own.append(t1 - t0)
        engine.append(t2 - t1)
        pages = result.pages
    return {"own": statistics.median(own), "engine": statistics.median(engine), "pages": pages}


def whole_process(args: list[str], repeat: int) -> tuple[float, float]:
    times = []
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-m", "cvgen", *args], check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - t0)
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return statistics.median(times), peak


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    repeat = parser.parse_args().repeat
    tmp = Path(tempfile.mkdtemp(prefix="cvgen-bench-"))
    cases = [ROOT / "profiles" / "haoyu-he.yaml", ROOT / "profiles" / "gao-huang.yaml", synthetic_profile(tmp, 200)]
    print(f"{'profile':28s} {'pages':>5s} {'own ms':>8s} {'engine ms':>10s} {'own/engine':>10s} {'ms/page':>8s}")
    for path in cases:
        r = in_process(path, repeat)
        print(
            f"{path.name:28s} {r['pages']:5d} {r['own'] * 1000:8.1f} {r['engine'] * 1000:10.1f} "
            f"{r['own'] / r['engine']:10.1%} {r['engine'] * 1000 / r['pages']:8.1f}"
        )
    print()
    print(f"{'whole process':44s} {'median s':>9s} {'peak RSS MB':>12s}")
    for label, args in [
        ("cvgen validate gao-huang", ["validate", "profiles/gao-huang.yaml"]),
        ("cvgen build haoyu-he --pdf", ["build", "profiles/haoyu-he.yaml", "--pdf", "-o", str(tmp / "a")]),
        ("cvgen build gao-huang --pdf", ["build", "profiles/gao-huang.yaml", "--pdf", "-o", str(tmp / "b")]),
        ("cvgen build synthetic-200 --pdf", ["build", str(cases[2]), "--pdf", "-o", str(tmp / "c")]),
    ]:
        seconds, peak = whole_process(args, repeat)
        print(f"{label:44s} {seconds:9.2f} {peak:12.0f}")
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import weasyprint"], check=True)
    imp = time.perf_counter() - t0
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import cvgen.build, cvgen.cli"], check=True)
    own_imp = time.perf_counter() - t0
    print(
        f"\nimport weasyprint (process): {imp:.2f} s; import cvgen.build+cli: {own_imp:.2f} s "
        f"(ratio {own_imp / imp:.0%})"
    )
    print("peer reference (DESIGN.md): RenderCV 2-page CV ~1.5 s, 200-publication CV ~2.4 s on this machine kind")


if __name__ == "__main__":
    main()
