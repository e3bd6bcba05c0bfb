"""A document under construction: blocks of text plus the personal data written into it."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from zeef_corpus import dutch
from zeef_corpus.people import PRO, SUBJECT, THIRD, Person
from zeef_corpus.spin import informalise, pick, spin

if TYPE_CHECKING:
    from zeef_corpus.world import Case


@dataclass
class Block:
    kind: str  # h, p, lines, table, kv, blank, rule, mrz
    text: str = ""
    lines: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    header: bool = False
    align: str = "left"  # left, right, center
    bold: bool = False
    mono: bool = False
    informal: bool = False


class Doc:
    def __init__(self, rng: random.Random, case: Case, category: str):
        self.rng = rng
        self.case = case
        self.category = category
        self.blocks: list[Block] = []
        self.labels: dict[str, list[str]] = {SUBJECT: [], THIRD: [], PRO: []}
        self.extra: dict = {}
        self.title = ""
        self.layout = ""
        self.informal = 0.0
        self.date: dt.date = case.doc_date(rng)
        self.date_style = dutch.rand_date_style(rng)
        self.table_style = pick(rng, ("spaces", "pipes", "spaces", "tabs", "semicolon"))
        self.kv_style = pick(rng, ("colon", "colon_aligned", "colon", "dots"))
        self.author: Person | None = None
        self.sender_email: str = ""
        self.filename_hint = ""
        self.box_style = pick(
            rng, (("☒", "☐"), ("⟦X⟧", "⟦ ⟧"), ("(x)", "( )"), ("X", "_"), ("⟦x⟧", "⟦ ⟧"))
        )

    def tag(self, name: str) -> None:
        """Mark a deliberate hard case in the labels (e.g. a bank payment to a doctor)."""
        tags = self.extra.setdefault("tags", [])
        if name not in tags:
            tags.append(name)

    def box(self, checked: bool) -> str:
        """A checkbox; ⟦ ⟧ stand for literal brackets, which spin() would otherwise eat."""
        return self.box_style[0] if checked else self.box_style[1]

    # --- spin shorthand --------------------------------------------------------------
    def s(self, text: str) -> str:
        return spin(self.rng, text)

    def pick(self, items):
        return pick(self.rng, items)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    # --- personal data ---------------------------------------------------------------
    def rec(self, role: str, s: str) -> str:
        if s and s not in self.labels[role]:
            self.labels[role].append(s)
        return s

    def n(self, p: Person, *kinds: str) -> str:
        """A surface form of p's name (one of `kinds`, or a sensible random one)."""
        if not kinds:
            if p.role == PRO:
                kinds = ("initials", "full", "titled") if p.title else ("initials", "full")
            else:
                kinds = ("full", "formal", "formal_init", "full", "formal")
        shown, data = p.form(self.rng, pick(self.rng, kinds))
        self.rec(p.role, data)
        return shown

    def N(self, p: Person, *kinds: str) -> str:  # noqa: N802 - capitalised for sentence start
        s = self.n(p, *kinds)
        return s[:1].upper() + s[1:]

    def street(self, p: Person) -> str:
        return self.rec(p.role, p.street_line)

    def town(self, p: Person) -> str:
        self.rec(p.role, p.postcode)
        return p.town_line

    def addr(self, p: Person) -> str:
        return f"{self.street(p)}, {self.town(p)}"

    def addr_lines(self, p: Person) -> list[str]:
        return [self.street(p), self.town(p)]

    def phone(self, p: Person, which: str = "any") -> str:
        if which == "any":
            which = "mobile" if self.rng.random() < 0.75 else "landline"
        if which == "mobile":
            s = dutch.fmt_phone(self.rng, p.mobile)
        else:
            s = dutch.fmt_phone(self.rng, p.landline, p.area)
        return self.rec(p.role, s)

    def mail(self, p: Person) -> str:
        return self.rec(p.role, p.email)

    def bsn(self, p: Person) -> str:
        return self.rec(p.role, dutch.fmt_bsn(self.rng, p.bsn))

    def iban(self, p: Person) -> str:
        return self.rec(p.role, dutch.fmt_iban(self.rng, p.iban))

    def birth(self, p: Person, style: str | None = None) -> str:
        assert p.birth is not None
        style = style or dutch.rand_date_style(self.rng, formal=False)
        if style in ("weekday",):
            style = "long"
        return self.rec(p.role, dutch.fmt_date(p.birth, style))

    def plate(self, p: Person) -> str:
        return self.rec(p.role, p.plate)

    def pro_id(self, p: Person, kind: str) -> str:
        return self.rec(PRO, p.agb if kind == "agb" else p.big)

    # --- dates -----------------------------------------------------------------------
    def fdate(self, d: dt.date | None = None, style: str | None = None) -> str:
        return dutch.fmt_date(d or self.date, style or self.date_style)

    def days(self, a: int, b: int, base: dt.date | None = None) -> dt.date:
        return (base or self.date) + dt.timedelta(days=self.rng.randrange(a, b + 1))

    # --- blocks ----------------------------------------------------------------------
    def h(self, text: str, **kw) -> None:
        self.blocks.append(Block("h", text=self.s(text), **kw))

    def p(self, text: str, **kw) -> None:
        t = self.s(text)
        if t:
            self.blocks.append(Block("p", text=t, **kw))

    def ps(self, texts, **kw) -> None:
        for t in texts:
            self.p(t, **kw)

    def lines(self, lines: list[str], **kw) -> None:
        ls = [self.s(x) for x in lines]
        ls = [x for x in ls if x is not None]
        if any(x.strip() for x in ls):
            self.blocks.append(Block("lines", lines=ls, **kw))

    def table(self, rows: list[list[str]], header: bool = True, **kw) -> None:
        self.blocks.append(
            Block("table", rows=[[str(c) for c in r] for r in rows], header=header, **kw)
        )

    def kv(self, pairs: list[tuple[str, str]], **kw) -> None:
        rows = [[self.s(k), v] for k, v in pairs if v is not None]
        self.blocks.append(Block("kv", rows=rows, **kw))

    def blank(self) -> None:
        self.blocks.append(Block("blank"))

    def rule(self) -> None:
        self.blocks.append(Block("rule"))

    def bullets(self, items: list[str], marker: str | None = None, **kw) -> None:
        marker = marker or self.pick(("- ", "• ", "* ", "- ", "o "))
        numbered = marker == "1."
        out = []
        for k, it in enumerate(items):
            m = f"{k + 1}. " if numbered else marker
            out.append(m + self.s(it))
        self.blocks.append(Block("lines", lines=out, **kw))

    # --- finishing -------------------------------------------------------------------
    def protected(self) -> list[str]:
        return [s for v in self.labels.values() for s in v]

    def finish(self) -> None:
        """Apply informal spelling to informal blocks; drop labels absent from the text."""
        prot = self.protected()
        if self.informal > 0:
            for b in self.blocks:
                if b.informal and b.kind == "p":
                    b.text = informalise(self.rng, b.text, self.informal, prot)
                elif b.informal and b.kind == "lines":
                    b.lines = [informalise(self.rng, x, self.informal, prot) for x in b.lines]
        for b in self.blocks:
            b.text = _lit(b.text)
            b.lines = [_lit(x) for x in b.lines]
            b.rows = [[_lit(c) for c in r] for r in b.rows]
        text = plain_text(self)
        for role in self.labels:
            self.labels[role] = [s for s in self.labels[role] if s in text]


def _lit(s: str) -> str:
    return s.replace("⟦", "[").replace("⟧", "]")


def table_lines(rows: list[list[str]], style: str, header: bool) -> list[str]:
    if not rows:
        return []
    ncol = max(len(r) for r in rows)
    rows = [r + [""] * (ncol - len(r)) for r in rows]
    if style == "semicolon":
        return [";".join(r) for r in rows]
    if style == "tabs":
        return ["\t".join(r) for r in rows]
    widths = [max(len(r[c]) for r in rows) for c in range(ncol)]
    out = []
    for k, r in enumerate(rows):
        if style == "pipes":
            out.append("| " + " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) + " |")
        else:
            out.append("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
        if k == 0 and header:
            if style == "pipes":
                out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
            else:
                out.append("-" * min(100, sum(widths) + 2 * (ncol - 1)))
    return out


def kv_lines(rows: list[list[str]], style: str) -> list[str]:
    if not rows:
        return []
    w = max(len(k) for k, _ in rows)
    out = []
    for k, v in rows:
        if not k:
            out.append(v)
        elif style == "colon_aligned":
            out.append(f"{(k + ':').ljust(w + 1)} {v}".rstrip())
        elif style == "dots":
            out.append(f"{k} {'.' * max(2, w - len(k) + 3)} {v}".rstrip())
        else:
            out.append(f"{k}: {v}".rstrip())
    return out


def block_lines(doc: Doc, b: Block) -> list[str]:
    if b.kind == "h":
        return [b.text]
    if b.kind == "p":
        return [b.text]
    if b.kind in ("lines", "mrz"):
        return list(b.lines)
    if b.kind == "table":
        return table_lines(b.rows, doc.table_style, b.header)
    if b.kind == "kv":
        return kv_lines(b.rows, doc.kv_style)
    if b.kind == "blank":
        return [""]
    if b.kind == "rule":
        return ["-" * 60]
    return []


def plain_text(doc: Doc) -> str:
    """The document as plain text, one block per paragraph."""
    out: list[str] = []
    for b in doc.blocks:
        ls = block_lines(doc, b)
        if b.kind in ("blank",):
            out.append("")
            continue
        out.extend(ls)
        if b.kind in ("p", "table", "kv", "h") or (b.kind == "lines" and len(ls) > 1):
            out.append("")
    text = "\n".join(out)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip() + "\n"
