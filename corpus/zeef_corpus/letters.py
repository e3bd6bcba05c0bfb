"""Letter scaffolding: letterheads, recipient blocks, reference lines, greetings, footers."""

from __future__ import annotations

from zeef_corpus.doc import Doc
from zeef_corpus.people import PRO, Person
from zeef_corpus.world import Org


def ref(d: Doc, kind: str = "any") -> str:
    r = d.rng
    y = d.date.year
    kinds = ("slash", "zaak", "case", "num", "letters", "dash")
    kind = kind if kind != "any" else d.pick(kinds)
    if kind == "slash":
        team = d.pick(("WI", "SD", "WMO", "JGD", "SHV", "MA", "U", "AD"))
        return f"{team}/{y}/{r.randrange(100, 99999):05d}"
    if kind == "zaak":
        return f"Z-{y}-{r.randrange(10000, 999999)}"
    if kind == "case":
        return f"{d.case.case_id}/{d.pick(('A', 'B', 'C', 'WI', 'MA'))}{r.randrange(1, 99)}"
    if kind == "num":
        return str(r.randrange(1000000, 99999999))
    if kind == "letters":
        return (
            f"{d.pick(('UIT', 'IN', 'BR', 'ADV'))}-{r.randrange(10, 99)}.{r.randrange(1000, 99999)}"
        )
    return f"{y}-{r.randrange(100, 9999):04d}-{d.pick(('AB', 'KM', 'TV', 'RS', 'JH'))}"


def letterhead(d: Doc, org: Org, sub: str = "", style: str | None = None) -> None:
    style = style or d.pick(("block", "right", "line", "upper", "logo", "minimal"))
    if style == "block":
        d.lines(
            [org.name]
            + ([sub] if sub else [])
            + [org.street, f"{org.postcode} {org.city}", f"[T|Tel.|Telefoon] {org.phone}", org.web],
            bold=False,
        )
    elif style == "right":
        d.lines(
            [org.name]
            + ([sub] if sub else [])
            + [org.street, f"{org.postcode} {org.city}", org.phone],
            align="right",
        )
    elif style == "line":
        d.lines(
            [
                f"{org.name}{' - ' + sub if sub else ''} | {org.street} | {org.postcode} "
                f"{org.city} | {org.phone}"
            ]
        )
    elif style == "upper":
        d.lines([org.name.upper()] + ([sub] if sub else []))
        d.lines([f"{org.street}  ·  {org.postcode} {org.city}  ·  {org.web}"])
    elif style == "logo":
        d.lines([f"== {org.name} ==", sub or org.web])
    else:
        d.lines([org.name])
    d.blank()


def recipient(d: Doc, p: Person, *, formal: bool = True, attn: str = "") -> None:
    if formal:
        name = d.n(p, "formal_init", "formal_init", "formal_full", "initials")
        name = name[:1].upper() + name[1:]
    else:
        name = d.n(p, "full", "initials")
    lines = [name] + ([attn] if attn else []) + d.addr_lines(p)
    d.lines(lines)
    d.blank()


def org_recipient(d: Doc, org: Org, attn: str = "") -> None:
    lines = [org.name]
    if attn:
        lines.append(d.s(f"[t.a.v.|T.a.v.|Ter attentie van] {attn}"))
    lines += [org.street, f"{org.postcode} {org.city}"]
    d.lines(lines)
    d.blank()


def meta(
    d: Doc,
    *,
    subject: str,
    handler: Person | None = None,
    their_ref: bool | None = None,
    attachments: str | None = None,
    extra: list[tuple[str, str]] | None = None,
    style: str | None = None,
) -> None:
    style = style or d.pick(("kv", "kv", "inline", "place_date"))
    pairs: list[tuple[str, str]] = []
    if style == "place_date":
        d.lines([f"{d.case.city_name}, {d.fdate()}"])
        d.blank()
        d.lines([f"[Betreft|Onderwerp|Inzake]: {subject}"])
        if d.chance(0.5):
            d.lines([f"[Ons kenmerk|Kenmerk]: {ref(d)}"])
        d.blank()
        return
    pairs.append(("[Datum|Datum|Verzonden]", d.fdate()))
    if d.chance(0.8):
        pairs.append(("[Kenmerk|Ons kenmerk|Referentie|Ons kenmerk]", ref(d)))
    if their_ref or (their_ref is None and d.chance(0.3)):
        pairs.append(("Uw kenmerk", d.pick(("-", "", ref(d), "geen"))))
    if handler is not None and d.chance(0.8):
        pairs.append(
            (
                "[Behandeld door|Contactpersoon|Behandelaar|Inlichtingen bij]",
                d.n(handler, "initials", "full"),
            )
        )
        if d.chance(0.5):
            area = d.case.city[2]
            num = "".join(str(d.rng.randrange(10)) for _ in range(10 - len(area)))
            pairs.append(
                (
                    "[Telefoon|Telefoonnummer|Tel.]",
                    f"14 {area}" if d.chance(0.4) else f"{area}-{num}",
                )
            )
        if d.chance(0.3) and handler.email:
            pairs.append(("E-mail", d.mail(handler)))
    if extra:
        pairs.extend(extra)
    pairs.append(("[Onderwerp|Betreft|Onderwerp]", subject))
    if attachments:
        pairs.append(("[Bijlage(n)|Bijlagen|Bijlage]", attachments))
    if d.chance(0.25):
        middle = pairs[1:-1]
        d.rng.shuffle(middle)
        pairs = pairs[:1] + middle + pairs[-1:]
    if style == "inline":
        d.lines([f"{d.s(k)}: {v}" for k, v in pairs if v != ""])
        d.blank()
    else:
        d.kv([(k, v) for k, v in pairs if v != ""])


def salutation(d: Doc, p: Person | None, register: str = "formal") -> None:
    if p is None:
        d.p(
            d.pick(
                (
                    "Geachte heer, mevrouw,",
                    "Geachte heer/mevrouw,",
                    "Aan wie het aangaat,",
                    "Geachte lezer,",
                    "Beste medewerker,",
                    "Geachte collega,",
                )
            )
        )
        return
    if register == "formal":
        shown = d.n(p, "formal_long", "formal_long", "formal")
        if shown.startswith(("dhr.", "mevr.", "mw.")):
            shown = p.g("heer ", "mevrouw ") + shown.split(" ", 1)[1]
        shown = shown.replace("de heer", "heer")
        d.p(f"Geachte {shown},")
    elif register == "colleague":
        d.p(
            d.pick(
                (
                    "Geachte collega,",
                    "Beste collega,",
                    "Geachte collega " + d.n(p, "sur") + ",",
                    "Waarde collega,",
                )
            )
        )
    else:
        d.p(f"{d.pick(('Beste', 'Beste', 'Hallo', 'Hoi', 'Dag'))} {d.n(p, 'first')},")


def closing(
    d: Doc,
    signer: Person | None,
    *,
    register: str = "formal",
    function: bool = True,
    org: str = "",
    on_behalf: str = "",
) -> None:
    if register == "formal":
        greet = d.pick(
            (
                "Met vriendelijke groet,",
                "Met vriendelijke groet,",
                "Hoogachtend,",
                "Met vriendelijke groeten,",
                "Vriendelijke groet,",
            )
        )
    elif register == "colleague":
        greet = d.pick(
            ("Met collegiale groet,", "Met vriendelijke groet,", "Met collegiale groeten,")
        )
    else:
        greet = d.pick(
            ("Groetjes,", "Groeten,", "Mvg,", "Met vriendelijke groet,", "Gr.", "Alvast bedankt,")
        )
    lines = [greet]
    if on_behalf:
        lines.append(on_behalf)
    if d.chance(0.15) and register != "informal":
        lines.append("")
        lines.append("(digitaal ondertekend)" if d.chance(0.5) else "")
    if signer is not None:
        if register == "informal":
            lines.append(d.n(signer, "full", "first", "full"))
        elif signer.role == PRO:
            lines.append(d.n(signer))
        else:
            lines.append(d.n(signer, "full", "initials", "full"))
        if function and signer.function:
            lines.append(
                signer.function[:1].upper() + signer.function[1:]
                if d.chance(0.6)
                else signer.function
            )
        if org:
            lines.append(org)
    d.blank()
    d.lines([x for x in lines if x is not None])


def footer(d: Doc, org: Org, page: str | None = None) -> None:
    style = d.pick(("line", "page", "confidential", "none", "both"))
    if style == "none":
        return
    out = []
    if style in ("line", "both"):
        out.append(f"{org.name} · {org.street} · {org.postcode} {org.city} · {org.web}")
    if style in ("page", "both"):
        out.append(page or d.pick(("Pagina 1 van 1", "pagina 1", "1/1", "Blad 1")))
    if style == "confidential":
        out.append(
            d.pick(
                (
                    "Dit document is vertrouwelijk en uitsluitend bestemd voor de geadresseerde.",
                    "Vertrouwelijk - medisch geheim",
                    "Vertrouwelijk",
                    "Deze informatie valt onder het beroepsgeheim.",
                )
            )
        )
    d.blank()
    d.lines(out)
