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


def fill(message: str, values: dict[str, Any], escape: Callable[[str], str]) -> str:
    """`message` with each `%(name)s` replaced by `values[name]`; both sides go through `escape`.

    `escape` must return already-escaped text unchanged (as `escape_tex` does with `Tex`
    and markupsafe's `escape` with `Markup`), so values that are markup pass through.
    """
    parts = _PLACE.split(message)
    out = []
    for i, part in enumerate(parts):
        if i % 2 == 0:
            out.append(escape(part))
        elif part in values:
            out.append(escape(values[part]))
        else:
            raise KeyError(f"the message {message!r} uses %({part})s, which was not given")
    return "".join(out)


S = TypeVar("S", bound=str)


def say(message: str, values: dict[str, str], text: Callable[[str], str], join: Callable[[list[str]], S]) -> S:
    """`message` in the build's language with its `%(name)s` places holding already formatted `values`; the
    literal parts go through `text` (a Format's escaping), the pieces are joined with `join`."""
    from cvgen.text.i18n import gettext

    parts = _PLACE.split(gettext(message))
    out = [values[part] if i % 2 else text(part) for i, part in enumerate(parts) if i % 2 or part]
    return join(out)


def _css_string(text: str) -> str:
    """A CSS string literal; `<`, quotes, backslashes and line ends as CSS escapes (safe inside <style>)."""
    return '"' + re.sub(r'[\\"<>&\n\r\f]', lambda m: f"\\{ord(m.group()):x} ", text) + '"'


def css_words(message: str, **counters: str) -> str:
    """A CSS `content` value: the message in the build's language as CSS strings around counters the
    template gives (`css_words("Page %(page)s of %(total)s", page="counter(page)", total="counter(pages)")`
    -> `"Page " counter(page) " of " counter(pages)`)."""
    from markupsafe import Markup

    from cvgen.text.i18n import gettext

    parts = _PLACE.split(gettext(message))
    out = [counters[part] if i % 2 else _css_string(part) for i, part in enumerate(parts) if i % 2 or part]
    return Markup(" ".join(out))
