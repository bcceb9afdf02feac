"""Stage 5: Jinja2 templates -> strings. No I/O beyond reading templates.

Template lookup follows Pelican: a user folder (set in the profile) first,
then the built-in templates, through a ChoiceLoader. The HTML environment
autoescapes; the TeX environment escapes everything that is not already
`Tex` through `finalize`, so a template cannot forget to escape user text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from cvgen.errors import BuildError


def templates_root() -> Path:
    """Built-in templates: inside the installed package, or at the top of a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "html").is_dir():
            return candidate
    raise BuildError(f"cvgen's built-in templates are missing (looked in {here / 'templates'}); reinstall cvgen")


class ConfinedLoader(jinja2.FileSystemLoader):
    """A user's template folder: a template (or include) that resolves outside it is refused.

    The folder is part of a profile that may come from someone else, so a
    symlink in it must not pull another file into the output.
    """

    def __init__(self, root: Path):
        super().__init__(str(root))
        self.root = root.resolve()

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        candidate = self.root.joinpath(*jinja2.loaders.split_template_path(template))
        if candidate.exists() or candidate.is_symlink():
            real = candidate.resolve()
            if self.root not in real.parents:
                raise BuildError(f"template '{template}' in {self.root} leads outside that folder; copy the file in")
        return super().get_source(environment, template)


def _loader(kind: str, user_dir: Path | None) -> jinja2.BaseLoader:
    builtin = jinja2.FileSystemLoader(str(templates_root() / kind))
    if user_dir is None:
        return builtin
    return jinja2.ChoiceLoader([ConfinedLoader(user_dir), builtin])


# Templates run sandboxed: a user's template may read the data it is given, never
# Python internals (`cycler.__init__.__globals__.os`, ...).
@lru_cache(maxsize=8)
def html_environment(user_dir: Path | None = None) -> jinja2.Environment:
    return ImmutableSandboxedEnvironment(
        loader=_loader("html", user_dir),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=8)
def tex_environment(user_dir: Path | None = None) -> jinja2.Environment:
    from cvgen.text.tex import finalize_tex

    # TeX-friendly delimiters: `{%`, `{{` and `{#` all occur in real TeX.
    return ImmutableSandboxedEnvironment(
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


def render(env: jinja2.Environment, name: str, **context: Any) -> str:
    try:
        return env.get_template(name).render(**context)
    except jinja2.TemplateNotFound as exc:
        raise BuildError(f"template not found: {exc.name}") from None
    except SecurityError as exc:
        raise BuildError(f"template refused: {exc} (templates may only read the data they are given)") from None
    except jinja2.TemplateError as exc:
        where = f"{exc.filename}:{exc.lineno}: " if getattr(exc, "lineno", None) else ""  # type: ignore[attr-defined]
        raise BuildError(f"{where}template error: {exc}") from None
