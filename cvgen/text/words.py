"""cvgen's own words in the outputs: `_("Page %(page)s of %(total)s", page=..., total=...)`.

Templates and views print every word of cvgen's own (not the profile's) through
`_`, so that one catalog per language can replace it. The message is looked up
first, then its `%(name)s` places are filled; the literal parts are escaped for
the output format and the values are escaped unless they are already markup
(`Tex`, `Markup`), so a translator's text can never inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

_PLACE = re.compile(r"%\((\w+)\)s")
S = TypeVar("S", bound=str)


def _filled(message: str, values: dict[str, Any], literal: Callable[[str], Any], join: Callable[[list[Any]], S]) -> S:
    """`message` with each `%(name)s` replaced by `values[name]` (already formatted), its literal parts
    through `literal`, the pieces joined with `join`: the one place messages are taken apart."""
    parts = _PLACE.split(message)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            if part:
                out.append(literal(part))
        elif part in values:
            out.append(values[part])
        else:
            raise KeyError(f"the message {message!r} uses %({part})s, which was not given")
    return join(out)


def fill(message: str, values: dict[str, Any], escape: Callable[[str], str]) -> str:
    """`message` with each `%(name)s` replaced by `values[name]`; both sides go through `escape`.

    `escape` must return already-escaped text unchanged (as `escape_tex` does with `Tex`
    and markupsafe's `escape` with `Markup`), so values that are markup pass through.
    """
    return _filled(message, {k: escape(v) for k, v in values.items()}, escape, "".join)


def say(message: str, values: dict[str, str], text: Callable[[str], str], join: Callable[[list[str]], S]) -> S:
    """`message` in the build's language with its `%(name)s` places holding already formatted `values`; the
    literal parts go through `text` (a Format's escaping), the pieces are joined with `join`."""
    from cvgen.text.i18n import gettext

    return _filled(gettext(message), values, text, join)


def _css_string(text: str) -> str:
    """A CSS string literal; `<`, quotes, backslashes and line ends as CSS escapes (safe inside <style>)."""
    return '"' + re.sub(r'[\\"<>&\n\r\f]', lambda m: f"\\{ord(m.group()):x} ", text) + '"'


def css_words(message: str, **counters: str) -> str:
    """A CSS `content` value: the message in the build's language as CSS strings around counters the
    template gives (`css_words("Page %(page)s of %(total)s", page="counter(page)", total="counter(pages)")`
    -> `"Page " counter(page) " of " counter(pages)`)."""
    from markupsafe import Markup

    from cvgen.text.i18n import gettext

    return Markup(_filled(gettext(message), counters, _css_string, " ".join))
