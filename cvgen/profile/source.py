"""A profile as the later stages see it: loaded, validated, its publications and files resolved.

    load -> validate -> .bib includes and overrides -> local files checked

Every problem of these steps is reported at once (missing .bib files,
photos, thumbnails and template folders together), located in the profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from cvgen.errors import BuildError, Problem, ProfileError
from cvgen.profile.files import image_problem, read_input, resolve_folder, resolve_input
from cvgen.profile.load import Loaded, Path_, dotted, load_file
from cvgen.profile.model import BibtexInclude, Profile, Publication
from cvgen.profile.validate import validate


@dataclass
class Source:
    """A loaded, validated profile with its publications resolved."""

    loaded: Loaded
    profile: Profile
    publications: list[Publication]

    @property
    def folder(self) -> Path:
        return self.loaded.file.resolve().parent


@dataclass(frozen=True)
class LocalFile:
    """A file or folder the profile names, and where it names it."""

    relpath: str
    where: Path_
    kind: Literal["photo", "thumbnail", "bibtex", "templates"]


def read_profile(path: Path, lang: str | None = None) -> Source:
    """Load, validate and resolve PROFILE, its text in `lang` where it gives several languages; a
    ProfileError lists every problem."""
    return read_source(load_file(path), lang)


def read_source(loaded: Loaded, lang: str | None = None) -> Source:
    profile = validate(loaded, lang)
    problems: list[Problem] = []
    publications: list[Publication] = []
    try:
        publications = resolve_publications(loaded, profile)
    except ProfileError as exc:
        problems += exc.problems
    try:
        check_files(loaded, profile)
    except ProfileError as exc:
        problems += exc.problems
    if problems:
        raise ProfileError(problems)
    return Source(loaded, profile, publications)


def resolve_publications(loaded: Loaded, profile: Profile) -> list[Publication]:
    """YAML entries plus the entries of `- bibtex: file.bib` includes, in order.

    A YAML entry whose `key` matches a bib entry overrides the fields it sets
    and takes that entry's place; the bib file stays the source of the rest.
    """
    if not any(isinstance(item, BibtexInclude) for item in profile.publications):
        _check_overrides(loaded, profile, set())
        return profile.publication_list()
    merged = _merge_includes(loaded, profile)
    yaml_ids = {id(p) for p in profile.publication_list()}
    bib_keys = {p.key for p in merged if id(p) not in yaml_ids and p.key}
    overrides = {p.key: p for p in profile.publication_list() if p.key in bib_keys}
    _check_overrides(loaded, profile, bib_keys)
    out: list[Publication] = []
    for pub in merged:
        if id(pub) in yaml_ids:
            if pub.key not in bib_keys:
                out.append(pub)  # a plain YAML entry
        elif pub.key in overrides:
            yaml_entry = overrides[pub.key]
            out.append(pub.model_copy(update={f: getattr(yaml_entry, f) for f in yaml_entry.model_fields_set}))
        else:
            out.append(pub)
    return out


def _merge_includes(loaded: Loaded, profile: Profile) -> list[Publication]:
    """The publication list with each `.bib` include replaced by its entries."""
    paths: dict[int, Path] = {}
    problems: list[Problem] = []
    for i, item in enumerate(profile.publications):
        if isinstance(item, BibtexInclude):
            try:
                paths[i] = resolve_input(loaded, item.bibtex, ("publications", i, "bibtex"))
            except ProfileError as exc:
                problems += exc.problems
    if problems:
        raise ProfileError(problems)
    from cvgen.profile.bibtex import read_bibtex  # only profiles with .bib files pay for the parser

    merged: list[Publication] = []
    for i, item in enumerate(profile.publications):
        if isinstance(item, Publication):
            merged.append(item)
            continue
        try:
            merged += read_bibtex(paths[i], root=loaded.file.resolve().parent)
        except ProfileError as exc:
            problems += exc.problems
    if problems:
        raise ProfileError(problems)
    return merged


def _check_overrides(loaded: Loaded, profile: Profile, bib_keys: set[str]) -> None:
    """An entry without a title only overrides a bib entry: its key must name one."""
    problems = [
        Problem(
            str(loaded.file),
            *loaded.where(("publications", i, "key")),
            f"publications[{i}].key",
            f"no bib entry has the key '{item.key}'; give this entry a title, or include the .bib that has it",
        )
        for i, item in enumerate(profile.publications)
        if isinstance(item, Publication) and not item.title and item.key not in bib_keys
    ]
    if problems:
        raise ProfileError(problems)


def local_files(profile: Profile) -> list[LocalFile]:
    """Every file and folder the profile names, in the order it names them."""
    found: list[LocalFile] = []
    if profile.person.photo:
        found.append(LocalFile(profile.person.photo, ("person", "photo"), "photo"))
    for i, item in enumerate(profile.publications):
        if isinstance(item, Publication) and item.thumbnail:
            found.append(LocalFile(item.thumbnail, ("publications", i, "thumbnail"), "thumbnail"))
        elif isinstance(item, BibtexInclude):
            found.append(LocalFile(item.bibtex, ("publications", i, "bibtex"), "bibtex"))
    for key, settings in (("cv", profile.cv), ("homepage", profile.homepage)):
        if settings.templates:
            found.append(LocalFile(settings.templates, (key, "templates"), "templates"))
    for name, variant in profile.variants.items():
        for key, part in (("cv", variant.cv), ("homepage", variant.homepage)):
            if part is not None and part.templates:
                found.append(LocalFile(part.templates, ("variants", name, key, "templates"), "templates"))
    return found


def check_files(loaded: Loaded, profile: Profile) -> None:
    """Every photo, thumbnail and template folder exists inside the profile's folder; all problems at once.

    `.bib` includes are checked when they are read (resolve_publications).
    """
    problems: list[Problem] = []
    for item in local_files(profile):
        if item.kind == "bibtex":
            continue
        try:
            if item.kind == "templates":
                resolve_folder(loaded, item.relpath, item.where)
                continue
            data = read_input(loaded, item.relpath, item.where)
        except ProfileError as exc:
            problems += exc.problems
            continue
        wrong = image_problem(data, item.relpath)
        if wrong:
            problems.append(Problem(str(loaded.file), *loaded.where(item.where), dotted(item.where), wrong))
    if problems:
        raise ProfileError(problems)


def input_paths(source: Source) -> list[Path]:
    """Every file and folder a build reads from the profile's folder (the profile, photo, thumbnails,
    .bib files, template folders): an output may never be written over one."""
    folder = source.folder
    found = [source.loaded.file.resolve()]
    found += [(folder / item.relpath).resolve() for item in local_files(source.profile)]
    found += [(folder / pub.thumbnail).resolve() for pub in source.publications if pub.thumbnail]
    return list(dict.fromkeys(found))


def user_templates(source: Source, rel: str | None) -> Path | None:
    """The profile's own template folder (cv.templates / homepage.templates), checked to be inside it."""
    if not rel:
        return None
    folder = (source.folder / rel).resolve()
    if source.folder not in folder.parents or not folder.is_dir():
        raise BuildError(f"templates folder '{rel}' must be a folder inside the profile's folder")
    return folder
