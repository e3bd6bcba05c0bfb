"""Real PDFs made several ways, each holding a third party's name somewhere hard.

Every maker returns the PDF's bytes. The names below are the strings a redaction must
remove (`THIRD`, `THIRD_2`, ...) or keep (`SUBJECT`, `KEEP_WORDS`).
"""

from __future__ import annotations

import io
import zlib
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

SUBJECT = "Fatima el Amrani"
THIRD = "Gerrit de Wit"
THIRD_2 = "Lotte Vermeulen"
THIRD_ACCENT = "Zoë Çelik-Brouwer"
KEEP_WORDS = ["melding", "woning", "gemeente"]

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _save(draw, *, compress: bool = True) -> bytes:
    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4, pageCompression=1 if compress else 0)
    draw(pdf)
    pdf.save()
    return buf.getvalue()


def _lines(pdf: canvas.Canvas, lines: list[str], font: str = "Helvetica", size: int = 11,
           y: float = 780) -> None:  # fmt: skip
    pdf.setFont(font, size)
    for line in lines:
        pdf.drawString(72, y, line)
        y -= 18


def standard_font_pdf() -> bytes:
    """Helvetica (a standard, unembedded font); THIRD three times over two pages."""

    def draw(pdf: canvas.Canvas) -> None:
        _lines(pdf, [
            f"Betreft: melding over de woning van {SUBJECT}.",
            f"De melding is gedaan door {THIRD}, buurman.",
            f"Volgens {THIRD} woont er nog iemand in de woning.",
        ])  # fmt: skip
        pdf.showPage()
        _lines(pdf, [
            "Vervolg van het verslag van de gemeente.",
            f"{THIRD} belde op 3 maart opnieuw.",
            f"{SUBJECT} ontkent dit.",
        ])  # fmt: skip
        pdf.showPage()

    return _save(draw)


def subset_font_pdf() -> bytes:
    """DejaVuSans embedded as a subset (reportlab always subsets TrueType fonts), with
    accented names."""
    if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))

    def draw(pdf: canvas.Canvas) -> None:
        _lines(pdf, [
            f"Gespreksverslag met {SUBJECT} over de woning.",
            f"Aanwezig: {THIRD_ACCENT} (zus) en {THIRD}.",
            "De gemeente heeft de melding ontvangen.",
        ], font="DejaVuSans")  # fmt: skip
        pdf.showPage()

    return _save(draw)


def char_space_pdf() -> bytes:
    """reportlab text objects with character and word spacing (Tc / Tw operators)."""

    def draw(pdf: canvas.Canvas) -> None:
        text = pdf.beginText(72, 780)
        text.setFont("Helvetica", 11)
        text.textLine(f"Dossier van {SUBJECT}, melding over de woning.")
        text.setCharSpace(1.5)
        text.setWordSpace(4)
        text.textLine(f"Getuige: {THIRD}, gemeente Utrecht.")
        text.setCharSpace(0)
        text.setWordSpace(0)
        text.textLine("Einde van het verslag.")
        pdf.drawText(text)
        pdf.showPage()

    return _save(draw)


# --- PDFs written by hand: exact control over the content stream -----------------------


def _esc(text: str) -> bytes:
    raw = text.encode("cp1252")
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def build_pdf(objects: list[bytes], *, compress: bool = True) -> bytes:
    """A minimal PDF from numbered objects (object i + 1 is ``objects[i]``; object 1 must
    be the catalog). A stream object is given as ``b"<<dict>>stream\\n...data..."``
    (everything after ``stream\\n`` is its data; /Length and, when `compress`,
    /Filter /FlateDecode are added)."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        if b"stream\n" in obj:
            head, data = obj.split(b"stream\n", 1)
            assert head.endswith(b">>")
            extra = b""
            if compress:
                data = zlib.compress(data)
                extra = b"/Filter/FlateDecode"
            head = head[:-2] + extra + b"/Length %d>>" % len(data)
            obj = head + b"\nstream\n" + data + b"\nendstream"
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


_FONT = b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica/Encoding/WinAnsiEncoding>>"


def _one_page(content: bytes, resources: bytes, extra: list[bytes] | None = None) -> bytes:
    """Catalog 1, Pages 2, Page 3, content 4, font 5, then `extra` from object 6."""
    return build_pdf([
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources " + resources + b">>",
        b"<<>>stream\n" + content,
        _FONT,
        *(extra or []),
    ])  # fmt: skip


def kerned_pdf() -> bytes:
    """TJ arrays with kerning offsets inside the name (and between its words: no space
    characters at all on the second line), as typesetting programs write them."""
    content = b"\n".join([
        b"BT /F1 11 Tf 72 780 Td",
        b"(Melding over de woning van " + _esc(SUBJECT) + b".) Tj",
        b"0 -18 Td",
        # Kerned within the words, real spaces between them.
        b"[(Door: G) 20 (er) -15 (rit d) 10 (e W) 80 (it, buurman.)] TJ",
        b"0 -18 Td",
        # No spaces: the words are separated by TJ displacements only.
        b"[(Bevestigd) -280 (door) -280 (G) 30 (errit) -280 (de) -280 (W) 60 (it) "
        b"-280 (bij) -280 (de) -280 (gemeente.)] TJ",
        b"ET",
    ])  # fmt: skip
    return _one_page(content, b"<</Font<</F1 5 0 R>>>>")


def wrapped_pdf() -> bytes:
    """The name wraps: first name at the end of one line, surname on the next; and
    once split after the first word in a second paragraph."""

    def draw(pdf: canvas.Canvas) -> None:
        _lines(pdf, [
            f"Op 3 maart kwam een melding binnen over de woning van {SUBJECT}. Gerrit",
            "de Wit, de buurman, zegt dat er iemand bij haar inwoont.",
            "De gemeente neemt de melding in behandeling. Volgens Gerrit de",
            "Wit is dat al maanden zo.",
        ], size=10)  # fmt: skip
        pdf.showPage()

    return _save(draw)


def form_xobject_pdf() -> bytes:
    """The name inside a form XObject (reportlab's beginForm/doForm) drawn on two pages,
    plus once in the page content."""

    def draw(pdf: canvas.Canvas) -> None:
        pdf.beginForm("kop")
        pdf.setFont("Helvetica", 9)
        pdf.drawString(72, 810, f"Melder: {THIRD} - gemeente Utrecht")
        pdf.endForm()
        for page in range(2):
            pdf.doForm("kop")
            _lines(pdf, [
                f"Pagina {page + 1}: verslag over de woning van {SUBJECT}.",
                "De melding wordt onderzocht.",
            ])  # fmt: skip
            pdf.showPage()

    return _save(draw)


def nested_xobject_pdf() -> bytes:
    """A form XObject inside a form XObject (written by hand), the name in the inner one,
    with its own /Resources."""
    inner = b"BT /F1 11 Tf 0 0 Td (Melder: " + _esc(THIRD) + b") Tj ET"
    outer = b"q 1 0 0 1 72 760 cm /Inner Do Q BT /F1 11 Tf 72 740 Td (gemeente) Tj ET"
    content = (
        b"BT /F1 11 Tf 72 790 Td (Verslag over de woning van "
        + _esc(SUBJECT)
        + (b".) Tj ET /Outer Do")
    )
    return _one_page(
        content,
        b"<</Font<</F1 5 0 R>>/XObject<</Outer 6 0 R>>>>",
        [
            b"<</Type/XObject/Subtype/Form/BBox[0 0 595 842]"
            b"/Resources<</Font<</F1 5 0 R>>/XObject<</Inner 7 0 R>>>>>>stream\n" + outer,
            b"<</Type/XObject/Subtype/Form/BBox[0 0 400 50]"
            b"/Resources<</Font<</F1 5 0 R>>>>>>stream\n" + inner,
        ],
    )


def actual_text_pdf() -> bytes:
    """Marked content whose /ActualText property holds the name (a tagged-PDF habit):
    the text shown is the name too."""
    content = b"\n".join([
        b"BT /F1 11 Tf 72 780 Td (Verslag over " + _esc(SUBJECT) + b".) Tj ET",
        b"/Span <</ActualText (" + _esc(THIRD) + b")>> BDC",
        b"BT /F1 11 Tf 72 760 Td (" + _esc(THIRD) + b") Tj ET",
        b"EMC",
        b"BT /F1 11 Tf 72 740 Td (Melding bij de gemeente.) Tj ET",
    ])  # fmt: skip
    return _one_page(content, b"<</Font<</F1 5 0 R>>>>")


def earlier_revision_pdf() -> bytes:
    """Revision 1 names THIRD on the page (in a Flate-compressed content stream); an
    incremental update (pypdf, ``incremental=True``) replaces the page's content with
    text without the name. The name survives only in the earlier revision's bytes, which
    no cross-reference table points to any more."""
    first = _save(
        lambda pdf: (
            _lines(pdf, [f"Melding over {SUBJECT} door {THIRD}.", "De gemeente onderzoekt."]),
            pdf.showPage(),
        ),
    )
    writer = PdfWriter(PdfReader(io.BytesIO(first)), incremental=True)
    page = writer.pages[0]
    new = DecodedStreamObject()
    new.set_data(
        b"BT /F1 11 Tf 72 780 Td (Melding over " + _esc(SUBJECT) + b" door een buurman.) Tj "
        b"0 -18 Td (De gemeente onderzoekt de woning.) Tj ET"
    )
    page[NameObject("/Contents")] = writer._add_object(new)
    font = DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    })  # fmt: skip
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)}),
    })  # fmt: skip
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:creator><rdf:Seq><rdf:li>{name}</rdf:li></rdf:Seq></dc:creator>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Melding {name}</rdf:li></rdf:Alt></dc:title>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _xmp_stream(writer: PdfWriter, name: str):
    xmp = DecodedStreamObject()
    xmp.set_data(_XMP.format(name=name).encode("utf-8"))
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    return writer._add_object(xmp)


def metadata_pdf() -> bytes:
    """THIRD in Info (/Author, /Title, /Subject, /Keywords; /Title UTF-16 encoded),
    in catalog XMP and in page-level XMP; THIRD_2 only in the metadata."""

    def draw(pdf: canvas.Canvas) -> None:
        _lines(pdf, [f"Verslag over de woning van {SUBJECT}.", f"Melder: {THIRD}."])
        pdf.showPage()

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_save(draw))))
    writer.add_metadata({
        "/Author": THIRD,
        "/Title": TextStringObject(f"Melding {THIRD} – {THIRD_2}"),  # en dash: UTF-16
        "/Subject": f"Getuige {THIRD_2}",
        "/Keywords": THIRD_2,
        "/Creator": "Zaaksysteem",
    })  # fmt: skip
    writer._root_object[NameObject("/Metadata")] = _xmp_stream(writer, THIRD_2)
    writer.pages[0][NameObject("/Metadata")] = _xmp_stream(writer, THIRD_2)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def extras_pdf() -> bytes:
    """The name hidden in the document's extras: a note's /Contents, a link's URI, an
    outline item, an embedded file (name and content), document JavaScript, an
    OpenAction and a page label (THIRD_2); and shown in a form field's value (reportlab
    AcroForm) and a free-text annotation (THIRD)."""

    def draw(pdf: canvas.Canvas) -> None:
        _lines(pdf, [f"Verslag over de woning van {SUBJECT}.", "De melding is ontvangen."])
        pdf.acroForm.textfield(name="melder", value=THIRD, x=72, y=600, width=200, height=20)
        pdf.linkURL(f"https://example.org/{THIRD_2.replace(' ', '-')}", (72, 560, 272, 580))
        pdf.showPage()

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_save(draw))))
    from pypdf.annotations import FreeText, Text

    writer.add_annotation(0, Text(rect=(300, 700, 320, 720), text=f"Gebeld met {THIRD_2}"))
    # Visible content in an annotation: baked into the page, then redacted.
    writer.add_annotation(0, FreeText(text=f"Tip van {THIRD}", rect=(72, 640, 300, 660)))
    writer.add_outline_item(title=f"Melding {THIRD_2}", page_number=0)
    writer.add_attachment(f"mail-{THIRD_2}.txt", f"Van: {THIRD_2}\n".encode())
    js = writer._add_object(DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject(f'app.alert("{THIRD_2}");'),
    }))  # fmt: skip
    names = writer._root_object.setdefault(NameObject("/Names"), DictionaryObject())
    names = names.get_object()
    names[NameObject("/JavaScript")] = DictionaryObject({
        NameObject("/Names"): ArrayObject([TextStringObject("melder"), js]),
    })  # fmt: skip
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject(f"console.println('{THIRD_2}')"),
    })  # fmt: skip
    writer._root_object[NameObject("/PageLabels")] = DictionaryObject({
        NameObject("/Nums"): ArrayObject([
            NumberObject(0),
            DictionaryObject({NameObject("/P"): TextStringObject(f"{THIRD_2} ")}),
        ]),
    })  # fmt: skip
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def multi_page_pdf(pages: int = 10, names: list[str] | None = None) -> bytes:
    """A plain text PDF of `pages` pages, each naming every one of `names` once or twice,
    for timing."""
    names = names or [THIRD]

    def draw(pdf: canvas.Canvas) -> None:
        for number in range(pages):
            lines = [f"Pagina {number + 1} van het verslag over {SUBJECT}."]
            for i, name in enumerate(names):
                lines.append(f"Volgens {name} is de melding over de woning juist.")
                if (i + number) % 2 == 0:
                    lines.append(f"De gemeente heeft {name} teruggebeld.")
            lines += ["Overige tekst zonder namen, om de pagina te vullen."] * 5
            _lines(pdf, lines, size=9, y=800)
            pdf.showPage()

    return _save(draw)


def encrypt(data: bytes, user_password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="AES-256")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def rotated_pdf() -> bytes:
    """A page shown turned a quarter (/Rotate 90), and a line of text running upwards on
    an unturned page."""
    first = _save(lambda pdf: (
        _lines(pdf, [f"Verslag over de woning van {SUBJECT}.", f"Melder: {THIRD}, buurman."]),
        pdf.showPage(),
        pdf.saveState(), pdf.translate(300, 200), pdf.rotate(90),
        pdf.setFont("Helvetica", 11), pdf.drawString(0, 0, f"Kantlijn: {THIRD} belde."),
        pdf.restoreState(),
        _lines(pdf, ["De gemeente onderzoekt de melding."]),
        pdf.showPage(),
    ))  # fmt: skip
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(first)))
    writer.pages[0].rotate(90)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def split_pdf() -> bytes:
    """The name split over a page break, and hyphenated over a line break."""

    def draw(pdf: canvas.Canvas) -> None:
        _lines(pdf, [f"Verslag over de woning van {SUBJECT}.", "De melding kwam van Gerrit"])
        pdf.showPage()
        _lines(pdf, [
            "de Wit, de buurman. De gemeente belde Ger-",
            "rit de Wit terug. Ook Zoë Çelik-",
            "Brouwer werd gehoord.",
        ])  # fmt: skip
        pdf.showPage()

    return _save(draw)


def substring_pdf() -> bytes:
    """Short names that are also parts of ordinary words."""

    def draw(pdf: canvas.Canvas) -> None:
        _lines(pdf, [
            f"Op 3 januari belde Jan over {SUBJECT}.",
            "De Janssens wonen ernaast; Jan ook. Ali kwam langs met Alina.",
            "De totalisatie van de kosten volgt.",
        ])  # fmt: skip
        pdf.showPage()

    return _save(draw)


def ocr_layer_pdf() -> bytes:
    """A scan with an OCR text layer, as ocrmypdf makes it: an image showing the text,
    and the same text invisible (render mode 3) on top, each line stretched to the width
    of its picture."""
    from PIL import Image, ImageDraw, ImageFont
    from reportlab.lib.utils import ImageReader

    lines = [f"Melding over {SUBJECT}.", f"Melder: {THIRD}, buurman.", "De gemeente belt terug."]
    scale = 4  # image pixels per point
    width, height = 400, 80
    image = Image.new("L", (width * scale, height * scale), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(DEJAVU), 11 * scale)
    for n, line in enumerate(lines):
        draw.text((0, (n * 18 + 2) * scale), line, font=font, fill=0)
    buf = io.BytesIO()
    image.save(buf, format="PNG")

    def draw_page(pdf: canvas.Canvas) -> None:
        top = 800
        pdf.drawImage(ImageReader(io.BytesIO(buf.getvalue())), 72, top - height, width, height)
        text = pdf.beginText()
        text.setTextRenderMode(3)  # invisible
        text.setFont("Helvetica", 11)
        for n, line in enumerate(lines):
            # Stretched to the width the line has in the image, as OCR layers are.
            shown = font.getlength(line) / scale
            text.setHorizScale(100 * shown / pdfmetrics.stringWidth(line, "Helvetica", 11))
            text.setTextOrigin(72, top - (n * 18 + 2) - 10)
            text.textOut(line)
        pdf.drawText(text)
        pdf.showPage()

    return _save(draw_page)


def make_lines(lines: list[str]) -> bytes:
    """One page, Helvetica, one string per line."""
    return _save(lambda pdf: (_lines(pdf, lines), pdf.showPage()))


def off_page_pdf() -> bytes:
    """Text a viewer does not show but the file holds: a header line cut off by the crop
    box, and a line placed beyond the media box."""
    content = b"\n".join([
        b"BT /F1 11 Tf 72 700 Td (Verslag over de woning van " + _esc(SUBJECT) + b".) Tj ET",
        b"BT /F1 11 Tf 72 680 Td (De gemeente onderzoekt de melding.) Tj ET",
        b"BT /F1 11 Tf 72 800 Td (Afzender: " + _esc(THIRD) + b") Tj ET",  # cropped away
        b"BT /F1 11 Tf -400 300 Td (" + _esc(THIRD) + b") Tj ET",  # left of the page
    ])  # fmt: skip
    return build_pdf([
        b"<</Type/Catalog/Pages 2 0 R>>",
        # Both boxes inherited from the page tree.
        b"<</Type/Pages/Kids[3 0 R]/Count 1/MediaBox[0 0 595 842]/CropBox[0 0 595 760]>>",
        b"<</Type/Page/Parent 2 0 R/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<<>>stream\n" + content,
        _FONT,
    ])  # fmt: skip


def hidden_layer_pdf() -> bytes:
    """The name in an optional content group (layer) that is off by default: a viewer
    hides it, the file holds it."""
    content = b"\n".join([
        b"BT /F1 11 Tf 72 780 Td (Verslag over de woning van " + _esc(SUBJECT) + b".) Tj ET",
        b"/OC /L1 BDC BT /F1 11 Tf 72 760 Td (Notitie: " + _esc(THIRD) + b") Tj ET EMC",
        b"BT /F1 11 Tf 72 740 Td (De gemeente onderzoekt de melding.) Tj ET",
    ])  # fmt: skip
    return build_pdf([
        b"<</Type/Catalog/Pages 2 0 R/OCProperties<</OCGs[6 0 R]/D<</OFF[6 0 R]>>>>>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>/Properties<</L1 6 0 R>>>>>>",
        b"<<>>stream\n" + content,
        _FONT,
        b"<</Type/OCG/Name(Notities)>>",
    ])  # fmt: skip


def cid_font_pdf() -> bytes:
    """DejaVuSans embedded as a Type0 (CID) font with Identity-H encoding, subset, as
    office programs embed Unicode fonts: the content stream holds glyph numbers, not
    letters. (Written with PyMuPDF's `insert_text`; reportlab cannot write CID fonts.)"""
    import pymupdf

    doc = pymupdf.open()
    page = doc.new_page()
    page.insert_font(fontname="dv", fontfile=str(DEJAVU))
    page.insert_text((72, 80), f"Gesprek met {SUBJECT} over de woning.", fontname="dv",
                     fontsize=11)  # fmt: skip
    page.insert_text((72, 98), f"Aanwezig: {THIRD_ACCENT} en {THIRD}.", fontname="dv",
                     fontsize=11)  # fmt: skip
    page.insert_text((72, 116), "De gemeente heeft de melding ontvangen.", fontname="dv",
                     fontsize=11)  # fmt: skip
    doc.subset_fonts()
    return doc.tobytes(garbage=4, deflate=True)


def pending_redaction_pdf() -> bytes:
    """A redaction annotation someone drew over a line and never applied: the text under
    it is still there."""

    def draw(pdf: canvas.Canvas) -> None:
        _lines(pdf, [f"Verslag over de woning van {SUBJECT}.", "Intern kenmerk 4711-ZX.",
                     "De gemeente onderzoekt de melding."])  # fmt: skip
        pdf.showPage()

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_save(draw))))
    redact = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"),
        NameObject("/Subtype"): NameObject("/Redact"),
        NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (70, 757, 300, 772)]),
    })  # fmt: skip
    writer.pages[0][NameObject("/Annots")] = ArrayObject([writer._add_object(redact)])
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


# --- hostile input (tests/hostile/test_hostile_pdf.py) -----------------------------------
# Third parties' data only where the page's own content does not hold them: annotations,
# form fields, hidden or invisible text. Each string below must leave a redacted copy.

PHONE = "06-41278390"
BSN = "123456782"
IBAN = "NL20INGB0001234567"
PHONE_2 = "06-12345678"
AUTHOR = "Lotte Bakker"  # a sticky note's author (/T)
RICH = "Henk Jansen"  # only in rich text (/RC), partly as XML character references
ANNOTATION_SECRETS = [THIRD, PHONE, BSN, IBAN, THIRD_2, PHONE_2, AUTHOR, RICH]


def _fitz_page(doc, lines: list[str]):
    page = doc.new_page()
    for n, line in enumerate(lines):
        page.insert_text((72, 80 + 18 * n), line, fontsize=11)
    return page


def annotations_pdf() -> bytes:
    """A comment box (FreeText) with THIRD's name, phone, BSN and IBAN; a filled text
    field (with appearance stream) with THIRD_2 and PHONE_2; a sticky note (Text) whose
    author (/T) is AUTHOR; a square whose rich text (/RC) names RICH with XML character
    references; a stamp. Made with PyMuPDF, as a viewer would save them."""
    import pymupdf

    doc = pymupdf.open()
    page = _fitz_page(doc, [f"Verslag over de woning van {SUBJECT}.",
                            "De gemeente onderzoekt de melding."])  # fmt: skip
    page.add_freetext_annot(
        pymupdf.Rect(72, 200, 520, 260),
        f"Melder: {THIRD}, buurman, tel {PHONE}, BSN {BSN}, IBAN {IBAN}",
        fontsize=10,
    )
    widget = pymupdf.Widget()
    widget.field_name = "contactpersoon"
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.rect = pymupdf.Rect(72, 300, 520, 320)
    widget.field_value = f"{THIRD_2}, zus, tel {PHONE_2}"
    page.add_widget(widget)
    note = page.add_text_annot((400, 400), "Teruggebeld over de melding.")
    note.set_info(title=AUTHOR)
    note.update()
    square = page.add_rect_annot(pymupdf.Rect(72, 450, 200, 500))
    square.set_info(content="Zie de melding.")
    square.update()
    rich = "<body><p>Getuige: H&#101;nk&#32;Jansen</p></body>"
    doc.xref_set_key(square.xref, "RC", pymupdf.get_pdf_str(rich))
    page.add_stamp_annot(pymupdf.Rect(300, 600, 500, 650), stamp=0)
    return doc.tobytes(garbage=3, deflate=True)


def hidden_text_pdf() -> bytes:
    """Each of four strings shown nowhere a reader looks: THIRD in invisible text
    (render mode 3), PHONE white on white, BSN left of the media box, THIRD_2 in a layer
    that is off by default."""
    content = b"\n".join([
        b"BT /F1 11 Tf 72 780 Td (Verslag over de woning van " + _esc(SUBJECT) + b".) Tj ET",
        b"BT /F1 11 Tf 72 760 Td (De gemeente onderzoekt de melding.) Tj ET",
        b"BT 3 Tr /F1 11 Tf 72 740 Td (Melder: " + _esc(THIRD) + b", buurman.) Tj ET",
        b"1 1 1 rg BT /F1 11 Tf 72 720 Td (Bel de melder op " + PHONE.encode() + b".) Tj ET",
        b"0 g BT /F1 11 Tf -500 300 Td (BSN melder " + BSN.encode() + b") Tj ET",
        b"/OC /L1 BDC BT /F1 11 Tf 72 700 Td (Getuige: " + _esc(THIRD_2)
        + b", zus van de melder.) Tj ET EMC",
    ])  # fmt: skip
    return build_pdf([
        b"<</Type/Catalog/Pages 2 0 R/OCProperties<</OCGs[6 0 R]/D<</OFF[6 0 R]>>>>>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>/Properties<</L1 6 0 R>>>>>>",
        b"<<>>stream\n" + content,
        _FONT,
        b"<</Type/OCG/Name(Notities)>>",
    ])  # fmt: skip


def portfolio_pdf() -> bytes:
    """A portfolio (/Collection) whose embedded file names THIRD_2, document JavaScript
    and an /OpenAction script naming THIRD_2, and an earlier revision that named THIRD on
    the page (as `earlier_revision_pdf`)."""
    writer = PdfWriter(PdfReader(io.BytesIO(earlier_revision_pdf())), incremental=True)
    writer.add_attachment("notitie.txt", f"Gesprek met {THIRD_2}, tel {PHONE_2}.".encode())
    writer._root_object[NameObject("/Collection")] = DictionaryObject({
        NameObject("/Type"): NameObject("/Collection"),
        NameObject("/View"): NameObject("/D"),
    })  # fmt: skip
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject({
        NameObject("/S"): NameObject("/JavaScript"),
        NameObject("/JS"): TextStringObject(f"app.alert('{THIRD_2}');"),
    })  # fmt: skip
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _drawing(size: int, text: bytes = b"") -> bytes:
    """About `size` bytes of line art (three tokens to every eight bytes), then `text`
    (content that shows text makes pypdf parse the whole stream)."""
    line = b"10 10 m 200 300 l 50 60 l S\n"
    return line * max(1, size // len(line)) + text


def shared_content_pdf(pages: int = 40, size: int = 10 * 1024 * 1024, *,
                       form: bool = True, text: bytes = b"") -> bytes:  # fmt: skip
    """`pages` pages that all draw one stream of about `size` bytes: a form XObject each
    page draws (`form`), or the same content stream object shared by every page. `text`
    goes into the shared stream (a content operator such as ``BT /F1 9 Tf (..) Tj ET``)."""
    shared = _drawing(size, b"\nBT /F1 9 Tf 72 20 Td (Kop van het verslag) Tj ET\n" + text)
    kids = b" ".join(b"%d 0 R" % (5 + 2 * i) for i in range(pages))
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[" + kids + b"]/Count %d>>" % pages,
        _FONT,
    ]
    if form:
        objects.append(b"<</Type/XObject/Subtype/Form/BBox[0 0 595 842]"
                       b"/Resources<</Font<</F1 3 0 R>>>>>>stream\n" + shared)  # fmt: skip
    else:
        objects.append(b"<<>>stream\n" + shared)
    for i in range(pages):
        own = 6 + 2 * i
        if form:
            page = b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents %d 0 R" % own
            objects.append(page + b"/Resources<</Font<</F1 3 0 R>>/XObject<</X 4 0 R>>>>>>")
            line = b"(Pagina %d over " % (i + 1) + _esc(SUBJECT) + b".) Tj"
            objects.append(b"<<>>stream\n/X Do BT /F1 11 Tf 72 780 Td " + line + b" ET")
        else:
            objects.append(b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R"
                           b"/Resources<</Font<</F1 3 0 R>>>>>>")  # fmt: skip
            objects.append(b"<<>>stream\nq Q")
    return build_pdf(objects)
