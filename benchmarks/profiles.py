"""Realistic generated CVs for the benchmark: one neutral record, written as a cvgen profile and as
the equivalent RenderCV 2.8 input.

The word and name lists are the ones the typesetting tests use (tests/engines/test_typesetting.py):
long author lists of multi-word, hyphenated and particle names, the owner anywhere in the list,
long titles, real venue names, badges, DOIs and links. Around the publications sits what a real
academic CV has: positions, education, awards, interests. Output is deterministic for a seed.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.engines.test_typesetting import FAMILY, GIVEN, VENUES, WORDS

OWNER = "Ada Lovelace"
NOTES = ["", "", "", "Oral", "Spotlight", "Best Paper Award", "Findings"]


@dataclass
class Paper:
    title: str
    authors: list[str]  # the owner's entry may carry a mark: "Ada Lovelace*"
    venue: str
    venue_full: str
    year: int
    kind: str  # journal or conference
    note: str
    doi: str
    links: dict[str, str] = field(default_factory=dict)


@dataclass
class Cv:
    name: str
    papers: list[Paper]
    positions: list[dict[str, Any]]
    education: list[dict[str, Any]]
    awards: list[tuple[int, str]]


def make_cv(n: int, seed: int = 0) -> Cv:
    """A CV with `n` publications; the same (n, seed) gives the same CV."""
    rnd = random.Random(seed * 100_003 + n)
    papers = []
    for i in range(n):
        authors = [f"{rnd.choice(GIVEN)} {rnd.choice(FAMILY)}" for _ in range(rnd.randint(1, 11))]
        authors.insert(rnd.randint(0, len(authors)), OWNER + rnd.choice(["", "", "*"]))
        venue, full = rnd.choice(VENUES)
        year = 2025 - (i * 20) // max(n, 1)
        title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 14)))
        links = {
            "pdf": f"https://arxiv.org/abs/{year % 100:02d}{rnd.randint(1, 12):02d}.{rnd.randint(1000, 99999):05d}"
        }
        if i % 3:
            links["code"] = f"https://github.com/lovelace-lab/paper-{i}"
        papers.append(
            Paper(
                title=title[0].upper() + title[1:],
                authors=authors,
                venue=venue,
                venue_full=full,
                year=year,
                kind="journal" if venue == "TPAMI" else "conference",
                note=rnd.choice(NOTES),
                doi=f"10.{rnd.randint(1000, 9999)}/{venue.lower()}.{year}.{rnd.randint(100, 9999)}",
                links=links,
            )
        )
    positions = [
        {"title": "Associate Professor", "organization": "University of Cambridge", "start": 2021, "end": "present"},
        {"title": "Assistant Professor", "organization": "University of Edinburgh", "start": 2017, "end": 2021},
        {"title": "Postdoctoral Researcher", "organization": "ETH Zürich", "start": 2015, "end": 2017},
    ]
    education = [
        {"degree": "PhD", "field": "Computer Science", "institution": "University of Oxford", "end": 2015},
        {"degree": "BSc", "field": "Mathematics", "institution": "Imperial College London", "end": 2010},
    ]
    awards = [(2024, "ERC Starting Grant"), (2022, "Best Paper Award, CVPR"), (2019, "Royal Society Fellowship")]
    return Cv(OWNER, papers, positions, education, awards)


def cvgen_profile(cv: Cv) -> dict[str, Any]:
    """The CV as a cvgen profile."""
    pubs = []
    for p in cv.papers:
        entry: dict[str, Any] = {
            "title": p.title,
            "authors": p.authors,
            "venue": p.venue,
            "venue_full": p.venue_full,
            "year": p.year,
            "type": p.kind,
            "doi": p.doi,
            "links": p.links,
        }
        if p.note:
            entry["note"] = p.note
        pubs.append(entry)
    return {
        "person": {
            "name": cv.name,
            "position": "Associate Professor",
            "affiliation": "University of Cambridge",
            "email": "ada@example.org",
            "links": {"homepage": "https://example.org/ada", "github": "https://github.com/ada"},
        },
        "interests": ["Machine learning", "Computer vision", "Efficient inference"],
        "positions": cv.positions,
        "education": cv.education,
        "awards": [{"title": title, "year": year} for year, title in cv.awards],
        "publications": pubs,
    }


def _rendercv_authors(authors: list[str]) -> list[str]:
    """The owner in bold, as RenderCV's own example does; an equal-contribution mark after the name."""
    return [f"**{OWNER}**" + ("\\*" if a.endswith("*") else "") if a.rstrip("*") == OWNER else a for a in authors]


def rendercv_profile(cv: Cv) -> dict[str, Any]:
    """The same CV as RenderCV 2.8 input (its default theme, the same sections and entries)."""
    pubs = []
    for p in cv.papers:
        journal = f"{p.venue_full} ({p.venue})" + (f", {p.note}" if p.note else "")
        pubs.append(
            {
                "title": p.title,
                "authors": _rendercv_authors(p.authors),
                "journal": journal,
                "date": str(p.year),
                "doi": p.doi,
                "url": p.links["pdf"],
            }
        )
    return {
        "cv": {
            "name": cv.name,
            "headline": "Associate Professor, University of Cambridge",
            "email": "ada@example.org",
            "website": "https://example.org/ada",
            "social_networks": [{"network": "GitHub", "username": "ada"}],
            "sections": {
                "interests": ["Machine learning", "Computer vision", "Efficient inference"],
                "academic positions": [
                    {
                        "company": x["organization"],
                        "position": x["title"],
                        "start_date": str(x["start"]),
                        "end_date": str(x["end"]),
                    }
                    for x in cv.positions
                ],
                "education": [
                    {"institution": x["institution"], "area": x["field"], "degree": x["degree"], "date": str(x["end"])}
                    for x in cv.education
                ],
                "honors and awards": [{"label": str(year), "details": title} for year, title in cv.awards],
                "publications": pubs,
            },
        },
    }


def write_profiles(folder: Path, n: int, seed: int = 0, stem: str | None = None) -> tuple[Path, Path]:
    """Write the cvgen profile and the RenderCV input for a CV of `n` publications; their paths.

    JSON is YAML, so both tools read these files as written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    cv = make_cv(n, seed)
    stem = stem or f"cv-{n}"
    ours = folder / f"{stem}.yaml"
    ours.write_text(json.dumps(cvgen_profile(cv), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    theirs = folder / f"{stem}_rendercv.yaml"
    theirs.write_text(json.dumps(rendercv_profile(cv), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return ours, theirs
