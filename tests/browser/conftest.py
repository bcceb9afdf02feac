"""Fixtures for the browser checks: built seed sites, loopback HTTP servers, Chromium via Playwright.

Chromium is Debian's package (/usr/bin/chromium), driven through `executable_path`:
`playwright install` cannot download browsers here. scripts/install-system-deps.sh
`browser` installs it and Java; `npm ci` installs axe-core and vnu-jar.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from cvgen.build import BuildOptions, build
from tests.conftest import IN_CI, PROFILES, ROOT, require

SEEDS = ("haoyu-he", "gao-huang")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
ARTIFACTS = ROOT / "tests" / ".artifacts" / "homepage"


def require_file(path: Path, install: str) -> Path:
    """Like tests.conftest.require, for a file an installer provides: fails in CI, skips elsewhere."""
    if path.is_file():
        return path
    message = f"{path.relative_to(ROOT)} is missing ({install})"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> dict[str, Path]:
    """Both seed profiles built with --homepage (so cv.pdf is there too)."""
    out = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
        for name in SEEDS:
            folder = tmp_path_factory.mktemp(f"site-{name}")
            build(PROFILES / f"{name}.yaml", BuildOptions(homepage=True, outdir=folder))
            out[name] = folder
        # Gao Huang's page with only the selected papers on the index: the site then
        # has its second page, publications.html, which the browser checks too.
        copy = tmp_path_factory.mktemp("profile-gao-huang-selected")
        shutil.copytree(PROFILES / "images", copy / "images")
        text = (PROFILES / "gao-huang.yaml").read_text(encoding="utf-8")
        assert "    selected_only: false\n" in text
        (copy / "p.yaml").write_text(
            text.replace("    selected_only: false\n", "    selected_only: true\n", 1), encoding="utf-8"
        )
        folder = tmp_path_factory.mktemp("site-gao-huang-selected")
        build(copy / "p.yaml", BuildOptions(homepage=True, outdir=folder))
        assert (folder / "publications.html").exists()
        out["gao-huang-selected"] = folder
    return out


@pytest.fixture(scope="session")
def bib_site(tmp_path_factory) -> Path:
    """The site of the profile that reads tests/data/bib/papers.bib (abstracts, al-folio keys), homepage only."""
    folder = tmp_path_factory.mktemp("site-bib")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", "1767225600")
        build(ROOT / "tests" / "data" / "bib" / "profile.yaml", BuildOptions(homepage=True, outdir=folder))
    return folder


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="session")
def servers(sites) -> Iterator[dict[str, str]]:
    """One loopback HTTP server per site, each serving its site at / (like GitHub Pages), on a random port."""
    running = []
    urls = {}
    for name, folder in sites.items():
        handler = functools.partial(_QuietHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        running.append((server, thread))
        urls[name] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield urls
    for server, thread in running:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium():
    """A headless Chromium shared by the session."""
    executable = require("chromium", "bash scripts/install-system-deps.sh browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()
