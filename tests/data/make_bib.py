#!/usr/bin/env python3
"""Write the real-world-like BibTeX fixture for the BibTeX import tests.

    .venv/bin/python tests/data/make_bib.py

Writes, under tests/data/bib/:
  papers.bib     112 entries the way people's bib files look: Google Scholar /
                 DBLP style fields, @string macros with # concatenation,
                 @proceedings parents with crossref, TeX accents in every
                 spelling ({\\"o}, \\"{o}, \\'\\i, {\\ss}, \\v{c}, \\H{o}), raw UTF-8,
                 math in titles, protected capitals, `and others`, al-folio
                 keys (selected, preview, pdf, code, html, slides, poster,
                 video, website, arxiv, award, award_name, abbr, note,
                 additional_info, bibtex_show), equal-contribution marks;
  expected.json  for each key: the title and authors in Unicode as a reader
                 should print them, which authors are the owner, the type;
                 written by hand here, independent of cvgen's decoder;
  profile.yaml   a profile whose publications are `- bibtex: papers.bib`
                 plus one YAML entry overriding a bib entry by key;
  assets/img/publication_preview/*.png  al-folio preview images (tiny).

The owner is "Zoë Martínez-López", spelled in the bib in ten ways; an "Ana
Martínez-López" and a "Zoë López" appear too and must not be marked.
Output is deterministic; the test suite uses the committed files.
"""

from __future__ import annotations

import json
import random
import struct
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent / "bib"
OWNER = "Zoë Martínez-López"

# (as written in the .bib, as displayed) -- the owner's spellings
OWNER_SPELLINGS = [
    (r"Mart{\'\i}nez-L{\'o}pez, Zo{\"e}", "Zoë Martínez-López"),
    (r"Zo{\"e} Mart{\'i}nez-L{\'o}pez", "Zoë Martínez-López"),
    (r"Mart\'{\i}nez-L\'{o}pez, Z.", "Z. Martínez-López"),
    (r"Martinez-Lopez, Zoe", "Zoe Martinez-Lopez"),
    (r"Z. Mart{\'\i}nez-L{\'o}pez", "Z. Martínez-López"),
    ("Zoë Martínez-López", "Zoë Martínez-López"),
    ("MARTÍNEZ-LÓPEZ, Zoë", "Zoë MARTÍNEZ-LÓPEZ"),
    (r"Mart{\'{\i}}nez-L{\'{o}}pez, Zo{\"{e}}", "Zoë Martínez-López"),
    (r"{Zo\"{e}} {Mart\'{\i}nez-L\'{o}pez}", "Zoë Martínez-López"),
    (r"Martínez López, Zoë", "Zoë Martínez López"),
]
# equal contribution / corresponding marks as al-folio users write them
OWNER_MARKED = [
    (r"Mart{\'\i}nez-L{\'o}pez*, Zo{\"e}", "Zoë Martínez-López*"),
    (r"Zo{\"e} Mart{\'\i}nez-L{\'o}pez$^\dagger$", "Zoë Martínez-López†"),
    (r"Mart{\'\i}nez-L{\'o}pez\textsuperscript{*}, Zo{\"e}", "Zoë Martínez-López*"),
]
COAUTHORS = [
    (r"M{\"u}ller, J{\"o}rg", "Jörg Müller"),
    (r"Erd{\H{o}}s, P{\'a}l", "Pál Erdős"),
    (r"{\v{S}}koda, Ji{\v{r}}{\'\i}", "Jiří Škoda"),
    (r"{\O}rsted, S{\o}ren", "Søren Ørsted"),
    (r"Gro{\ss}, Stefan", "Stefan Groß"),
    (r"{\L}ukasiewicz, Jan", "Jan Łukasiewicz"),
    (r"van der Maaten, Laurens", "Laurens van der Maaten"),
    (r"de la Fuente, Ana", "Ana de la Fuente"),
    (r"Nu{\~n}ez, Pedro", "Pedro Nuñez"),
    (r"Fran{\c{c}}ois, Ren{\'e}e", "Renée François"),
    (r"{\"O}zt{\"u}rk, Ay{\c{s}}e", "Ayşe Öztürk"),
    (r"Dvo{\v{r}}{\'a}k, Anton{\'\i}n", "Antonín Dvořák"),
    (r"Kurt G{\"o}del", "Kurt Gödel"),
    (r"Huang, Gao", "Gao Huang"),
    (r"Li, Fei-Fei", "Fei-Fei Li"),
    (r"Ng, Andrew Y.", "Andrew Y. Ng"),
    (r"{\AA}ngstr{\"o}m, Anders", "Anders Ångström"),
    (r"Sch{\"o}lkopf, Bernhard", "Bernhard Schölkopf"),
    (r"Brand{\~a}o, Fernando", "Fernando Brandão"),
    (r"{\'E}mile Borel", "Émile Borel"),
    (r"King, Jr., Martin Luther", "Martin Luther King Jr."),
    (r"{Barnes and Noble Research}", "Barnes and Noble Research"),
    ("Søren Kierkegaard", "Søren Kierkegaard"),
    (r"{王小明}", "王小明"),
    (r"Hern{\'a}ndez, Mar{\'\i}a Jos{\'e}", "María José Hernández"),
    (r"Kovač, Ivana", "Ivana Kovač"),
    (r"Sa{\u{g}}lam, Emre", "Emre Sağlam"),
    (r"Wei{\ss}, Clara", "Clara Weiß"),
]
# people who share a name part with the owner but are not the owner
DISTRACTORS = [
    (r"Mart{\'\i}nez-L{\'o}pez, Ana", "Ana Martínez-López"),
    (r"L{\'o}pez, Zo{\"e}", "Zoë López"),
    (r"Rui Mart{\'\i}nez", "Rui Martínez"),
]

# (title as written, title as displayed)
TITLES = [
    (r"{CNN}s on $\alpha$-Graphs", "CNNs on α-Graphs"),
    (r"M{\"o}bius Inversion for {G}raph Learning", "Möbius Inversion for Graph Learning"),
    (r"$O(n \log n)$ Message Passing", "O(n log n) Message Passing"),
    (r"Na{\"\i}ve {B}ayes Is Not Dead -- Yet", "Naïve Bayes Is Not Dead – Yet"),
    (r"$\ell_1$-Regularised {Erd\H{o}s}--{R}{\'e}nyi Models", "ℓ₁-Regularised Erdős–Rényi Models"),
    (r"On the {$k$-NN} Graph of Sparse Data", "On the k-NN Graph of Sparse Data"),
    (r"$\mathcal{O}(1)$ Updates for {T}ransformers", "O(1) Updates for Transformers"),
    (r"{\"U}ber-Sparse Attention", "Über-Sparse Attention"),
    (r"{H}$_2${O}: Heavy-Hitter Oracles", "H₂O: Heavy-Hitter Oracles"),
    (r"Learning with $\epsilon$-Greedy Policies", "Learning with ϵ-Greedy Policies"),
    (r"Caf{\'e} Networks: A ``Quoted'' Study", "Café Networks: A “Quoted” Study"),
    (r"{DenseNet}s Revisited", "DenseNets Revisited"),
    (r"$\beta$-{VAE}s and {G}r{\"o}bner Bases", "β-VAEs and Gröbner Bases"),
    (
        r"Self-Supervised {3D} Reconstruction at {\AA}ngstr{\"o}m Scale",
        "Self-Supervised 3D Reconstruction at Ångström Scale",
    ),
    (r"{S}ch{\"o}nhage--{S}trassen on {GPU}s", "Schönhage–Strassen on GPUs"),
    (r"A 50\% Faster {SGD}", "A 50% Faster SGD"),
    (r"{Q\&A} over Knowledge Graphs", "Q&A over Knowledge Graphs"),
    (r"Training in $\mathbb{R}^n$ with $x^2$ Penalties", "Training in Rⁿ with x² Penalties"),
    (r"{\L}ukasiewicz Logic Meets Deep Learning", "Łukasiewicz Logic Meets Deep Learning"),
    (r"Gro{\ss}e Sprachmodelle --- A Study", "Große Sprachmodelle — A Study"),
    ("Zero-Shot Learning für Ärzte", "Zero-Shot Learning für Ärzte"),
    (r"{\v{C}}ech Complexes for Point Clouds", "Čech Complexes for Point Clouds"),
    (r"The {Fr\'echet} Distance Between {G}aussians", "The Fréchet Distance Between Gaussians"),
    (r"Why $\sigma$-Algebras Matter in {RL}", "Why σ-Algebras Matter in RL"),
    (r"{LLaVA-UHD}: High-Resolution {LMM}s", "LLaVA-UHD: High-Resolution LMMs"),
    (r"$\geq$ 2$\times$ Faster Sampling", "≥ 2× Faster Sampling"),
    (r"Pad{\'e} Approximants for Activation Functions", "Padé Approximants for Activation Functions"),
    (r"{S}ø{r}ensen--{D}ice Loss, Revisited", "Sørensen–Dice Loss, Revisited"),
]
TOPICS = [
    "",
    " in Vision",
    " for Language Models",
    " at Scale",
    " on Graphs",
    " for Robotics",
    " Without Labels",
    " in Medicine",
    " on Edge Devices",
    " for Science",
]
VENUES = {  # macro -> (full name, short)
    "cvpr": ("IEEE/CVF Conference on Computer Vision and Pattern Recognition", "CVPR"),
    "iccv": ("IEEE/CVF International Conference on Computer Vision", "ICCV"),
    "neurips": ("Advances in Neural Information Processing Systems", "NeurIPS"),
    "icml": ("International Conference on Machine Learning", "ICML"),
    "iclr": ("International Conference on Learning Representations", "ICLR"),
    "aaai": ("AAAI Conference on Artificial Intelligence", "AAAI"),
}
JOURNALS = {
    "tpami": ("IEEE Transactions on Pattern Analysis and Machine Intelligence", "TPAMI"),
    "jmlr": ("Journal of Machine Learning Research", "JMLR"),
    "ijcv": ("International Journal of Computer Vision", "IJCV"),
    "natmi": ("Nature Machine Intelligence", "Nat. Mach. Intell."),
}
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
PREVIEWS = ["moebius.png", "h2o.png", "densenet.png"]


def tiny_png(rgb: tuple[int, int, int]) -> bytes:
    """A valid 4x4 PNG of one colour (no Pillow needed)."""
    raw = b"".join(b"\x00" + bytes(rgb) * 4 for _ in range(4))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main() -> None:
    rng = random.Random(20241121)
    OUT.mkdir(parents=True, exist_ok=True)
    lines = [
        "% A publication list the way real .bib files look: exported from Google Scholar and DBLP,",
        "% edited by hand for an al-folio site. Generated by tests/data/make_bib.py.",
        "",
        '@string{proc = "Proceedings of the "}',
    ]
    for macro, (full, _) in {**VENUES, **JOURNALS}.items():
        lines.append(f"@string{{{macro} = {{{full}}}}}")
    lines.append("")
    expected: dict[str, dict] = {}

    # proceedings volumes: parents for crossref
    parents = {}
    for macro, (_, short) in VENUES.items():
        for year in (2021, 2023):
            key = f"{macro}{year}"
            parents[key] = (macro, short, year)
            lines += [
                f"@proceedings{{{key},",
                f"  title     = proc # {macro},",
                f"  booktitle = proc # {macro},",
                f"  year      = {year},",
                f"  month     = {MONTHS[(year + len(macro)) % 12]},",
                f"  abbr      = {{{short}}},",
                "  publisher = {IEEE},",
                "}",
                "",
            ]

    titles = [(t + topic_tex, d + topic) for topic_tex, topic in ((x, x) for x in TOPICS) for t, d in TITLES]
    rng.shuffle(titles)
    kinds = (
        ["crossref"] * 30
        + ["booktitle"] * 20
        + ["article"] * 25
        + ["arxiv-article"] * 5
        + ["arxiv-misc"] * 5
        + ["workshop"] * 4
        + ["incollection"] * 3
        + ["book"] * 2
        + ["phdthesis"]
        + ["mastersthesis"]
        + ["techreport"] * 3
        + ["patent"] * 2
        + ["unpublished"] * 1
        + ["no-owner"] * 2
    )
    assert len(kinds) >= 100
    for n, kind in enumerate(kinds):
        title_tex, title = titles[n]
        year = 2014 + n % 11
        # authors: owner in some position (not for the two no-owner entries)
        k = 2 + rng.randrange(6)
        people = rng.sample(COAUTHORS, k)
        if n % 9 == 0:
            people.insert(rng.randrange(len(people) + 1), DISTRACTORS[n % 3])
        owner_at = None
        if kind != "no-owner":
            owner_at = rng.randrange(len(people) + 1) if n % 4 else 0
            spell = OWNER_MARKED[n % 3] if n % 7 == 0 else OWNER_SPELLINGS[n % len(OWNER_SPELLINGS)]
            people.insert(owner_at, spell)
        others = n % 10 == 3 and owner_at is not None and owner_at < len(people) - 1
        if others:
            people = people[: max(owner_at + 1, 3)]
        # equal contribution on the first co-author sometimes (al-folio style: mark on the last name)
        if n % 7 == 0 and owner_at != 0 and "*" in people[owner_at][1]:
            tex, shown = people[0]
            last, _, first = tex.partition(", ")
            people[0] = (f"{last}*, {first}" if first else tex + "*", shown + "*")
        author_tex = " and ".join(p[0] for p in people) + (" and others" if others else "")
        authors = [p[1] for p in people] + (["et al."] if others else [])
        key = f"e{n:03d}"
        fields: list[tuple[str, str]] = [("title", "{" + title_tex + "}"), ("author", "{" + author_tex + "}")]
        ptype = "conference"
        if kind == "crossref":
            parent = sorted(parents)[n % len(parents)]
            fields.append(("crossref", "{" + parent + "}"))
            year = parents[parent][2]
            ptype = "conference"
        elif kind == "booktitle":
            macro = list(VENUES)[n % len(VENUES)]
            fields += [
                ("booktitle", f"proc # {macro}"),
                ("year", f"{{{year}}}"),
                ("abbr", "{" + VENUES[macro][1] + "}"),
                ("pages", f"{{{100 + n}--{110 + n}}}"),
            ]
        elif kind == "article":
            macro = list(JOURNALS)[n % len(JOURNALS)]
            fields += [
                ("journal", macro),
                ("volume", f"{{{30 + n % 10}}}"),
                ("number", f"{{{1 + n % 12}}}"),
                ("pages", f"{{{1000 + n}--{1012 + n}}}"),
                ("year", str(year)),
                ("doi", f"{{10.1109/TPAMI.{year}.{3000000 + n}}}"),
            ]
            if n % 3 == 0:
                fields.append(("month", MONTHS[n % 12]))
            elif n % 3 == 1:
                fields.append(("month", "{" + ["March", "July", "October"][n % 3] + "}"))
            ptype = "journal"
        elif kind == "arxiv-article":
            fields += [("journal", f"{{arXiv preprint arXiv:2{n % 10}01.{10000 + n}}}"), ("year", f"{{{year}}}")]
            ptype = "preprint"
        elif kind == "arxiv-misc":
            fields += [
                ("eprint", f"{{2{n % 10}02.{20000 + n}}}"),
                ("archivePrefix", "{arXiv}"),
                ("primaryClass", "{cs.LG}"),
                ("year", f"{{{year}}}"),
            ]
            ptype = "preprint"
        elif kind == "workshop":
            fields += [
                ("booktitle", "{" + ["ICML", "CVPR", "NeurIPS", "ICLR"][n % 4] + " Workshop on Efficient Learning}"),
                ("year", f"{{{year}}}"),
            ]
            ptype = "workshop"
        elif kind == "incollection":
            fields += [
                ("booktitle", "{Handbook of Graph Learning}"),
                ("publisher", "{Springer}"),
                ("year", f"{{{year}}}"),
                ("editor", "{Smith, John}"),
            ]
            ptype = "chapter"
        elif kind == "book":
            fields += [("publisher", "{MIT Press}"), ("year", f"{{{year}}}")]
            ptype = "book"
        elif kind in ("phdthesis", "mastersthesis"):
            fields += [("school", '{ETH Z{\\"u}rich}'), ("year", f"{{{year}}}")]
            ptype = "thesis"
        elif kind == "techreport":
            fields += [
                ("institution", '{Universit{\\"a}t Z{\\"u}rich}'),
                ("number", f"{{TR-{n}}}"),
                ("year", f"{{{year}}}"),
            ]
            ptype = "report"
        elif kind == "patent":
            fields += [("number", f"{{US {11000000 + n}}}"), ("year", f"{{{year}}}")]
            ptype = "patent"
        elif kind == "unpublished":
            fields += [("note", "{Under review}"), ("year", f"{{{year}}}")]
            ptype = "preprint"
        elif kind == "no-owner":
            fields += [("booktitle", "{Festschrift for a Colleague}"), ("year", f"{{{year}}}")]
        # al-folio keys on every third entry
        if n % 3 == 0:
            fields.append(("selected", "{true}"))
            fields.append(("bibtex_show", "{true}"))
        if n % 11 == 0:
            fields.append(("preview", "{" + PREVIEWS[n // 11 % len(PREVIEWS)] + "}"))
        if n == 12:
            fields.append(("preview", "{missing.png}"))
        if n % 5 == 0:
            fields.append(("pdf", f"{{https://example.org/papers/{key}.pdf}}"))
        if n % 5 == 1:
            fields.append(("pdf", f"{{{key}.pdf}}"))  # al-folio: a file under assets/pdf/
        if n % 4 == 0:
            fields.append(("code", f"{{https://github.com/zoeml/{key}}}"))
        if n % 6 == 0:
            fields += [("html", f"{{https://example.org/{key}/}}"), ("slides", f"{{{key}-slides.pdf}}")]
        if n % 13 == 0:
            fields += [
                ("poster", f"{{https://example.org/{key}/poster.pdf}}"),
                ("video", f"{{https://www.youtube.com/watch?v={key}}}"),
                ("website", f"{{https://{key}.github.io/}}"),
            ]
        if n % 8 == 0 and kind not in ("arxiv-article", "arxiv-misc"):
            fields.append(("arxiv", f"{{19{n % 10:02d}.{30000 + n}}}"))
        if n % 17 == 0:
            fields += [("award", "{Best Paper Award at the conference}"), ("award_name", "{Best Paper}")]
        elif n % 19 == 5:
            fields.append(("award", "{Outstanding Paper}"))
        elif n % 10 == 7 and kind not in ("unpublished",):
            fields.append(("note", "{Oral}"))
        if n % 12 == 5:
            fields.append(("additional_info", "{, *(Spotlight presentation)*}"))
        if n % 14 == 2:
            fields.append(("abstract", "{We study {\\em things}. 100\\% of the time.}"))
        body = ",\n".join(f"  {name} = {value}" for name, value in fields)
        entry_type = {
            "crossref": "inproceedings",
            "booktitle": "inproceedings",
            "arxiv-article": "article",
            "arxiv-misc": "misc",
            "workshop": "inproceedings",
            "no-owner": "inproceedings",
        }.get(kind, kind)
        lines += [f"@{entry_type}{{{key},", body + ",", "}", ""]
        expected[key] = {
            "title": title,
            "authors": authors,
            "owner": [i == owner_at for i in range(len(people))] + ([False] if others else []),
            "type": ptype,
            "year": year,
            "selected": n % 3 == 0,
        }
    (OUT / "papers.bib").write_text("\n".join(lines), encoding="utf-8")
    (OUT / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    previews = OUT / "assets" / "img" / "publication_preview"
    previews.mkdir(parents=True, exist_ok=True)
    for i, name in enumerate(PREVIEWS):
        (previews / name).write_bytes(tiny_png((60 + 60 * i, 120, 200 - 50 * i)))
    (OUT / "profile.yaml").write_text(
        "# The owner of tests/data/bib/papers.bib; see tests/data/make_bib.py.\n"
        "person:\n"
        f"  name: {OWNER}\n"
        "  position: Assistant Professor\n"
        "  affiliation: Universität Zürich\n"
        "publications:\n"
        "  - bibtex: papers.bib\n"
        "  # A YAML entry with a bib entry's key overrides the fields it sets.\n"
        "  # (the model requires a title in every YAML entry, so it is repeated here)\n"
        "  - key: e001\n"
        f'    title: "{expected["e001"]["title"]}"\n'
        "    note: Oral\n"
        "    selected: true\n"
        "cv:\n"
        "  publications: {group_by: type, numbering: descending}\n"
        "variants:\n"
        "  short:\n"
        "    publications: {selected_only: true, since: 2022}\n",
        encoding="utf-8",
    )
    print(f"wrote {len(kinds)} publications and {len(parents)} proceedings to {OUT / 'papers.bib'}")


if __name__ == "__main__":
    main()
