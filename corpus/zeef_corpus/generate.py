"""Generate a synthetic Dutch social-domain corpus with ground truth.

    python -m zeef_corpus.generate OUT --per-category 25 --seed 0 [--formats txt,pdf,docx,eml]

Writes OUT/cases/<case_id>.json, OUT/docs/<id>.<ext> and OUT/labels.jsonl (one line per
document: category, disposition, and every personal-data string as written, split into
subject, third_party and professional). Output is byte-for-byte reproducible per seed.

Formats: txt, pdf, docx, eml (the default four), and opt-in images made by `scan.py`:
scan (an image-only PDF, OUT/docs/<id>.pdf), png and jpg (a desk scan or phone photo of
the first page). Their label lines add ``degradation`` (what was applied) and list only
the personal-data strings the image shows.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email.policy
import hashlib
import html
import json
import random
import shutil
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

from faker import Faker

from zeef_corpus import (
    render,
    tpl_advice,
    tpl_application,
    tpl_bank,
    tpl_case_report,
    tpl_email,
    tpl_id,
    tpl_medical,
    tpl_note,
    tpl_other,
    tpl_tip,
)
from zeef_corpus import scan as scan_images
from zeef_corpus.doc import Doc, plain_text
from zeef_corpus.people import PRO, SUBJECT, THIRD, People, ascii_fold
from zeef_corpus.spin import pick
from zeef_corpus.world import LAWS, Case

CATEGORIES = (
    "medical",
    "medical_advice",
    "bank_statement",
    "id_copy",
    "third_party_tip",
    "application",
    "case_report",
    "personal_note",
    "other",
)
# Most restrictive first: an e-mail takes the category of its most restrictive part.
RESTRICTIVENESS = (
    "medical",
    "id_copy",
    "third_party_tip",
    "bank_statement",
    "medical_advice",
    "application",
    "case_report",
    "personal_note",
    "other",
)
FIXED_DISPOSITION = {
    "medical_advice": "archive",
    "bank_statement": "working",
    "id_copy": "destroy",
    "third_party_tip": "working",
    "application": "archive",
    "case_report": "archive",  # review when the report names diagnoses (its label says so)
    "personal_note": "exclude",  # working when the note was shared (its label says so)
    "other": "review",
}
FORMATS = ("txt", "pdf", "docx", "eml")  # the default; existing corpora use these
IMAGE_FORMATS = scan_images.FORMATS  # opt-in: scan, png, jpg
ALL_FORMATS = FORMATS + IMAGE_FORMATS
MODULES = {
    "medical": tpl_medical,
    "medical_advice": tpl_advice,
    "bank_statement": tpl_bank,
    "id_copy": tpl_id,
    "third_party_tip": tpl_tip,
    "application": tpl_application,
    "case_report": tpl_case_report,
    "personal_note": tpl_note,
    "other": tpl_other,
}
# Layouts that only make sense under some laws.
LAW_ONLY = {
    "child_ggz": ("jeugdwet",),
    "youth_advice": ("jeugdwet",),
    "debt_capacity": ("schuldhulpverlening",),
    "wmo_advice": ("wmo",),
    "exemption": ("participatiewet",),
    "kwijtschelding": ("participatiewet", "schuldhulpverlening"),
    **tpl_case_report.LAW_ONLY,
}
TODAY = dt.date(2026, 3, 2)


def disposition(category: str, case: Case) -> str:
    return case.medical_policy if category == "medical" else FIXED_DISPOSITION[category]


def most_restrictive(cats: Sequence[str]) -> str:
    return min(cats, key=RESTRICTIVENESS.index)


# --- documents -----------------------------------------------------------------------


def _layouts(mod, law: str):
    out = []
    if mod is tpl_application:
        out = list(tpl_application.LAW_LAYOUTS[law]) * 2 + list(tpl_application.GENERIC)
    else:
        out = [f for f in mod.LAYOUTS if law in LAW_ONLY.get(f.__name__, LAWS)]
    return out


def build_doc(
    rng: random.Random, case: Case, category: str, *, email_body: bool = False, layout=None
) -> Doc:
    mod = MODULES[category]
    if layout is None:
        if email_body and mod.EMAIL_BODIES:
            layout = pick(rng, mod.EMAIL_BODIES)
        else:
            layout = pick(rng, _layouts(mod, case.law))
    d = Doc(rng, case, category)
    d.layout = layout.__name__
    layout(d)
    d.finish()
    return d


def build_cover(rng: random.Random, case: Case, fn, *args) -> Doc:
    d = Doc(rng, case, "other")
    d.layout = fn.__name__
    fn(d, *args)
    d.finish()
    return d


def render_doc(d: Doc, fmt: str, rng: random.Random) -> tuple[bytes, dict]:
    if fmt == "pdf" and not render.ttf_fonts() and not render.cp1252_ok(plain_text(d)):
        _fold(d)
    if fmt in IMAGE_FORMATS:
        if not render.ttf_fonts() and not render.cp1252_ok(plain_text(d)):
            _fold(d)
        return scan_images.render(d, fmt, rng)
    if fmt == "txt":
        return render.render_txt(d, rng)
    if fmt == "pdf":
        return render.render_pdf(d, rng)
    if fmt == "docx":
        return render.render_docx(d, rng)
    raise ValueError(fmt)


def _fold(d: Doc) -> None:
    """Without a TrueType font, Helvetica cannot show ş or ł: fold text and labels alike."""

    def f(s: str) -> str:
        return "".join(ch if render.cp1252_ok(ch) else ascii_fold(ch) for ch in s)

    for b in d.blocks:
        b.text = f(b.text)
        b.lines = [f(x) for x in b.lines]
        b.rows = [[f(x) for x in r] for r in b.rows]
    for role in d.labels:
        d.labels[role] = [f(x) for x in d.labels[role]]


# --- e-mail ----------------------------------------------------------------------------


@dataclass
class Part:
    name: str
    doc: Doc
    fmt: str = "body"
    children: list[Part] = field(default_factory=list)  # for a forwarded message


MIME = {
    "pdf": ("application", "pdf"),
    "txt": ("text", "plain"),
    "docx": ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document"),
}


def _attach_fmt(rng: random.Random) -> str:
    return rng.choices(("pdf", "docx", "txt"), weights=(55, 25, 20))[0]


def _namer(d: Doc):
    """What names `d` in an e-mail: its template module if it has file_base and phrase."""
    mod = MODULES.get(d.category)
    return mod if hasattr(mod, "file_base") else tpl_email


def _fname(rng: random.Random, d: Doc, fmt: str, used: set[str]) -> str:
    base = _namer(d).file_base(d)
    if rng.random() < 0.25:
        base += f"_{rng.randrange(1, 99)}"
    name = f"{base}.{fmt}"
    k = 2
    while name in used:
        name = f"{base}_{k}.{fmt}"
        k += 1
    used.add(name)
    return name


# `other` documents a citizen plausibly attaches (no newsletters or municipal reports).
CITIZEN_OTHER = (
    tpl_other.energy_bill,
    tpl_other.phone_bill,
    tpl_other.rental_contract,
    tpl_other.school_letter,
    tpl_other.housing_letter,
    tpl_other.gym_membership,
    tpl_other.parking_fine,
    tpl_other.payslip,
    tpl_other.insurance_policy,
    tpl_other.invitation,
)


def _extras(rng: random.Random, category: str) -> list[str]:
    """Less restrictive attachment categories that plausibly travel with `category`."""
    allowed = [
        c
        for c in RESTRICTIVENESS[RESTRICTIVENESS.index(category) + 1 :]
        if c in ("bank_statement", "application", "other")
    ]
    n = rng.choice((0, 0, 1, 1, 2))
    return [pick(rng, allowed) for _ in range(n)] if allowed else []


def plan_email(rng: random.Random, case: Case, category: str) -> tuple[list[Part], str]:
    """The parts of a message whose most restrictive part is `category`, and the sender kind."""
    used: set[str] = set()

    def att(cat: str, doc: Doc | None = None) -> Part:
        if doc is None:
            layout = pick(rng, CITIZEN_OTHER) if cat == "other" else None
            doc = build_doc(rng, case, cat, layout=layout)
        fmt = _attach_fmt(rng)
        return Part(_fname(rng, doc, fmt, used), doc, fmt)

    def cover(fn, atts: list[Part]) -> Part:
        what = [_namer(p.doc).phrase(p.doc) for p in atts]
        return Part("body", build_cover(rng, case, fn, what))

    def body(cat: str) -> Part:
        return Part("body", build_doc(rng, case, cat, email_body=True))

    sender = "citizen"
    r = rng.random()
    if category == "medical":
        if r < 0.45:
            atts = [att("medical") for _ in range(rng.choice((1, 1, 2)))]
            atts += [att(x) for x in _extras(rng, category)]
            parts = [cover(tpl_email.citizen_cover, atts)] + atts
        elif r < 0.65:
            parts = [body("medical")]
            if rng.random() < 0.5:
                parts.append(att(pick(rng, ("medical", "other", "application"))))
        elif r < 0.8:
            note = build_cover(rng, case, tpl_email.citizen_forward)
            inner = build_doc(
                rng,
                case,
                "medical",
                layout=pick(
                    rng,
                    (
                        tpl_medical.gp_letter,
                        tpl_medical.gp_statement,
                        tpl_medical.lab_results,
                        tpl_medical.referral,
                    ),
                ),
            )
            parts = [Part("body", _inline_forward(rng, case, note, inner))]
        else:
            inner_att = att("medical")
            fwd = Part(
                "doorgestuurd.eml",
                build_cover(rng, case, tpl_email.practice_note),
                "eml",
                children=[inner_att],
            )
            parts = [cover(tpl_email.citizen_cover, [inner_att]), fwd]
    elif category == "id_copy":
        atts = [att("id_copy")] + [att(x) for x in _extras(rng, category)]
        if rng.random() < 0.35:
            parts = [body("application")] + atts
        else:
            parts = [cover(tpl_email.citizen_cover, atts)] + atts
    elif category == "third_party_tip":
        if r < 0.45:
            parts = [body("third_party_tip")]
            sender = "tipster"
        elif r < 0.75:
            inner = Part(
                "melding.eml", build_doc(rng, case, "third_party_tip", email_body=True), "eml"
            )
            parts = [Part("body", build_cover(rng, case, tpl_email.forward_note)), inner]
            sender = "consulent"
        else:
            parts = [
                Part("body", build_cover(rng, case, tpl_email.forward_note)),
                att("third_party_tip"),
            ]
            sender = "consulent"
    elif category == "bank_statement":
        atts = [att("bank_statement") for _ in range(rng.choice((1, 1, 2, 3)))]
        if rng.random() < 0.3:
            atts.append(att(pick(rng, ("application", "other"))))
        if r < 0.5:
            parts = [body("application")] + atts
        else:
            parts = [cover(tpl_email.citizen_cover, atts)] + atts
    elif category == "medical_advice":
        sender = "adviser"
        if r < 0.5:
            parts = [body("medical_advice")]
        else:
            atts = [att("medical_advice")]
            parts = [cover(tpl_email.professional_cover, atts)] + atts
    elif category == "application":
        if r < 0.6:
            parts = [body("application")]
            if rng.random() < 0.4:
                parts.append(att("other"))
        else:
            atts = [att("application")] + ([att("other")] if rng.random() < 0.4 else [])
            parts = [cover(tpl_email.citizen_cover, atts)] + atts
    elif category == "case_report":
        if r < 0.35:  # the consulent mails the citizen a report of their conversation
            sender = "municipality"
            parts = [body("case_report")]
        elif r < 0.7:  # ... or sends a report or decision as an attachment
            sender = "municipality"
            atts = [att("case_report")]
            parts = [cover(tpl_case_report.cover_note, atts)] + atts
        else:  # the citizen sends a (signed) report back
            atts = [att("case_report")] + [att(x) for x in _extras(rng, category)]
            parts = [cover(tpl_email.citizen_cover, atts)] + atts
    elif category == "personal_note":
        sender = "consulent"
        if rng.random() < tpl_note.SHARED_SHARE:  # shared with a colleague (FAQ Q28)
            sender = "colleague"
            layout = pick(rng, tpl_note.SHARED_EMAIL_BODIES)
            parts = [Part("body", build_doc(rng, case, "personal_note", layout=layout))]
        else:
            parts = [body("personal_note")]
        if rng.random() < 0.2:
            parts.append(att("personal_note"))
    else:  # other
        if r < 0.3:
            parts = [body("other")]
        else:
            atts = [att("other") for _ in range(rng.choice((1, 1, 2)))]
            parts = [cover(tpl_email.citizen_cover, atts)] + atts
    return parts, sender


def _inline_forward(rng: random.Random, case: Case, note: Doc, inner: Doc) -> Doc:
    """One body: the citizen's note, a forward separator and the practice's mail text."""
    org = case.org("gp")
    sep = pick(
        rng,
        (
            "---------- Doorgestuurd bericht ----------",
            "-----Oorspronkelijk bericht-----",
            "Begin doorgestuurd bericht:",
            "________________________________",
        ),
    )
    d = Doc(rng, case, "medical")
    d.layout = "inline_forward+" + inner.layout
    d.blocks = list(note.blocks)
    d.lines(
        [
            sep,
            f"Van: {org.name} <{org.email}>",
            f"Datum: {d.fdate(inner.date, 'weekday')}",
            "Onderwerp: "
            f"{pick(rng, ('Uw verzoek', 'Brief', 'Uitslag', 'Verklaring', 'Informatie'))}",
        ]
    )
    d.blank()
    d.blocks += inner.blocks
    for role in d.labels:
        for s in note.labels[role] + inner.labels[role]:
            d.rec(role, s)
    d.finish()
    return d


def _boundary(rng: random.Random) -> str:
    return "===============" + "".join(str(rng.randrange(10)) for _ in range(19)) + "=="


def _mailbox(case: Case) -> str:
    return (
        {
            "participatiewet": "werkeninkomen",
            "wmo": "wmo",
            "jeugdwet": "jeugdteam",
            "schuldhulpverlening": "schuldhulp",
        }[case.law]
        + "@"
        + case.mun_domain
    )


def build_email(rng: random.Random, case: Case, category: str) -> tuple[bytes, dict]:
    parts, sender = plan_email(rng, case, category)
    S = case.subject
    header_labels: dict[str, list[str]] = {SUBJECT: [], THIRD: [], PRO: []}

    def addr(person, role: str, display: bool = True) -> str:
        header_labels[role].append(person.email)
        if display:
            header_labels[role].append(person.full)
            return formataddr((person.full, person.email))
        return person.email

    cons = case.pro("consulent")
    if sender == "citizen":
        frm = addr(S, SUBJECT, rng.random() < 0.8)
        to = addr(cons, PRO) if rng.random() < 0.5 else _mailbox(case)
    elif sender == "tipster":
        tp = parts[0].doc.author
        if tp is None:
            local = pick(rng, ("bezorgdeburger", "anoniem", "buurtbewoner", "eerlijkduurtlang"))
            domain = pick(rng, ("gmail.com", "hotmail.com", "outlook.com"))
            frm = f"{local}{rng.randrange(10, 999)}@{domain}"
            header_labels[THIRD].append(frm)
        else:
            frm = addr(tp, THIRD, rng.random() < 0.7)
        to = pick(rng, ("info@" + case.mun_domain, _mailbox(case), "handhaving@" + case.mun_domain))
    elif sender == "adviser":
        frm = addr(case.pro("adviser"), PRO)
        to = addr(cons, PRO)
    elif sender == "municipality":
        frm = addr(cons, PRO)
        to = addr(S, SUBJECT, rng.random() < 0.7)
    elif sender == "colleague":
        frm = addr(cons, PRO)
        to = addr(case.pro("consulent2"), PRO)
    else:  # consulent
        frm = addr(cons, PRO)
        if category == "personal_note":
            to = frm
        else:
            to = addr(case.pro("handhaver"), PRO)
    first = parts[0].doc
    when = dt.datetime.combine(
        first.date,
        dt.time(rng.randrange(7, 23), rng.randrange(60), rng.randrange(60)),
        tzinfo=dt.timezone(dt.timedelta(hours=1)),
    )
    msg = EmailMessage()
    subjects = tpl_email.SUBJECTS.get(category) or MODULES[category].EMAIL_SUBJECTS
    if sender == "colleague":
        subjects = tpl_note.SHARED_SUBJECTS
    subj = pick(rng, subjects)
    if parts[0].doc.category == "application" and parts[0].doc.title:
        what = parts[0].doc.title.removeprefix("een ").removeprefix("de ")
        subj = pick(rng, (f"Aanvraag {what}", f"aanvraag {what}", what, "Aanvraag", subj))
    if parts[0].doc.layout.startswith("inline_forward") and rng.random() < 0.7:
        subj = pick(rng, ("Fwd: ", "FW: ", "Doorst: ")) + pick(
            rng, ("Uw verzoek", "brief", "uitslag", "verklaring")
        )
    msg["From"] = frm
    msg["To"] = to
    if rng.random() < 0.15 and sender == "citizen":
        msg["Cc"] = (
            addr(cons, PRO)
            if "@" + case.mun_domain in to and cons.email not in to
            else _mailbox(case)
        )
    msg["Subject"] = subj
    msg["Date"] = format_datetime(when)
    host = pick(rng, ("mail.gmail.com", "outlook.com", case.mun_domain, "mx.ziggo.nl"))
    msg["Message-ID"] = f"<{rng.getrandbits(64):016x}.{rng.randrange(10**6)}@{host}>"
    if rng.random() < 0.3:
        msg["X-Mailer"] = pick(
            rng,
            (
                "Microsoft Outlook 16.0",
                "Apple Mail (2.3774)",
                "iPhone Mail (21E236)",
                "Thunderbird 128.3",
            ),
        )
    body_doc = parts[0].doc
    body_text = plain_text(body_doc)
    msg.set_content(body_text, charset="utf-8")
    if rng.random() < 0.2:
        htmlbody = (
            "<html><body>"
            + "".join(
                f"<p>{html.escape(p, quote=False).replace(chr(10), '<br>')}</p>"
                for p in body_text.split("\n\n")
            )
            + "</body></html>"
        )
        msg.add_alternative(htmlbody, subtype="html", charset="utf-8")
    part_labels = [
        {"name": "body", "category": body_doc.category, "layout": body_doc.layout, "format": "text"}
    ]
    all_docs = [body_doc]
    for p in parts[1:]:
        if p.fmt == "eml":
            inner = EmailMessage()
            is_tip = p.doc.category == "third_party_tip"
            inner_sender = p.doc.author if is_tip else None
            if is_tip and inner_sender is None:
                local = pick(rng, ("melder", "anoniem", "buurtbewoner"))
                anon = f"{local}{rng.randrange(10, 999)}@gmail.com"
                inner["From"] = anon
                header_labels[THIRD].append(anon)
                inner["To"] = "info@" + case.mun_domain
            elif inner_sender is not None:
                inner["From"] = formataddr((inner_sender.full, inner_sender.email))
                header_labels[THIRD] += [inner_sender.full, inner_sender.email]
                inner["To"] = "info@" + case.mun_domain
            else:
                org = case.org("gp")
                inner["From"] = formataddr((org.name, org.email))
                inner["To"] = formataddr((S.full, S.email))
                header_labels[SUBJECT] += [S.full, S.email]
            inner["Subject"] = pick(
                rng,
                ("Melding", "melding fraude", "uitkering", "Tip", "info", "")
                if is_tip
                else ("Uw verzoek", "Brief", "verklaring", "Uw aanvraag"),
            )
            inner["Date"] = format_datetime(when - dt.timedelta(days=rng.randrange(1, 20)))
            host = pick(rng, ("gmail.com", "hotmail.com", "praktijk.nl"))
            inner["Message-ID"] = f"<{rng.getrandbits(64):016x}@{host}>"
            inner.set_content(plain_text(p.doc), charset="utf-8")
            part_labels.append(
                {
                    "name": p.name,
                    "category": p.doc.category,
                    "layout": p.doc.layout,
                    "format": "text",
                }
            )
            all_docs.append(p.doc)
            for ch in p.children:
                data, _ = render_doc(ch.doc, ch.fmt, rng)
                inner.add_attachment(
                    data, maintype=MIME[ch.fmt][0], subtype=MIME[ch.fmt][1], filename=ch.name
                )
                part_labels.append(
                    {
                        "name": f"{p.name}/{ch.name}",
                        "category": ch.doc.category,
                        "layout": ch.doc.layout,
                        "format": ch.fmt,
                    }
                )
                all_docs.append(ch.doc)
            msg.add_attachment(inner, filename=p.name)
        else:
            data, _ = render_doc(p.doc, p.fmt, rng)
            msg.add_attachment(
                data, maintype=MIME[p.fmt][0], subtype=MIME[p.fmt][1], filename=p.name
            )
            part_labels.append(
                {
                    "name": p.name,
                    "category": p.doc.category,
                    "layout": p.doc.layout,
                    "format": p.fmt,
                }
            )
            all_docs.append(p.doc)
    for part in msg.walk():
        if part.is_multipart():
            part.set_boundary(_boundary(rng))
    policy = email.policy.default.clone(linesep="\r\n" if rng.random() < 0.5 else "\n")
    data = msg.as_bytes(policy=policy)
    labels: dict[str, list[str]] = {SUBJECT: [], THIRD: [], PRO: []}
    for d in all_docs:
        for role in labels:
            for s in d.labels[role]:
                if s not in labels[role]:
                    labels[role].append(s)
    for role, ss in header_labels.items():
        for s in ss:
            if s not in labels[role]:
                labels[role].append(s)
    cat = most_restrictive([p["category"] for p in part_labels])
    assert cat == category, (cat, category, part_labels)
    extra: dict = {"parts": part_labels}
    tags: list[str] = []
    for d in all_docs:
        tags += [t for t in d.extra.get("tags", []) if t not in tags]
    if body_doc.category != cat:
        tags.append(f"body_{body_doc.category}_attachment_{cat}")
    if body_doc.layout.startswith("inline_forward"):
        tags.append("inline_forwarded_medical")
    if any(p.fmt == "eml" for p in parts):
        tags.append("forwarded_message_rfc822")
    if tags:
        extra["tags"] = tags
    # The decisive parts' own label fields: a report that names diagnoses (review), a note
    # that was shared (working).
    decisive = [d for d in all_docs if d.category == cat]
    for key in ("diagnostic_language", "shared"):
        if any(d.extra.get(key) for d in decisive):
            extra[key] = True
    own = [d.extra["disposition"] for d in decisive if "disposition" in d.extra]
    if own:
        extra["disposition"] = "review" if "review" in own else own[0]
    for d in all_docs:  # an attached ID copy's document number travels with the message
        if "id_document" in d.extra:
            extra.setdefault("id_document", d.extra["id_document"])
            if "mrz_valid" in d.extra:
                extra.setdefault("mrz_valid", d.extra["mrz_valid"])
                extra.setdefault("mrz", d.extra["mrz"])
    return data, {"labels": labels, **extra}


# --- the corpus ----------------------------------------------------------------------


def _new_case(rng: random.Random, people: People, k: int, base: int, cats: list[str]) -> Case:
    tip = "third_party_tip" in cats
    if tip and rng.random() < 0.8:
        law = "participatiewet"
    else:
        law = rng.choices(LAWS, weights=(45, 25, 15, 15))[0]
    from zeef_corpus import names as _names

    city = pick(rng, _names.CITIES)
    subject = people.person(SUBJECT, age=(30, 60) if law == "jeugdwet" else (19, 80), city=city)
    return Case(
        case_id=f"{TODAY.year}-{base + k:04d}",
        law=law,
        subject=subject,
        investigation=rng.random() < (0.5 if tip else 0.1),
        medical_policy=pick(rng, ("forward_medical_adviser", "return_to_sender")),
        city=city,
        people=people,
        rng=rng,
        start=TODAY - dt.timedelta(days=rng.randrange(30, 330)),
    )


class _Deck:
    """Deals layouts per category so that every layout comes up about equally often."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.cards: dict[str, list] = {}

    def draw(self, category: str, law: str):
        allowed = _layouts(MODULES[category], law)
        cards = self.cards.setdefault(category, [])
        for _ in range(2):
            for k, fn in enumerate(cards):
                if fn in allowed:
                    return cards.pop(k)
            fresh = list(dict.fromkeys(MODULES[category].LAYOUTS))
            self.rng.shuffle(fresh)
            cards.extend(fresh)
        return pick(self.rng, allowed)


def generate_corpus(
    out_dir: Path, n_per_category: int = 25, seed: int = 0, formats: Sequence[str] = FORMATS
) -> Path:
    """Write n_per_category documents of every category to out_dir and return out_dir."""
    out_dir = Path(out_dir)
    formats = tuple(formats)
    for f in formats:
        if f not in ALL_FORMATS:
            raise ValueError(f"unknown format: {f}")
    rng = random.Random(seed)
    fake = Faker("nl_NL")
    fake.seed_instance(seed)
    people = People(rng, fake, TODAY)

    # Every category gets n documents spread evenly over the formats.
    items: list[tuple[str, str]] = []
    for cat in CATEGORIES:
        fmts = [formats[k % len(formats)] for k in range(n_per_category)]
        rng.shuffle(fmts)
        items += [(cat, f) for f in fmts]
    rng.shuffle(items)

    for sub in ("cases", "docs"):
        if (out_dir / sub).exists():
            shutil.rmtree(out_dir / sub)
        (out_dir / sub).mkdir(parents=True)

    deck = _Deck(rng)
    base = rng.randrange(10, 4000)
    lines: list[str] = []
    pos = 0
    k = 0
    doc_no = 0
    while pos < len(items):
        size = rng.randrange(2, 9)
        group = items[pos : pos + size]
        pos += size
        case = _new_case(rng, people, k, base, [c for c, _ in group])
        k += 1
        case_rel = f"cases/{case.case_id}.json"
        (out_dir / case_rel).write_text(
            json.dumps(case.to_json(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        for cat, fmt in group:
            doc_no += 1
            doc_id = f"doc-{doc_no:05d}"
            rel = f"docs/{doc_id}.{scan_images.EXTENSIONS.get(fmt, fmt)}"
            if fmt == "eml":
                data, info = build_email(rng, case, cat)
                labels = info.pop("labels")
                extra = info
                layout = "+".join(p["layout"] for p in info["parts"])
            else:
                layout_fn = deck.draw(cat, case.law)
                if fmt in IMAGE_FORMATS and layout_fn is tpl_id.ocr_scan:
                    # A text "OCR reading" makes no sense as an image: show the passport.
                    layout_fn = tpl_id.nl_passport
                d = build_doc(rng, case, cat, layout=layout_fn)
                data, meta = render_doc(d, fmt, rng)
                labels = d.labels
                extra = dict(d.extra)
                if "encoding" in meta:
                    extra["encoding"] = meta["encoding"]
                if "degradation" in meta:
                    # Only what the image shows (a photo shows the first page only).
                    labels = {
                        role: scan_images.visible(ss, meta["text"]) for role, ss in labels.items()
                    }
                    extra["degradation"] = meta["degradation"]
                layout = d.layout
            (out_dir / rel).write_bytes(data)
            row = {
                "file": rel,
                "case": case_rel,
                "category": cat,
                "disposition": disposition(cat, case),
                "third_party": labels[THIRD],
                "subject": labels[SUBJECT],
                "professional": labels[PRO],
                "format": fmt,
                "layout": layout,
                "law": case.law,
                "sha256": hashlib.sha256(data).hexdigest(),
            }
            row.update(extra)  # a document's own label fields may set its disposition
            lines.append(json.dumps(row, ensure_ascii=False))
    (out_dir / "labels.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out_dir


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="zeef corpus generate", description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output folder")
    ap.add_argument(
        "--per-category", type=int, default=25, help="documents per category (default 25)"
    )
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument(
        "--formats",
        default=",".join(FORMATS),
        help=f"comma-separated subset of {','.join(ALL_FORMATS)} (default: {','.join(FORMATS)})",
    )
    args = ap.parse_args(argv)
    if args.per_category < 1:
        print("error: --per-category must be at least 1", file=sys.stderr)
        return 2
    fmts = tuple(f.strip() for f in args.formats.split(",") if f.strip())
    try:
        out = generate_corpus(args.out, args.per_category, args.seed, fmts)
    except ValueError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    n = sum(1 for _ in (out / "labels.jsonl").open(encoding="utf-8"))
    print(json.dumps({"out": str(out), "documents": n, "seed": args.seed}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
