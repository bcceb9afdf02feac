"""academicpages' talk and teaching pages -> `talks` and `teaching` entries, the theme's samples skipped."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from cvgen.tools.importers.builder import Builder
from cvgen.tools.importers.common import loose_date
from cvgen.tools.importers.fields import Fields, settle
from cvgen.tools.importers.pages import PAGE_SETTINGS, Page, markdown_of, read_pages
from cvgen.tools.importers.result import SectionCount
from cvgen.tools.importers.text import clean_entry, note_text, shown, years

# The titles of the pages the theme ships as examples.
_SAMPLES = {
    "publication": re.compile(r"^Paper Title Number \d+$", re.I),
    "talk": re.compile(r"on Relevant Topic in Your Field$", re.I),
    "teaching": re.compile(r"^Teaching experience \d+$", re.I),
}


def is_sample(page: Page, kind: str) -> bool:
    return bool(_SAMPLES[kind].search(str(page.meta.get("title") or "").strip()))


def _own_pages(root: Path, folder: str, kind: str, b: Builder, found: list[str]) -> Iterator[tuple[Page, SectionCount]]:
    """The pages of one collection folder, counted; the theme's sample pages are skipped and reported."""
    pages = read_pages(root, folder)
    if not pages:
        return
    found.append(f"{folder}/ ({len(pages)} pages)")
    count = b.result.section(f"{folder}/", len(pages))
    for page in pages:
        if is_sample(page, kind):
            noun = "course" if kind == "teaching" else kind
            b.result.skipped.append(f"{page.rel}: the theme's sample {noun} {shown(page.meta.get('title'))}")
            count.skipped += 1
            continue
        yield page, count


def import_talks(root: Path, b: Builder, found: list[str]) -> None:
    for page, count in _own_pages(root, "_talks", "talk", b, found):
        f = Fields(clean_entry(page.meta, page.rel, b.result), page.rel)
        f.use(*PAGE_SETTINGS)
        kind, event = f.text("type"), f.text("venue")
        if kind and kind.lower() != "talk":
            event = f"{event} ({kind})" if event else kind
            b.result.changed.append(f"{page.rel}: type {shown(kind)} kept with the event")
        entry = {"title": f.text("title"), "event": event, "location": f.text("location"),
                 "date": loose_date(f.get("date"), f"{page.rel}: date", b.result),
                 "url": f.text("talkurl", "slidesurl", "url")}  # fmt: skip
        body = markdown_of(page.body, page.rel, b.result)
        if body:
            b.result.dropped.append(f"{page.rel}: the page's text ({len(body.split())} words): talks have no notes")
        b.add("talks", settle(entry, f, None, b.result), count)


def import_teaching(root: Path, b: Builder, found: list[str]) -> None:
    for page, count in _own_pages(root, "_teaching", "teaching", b, found):
        f = Fields(clean_entry(page.meta, page.rel, b.result), page.rel)
        f.use(*PAGE_SETTINGS)
        body = markdown_of(page.body, page.rel, b.result)
        lines = [
            re.sub(r"^#+\s*", "", x).strip() for x in body.splitlines() if x.strip() and not set(x.strip()) <= set("=-")
        ]
        note = note_text(f.text("type"), f.text("location"), *lines)
        if note:
            b.result.changed.append(f"{page.rel}: type, location and the page's text kept as the note")
        entry = {"course": f.text("title"), "institution": f.text("venue"),
                 "year": years(f.get("date"), f"{page.rel}: date", b.result), "note": note}  # fmt: skip
        b.add("teaching", settle(entry, f, "note", b.result), count)
