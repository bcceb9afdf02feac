"""The seed homepages in a real browser: Chromium, axe-core and the Nu HTML Checker.

Each page is loaded from file:// and from a loopback HTTP server, 1280 and 390
pixels wide, in light and dark mode, and must show no console error, no failed
or external request, no horizontal scrolling, no broken picture or link, and
no axe-core violation. Screenshots land in tests/.artifacts/homepage/.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.conftest import ARTIFACTS, AXE, VNU, require_file
from tests.conftest import require

PAGES = [
    ("haoyu-he", "index"),
    ("haoyu-he", "news"),
    ("haoyu-he", "cv/index"),
    ("gao-huang", "index"),
    ("gao-huang", "publications"),
    ("gao-huang", "publications-2"),
    ("gao-huang", "cv/index"),
    ("gao-huang-selected", "index"),
    ("gao-huang-selected", "publications"),
]
WIDTHS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}

# Scroll through the page so that lazy pictures load, then wait for every picture.
LOAD_ALL = """async () => {
  const step = Math.max(200, window.innerHeight - 100);
  for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
    window.scrollTo(0, y);
    await new Promise(r => setTimeout(r, 30));
  }
  await Promise.all([...document.images].map(i => i.decode().catch(() => null)));
  window.scrollTo(0, 0);
}"""

URLS = """() => [...document.querySelectorAll('a[href], link[href], img[src], script[src]')].map(e => ({
  tag: e.tagName.toLowerCase(), rel: e.getAttribute('rel'),
  raw: e.getAttribute('href') ?? e.getAttribute('src'), abs: e.href ?? e.src,
}))"""


def _ids(path: Path) -> set[str]:
    return set(re.findall(r'\sid="([^"]+)"', path.read_text("utf-8")))


def _open(chromium, width: int, scheme: str, **extra):
    mobile = width < 600
    return chromium.new_context(
        viewport=WIDTHS[width],
        color_scheme=scheme,
        is_mobile=mobile,
        has_touch=mobile,
        device_scale_factor=2 if mobile else 1,
        **extra,
    )


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("transport", ["file", "http"])
@pytest.mark.parametrize("site,page_name", PAGES, ids=[f"{s}-{p}" for s, p in PAGES])
def test_page_in_chromium(chromium, sites, servers, site, page_name, transport, width, scheme):
    folder = sites[site]
    assert (folder / f"{page_name}.html").is_file()
    root = folder.as_uri() + "/" if transport == "file" else servers[site]
    url = root + f"{page_name}.html"
    context = _open(chromium, width, scheme)
    page = context.new_page()
    errors: list[str] = []
    failed: list[str] = []
    external: list[str] = []
    page.on("console", lambda m: errors.append(f"console.{m.type}: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    page.on("requestfailed", lambda r: failed.append(f"{r.url}: {r.failure}"))
    page.on("response", lambda r: failed.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None)
    page.on("request", lambda r: None if r.url.startswith((root, "data:")) else external.append(r.url))
    try:
        page.goto(url, wait_until="load")
        page.evaluate(LOAD_ALL)
        page.wait_for_load_state("networkidle")

        # Pictures: every one loaded (lazy ones too), each with width/height set.
        broken = page.evaluate(
            "() => [...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
        )
        assert not broken, f"pictures that did not load: {broken}"

        # No horizontal scrolling (with mobile emulation, compare with clientWidth, not innerWidth).
        sw, cw = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        wide = page.evaluate(
            """() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right
                 > document.documentElement.clientWidth + 1).slice(0, 5).map(e => e.outerHTML.slice(0, 120))"""
        )
        assert sw <= cw, f"horizontal overflow at {width}px: scrollWidth {sw} > clientWidth {cw}: {wide}"

        # The colour scheme follows the system.
        bg = page.evaluate("() => getComputedStyle(document.body).backgroundColor")
        channels = [int(x) for x in re.findall(r"\d+", bg)[:3]]
        assert (sum(channels) / 3 < 60) == (scheme == "dark"), f"{scheme} mode shows background {bg}"

        # Every internal link, stylesheet, icon and picture resolves; every #anchor has its target.
        problems = []
        fetched: set[str] = set()
        for item in page.evaluate(URLS):
            abs_url = item["abs"]
            if not abs_url.startswith(root):
                if item["tag"] != "a" and item["rel"] not in ("canonical", "alternate"):
                    problems.append(f"external resource <{item['tag']}> {abs_url}")
                continue
            parts = urlsplit(abs_url)
            rel = unquote(parts.path)[len(unquote(urlsplit(root).path)) :] or "index.html"
            target = folder / rel
            if not target.is_file():
                problems.append(f"{item['raw']}: no file {rel}")
                continue
            if parts.fragment:
                if rel == f"{page_name}.html":
                    found = page.evaluate("id => document.getElementById(id) !== null", parts.fragment)
                else:
                    found = parts.fragment in _ids(target)
                if not found:
                    problems.append(f"{item['raw']}: no element with id {parts.fragment!r}")
            if transport == "http":
                plain_url = abs_url.split("#", 1)[0]
                if plain_url not in fetched:
                    fetched.add(plain_url)
                    status = context.request.fetch(plain_url, method="HEAD").status
                    if status != 200:
                        problems.append(f"{item['raw']}: HTTP {status}")
        assert not problems, "\n".join(problems)

        # axe-core: zero violations (on file:// its CSS preload is blocked by CORS, so no preload).
        page.add_script_tag(path=str(require_file(AXE, "npm ci")))
        result = page.evaluate(
            "opts => axe.run(document, opts)", {"preload": transport == "http", "resultTypes": ["violations"]}
        )
        violations = [
            f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
            for v in result["violations"]
        ]
        assert not violations, "axe-core violations:\n" + "\n".join(violations)

        if transport == "http":
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            shot = f"{site}-{page_name.replace('/', '-')}-{width}-{scheme}.png"
            page.screenshot(path=str(ARTIFACTS / shot), full_page=True)
        assert not errors, "\n".join(errors)
        assert not failed, "failed requests:\n" + "\n".join(failed)
        assert not external, f"requests that left the machine: {external}"
    finally:
        context.close()


@pytest.mark.parametrize("site", ["haoyu-he", "gao-huang"])
def test_keyboard_skip_link_and_visible_focus(chromium, servers, site):
    context = _open(chromium, 390, "light")
    page = context.new_page()
    try:
        page.goto(servers[site], wait_until="load")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const e = document.activeElement, r = e.getBoundingClientRect(), s = getComputedStyle(e);
                 return {cls: e.className, top: r.top, bottom: r.bottom, outline: s.outlineStyle, width: s.outlineWidth}; }"""
        )
        assert focused["cls"] == "skip-link" and focused["top"] >= 0 and focused["bottom"] <= 844, focused
        assert focused["outline"] != "none" and focused["width"] != "0px", "focus is not visible"
        page.keyboard.press("Enter")
        assert page.evaluate("() => [location.hash, document.activeElement.id]") == ["#content", "content"]
        # The next Tab reaches the content, not the masthead again.
        page.keyboard.press("Tab")
        assert page.evaluate("() => document.getElementById('content').contains(document.activeElement)")
    finally:
        context.close()


@pytest.mark.parametrize("site", ["haoyu-he", "gao-huang"])
def test_readable_without_javascript(chromium, servers, site):
    context = _open(chromium, 1280, "light", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(servers[site], wait_until="load")
        assert page.locator("main h2").first.is_visible()
        assert page.locator("li.paper").count() >= 10
        assert page.locator("li.paper").first.is_visible()
    finally:
        context.close()


def test_nu_html_checker_finds_no_errors(sites):
    """The Nu HTML Checker (vnu.jar): no error in any page, the stylesheet or the icon."""
    java = require("java", "bash scripts/install-system-deps.sh browser")
    jar = require_file(VNU, "npm ci")
    pages = sorted(str(p) for folder in sites.values() for p in folder.rglob("*.html"))
    css = [str(folder / "style.css") for folder in list(sites.values())[:1]]
    svg = [str(folder / "favicon.svg") for folder in list(sites.values())[:1]]
    messages = []
    for mode, files in (([], pages), (["--css"], css), (["--svg"], svg)):
        run = subprocess.run(
            [java, "-jar", str(jar), "--errors-only", "--format", "json", *mode, *files],
            capture_output=True,
            text=True,
            timeout=300,
        )
        report = json.loads(run.stderr or run.stdout or '{"messages": []}')
        messages += [
            f"{Path(urlsplit(m.get('url', '')).path).name}:{m.get('lastLine')}: {m.get('type')}: {m.get('message')}"
            for m in report["messages"]
        ]
    assert {str(sites[s] / f"{p}.html") for s, p in PAGES} <= set(pages)
    assert not messages, "\n".join(messages)


@pytest.mark.parametrize("site,page_name", PAGES, ids=[f"{s}-{p}" for s, p in PAGES])
def test_no_horizontal_scroll_at_360px(chromium, servers, site, page_name):
    """The narrowest phones in use: still no horizontal scrolling, light or dark alike."""
    context = chromium.new_context(
        viewport={"width": 360, "height": 780}, is_mobile=True, has_touch=True, device_scale_factor=3
    )
    page = context.new_page()
    try:
        page.goto(servers[site] + f"{page_name}.html", wait_until="load")
        page.evaluate(LOAD_ALL)
        sw, cw = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
        assert cw == 360 and sw <= cw, f"scrollWidth {sw} > clientWidth {cw}"
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [False, True])
def test_abstract_and_bibtex_toggles_work_without_javascript(chromium, servers, javascript):
    """Each toggle opens on a click (or Enter) and shows the abstract or the exported entry."""
    context = _open(chromium, 390, "light", java_script_enabled=javascript)
    page = context.new_page()
    try:
        page.goto(servers["haoyu-he"], wait_until="load")
        bib = page.locator("li.paper details.bibtex").first
        entry = bib.locator("pre")
        assert not entry.is_visible()
        bib.locator("summary").click()
        assert entry.is_visible() and entry.inner_text().startswith("@")
        box = entry.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390, box  # scrolls inside, not the page
        bib.locator("summary").focus()
        page.keyboard.press("Enter")
        assert not entry.is_visible()
    finally:
        context.close()


def test_abstract_toggle_shows_the_bib_abstract(chromium, bib_site):
    context = _open(chromium, 1280, "dark", java_script_enabled=False)
    page = context.new_page()
    try:
        with_abstract = [f for f in sorted(bib_site.glob("*.html")) if 'class="abstract"' in f.read_text("utf-8")]
        assert with_abstract, "no page shows an abstract"
        page.goto(with_abstract[0].as_uri(), wait_until="load")
        toggles = page.locator("details.abstract")
        assert toggles.count() >= 1
        toggles.first.locator("summary").click()
        assert "We study things" in toggles.first.locator(".panel").inner_text()
    finally:
        context.close()


def test_filter_by_type_and_year_without_javascript(chromium, servers):
    """The chips show only the papers of one type or year; the counts match what stays visible."""
    context = _open(chromium, 1280, "light", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(servers["gao-huang"] + "publications.html", wait_until="load")
        visible = "() => [...document.querySelectorAll('li.paper')].filter(e => e.offsetParent !== null).length"
        total = page.locator("li.paper").count()
        assert page.evaluate(visible) == total
        for label in page.locator(".paper-filter label").all():
            label.click()
            count = int(label.locator(".count").inner_text())
            assert page.evaluate(visible) == count, label.inner_text()
            color = label.evaluate("e => getComputedStyle(e).backgroundColor")
            assert color not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)"), "the chosen chip is not marked"
            page.locator(".paper-filter label[for$='-all']").first.click()
            page.locator(".paper-filter label[for$='-all']").last.click()
    finally:
        context.close()


@pytest.mark.parametrize("site", ["haoyu-he", "gao-huang"])
def test_cv_page_holds_every_section_of_the_pdf(chromium, sites, servers, site):
    """cv/index.html: the PDF's section titles in the PDF's order, and a link to the PDF that loads."""
    from tests.conftest import pdf_text

    context = _open(chromium, 390, "light")
    page = context.new_page()
    try:
        page.goto(servers[site] + "cv/index.html", wait_until="load")
        titles = page.locator("main h2").all_inner_texts()
        pdf = " ".join(pdf_text(sites[site] / "cv.pdf").split())
        positions = [pdf.find(t) for t in titles]
        assert len(titles) >= 4 and -1 not in positions and positions == sorted(positions), (titles, positions)
        href = page.locator("a.btn-primary").get_attribute("href")
        assert href == "../cv.pdf" and context.request.fetch(servers[site] + "cv.pdf").status == 200
    finally:
        context.close()
