"""Stage 5: Jinja2 templates -> strings. No I/O beyond reading templates.

Template lookup follows Pelican: a user folder (set in the profile) first,
then the built-in templates, through a ChoiceLoader. The HTML environment
autoescapes; the TeX environment escapes everything that is not already
`Tex` through `finalize`, so a template cannot forget to escape user text.

A user's template is code from the (untrusted) profile folder. It runs in
Jinja's sandbox (no Python internals), with its arithmetic bounded (`'a' *
10**9`, `2 ** 100000` are refused at the operator), and in a forked process
with a memory limit and a time limit, so that no loop, recursion or filter
can hang or exhaust the machine; whatever goes wrong in it is a BuildError
naming the template line, never a traceback.
"""

from __future__ import annotations

import math
import os
import select
import signal
import time
import traceback
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.runtime import Context
from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup, escape

from cvgen.errors import BuildError
from cvgen.text.i18n import gettext
from cvgen.text.words import css_words, fill

MAX_VALUE = 1_000_000  # characters or items one template operation may make
MAX_INT_BITS = 10_000  # about 3,000 digits: Python will not even print a longer integer
TEMPLATE_SECONDS = 20.0  # a user's template that runs longer is stuck (a whole CV renders in milliseconds)
TEMPLATE_MEMORY = 512 * 1024 * 1024  # bytes a user's template may allocate
MAX_OUTPUT = 50_000_000  # characters of one rendered user template
MAX_TEMPLATE_BYTES = 1_000_000  # a template file; the built-in CV template is 10 KB


def templates_root() -> Path:
    """Built-in templates: inside the installed package, or at the top of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "html").is_dir():
            return candidate
    raise BuildError(f"cvgen's built-in templates are missing (looked in {here / 'templates'}); reinstall cvgen")


class ConfinedLoader(jinja2.BaseLoader):
    """A user's template folder: a template (or include) is read through handles that never leave it.

    The folder is part of a profile that may come from someone else, so a symlink in it (even one
    swapped in during the build) must not pull another file into the output.
    """

    def __init__(self, root: Path):
        self.root = root.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        from cvgen.profile.inside import NotInside, read_inside

        rel = "/".join(jinja2.loaders.split_template_path(template))
        if not (self.root / rel).exists() and not (self.root / rel).is_symlink():
            raise jinja2.TemplateNotFound(template)
        try:
            data = read_inside(self.root, rel, MAX_TEMPLATE_BYTES)
        except NotInside as exc:
            raise BuildError(f"template '{template}' in {self.root}: {exc}; copy the file in") from None
        try:
            source = data.decode("utf-8")
        except UnicodeDecodeError:
            raise BuildError(f"template '{template}' in {self.root} is not UTF-8 text") from None
        return source, str(self.root / rel), lambda: False  # read again on every load: never a stale copy


def user_overrides(kind: str, user_dir: Path | None) -> list[str]:
    """Built-in templates of `kind` ("latex", "html") that a user's folder replaces, by name.

    A built-in template only includes other built-ins, so a user's file takes part in a render
    exactly when it replaces one of them (or is included by such a replacement).
    """
    if user_dir is None:
        return []
    builtin = jinja2.FileSystemLoader(str(templates_root() / kind)).list_templates()
    return [name for name in builtin if (user_dir / name).exists() or (user_dir / name).is_symlink()]


class TemplateLimit(SecurityError):
    """A template operation that would make a value too big to be data for a CV."""


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """Jinja's immutable sandbox with `*`, `**` and `+` checked before they run.

    `user` marks an environment that loads templates from a profile's folder: render() runs those
    in a child process with limits.
    """

    intercepted_binops = frozenset({"*", "**", "+"})
    user = False

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            _check_repeat(left, right)
            _check_repeat(right, left)
        elif operator == "**":
            _check_power(left, right)
        elif operator == "+" and hasattr(left, "__len__") and hasattr(right, "__len__"):
            if len(left) + len(right) > MAX_VALUE:
                raise TemplateLimit(f"joining two values of {len(left) + len(right):,} items is over {MAX_VALUE:,}")
        return super().call_binop(context, operator, left, right)


def _check_repeat(seq: Any, times: Any) -> None:
    if isinstance(seq, (str, bytes, list, tuple)) and isinstance(times, int) and len(seq) * times > MAX_VALUE:
        raise TemplateLimit(f"repeating a value {times:,} times makes {len(seq) * times:,} items, over {MAX_VALUE:,}")


def _check_power(base: Any, exponent: Any) -> None:
    if isinstance(base, int) and isinstance(exponent, int) and abs(base) > 1 and exponent > 0:
        if exponent * math.log2(abs(base)) > MAX_INT_BITS:
            raise TemplateLimit(f"{base} ** {exponent} is a number of over {MAX_INT_BITS:,} bits")


def _loader(kind: str, user_dir: Path | None) -> jinja2.BaseLoader:
    builtin = jinja2.FileSystemLoader(str(templates_root() / kind))
    if user_dir is None:
        return builtin
    return jinja2.ChoiceLoader([ConfinedLoader(user_dir), builtin])


# Templates run sandboxed: a user's template may read the data it is given, never
# Python internals (`cycler.__init__.__globals__.os`, ...).
@lru_cache(maxsize=8)
def html_environment(user_dir: Path | None = None) -> jinja2.Environment:
    env = BoundedSandbox(
        loader=_loader("html", user_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.user = user_dir is not None
    env.globals["_"] = _html_words
    env.globals["css_words"] = css_words  # words in a CSS string: `content: {{ css_words(...) }}`
    return env


@lru_cache(maxsize=8)
def tex_environment(user_dir: Path | None = None) -> jinja2.Environment:
    from cvgen.text.tex import finalize_tex

    # TeX-friendly delimiters: `{%`, `{{` and `{#` all occur in real TeX.
    env = BoundedSandbox(
        loader=_loader("latex", user_dir),
        block_start_string="<%",
        block_end_string="%>",
        variable_start_string="<<",
        variable_end_string=">>",
        comment_start_string="<#",
        comment_end_string="#>",
        autoescape=False,
        finalize=finalize_tex,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.user = user_dir is not None
    env.globals["_"] = _tex_words
    env.globals["tex"] = _raw_tex  # a TeX command for a `%(name)s` place: `page=tex("\\thepage")`
    return env


def _html_words(message: str, **values: Any) -> Markup:
    """`_` in HTML templates: cvgen's own words, escaped, with `%(name)s` places filled."""
    return Markup(fill(gettext(message), values, escape))


def _tex_words(message: str, **values: Any) -> str:
    """`_` in TeX templates: cvgen's own words as TeX; a `Tex` value (`\\thepage`) stays TeX."""
    from cvgen.text.tex import Tex, escape_tex

    return Tex(fill(gettext(message), values, escape_tex))


def _raw_tex(command: str) -> str:
    from cvgen.text.tex import Tex

    return Tex(command)


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    """`name` rendered with `context`; any failure is a BuildError naming the template line."""
    if getattr(env, "user", False) and hasattr(os, "fork"):
        return _render_isolated(env, name, context)
    return _render_here(env, name, context)


def _render_here(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"template not found: {exc.name}") from None
    except TemplateLimit as exc:
        raise BuildError(f"{_where(exc)}template refused: {exc}") from None
    except SecurityError as exc:
        raise BuildError(f"template refused: {exc} (templates may only read the data they are given)") from None
    except jinja2.TemplateError as exc:
        where = f"{exc.filename}:{exc.lineno}: " if getattr(exc, "lineno", None) else _where(exc)  # type: ignore[attr-defined]
        raise BuildError(f"{where}template error: {exc}") from None
    except RecursionError as exc:
        raise BuildError(f"{_where(exc)}template {name}: a macro or include calls itself without end") from None
    except MemoryError:
        raise BuildError(f"template {name}: ran out of memory") from None
    except (ArithmeticError, ValueError, TypeError, LookupError, AttributeError, OSError) as exc:
        # A template is code: its run-time errors (1//0, int('x'), ...) are the user's to fix.
        raise BuildError(f"{_where(exc)}template failed: {type(exc).__name__}: {exc}") from None


def _where(exc: BaseException) -> str:
    """`file:line: ` of the innermost template frame of `exc` (Jinja rewrites frames to template lines)."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if not f.filename.endswith(".py")]
    return f"{frames[-1].filename}:{frames[-1].lineno}: " if frames else ""


def _render_isolated(env: jinja2.Environment, name: str, context: dict[str, Any]) -> str:
    """Render a user's template in a forked child with a memory limit; kill it past TEMPLATE_SECONDS.

    A child, because nothing inside one Python process can bound a filter's memory (`|center`,
    `'%9999999999s' % x`) or stop a C-level loop; fork, because the context (views, formatters)
    needs no pickling. The child sends back b"ok" + text or b"er" + message.
    """
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns, never runs the parent's cleanup
        os.close(reader)
        _child(writer, env, name, context)
    os.close(writer)
    try:
        data, timed_out = _read_all(reader, TEMPLATE_SECONDS)
    except BaseException:  # Ctrl-C: the child (which ignores it) must not run on
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        raise
    if timed_out:
        os.kill(pid, signal.SIGKILL)
    _, status = os.waitpid(pid, 0)
    if timed_out:
        raise BuildError(f"template {name} ran for more than {TEMPLATE_SECONDS:.0f} s and was stopped")
    if data[:2] == b"ok":
        return data[2:].decode("utf-8")
    if data[:2] == b"er":
        raise BuildError(data[2:].decode("utf-8"))
    how = f"signal {os.WTERMSIG(status)}" if os.WIFSIGNALED(status) else f"exit {os.waitstatus_to_exitcode(status)}"
    raise BuildError(f"template {name} stopped without a result ({how}); it may have used too much memory")


def _child(writer: int, env: jinja2.Environment, name: str, context: dict[str, Any]) -> None:
    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
        _limit_memory(TEMPLATE_MEMORY)
        try:
            text = _render_here(env, name, context)
            reply = b"er" + f"template {name} made over {MAX_OUTPUT:,} characters".encode()
            if len(text) <= MAX_OUTPUT:
                reply = b"ok" + text.encode("utf-8")
        except BuildError as exc:
            reply = b"er" + str(exc).encode("utf-8")
        with os.fdopen(writer, "wb") as pipe:
            pipe.write(reply)
    except BaseException:  # the child must end here whatever happened; the parent reports it
        code = 70
        raise
    finally:
        os._exit(code)


def _limit_memory(extra: int) -> None:
    """Allow this process `extra` bytes of address space beyond what it has now."""
    import resource

    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            now = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        limit = now + extra
        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    except (OSError, ValueError):
        pass  # no /proc (not Linux): the time limit still holds


def _read_all(fd: int, seconds: float) -> tuple[bytes, bool]:
    """Everything written to `fd` until it closes, or (what came, True) after `seconds`."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    try:
        while True:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                return b"".join(chunks), True
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                return b"".join(chunks), False
            chunks.append(chunk)
    finally:
        os.close(fd)
