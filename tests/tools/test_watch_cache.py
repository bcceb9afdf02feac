"""watch reuses what did not change between rebuilds (resized pictures, parsed names, the parsed style
sheet), and every changed input still shows in the next build."""

from __future__ import annotations

import gc
import io
import shutil
from pathlib import Path

from PIL import Image

from cvgen.build import BuildOptions
from cvgen.outputs import images
from cvgen.tools.watch import watch
from tests.conftest import PROFILES


def _png(color: tuple[int, int, int], size: int = 400) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (size, size), color).save(buf, "PNG")
    return buf.getvalue()


def test_watch_resizes_a_picture_again_only_when_its_bytes_change(tmp_path, monkeypatch):
    folder = tmp_path / "site"
    folder.mkdir()
    shutil.copytree(PROFILES / "images", folder / "images")
    profile = folder / "p.yaml"
    text = (PROFILES / "haoyu-he.yaml").read_text(encoding="utf-8")
    profile.write_text(text, encoding="utf-8")
    (folder / "images" / "esta.png").write_bytes(_png((10, 120, 200)))  # large enough to be re-encoded
    out = tmp_path / "out"
    images._RESIZED.clear()
    calls: list[int] = []
    real = images._resize

    def counting(data: bytes, name: str, width: int) -> images.Resized:
        calls.append(width)
        return real(data, name, width)

    monkeypatch.setattr(images, "_resize", counting)
    seen: dict[str, bytes] = {}
    counts: list[int] = []

    def echo(message: str) -> None:
        assert message.startswith("built"), message
        counts.append(len(calls))
        seen[f"build {len(counts)}"] = (out / "images" / "esta.png").read_bytes()
        seen[f"page {len(counts)}"] = (out / "index.html").read_bytes()

    def changes():
        profile.write_text(text.replace("Research Engineer", "Senior Research Engineer", 1), encoding="utf-8")
        yield {(2, str(profile))}
        (folder / "images" / "esta.png").write_bytes(_png((200, 30, 30)))
        yield {(2, str(folder / "images" / "esta.png"))}

    watch(profile, BuildOptions(homepage=True, outdir=out), echo, changes())
    first, second, third = counts[0], counts[1] - counts[0], counts[2] - counts[1]
    assert first >= 10 and second == 0 and third == 1  # every picture once; none for a text edit; the changed one
    assert b"Senior Research Engineer" in seen["page 2"] and b"Senior" not in seen["page 1"]
    assert seen["build 1"] == seen["build 2"] != seen["build 3"]
    assert seen["build 3"] == real(_png((200, 30, 30)), "esta.png", calls[-1]).data


def test_names_are_parsed_once_and_an_edited_author_still_shows(tmp_path):
    from cvgen.text import names

    profile = tmp_path / "p.yaml"
    entry = "publications:\n  - {title: T, year: 2020, authors: [%s, Bo Li]}\n"
    profile.write_text("person: {name: Ada Lovelace}\n" + entry % "Ada Lovelace", encoding="utf-8")
    out = tmp_path / "out"
    html: list[str] = []

    def echo(message: str) -> None:
        assert message.startswith("built"), message
        html.append((out / "cv.html").read_text(encoding="utf-8"))

    def changes():
        before = names.parse_name.cache_info().hits
        profile.write_text("person: {name: Ada Lovelace}\n" + entry % "Charles Babbage", encoding="utf-8")
        yield {(2, str(profile))}
        assert names.parse_name.cache_info().hits > before

    watch(profile, BuildOptions(html=True, outdir=out), echo, changes())
    assert "Lovelace" in html[0] and "Babbage" not in html[0]  # names print with no-break spaces
    assert "Babbage" in html[1] and html[1].count("Lovelace") < html[0].count("Lovelace")


def test_a_changed_theme_colour_shows_in_the_next_pdf(tmp_path):
    """The parsed style sheet is reused only while it is the same text: a setting that changes it shows."""
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {name: Ada}\ninterests: [one]\ncv: {font_size: 10}\n", encoding="utf-8")
    out = tmp_path / "out"
    pdfs: list[bytes] = []

    def echo(message: str) -> None:
        assert message.startswith("built"), message
        pdfs.append(Path(out / "cv.pdf").read_bytes())

    def changes():
        profile.write_text("person: {name: Ada}\ninterests: [one]\ncv: {font_size: 12}\n", encoding="utf-8")
        yield {(2, str(profile))}
        profile.write_text("person: {name: Ada}\ninterests: [one]\ncv: {font_size: 10}\n", encoding="utf-8")
        yield {(2, str(profile))}

    watch(profile, BuildOptions(pdf=True, outdir=out), echo, changes())
    assert pdfs[0] != pdfs[1] and pdfs[0] == pdfs[2]


def test_an_edit_of_the_site_alone_prints_no_pdf_and_an_edit_of_the_cv_does(tmp_path, monkeypatch):
    from cvgen.engines import weasyprint as engine

    profile = tmp_path / "p.yaml"
    base = "person: {name: Ada}\ninterests: [one]\nnews:\n  - {date: 2024-01, text: %s}\n"
    profile.write_text(base % "First news", encoding="utf-8")
    out = tmp_path / "out"
    printed: list[str] = []
    real = engine._print

    def counting(html: str, *args: object) -> object:
        printed.append(html)
        return real(html, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "_print", counting)
    seen: list[tuple[bytes, bytes, bytes]] = []

    collected: list[int] = []

    def echo(message: str) -> None:
        assert message.startswith("built"), message
        collected.append(gc.get_threshold()[0])
        seen.append(tuple((out / name).read_bytes() for name in ("cv.html", "cv.pdf", "index.html")))  # type: ignore[arg-type]

    def changes():
        profile.write_text(base % "Second news", encoding="utf-8")
        yield {(2, str(profile))}
        profile.write_text((base % "Second news").replace("[one]", "[two]"), encoding="utf-8")
        yield {(2, str(profile))}

    thresholds = gc.get_threshold()
    watch(profile, BuildOptions(pdf=True, html=True, homepage=True, outdir=out), echo, changes())
    assert gc.get_threshold() == thresholds and collected == [100_000] * 3  # watch's own GC policy, then undone
    assert seen[0][0] == seen[1][0] and seen[0][2] != seen[1][2]  # the news shows on the site only
    assert len(printed) == 2  # ... so the second build printed no PDF; the third (interests) did
    assert seen[1][1] == seen[0][1] != seen[2][1]
    assert engine._pdfs_kept == 0  # watch's reuse ends with watch
