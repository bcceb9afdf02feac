"""Shared fixtures: the CLI as a function, tool checks, PDF text extraction.

Also the suite's own rules: the markers `latex`, `browser` and `slow` (put on the tests here, so
that `scripts/test.sh --fast` can leave those out), the `--update-goldens` option, and the
Hypothesis settings of CI runs.
"""

from __future__ import annotations

import functools
import inspect
import os
import re
import shutil
import subprocess
import types
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cvgen.cli import main
from tests import golden

ROOT = Path(__file__).resolve().parent.parent
PROFILES = ROOT / "profiles"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# --------------------------------------------------------------------------- markers
# latex   : in a module that marks latex itself (@pytest.mark.latex, pytest.param(..., marks=...)),
#           those marks alone; elsewhere found here: a test that calls require() on a TeX program,
#           in its own body, in a fixture it uses, or through a function of its module that does
#           (such as need_tex() in tests/outputs/test_cv_tex.py).
# browser : everything under tests/browser/ (Chromium, Java, the npm checkers).
# slow    : more than about 3 s on CI's two cores: listed below, by module, fixture or test.
# require() fails a test that asks for a TeX program or a browser tool without the marker, so the
# rule cannot silently miss one; the end of a serial run names unmarked tests over SLOW_SECONDS.
TEX_TOOLS = frozenset({"xelatex", "lualatex", "latexmk"})
BROWSER_TOOLS = frozenset({"chromium", "java"})
BROWSER_FOLDER = "tests/browser/"
SLOW_MODULES = frozenset({"tests/test_packaging.py"})  # builds the wheel and installs it into a fresh venv
SLOW_FIXTURES = frozenset({"two_versions"})  # tests/hardening/test_faults.py: builds in real processes, killed
SLOW_TESTS = frozenset(
    {
        "tests/hardening/test_properties.py::test_any_text_builds_literally_or_is_refused",  # Hypothesis: 25 PDFs
        "tests/engines/test_typesetting.py::test_long_words_and_addresses_wrap",  # 6 s with WeasyPrint
        "tests/outputs/test_themes.py::test_page_one_differs_between_themes_in_type_and_layout",  # 3 PDFs
        "tests/outputs/test_themes.py::test_accent_color_turns_the_accent_of_page_one_red",  # 2 PDFs, 2 renders
    }
)
SLOW_SECONDS = 3.0

_TEX_NAME = re.compile(r"""["'](?:""" + "|".join(sorted(TEX_TOOLS)) + r""")["']""")
_current: pytest.Item | None = None  # the test being set up, run or torn down


def _source(function: Callable[..., object]) -> str:
    try:
        return inspect.getsource(function)
    except (OSError, TypeError):
        return ""


def _asks_for_tex(text: str, helpers: re.Pattern[str] | None) -> bool:
    """Source that calls require() with a TeX program named in it, or calls a helper that does."""
    return ("require(" in text and _TEX_NAME.search(text) is not None) or bool(helpers and helpers.search(text))


@functools.cache
def _tex_helpers(module: types.ModuleType | None) -> re.Pattern[str] | None:
    """The module's own functions that ask for TeX, directly or through one another (such as
    need_tex() in tests/outputs/test_cv_tex.py), as a pattern matching their names."""
    if module is None:
        return None
    functions = {
        name: _source(value)
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__ and not name.startswith("test")
    }
    helpers: set[str] = set()
    while True:
        pattern = re.compile("|".join(rf"\b{re.escape(name)}\b" for name in sorted(helpers))) if helpers else None
        found = {name for name, text in functions.items() if name not in helpers and _asks_for_tex(text, pattern)}
        if not found:
            return pattern
        helpers |= found


def _needs_tex(item: pytest.Function) -> bool:
    functions = [item.function]
    for name in item.fixturenames:
        functions += [definition.func for definition in item._fixtureinfo.name2fixturedefs.get(name, ())]
    return any(_asks_for_tex(_source(f), _tex_helpers(inspect.getmodule(f))) for f in functions)


@functools.cache
def _marks_latex_itself(module: types.ModuleType) -> bool:
    """A test module that uses pytest.mark.latex itself, on tests or on parameters
    (pytest.param("latex", marks=pytest.mark.latex)): its marks are taken as they are."""
    return re.search(r"\bmark\.latex\b", _source(module)) is not None


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        path = item.path.relative_to(ROOT).as_posix() if item.path.is_relative_to(ROOT) else str(item.path)
        test = f"{path}::{getattr(item, 'originalname', item.name)}"
        if path.startswith(BROWSER_FOLDER):
            item.add_marker(pytest.mark.browser)
        if (
            isinstance(item, pytest.Function)
            and item.get_closest_marker("latex") is None
            and not _marks_latex_itself(item.module)
            and _needs_tex(item)
        ):
            item.add_marker(pytest.mark.latex)
        if path in SLOW_MODULES or test in SLOW_TESTS or SLOW_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.slow)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[object]:
    global _current
    _current = item
    try:
        return (yield)
    finally:
        _current = None


_durations: dict[str, float] = {}


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if not any(marker in report.keywords for marker in ("slow", "latex", "browser")):
        _durations[report.nodeid] = _durations.get(report.nodeid, 0.0) + report.duration


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    if hasattr(config, "workerinput") or getattr(config.option, "numprocesses", None):
        return  # in parallel runs the workers share the cores and times say little: pytest -n 0 to see
    over = sorted(((t, n) for n, t in _durations.items() if t > SLOW_SECONDS), reverse=True)
    if over:
        terminalreporter.section(f"tests over {SLOW_SECONDS:g} s not marked slow (tests/conftest.py: SLOW_*)")
        for seconds, nodeid in over:
            terminalreporter.line(f"{seconds:6.1f} s  {nodeid}")


# --------------------------------------------------------------------------- options


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        golden.OPTION,
        action="store_true",
        default=False,
        help="write the golden files in tests/golden/ from the current output instead of comparing "
        "(then review the git diff)",
    )


def pytest_configure(config: pytest.Config) -> None:
    golden.UPDATE = config.getoption(golden.OPTION)
    if IN_CI:
        from hypothesis import settings

        # A fresh clone keeps nothing: no example database written into the checkout, and a failure
        # prints the blob that replays it (@reproduce_failure).
        settings.register_profile("cvgen-ci", database=None, print_blob=True)
        settings.load_profile("cvgen-ci")


# --------------------------------------------------------------------------- helpers and fixtures


def require(tool: str, install: str) -> str:
    """Path of `tool`; in CI a missing tool FAILS the test, elsewhere it skips."""
    marker = "latex" if tool in TEX_TOOLS else "browser" if tool in BROWSER_TOOLS else None
    if marker and _current is not None and _current.get_closest_marker(marker) is None:
        pytest.fail(
            f"{_current.nodeid} needs {tool} but is not marked {marker}: mark it (@pytest.mark.{marker}) "
            "or see the marker rules in tests/conftest.py",
            pytrace=False,
        )
    path = shutil.which(tool)
    if path:
        return path
    message = f"{tool} is not installed ({install})"
    if IN_CI:
        pytest.fail(message + "; scripts/install-system-deps.sh should have installed it")
    pytest.skip(message)  # local runs only; CI=true never reaches this line


@pytest.fixture
def cli(capsys):
    """Run `cvgen ARGS...` in-process; returns (exit code, stdout, stderr)."""

    def run(*args: str) -> tuple[int, str, str]:
        code = main([str(a) for a in args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    return run


def pdf_text(path: Path) -> str:
    """Text of a PDF by poppler's pdftotext (robust with CJK; -raw keeps hyphens at line ends), whitespace folded."""
    require("pdftotext", "apt-get install poppler-utils")
    out = subprocess.run(
        ["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(out.stdout.split())


def pdf_fonts(path: Path) -> str:
    require("pdffonts", "apt-get install poppler-utils")
    return subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def write_profile(tmp_path):
    """Write YAML text to tmp_path/profile.yaml and return its path."""

    def write(text: str, name: str = "profile.yaml") -> Path:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return path

    return write
