"""Stage 1: YAML text -> data with positions; every failure located, none a traceback."""

from pathlib import Path

import pytest

from cvgen.errors import ProfileError
from cvgen.profile.load import MAX_BYTES, MAX_DEPTH, load_file, load_text

F = Path("p.yaml")


def problems(text: str) -> list[str]:
    with pytest.raises(ProfileError) as info:
        load_text(text, F)
    return [str(p) for p in info.value.problems]


def test_positions_of_keys_and_items():
    loaded = load_text("person:\n  name: A\npublications:\n  - title: T\n    year: 2020\n", F)
    assert loaded.positions[("person", "name")] == (2, 3)
    assert loaded.positions[("publications", 0)] == (4, 5)
    assert loaded.where(("publications", 0, "year")) == (5, 5)
    # an absent key falls back to its nearest ancestor
    assert loaded.where(("publications", 0, "missing")) == (4, 5)


def test_dates_stay_text_and_numbers_stay_numbers():
    data = load_text("a: 2024-03-01\nb: 2024-03\nc: 2024\nd: true\n", F).data
    assert data == {"a": "2024-03-01", "b": "2024-03", "c": 2024, "d": True}


def test_syntax_error_is_located():
    (msg,) = problems("person:\n  name: 'unclosed\n")
    assert msg.startswith("p.yaml:3:1:") and "YAML syntax error" in msg


def test_tab_indentation_explained():
    (msg,) = problems("person:\n\tname: A\n")
    assert msg.startswith("p.yaml:2:1:") and "tabs" in msg


def test_duplicate_keys_all_reported():
    msgs = problems("person:\n  name: A\n  name: B\nbio: x\nbio: y\n")
    assert msgs == [
        "p.yaml:3:3: person.name: duplicate key (first given on line 2); keep one",
        "p.yaml:5:1: bio: duplicate key (first given on line 4); keep one",
    ]


@pytest.mark.parametrize("text", ["", "   \n# only a comment\n"])
def test_empty(text):
    (msg,) = problems(text)
    assert msg.startswith("p.yaml:1:1:") and "empty" in msg


def test_alias_bomb_fails_fast():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):
        bomb += f"{chr(97 + i)}: &{chr(97 + i)} [" + ", ".join([f"*{chr(96 + i)}"] * 10) + "]\n"
    (msg,) = problems(bomb)
    assert "more than" in msg and "aliases" in msg


def test_deep_nesting_rejected():
    (msg,) = problems("a: " + "[" * (MAX_DEPTH + 5) + "]" * (MAX_DEPTH + 5) + "\n")
    assert "nested more than" in msg


def test_unsafe_tags_are_not_executed():
    (msg,) = problems("person: !!python/object/apply:os.system ['echo pwned']\n")
    assert "p.yaml:1:" in msg


def test_file_errors(tmp_path):
    cases = {
        "missing.yaml": (None, "no such file"),
        "latin1.yaml": ("person:\n  name: Jos\xe9\n".encode("latin-1"), "not UTF-8"),
        "binary.yaml": (b"\x89PNG\r\n\x1a\n\0\0", "binary"),
        "big.yaml": (b"#" * (MAX_BYTES + 1), "limited to"),
    }
    for name, (content, expected) in cases.items():
        path = tmp_path / name
        if content is not None:
            path.write_bytes(content)
        with pytest.raises(ProfileError) as info:
            load_file(path)
        assert expected in str(info.value), name
        assert str(path) in str(info.value)
    # the non-UTF-8 byte is located
    with pytest.raises(ProfileError) as info:
        load_file(tmp_path / "latin1.yaml")
    assert f"{tmp_path / 'latin1.yaml'}:2:" in str(info.value)
