"""watch: rebuild on relevant changes; a bad edit keeps the last good PDF."""

from pathlib import Path

from cvgen.build import BuildOptions
from cvgen.tools.watch import relevant, watch


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


def test_serve_serves_the_built_site_on_loopback(tmp_path):
    """`cvgen serve` in a real process: the homepage answers on 127.0.0.1, then Ctrl-C stops it."""
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    profile = tmp_path / "p.yaml"
    profile.write_text("person: {name: Ada Lovelace}\ninterests: [engines]\n", encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "cvgen", "serve", str(profile), "-o", str(tmp_path / "out"), "--port", str(port)],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = ""
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=2) as r:
                    body = r.read().decode()
                if "Ada Lovelace" in body and (tmp_path / "out" / "cv.pdf").exists():
                    break
            except OSError:
                pass
            time.sleep(0.2)
        assert "Ada Lovelace" in body
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=20)
    assert "Traceback" not in err and proc.returncode == 130
