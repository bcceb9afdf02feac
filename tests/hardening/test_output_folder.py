"""The output folder: never written over the profile's inputs, published as one transaction, and
cleaned of what a build no longer makes (only what cvgen made).

Issue 13: `-o .` replaced the source photo with its resized copy and `--bib` overwrote the user's
publications.bib (failure 5); a failure after the PDF was written said "nothing was written"
(failure 7); a rebuild left images/me.png, feed.xml and publications.html behind (failure 8).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from cvgen import write
from cvgen.build import BuildOptions
from cvgen.errors import BuildError
from cvgen.tools.watch import relevant, watch

BIB = "@article{k, title = {Notes}, author = {Ada Lovelace}, journal = {J}, year = 2020}\n"


def site(tmp_path: Path, profile: str = "person: {name: Ada Lovelace, photo: images/me.png}\n") -> Path:
    folder = tmp_path / "p"
    (folder / "images").mkdir(parents=True)
    Image.new("RGB", (900, 900), (20, 90, 160)).save(folder / "images" / "me.png")
    (folder / "publications.bib").write_text(BIB, encoding="utf-8")
    (folder / "profile.yaml").write_text(profile, encoding="utf-8")
    return folder / "profile.yaml"


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    "flags, clash",
    [
        (["--homepage"], "images/me.png"),
        (["--bib"], "publications.bib"),
    ],
    ids=["photo", "bib"],
)
def test_output_into_the_profile_folder_never_replaces_an_input(flags, clash, tmp_path, cli):
    profile = site(
        tmp_path, "person: {name: Ada Lovelace, photo: images/me.png}\npublications:\n  - bibtex: publications.bib\n"
    )
    folder = profile.parent
    before = snapshot(folder)
    code, stdout, err = cli("build", profile, *flags, "-o", folder)
    assert code == 1 and stdout == "" and "Traceback" not in err
    assert err == (
        f"error: {clash} would be written over {folder / clash}, which the profile reads; build into another "
        f"folder (-o out, the default) instead of -o {folder}\n"
    )
    assert snapshot(folder) == before, "a refused build changed the profile's folder"


def test_output_folder_inside_an_input_folder_is_refused(tmp_path, cli):
    profile = site(tmp_path, "person: {name: Ada Lovelace}\ncv: {templates: tpl}\n")
    (profile.parent / "tpl").mkdir()
    out = profile.parent / "tpl" / "out"
    code, _, err = cli("build", profile, "--html", "-o", out)
    assert code == 1 and "the output folder would be written over" in err and "which the profile reads" in err
    assert not out.exists()


def test_output_into_the_profile_folder_works_when_nothing_clashes(tmp_path, cli):
    """A site repository with profile.yaml at its root may build into itself."""
    profile = site(tmp_path, "person: {name: Ada Lovelace}\n")
    code, _, err = cli("build", profile, "--homepage", "-o", profile.parent)
    assert code == 0, err
    assert (profile.parent / "index.html").exists() and (profile.parent / "images" / "me.png").exists()


def test_a_failure_after_the_pdf_keeps_every_previous_output(tmp_path, cli, monkeypatch):
    profile = site(tmp_path)
    out = tmp_path / "out"
    code, _, err = cli("build", profile, "--pdf", "--homepage", "-o", out)
    assert code == 0, err
    before = snapshot(out)
    profile.write_text("person: {name: Ada King, photo: images/me.png}\n", encoding="utf-8")

    from cvgen.outputs import homepage

    def disk_full(*args, **kwargs):
        raise BuildError("index.html: cannot write: No space left on device")

    monkeypatch.setattr(homepage, "homepage_files", disk_full)
    code, _, err = cli("build", profile, "--pdf", "--homepage", "-o", out)
    assert code == 1 and err == "error: index.html: cannot write: No space left on device\n"
    assert snapshot(out) == before, "the new cv.pdf was published although the build failed"


def test_an_interrupted_build_publishes_nothing(tmp_path, cli, monkeypatch):
    profile = site(tmp_path)
    out = tmp_path / "out"
    assert cli("build", profile, "--pdf", "--homepage", "-o", out)[0] == 0
    before = snapshot(out)
    profile.write_text("person: {name: Ada King}\n", encoding="utf-8")

    from cvgen.outputs import homepage

    def interrupt(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(homepage, "homepage_files", interrupt)
    code, _, _ = cli("build", profile, "--pdf", "--homepage", "-o", out)
    assert code == 130
    assert snapshot(out) == before


def test_a_rebuild_removes_what_it_no_longer_makes(tmp_path, cli):
    profile = site(
        tmp_path, "person: {name: Ada Lovelace, photo: images/me.png}\nnews: [{date: 2024-01, text: Hello}]\n"
    )
    out = tmp_path / "out"
    assert cli("build", profile, "--homepage", "-o", out)[0] == 0
    assert (out / "images" / "me.png").exists() and (out / "feed.xml").exists()
    (out / "notes.txt").write_text("mine\n", encoding="utf-8")  # the user's own file
    (out / "images" / "logo.png").write_bytes(b"mine")
    profile.write_text("person: {name: Ada Lovelace}\n", encoding="utf-8")
    code, _, err = cli("build", profile, "--homepage", "-o", out)
    assert code == 0, err
    assert not (out / "feed.xml").exists() and not (out / "images" / "me.png").exists()
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine\n" and (out / "images" / "logo.png").exists()
    assert (out / "cv.pdf").exists() and (out / "index.html").exists()
    assert "feed.xml" not in json.loads((out / write.MANIFEST).read_text(encoding="utf-8"))["homepage"]


def test_a_forged_manifest_removes_nothing_outside(tmp_path, cli):
    """The manifest is only a list of names: one leading out of the folder, to an input, or to a
    link is left alone."""
    profile = site(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (tmp_path / "precious.txt").write_text("keep\n", encoding="utf-8")
    (out / "link.html").symlink_to(tmp_path / "precious.txt")
    forged = {"homepage": ["../precious.txt", str(tmp_path / "precious.txt"), "link.html", "../p/profile.yaml"]}
    (out / write.MANIFEST).write_text(json.dumps(forged), encoding="utf-8")
    code, _, err = cli("build", profile, "--homepage", "-o", out)
    assert code == 0, err
    assert (tmp_path / "precious.txt").read_text(encoding="utf-8") == "keep\n"
    assert (out / "link.html").is_symlink() and profile.exists()


def test_other_outputs_do_not_prune_the_site(tmp_path, cli):
    """`--pdf` alone after a site build removes nothing: only a homepage build replaces the site's files."""
    profile = site(tmp_path)
    out = tmp_path / "out"
    assert cli("build", profile, "--homepage", "-o", out)[0] == 0
    before = set(snapshot(out))
    assert cli("build", profile, "--pdf", "--tex", "-o", out)[0] == 0
    assert before <= set(snapshot(out))


def test_watch_with_output_in_the_profile_folder_still_rebuilds(tmp_path):
    """`-o .`: its own writes are ignored, the user's edits are not (issue 13: watch never rebuilt)."""
    profile = site(tmp_path, "person: {name: Ada Lovelace}\n")
    folder = profile.parent
    assert relevant(profile, profile, folder)
    assert not relevant(folder / "index.html", profile, folder, frozenset({(folder / "index.html").resolve()}))
    messages: list[str] = []

    def changes():
        profile.write_text("person: {name: Ada King}\n", encoding="utf-8")
        yield {(2, str(folder / "index.html"))}  # our own write
        yield {(2, str(profile))}

    watch(profile, BuildOptions(homepage=True, outdir=folder), messages.append, changes())
    assert [m.split()[0] for m in messages] == ["built", "built"]
    assert "Ada King" in (folder / "index.html").read_text(encoding="utf-8")


def test_a_build_whose_outputs_grow_past_the_bound_publishes_nothing(tmp_path, cli, monkeypatch):
    """All outputs of one build are bounded together (each input is bounded too, but many pages of
    pictures and lists add up): past the bound the build stops, names the file, and publishes nothing."""
    profile = site(tmp_path)
    out = tmp_path / "out"
    code, _, err = cli("build", profile, "--pdf", "--homepage", "-o", out)
    assert code == 0, err
    before = snapshot(out)
    monkeypatch.setattr(write, "MAX_BUILD_BYTES", sum(len(b) for b in before.values()) // 2)
    code, _, err = cli("build", profile, "--pdf", "--homepage", "-o", out)
    assert code == 1 and "outputs would exceed" in err and "Traceback" not in err, err
    assert snapshot(out) == before
