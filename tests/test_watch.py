"""watch: rebuild on relevant changes; a bad edit keeps the last good PDF."""

from pathlib import Path

from cvgen.build import BuildOptions
from cvgen.watch import relevant, watch


def test_relevant_changes(tmp_path):
    profile = tmp_path / "p.yaml"
    out = tmp_path / "out"
    assert relevant(profile, profile, out)
    assert relevant(tmp_path / "images" / "me.png", profile, out)
    assert not relevant(out / "cv.pdf", profile, out)
    assert not relevant(tmp_path / ".git" / "index", profile, out)
    assert not relevant(tmp_path / ".cv.pdf.x.tmp", profile, out)
    assert not relevant(tmp_path.parent / "other.yaml", profile, out)


def test_watch_rebuilds_and_survives_a_bad_edit(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {name: Ada}\ninterests: [one]\n", encoding="utf-8")
    out = tmp_path / "out"
    messages: list[str] = []

    def changes():
        profile.write_text("person: {name: Ada}\ninterests: [one\n", encoding="utf-8")  # broken
        yield {(2, str(profile))}
        yield {(2, str(out / "cv.pdf"))}  # our own write: ignored
        profile.write_text("person: {name: Ada Lovelace}\ninterests: [two]\n", encoding="utf-8")
        yield {(2, str(profile))}

    good = []

    def echo(msg: str) -> None:
        messages.append(msg)
        if (out / "cv.pdf").exists():
            good.append((out / "cv.pdf").read_bytes())

    watch(profile, BuildOptions(pdf=True, outdir=out), echo, changes())
    assert [m.split()[0] for m in messages] == ["built", "build", "built"]
    assert "p.yaml:3:1: YAML syntax error" in messages[1] and "started at line 2, column 12" in messages[1]
    assert good[0] == good[1] != good[2]  # the bad edit kept the first PDF
    assert Path(out / "cv.pdf").exists()
