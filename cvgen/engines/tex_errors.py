"""A failed TeX run -> one paragraph: what failed, where in the .tex, which profile field, where the log is."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from cvgen.engines.latexmk import TexResult, describe_char
from cvgen.profile.load import Path_, dotted
from cvgen.profile.source import Source
from cvgen.text.tex import escape_tex

# Where the template's fonts come from on Debian, for "font cannot be found" errors.
FONT_PACKAGES = {
    "dejavu": "fonts-dejavu-core",
    "noto serif cjk": "fonts-noto-cjk",
    "noto sans cjk": "fonts-noto-cjk",
    "texgyre": "fonts-texgyre",
    "lato": "fonts-lato",
    "charis": "fonts-sil-charis",
}


def failure_message(result: TexResult, tex: str, source: Source, tex_name: str, log_path: Path, engine: str) -> str:
    """One paragraph: what failed, where in the .tex, which profile field, where the log is."""
    log_hint = f"The full log is {log_path}; the previous PDF was kept."
    if result.missing:
        chars = result.missing
        names = ", ".join(describe_char(c) for c in chars[:8]) + (" and more" if len(chars) > 8 else "")
        fields = [w for c in chars[:8] for w in fields_containing(source, c)[:3]]
        where = f" It appears in {'; '.join(dict.fromkeys(fields))}." if fields else ""
        return (
            f"no installed font has a glyph for {names}, so {engine} would drop "
            f"{'it' if len(chars) == 1 else 'them'} from the PDF.{where} Replace or remove "
            f"{'that character' if len(chars) == 1 else 'those characters'}, or build with the default engine. "
            + log_hint
        )
    if not result.errors:
        return f"{engine} failed without an error message in its log. " + log_hint
    err = result.errors[0]
    message = err.message.rstrip(".")
    if "font" in message.lower() and ("cannot be found" in message or "not found" in message):
        package = next((pkg for name, pkg in FONT_PACKAGES.items() if name in message.lower()), None)
        message += f" (install it: apt-get install {package})" if package else ""
    parts = [f"{engine} failed: {message}"]
    if err.line:
        lines = tex.splitlines()
        number = min(err.line, len(lines))
        while number > 1 and not lines[number - 1].strip():
            number -= 1  # TeX reports the line it read ahead to; show the statement before it
        text = lines[number - 1].strip() if number >= 1 else ""
        parts.append(f"at {tex_name}:{number}" + (f": {_clip(text)}" if text else ""))
        fields = fields_in_line(source, text)
        if fields:
            parts.append(f"from {fields[0]}")
        elif source.profile.cv.raw_tex_preamble and "raw_tex_preamble" in _near(tex, err.line):
            parts.append("from cv.raw_tex_preamble")
        elif source.profile.cv.raw_tex_preamble and text == "\\begin{document}":
            parts.append("probably from code cv.raw_tex_preamble runs at \\begin{document}")
    context = " / ".join(c.strip() for c in err.context if c.strip())
    if context:
        parts.append(f"TeX was reading: {_clip(context, 160)}")
    return "; ".join(parts) + ". " + log_hint


def _clip(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _near(tex: str, line: int) -> str:
    """The .tex lines around `line` (the template marks the raw preamble with comments)."""
    lines = tex.splitlines()
    start = max(0, line - 200)
    block = lines[start:line]
    return "\n".join(block[max((i for i, t in enumerate(block) if "end raw_tex_preamble" in t), default=-1) + 1 :])


def _leaves(data: Any, path: Path_ = ()) -> Iterator[tuple[Path_, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for k, v in data.items():
            yield from _leaves(v, (*path, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _leaves(v, (*path, i))


def _located(source: Source, path: Path_) -> str:
    line, col = source.loaded.where(path)
    where = str(source.loaded.file) + (f":{line}" if line else "") + (f":{col}" if line and col else "")
    return f"{dotted(path)} ({where})"


def fields_containing(source: Source, ch: str) -> list[str]:
    found = [_located(source, path) for path, value in _leaves(source.loaded.data) if ch in value]
    if not found:  # publications read from a BibTeX file have no place in the YAML
        for pub in source.publications:
            fields = [
                name for name in ("title", "venue", "venue_full", "note", "extra") if ch in (getattr(pub, name) or "")
            ]
            fields += ["authors"] if any(ch in a for a in pub.authors) else []
            found += [f"the {f} of the publication {pub.key or _clip(pub.title or '', 60)!r}" for f in fields]
    return found


def fields_in_line(source: Source, tex_line: str) -> list[str]:
    """Profile fields whose escaped text occurs in a .tex line, longest match first."""
    if not tex_line:
        return []
    hits = []
    for path, value in _leaves(source.loaded.data):
        value = value.strip()
        if len(value) < 4:
            continue
        escaped = escape_tex(value)
        if escaped in tex_line or value in tex_line:
            hits.append((len(value), path))
    hits.sort(key=lambda h: -h[0])
    return [_located(source, path) for _, path in hits]
