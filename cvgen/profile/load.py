"""Stage 1: YAML text -> plain data, with the line and column of every node.

Safe loading only: PyYAML's SafeLoader composes the node tree, and we build
plain values ourselves so that we can (a) remember where each value stood,
(b) reject duplicate keys, (c) stop alias bombs and deep nesting early, and
(d) keep dates as text (the model parses `2024-03` and `2024-03-01` alike).
"""

from __future__ import annotations

import codecs
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import yaml

from cvgen.errors import Problem, ProfileError

MAX_BYTES = 2_000_000  # a profile with 2,000 papers is ~1 MB
MAX_NODES = 200_000  # after alias expansion; billion-laughs dies here
MAX_DEPTH = 40

Path_ = tuple[str | int, ...]


@dataclass
class Loaded:
    """A loaded profile: plain data plus where each node came from."""

    file: Path
    data: Any
    # path -> (line, col), 1-based; for a mapping entry, the key's position
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def where(self, path: Path_) -> tuple[int | None, int | None]:
        """Position of `path`, or of its nearest ancestor that has one."""
        path = tuple(path)
        while path:
            if path in self.positions:
                return self.positions[path]
            path = path[:-1]
        return self.positions.get((), (None, None))


# libyaml's parser when present (4-5x faster on long publication lists); same nodes and marks.
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[valid-type, misc]
    """Safe loader that leaves timestamps as strings."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


_PLAIN_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap"}


def dotted(path: Path_) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# What YAML accepts in a stream (yaml.reader.Reader.NON_PRINTABLE); checked first to locate the character.
_NON_PRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _line_col(text: str, index: int) -> tuple[int, int]:
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def _check_depth(text: str, name: str) -> None:
    """Reject deep nesting from the event stream (flat, no recursion), before any node is composed."""
    loader = _Loader(text)
    try:
        depth = 0
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    m = event.start_mark
                    line, col = (m.line + 1, m.column + 1) if m is not None else (None, None)
                    raise ProfileError([Problem(name, line, col, "", f"nested more than {MAX_DEPTH} levels deep")])
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    finally:
        loader.dispose()


_EMPTY = "the profile is empty; it needs at least `person: {name: ...}` (run `cvgen new` for a starter)"


def load_text(text: str, file: Path) -> Loaded:
    name = str(file)
    if not text.strip():
        raise ProfileError(
            [
                Problem(
                    name,
                    1,
                    1,
                    "",
                    _EMPTY,
                )
            ]
        )
    bad = _NON_PRINTABLE.search(text)
    if bad:
        line, col = _line_col(text, bad.start())
        raise ProfileError(
            [
                Problem(
                    name,
                    line,
                    col,
                    "",
                    f"character U+{ord(bad.group()):04X} (a control character) is not allowed in YAML; remove it",
                )
            ]
        )
    loader = _Loader(text)
    try:
        _check_depth(text, name)  # before composing: libyaml's composer recurses and can crash the process
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}, {what}"
            ctx = exc.context_mark
            if ctx is not None and mark is not None and ctx.line != mark.line:
                what += f" (it started at line {ctx.line + 1}, column {ctx.column + 1})"
        hint = ""
        if "mapping values are not allowed" in what:
            hint = " (check this line's indentation, or put text that contains ': ' in quotes)"
        if mark is not None:
            lines = text.splitlines()
            bad_line = lines[mark.line] if mark.line < len(lines) else ""
            if "\t" in bad_line[: mark.column + 1]:
                hint = " (a tab: YAML indents with spaces, not tabs)"
        where: tuple[int | None, int | None] = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise ProfileError([Problem(name, *where, "", f"YAML syntax error: {what}{hint}")]) from None
    except yaml.YAMLError as exc:
        raise ProfileError.about_file(name, f"YAML error: {' '.join(str(exc).split())}") from None
    finally:
        loader.dispose()
    if root is None:
        raise ProfileError([Problem(name, 1, 1, "", _EMPTY)])
    builder = _Builder(name, loader)
    builder.check_expansion(root)
    data = builder.build(root, (), 0)
    if builder.problems:
        raise ProfileError(builder.problems)
    return Loaded(file, data, builder.positions)


# UTF-32 first: its little-endian mark starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def load_file(path: Path) -> Loaded:
    name = str(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            raise ProfileError.about_file(
                name, "not a regular file (a device, pipe or socket); give the profile's .yaml file"
            )
        size = info.st_size
        if size > MAX_BYTES:
            raise ProfileError.about_file(
                name,
                f"the file is {size:,} bytes; profiles are limited to {MAX_BYTES:,} bytes (move long publication lists to a .bib file)",
            )
        with open(path, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # the file may have grown since stat()
        if len(raw) > MAX_BYTES:
            raise ProfileError.about_file(name, f"the file is larger than {MAX_BYTES:,} bytes, the limit for a profile")
    except FileNotFoundError:
        raise ProfileError.about_file(name, "no such file") from None
    except IsADirectoryError:
        raise ProfileError.about_file(name, "this is a folder; give the profile's .yaml file") from None
    except OSError as exc:
        raise ProfileError.about_file(name, f"cannot read the file: {exc.strerror}") from None
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            raise ProfileError.about_file(name, f"the file is {encoding} text; save it as UTF-8")
    if b"\0" in raw:
        raise ProfileError.about_file(name, "this is a binary file, not a YAML profile")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = len(raw[raw.rfind(b"\n", 0, exc.start) + 1 : exc.start].decode("utf-8", "replace")) + 1
        raise ProfileError(
            [Problem(name, line, col, "", f"the file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8")]
        ) from None
    return load_text(text, path)


def _children(node: yaml.CollectionNode) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return list(node.value)


def _labelled(node: yaml.Node) -> list[tuple[str | int, yaml.Node]]:
    if isinstance(node, yaml.MappingNode):
        return [(str(k.value) if isinstance(k, yaml.ScalarNode) else "<key>", v) for k, v in node.value]
    if isinstance(node, yaml.SequenceNode):
        return list(enumerate(node.value))
    return []


class _Builder:
    def __init__(self, file: str, loader: _Loader):
        self.file = file
        self.loader = loader
        self.nodes = 0
        self.positions: dict[Path_, tuple[int, int]] = {}
        self.problems: list[Problem] = []
        self.open: set[int] = set()  # collections being built: an alias to one of them is a loop

    def _fail(self, node: yaml.Node, path: Path_, message: str) -> None:
        m = node.start_mark
        self.problems.append(Problem(self.file, m.line + 1, m.column + 1, dotted(path), message))

    def check_expansion(self, root: yaml.Node) -> None:
        """Refuse alias bombs before expanding anything: sizes are counted once per distinct node."""
        sizes: dict[int, int] = {}

        def size(node: yaml.Node, depth: int) -> int:
            if not isinstance(node, yaml.CollectionNode) or depth > MAX_DEPTH:
                return 1  # too deep: `build` reports that, with its path
            key = id(node)
            if key not in sizes:
                sizes[key] = 1  # provisional: a loop counts once (and is reported by `build`)
                total = 1
                for child in _children(node):
                    total += size(child, depth + 1)
                    if total > MAX_NODES:
                        break
                sizes[key] = total
            return sizes[key]

        if size(root, 0) <= MAX_NODES:
            return
        node, path = root, cast(Path_, ())  # locate: follow the first child that alone is too big
        while True:
            step = next(((sub, child) for sub, child in _labelled(node) if sizes.get(id(child), 1) > MAX_NODES), None)
            if step is None or len(path) > MAX_DEPTH:
                break
            path, node = path + (step[0],), step[1]
        m = node.start_mark
        raise ProfileError(
            [
                Problem(
                    self.file,
                    m.line + 1,
                    m.column + 1,
                    dotted(path),
                    f"the profile expands to more than {MAX_NODES:,} values (YAML aliases nested too deep?)",
                )
            ]
        )

    def _abort(self, node: yaml.Node, path: Path_, message: str) -> ProfileError:
        """A problem that stops loading at once (limits): located like the others."""
        m = node.start_mark
        return ProfileError([Problem(self.file, m.line + 1, m.column + 1, dotted(path), message)])

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self._abort(
                node, path, f"the profile expands to more than {MAX_NODES:,} values (YAML aliases nested too deep?)"
            )
        if depth > MAX_DEPTH:
            raise self._abort(node, path, f"nested more than {MAX_DEPTH} levels deep")
        self.positions.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if not isinstance(node, yaml.ScalarNode) and node.tag not in _PLAIN_TAGS:
            self._fail(node, path, f"YAML tag {node.tag} is not allowed in a profile; remove it")
            return None
        if isinstance(node, yaml.CollectionNode):
            if id(node) in self.open:
                self._fail(node, path, "a YAML alias here refers to a value that contains it (a loop); remove it")
                return None
            self.open.add(id(node))
            try:
                return self._collection(node, path, depth)
            finally:
                self.open.discard(id(node))
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self._fail(node, path, f"cannot read this value: {exc.problem}")
            return None

    def _collection(self, node: yaml.CollectionNode, path: Path_, depth: int) -> Any:
        if isinstance(node, yaml.MappingNode):
            try:
                self.loader.flatten_mapping(node)  # resolve `<<:` merge keys
            except yaml.constructor.ConstructorError as exc:
                mark = exc.problem_mark or node.start_mark
                self.problems.append(
                    Problem(
                        self.file, mark.line + 1, mark.column + 1, dotted(path), f"YAML merge key `<<`: {exc.problem}"
                    )
                )
                return None
            out: dict[Any, Any] = {}
            for key_node, value_node in node.value:
                key = self.build(key_node, path + ("<key>",), depth + 1)
                if not isinstance(key, (str, int, bool)) or isinstance(key, bool):
                    self._fail(key_node, path, "keys must be plain words")
                    continue
                key = str(key)
                if _CONTROL.search(key):
                    self._fail(key_node, path, f"key {key!r} contains a control character; remove it")
                    continue
                sub = path + (key,)
                if key in out:
                    first = self.positions.get(sub, (0, 0))
                    self._fail(key_node, sub, f"duplicate key (first given on line {first[0]}); keep one")
                    continue
                self.positions[sub] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                out[key] = self.build(value_node, sub, depth + 1)
            return out
        return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
