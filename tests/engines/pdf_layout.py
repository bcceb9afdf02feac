"""Typesetting faults measured from a printed CV itself, whatever engine printed it.

Reads the word boxes of a PDF with poppler's `pdftotext -bbox` and finds:

- early breaks: a line of a publication entry that ends although the first
  unbreakable piece of the next line (a word, or an author's whole name)
  would have fitted after it;
- split names: an author's name broken across two lines ("Gao / Huang");
- overruns: a word that reaches past the right margin (or off the page);
- a stub last page: the last page filled less than `STUB` of its text area;
- a PDF without a structure tree (untagged).

A publication entry is found by its label (`[12]`, `[C12]`, `[J3]`) in the
number column; its lines are those that follow at the same left edge. A line
set in a smaller or larger size than the one before it starts a new paragraph
(the remark under an entry), so no break is measured across it.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader

MM = 72 / 25.4
MARGINS = (22.0, 20.0, 20.0, 20.0)  # mm, top right bottom left: the classic theme's (@page margin / geometry)
STUB = 0.2  # a last page filled less than this is a stub
TOLERANCE = 0.75  # points: what counts as "would have fitted"
LABEL = re.compile(r"^\[[A-Za-z]{0,3}\d+\]$")
_NS = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Line:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def size(self) -> float:
        """The tallest word box: stands for the font size of the line."""
        return max(w.height for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]
    margins: tuple[float, float, float, float] = MARGINS  # mm: the CV theme's (cv.margins)

    @property
    def top(self) -> float:
        return self.margins[0] * MM

    @property
    def bottom(self) -> float:
        return self.height - self.margins[2] * MM

    @property
    def right_edge(self) -> float:
        return self.width - self.margins[1] * MM

    def body(self) -> list[Line]:
        """Lines inside the text area (not the running header or the page number)."""
        return [ln for ln in self.lines if self.top - 4 <= ln.y0 <= self.bottom]


@dataclass
class Entry:
    label: str
    page: Page
    paragraphs: list[list[Line]] = field(default_factory=list)

    @property
    def lines(self) -> list[Line]:
        return [ln for p in self.paragraphs for ln in p]

    @property
    def text(self) -> str:
        return " ".join(ln.text for ln in self.lines)


def _merge_touching(words: list[Word]) -> list[Word]:
    """Boxes with no space between them are one word (a bold name and its `*`, a link after a bracket)."""
    out: list[Word] = []
    for w in words:
        if out and w.x0 - out[-1].x1 < 0.8:
            prev = out[-1]
            out[-1] = Word(prev.text + w.text, prev.x0, min(prev.y0, w.y0), w.x1, max(prev.y1, w.y1))
        else:
            out.append(w)
    return out


def _lines(words: list[Word]) -> list[Line]:
    """Words grouped into lines by vertical overlap, each line left to right."""
    lines: list[list[Word]] = []
    for w in sorted(words, key=lambda w: ((w.y0 + w.y1) / 2, w.x0)):
        centre = (w.y0 + w.y1) / 2
        if lines:
            last = lines[-1]
            top, bottom = min(x.y0 for x in last), max(x.y1 for x in last)
            if top < centre < bottom and abs(centre - (top + bottom) / 2) < 0.35 * (bottom - top):
                last.append(w)
                continue
        lines.append([w])
    return [Line(_merge_touching(sorted(ws, key=lambda w: w.x0))) for ws in lines]


def read_pages(pdf: Path, margins: tuple[float, float, float, float] = MARGINS) -> list[Page]:
    out = subprocess.run(["pdftotext", "-bbox", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True)
    root = ET.fromstring(out.stdout)
    pages = []
    for number, page in enumerate(root.iter(f"{_NS}page"), start=1):
        words = [
            Word(
                w.text or "",
                float(w.get("xMin", 0)),
                float(w.get("yMin", 0)),
                float(w.get("xMax", 0)),
                float(w.get("yMax", 0)),
            )
            for w in page.iter(f"{_NS}word")
            if (w.text or "").strip()
        ]
        size = float(page.get("width", 0)), float(page.get("height", 0))
        pages.append(Page(number, *size, _lines(words), margins))
    return pages


def publication_entries(pages: list[Page]) -> list[Entry]:
    """Every numbered entry, its lines split into paragraphs."""
    entries: list[Entry] = []
    for page in pages:
        current: Entry | None = None
        left = 0.0
        previous: Line | None = None
        for line in page.body():
            if LABEL.match(line.words[0].text) and len(line.words) > 1:
                current = Entry(line.words[0].text, page, [[Line(line.words[1:])]])
                entries.append(current)
                left, previous = line.words[1].x0, Line(line.words[1:])
                continue
            if current is None or previous is None:
                continue
            pitch = line.y0 - previous.y0
            if abs(line.x0 - left) > 1.0 or pitch > 2.2 * previous.size:
                current = previous = None  # the entry ended (a heading, a gap, another column)
                continue
            if abs(line.size - previous.size) > 0.03 * previous.size:
                current.paragraphs.append([line])
            else:
                current.paragraphs[-1].append(line)
            previous = line
    return entries


# ---------------------------------------------------------------- the faults


def _plain(text: str) -> str:
    """Quotes as typed, so that a name prints as O’Neil and is written O'Neil in the profile."""
    return text.translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"'})


def _name_length(words: list[Word], names: list[str]) -> int:
    """How many words at the start of `words` form one author's name (1 when none does)."""
    best = 1
    for name in names:
        parts = _plain(name).split()
        if len(parts) <= best or len(parts) > len(words):
            continue
        head = [_plain(w.text) for w in words[: len(parts)]]
        if head[:-1] == parts[:-1] and re.match(re.escape(parts[-1]) + r"(?![\w])", head[-1]):
            best = len(parts)
    return best


def _unit_width(words: list[Word], names: list[str]) -> tuple[str, float]:
    """The first unbreakable piece of a line: an author's whole name, or a word.

    A hyphenated word counts whole: breaking after its hyphen is allowed, not owed (TeX avoids it)."""
    n = _name_length(words, names)
    return " ".join(w.text for w in words[:n]), words[n - 1].x1 - words[0].x0


def _space(entry: Entry) -> float:
    gaps = [b.x0 - a.x1 for ln in entry.lines for a, b in zip(ln.words, ln.words[1:], strict=False)]
    return min(max(statistics.median(gaps), 1.5), 4.0) if gaps else 2.5


def early_breaks(entries: list[Entry], names: list[str]) -> list[str]:
    """Lines that end although the next line's first piece would have fitted."""
    found = []
    for entry in entries:
        space = _space(entry)
        for paragraph in entry.paragraphs:
            for line, following in zip(paragraph, paragraph[1:], strict=False):
                room = entry.page.right_edge - line.x1 - space
                piece, width = _unit_width(following.words, names)
                if width <= room - TOLERANCE:
                    found.append(
                        f"p.{entry.page.number} {entry.label}: line ends '…{line.text[-30:]}' with {room:.1f}pt "
                        f"free, but '{piece}' ({width:.1f}pt) went to the next line"
                    )
    return found


def split_names(entries: list[Entry], names: list[str]) -> list[str]:
    """Author names broken across two lines, at a space or after a hyphen."""
    found = []
    for entry in entries:
        lines = entry.lines
        for line, following in zip(lines, lines[1:], strict=False):
            a, b = _plain(line.text), _plain(following.text)
            for name in map(_plain, names):
                for cut in [m.end() for m in re.finditer(r" |-", name)]:
                    before, after = name[:cut].rstrip(), name[cut:].lstrip()
                    if (a == before or a.endswith(" " + before)) and re.match(re.escape(after) + r"(?![\w])", b):
                        found.append(f"p.{entry.page.number} {entry.label}: '{before}' / '{after}'")
    return found


def overruns(pages: list[Page]) -> list[str]:
    """Words that reach past the right margin."""
    return [
        f"p.{page.number}: '{w.text[:40]}' ends at {w.x1:.1f}pt, past the margin at {page.right_edge:.1f}pt"
        for page in pages
        for line in page.lines
        for w in line.words
        if w.x1 > page.right_edge + 1.0
    ]


def last_page_fill(pages: list[Page]) -> float:
    """How much of the last page's text area its content fills (0 to 1)."""
    last = pages[-1]
    body = last.body()
    if not body:
        return 0.0
    area = last.bottom - last.top
    return (max(ln.y1 for ln in body) - last.top) / area


def is_tagged(pdf: Path) -> bool:
    """A structure tree, marked content and a document language: what PDF/UA readers look for."""
    root = PdfReader(pdf).trailer["/Root"]
    marked = root.get("/MarkInfo", {}).get("/Marked", False)
    return "/StructTreeRoot" in root and bool(marked) and "/Lang" in root
