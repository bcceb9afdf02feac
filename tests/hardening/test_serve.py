"""`cvgen serve` and `cvgen watch` under bad conditions: a message, never a traceback; and a preview
that answers only requests addressed to a loopback name (no DNS rebinding).

Issue 13, failures 10 and 13: tracebacks for a busy port, port 70000, port 80 as non-root, an
unwritable -o and a missing folder; any Host header accepted.
"""

from __future__ import annotations

import errno
import functools
import http.client
import http.server
import socket
import threading

import pytest

from cvgen.tools import watch as live


def test_port_in_use(tmp_path, cli):
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {name: Ada Lovelace}\n", encoding="utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code, _, err = cli("serve", profile, "-o", tmp_path / "out", "--port", port)
    assert code == 1 and "Traceback" not in err
    assert err == (
        f"error: port {port} is in use (another server, or another cvgen serve); choose another with --port\n"
    )


def test_port_that_does_not_exist(tmp_path, cli):
    code, _, err = cli("serve", tmp_path / "p.yaml", "--port", "70000")
    assert code == 2 and "Traceback" not in err
    assert "70000 is not in the range 0<=x<=65535" in err


def test_port_that_needs_root(tmp_path, cli, monkeypatch):
    """Binding port 80 as an ordinary user fails with EACCES (simulated: the tests may run as root)."""

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(live.http.server, "ThreadingHTTPServer", refuse)
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {name: Ada Lovelace}\n", encoding="utf-8")
    code, _, err = cli("serve", profile, "-o", tmp_path / "out", "--port", "80")
    assert code == 1 and err == (
        "error: port 80 needs administrator rights (ports below 1024 do); use one from 1024 up, e.g. --port 8000\n"
    )


def test_output_folder_that_cannot_be_made(tmp_path, cli):
    profile = tmp_path / "p.yaml"
    profile.write_text("person: {name: Ada Lovelace}\n", encoding="utf-8")
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    out = tmp_path / "a-file" / "out"  # unwritable even for root: a file stands where a folder must
    code, _, err = cli("serve", profile, "-o", out, "--port", "0")
    assert code == 1 and "Traceback" not in err
    assert err == f"error: {out}: cannot create the output folder: Not a directory\n"


@pytest.mark.parametrize("command", ["watch", "serve"])
def test_watching_a_folder_that_does_not_exist(command, tmp_path, cli):
    profile = tmp_path / "nowhere" / "p.yaml"
    code, _, err = cli(command, profile, "-o", tmp_path / "out", *(["--port", "0"] if command == "serve" else []))
    assert code == 1 and "Traceback" not in err
    assert err == f"error: {profile.parent}: no such folder, so there is nothing to watch; check the profile's path\n"


# --------------------------------------------------------------------------- the Host header


@pytest.fixture
def server(tmp_path):
    (tmp_path / "index.html").write_text("<p>Ada</p>\n", encoding="utf-8")
    handler = functools.partial(live.LoopbackHandler, directory=str(tmp_path))
    httpd = live.open_server(0, handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield httpd.server_address[1]
    httpd.shutdown()
    httpd.server_close()


def status(port: int, host: str | None) -> int:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.putrequest("GET", "/index.html", skip_host=True)
    if host is not None:
        conn.putheader("Host", host)
    conn.endheaders()
    code = conn.getresponse().status
    conn.close()
    return code


def test_loopback_names_are_served(server):
    for host in ("127.0.0.1", f"127.0.0.1:{server}", "localhost", f"LOCALHOST:{server}", f"[::1]:{server}"):
        assert status(server, host) == 200, host


def test_other_hosts_are_refused(server):
    """A page on attacker.example whose name now resolves to 127.0.0.1 sends its own Host header."""
    for host in ("attacker.example", f"attacker.example:{server}", f"127.0.0.1.attacker.example:{server}",
                 f"localhost:{server + 1}", "", None, "127.0.0.1:80@evil"):  # fmt: skip
        assert status(server, host) == 403, host


def test_the_handler_is_the_one_serve_uses():
    assert issubclass(live.LoopbackHandler, http.server.SimpleHTTPRequestHandler)
    assert live.loopback_host("localhost:8000", 8000) and not live.loopback_host("evil:8000", 8000)
