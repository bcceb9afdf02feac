"""The command line: exit codes, messages, no tracebacks, nothing lost."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import PROFILES, ROOT

BAD_INPUTS = {
    "syntax": ("person:\n  name: 'Ada\n", ":3:1: YAML syntax error"),
    "wrong type": ("person: {name: Ada}\npublications: {title: x}\n", ":2:1: publications: expected a list"),
    "misspelled key": (
        "person: {name: Ada}\npublcations: []\n",
        ":2:1: publcations: unknown key 'publcations'; did you mean 'publications'?",
    ),
    "empty": ("", ":1:1: the profile is empty"),
}


@pytest.mark.parametrize("case", BAD_INPUTS)
def test_bad_input_exit_1_located_no_traceback(case, write_profile, cli):
    text, expected = BAD_INPUTS[case]
    path = write_profile(text)
    for command in ("validate", "build"):
        code, out, err = cli(command, path, *(["--pdf", "-o", path.parent / "out"] if command == "build" else []))
        assert code == 1
        assert f"{path}{expected}" in err
        assert "Traceback" not in err + out
        assert "nothing was written" in err


def test_bad_input_in_a_real_process(write_profile):
    """The installed entry point too: exit 1, message, no traceback."""
    path = write_profile("person:\n\tname: Ada\n")
    result = subprocess.run(
        [sys.executable, "-m", "cvgen", "build", str(path), "--pdf"], capture_output=True, text=True
    )
    assert result.returncode == 1
    assert f"{path}:2:1:" in result.stderr and "tabs" in result.stderr and "Traceback" not in result.stderr


def test_validate_ok(cli):
    code, out, _ = cli("validate", PROFILES / "haoyu-he.yaml")
    assert code == 0 and out.strip().endswith(": ok")


def test_usage_errors_exit_2(cli):
    assert cli("build")[0] == 2
    assert cli("build", "x.yaml", "--engine", "word")[0] == 2
    assert cli("frobnicate")[0] == 2


def test_help_and_version(cli):
    code, out, _ = cli("--help")
    assert code == 0 and "build" in out and "validate" in out
    code, out, _ = cli("--version")
    assert code == 0 and "cvgen" in out


def test_schema_is_json_schema(cli):
    code, out, _ = cli("schema")
    schema = json.loads(out)
    assert code == 0 and schema["$schema"].endswith("2020-12/schema")
    assert "person" in schema["required"] and "publications" in schema["properties"]
    import jsonschema

    jsonschema.Draft202012Validator.check_schema(schema)


def test_new_writes_a_profile_that_builds(tmp_path, cli):
    path = tmp_path / "me.yaml"
    assert cli("new", path)[0] == 0
    code, _, err = cli("new", path)
    assert code == 1 and "already exists" in err
    assert cli("validate", path)[0] == 0
    code, out, err = cli("build", path, "--pdf", "-o", tmp_path / "out")
    assert code == 0, err and (tmp_path / "out" / "cv.pdf").exists()


def test_failed_build_keeps_the_last_good_pdf(write_profile, tmp_path, cli):
    path = write_profile("person: {name: Ada}\ninterests: [x]\n")
    out = tmp_path / "out"
    assert cli("build", path, "--pdf", "-o", out)[0] == 0
    good = (out / "cv.pdf").read_bytes()
    path.write_text("person: {name: Ada}\ninterests: [x\n", encoding="utf-8")  # a bad edit
    assert cli("build", path, "--pdf", "-o", out)[0] == 1
    assert (out / "cv.pdf").read_bytes() == good
    # a variant over its page limit also keeps the old PDF and says the real count
    path.write_text(
        "person: {name: Ada}\ninterests: [x]\nvariants: {tiny: {max_pages: 1}}\n"
        "publications:\n" + "".join(f"  - {{title: Paper {i}, year: 2020}}\n" for i in range(120)),
        encoding="utf-8",
    )
    code, _, err = cli("build", path, "--pdf", "--variant", "tiny", "-o", out)
    assert code == 1 and "at most 1" in err and "pages" in err
    assert not (out / "cv-tiny.pdf").exists() and (out / "cv.pdf").read_bytes() == good
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_unwritable_output_folder(write_profile, tmp_path, cli):
    path = write_profile("person: {name: Ada}\n")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = cli("build", path, "--pdf", "-o", blocker / "out")
    assert code == 1 and "cannot create the output folder" in err


def test_no_flags_builds_what_can_be_built(tmp_path, cli, write_profile):
    path = write_profile("person: {name: Ada}\ninterests: [x]\n")
    code, out, err = cli("build", path, "-o", tmp_path / "out")
    assert code == 0, err
    assert (tmp_path / "out" / "cv.pdf").exists()


def test_readme_commands_are_the_ci_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/test.sh" in readme
    assert "cvgen build profiles/gao-huang.yaml --pdf" in readme
    assert "scripts/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_several_profiles_build_each_into_its_folder_and_fail_together(cli, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("person: {nam: Ada}\n", encoding="utf-8")
    code, out, err = cli("build", PROFILES / "haoyu-he.yaml", bad, "--html", "-j", "2", "-o", tmp_path / "out")
    assert code == 1
    assert f"{bad}:1:10: person.nam: unknown key 'nam'; did you mean 'name'?" in err
    assert f"1 of 2 profiles failed: {bad}" in err
    assert (tmp_path / "out" / "haoyu-he" / "cv.html").is_file() and not (tmp_path / "out" / "bad").exists()


def test_lang_is_an_option_of_validate_watch_and_serve(cli, monkeypatch):
    from cvgen import cli as cli_module
    from cvgen.tools import watch as watch_module

    fixture = ROOT / "tests" / "data" / "i18n" / "weber-en-de-zh.yaml"
    code, out, _ = cli("validate", fixture, "--lang", "de")
    assert code == 0 and out.strip().endswith(": ok")
    code, _, err = cli("validate", fixture, "--lang", "xx-notalang")
    assert code == 2 and "is not a language tag" in err
    seen = {}
    children = {}

    def called(name: str, options, printing_child: bool) -> None:
        seen.setdefault(name, options)
        children[name] = printing_child

    monkeypatch.setattr(
        watch_module, "watch", lambda profile, options, say, printing_child: called("watch", options, printing_child)
    )
    monkeypatch.setattr(
        watch_module,
        "serve",
        lambda profile, options, say, port, printing_child: called("serve", options, printing_child),
    )
    assert cli("watch", fixture, "--lang", "zh")[0] == 0
    assert cli("serve", fixture, "--lang", "de", "--port", "0")[0] == 0
    assert (seen["watch"].lang, seen["serve"].lang) == ("zh", "de")
    assert children == {"watch": False, "serve": False}  # main(argv) prints in its own process
    monkeypatch.setattr(cli_module, "_as_command", True)  # as run(), the `cvgen` command, sets it
    assert cli("watch", fixture)[0] == 0 and cli("serve", fixture, "--engine", "latex")[0] == 0
    assert children == {"watch": True, "serve": False}  # no WeasyPrint child for a LaTeX build


def test_the_command_runs_exit_handlers_and_flushes_before_its_quick_exit(tmp_path):
    """`cvgen` (cli.run) ends with os._exit after a build: exit handlers and buffered output still come first."""
    script = (
        "import atexit, sys\n"
        "from pathlib import Path\n"
        "from cvgen import cli\n"
        f"atexit.register(lambda: Path({str(tmp_path / 'handled')!r}).write_text('yes'))\n"
        "print('buffered', end='')\n"
        "sys.argv = ['cvgen', 'validate', sys.argv[1]]\n"
        "cli.run()\n"
        "print('never')\n"
    )
    good = subprocess.run(
        [sys.executable, "-c", script, str(PROFILES / "haoyu-he.yaml")], capture_output=True, text=True
    )
    assert (good.returncode, good.stdout.startswith("buffered"), "never" in good.stdout) == (0, True, False)
    assert (tmp_path / "handled").read_text() == "yes"
    bad = subprocess.run([sys.executable, "-c", script, str(tmp_path / "missing.yaml")], capture_output=True, text=True)
    assert bad.returncode == 1 and "no such file" in bad.stderr and "Traceback" not in bad.stderr
