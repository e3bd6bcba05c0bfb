"""Cutting pages out of a file (zeef.pipeline.extract.cut): only those pages survive,
nothing else of the original, and the same cut gives the same bytes."""

from __future__ import annotations

import io
import zlib

import pytest
from PIL import Image, ImageDraw, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from zeef.domain.errors import CannotCut, InvalidInput, UnreadableDocument, ZeefError
from zeef.pipeline.extract import read_bytes
from zeef.pipeline.extract.cut import cut_pages

# Strings that live on the pages or in the file outside the pages cut out; none may
# survive a cut that does not take them.
PAGE_TEXTS = [
    "Aanvraag bijzondere bijstand van Wilhelmina Zwanenburg",
    "Huisartsenpraktijk De Linde verwijsbrief diabetes mellitus",
    "Kopie identiteitskaart Oudshoorn documentnummer",
]
TITLE = "Dossier Zwanenburg-Oudshoorn 2025"
AUTHOR = "Consulent Bakker-Visser"
OUTLINE = "Bladwijzer huisartsbrief Zwanenburg"
ATTACHMENT = b"bijlage: BSN 123456782 van Zwanenburg"
JAVASCRIPT = "app.alert('Zwanenburg-script');"
FIELD_VALUE = "Diagnose depressie Zwanenburg"
KEPT_FIELD = "Handtekening Wilhelmina"
XMP_MARK = "xmp-Zwanenburg-Oudshoorn"


def _reportlab_pdf(texts: list[str], form_on: dict[int, tuple[str, str]] | None = None) -> bytes:
    """One page per text, drawn with reportlab (uncompressed); `form_on` puts a filled-in
    text field (name, value) on a page, with its appearance, and a link on every page."""
    buffer = io.BytesIO()
    c = canvas.Canvas(buffer, pagesize=A4, invariant=1, pageCompression=0)
    c.setTitle(TITLE)
    c.setAuthor(AUTHOR)
    for n, text in enumerate(texts):
        c.setFont("Helvetica", 14)
        c.drawString(72, 760, text)
        c.bookmarkPage(f"p{n}")
        c.addOutlineEntry(f"{OUTLINE} {n}", f"p{n}", level=0)
        if form_on and n in form_on:
            name, value = form_on[n]
            c.acroForm.textfield(name=name, value=value, x=72, y=600, width=300, height=20)
        c.linkURL("https://example.org/zwanenburg", (72, 700, 300, 720))
        c.showPage()
    c.save()
    return buffer.getvalue()


def _full_pdf() -> bytes:
    """Three pages with everything a cut must leave behind: /Info, XMP, an outline,
    an embedded file, JavaScript and an open action, a form field on page 1 (not cut)
    and one on page 0 (cut), links to other pages, page-level metadata."""
    base = _reportlab_pdf(
        PAGE_TEXTS, form_on={0: ("handtekening", KEPT_FIELD), 1: ("diagnose", FIELD_VALUE)}
    )
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    writer.add_metadata({"/Title": TITLE, "/Author": AUTHOR, "/Subject": "Zwanenburg"})
    xmp = DecodedStreamObject()
    xmp.set_data(f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><r>{XMP_MARK}</r></x:xmpmeta>'.encode())
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    writer.root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    writer.add_attachment("bijlage-zwanenburg.txt", ATTACHMENT)
    writer.add_open_action(JavaScript(JAVASCRIPT))
    writer.add_outline_item(title=OUTLINE, page_number=2)
    # Page 0 gets page-level metadata and a link to page 2.
    page_xmp = DecodedStreamObject()
    page_xmp.set_data(f"<r>{XMP_MARK}-page</r>".encode())
    writer.pages[0][NameObject("/Metadata")] = writer._add_object(page_xmp)
    writer.pages[0][NameObject("/PieceInfo")] = DictionaryObject(
        {NameObject("/Zeef"): TextStringObject(AUTHOR)}
    )
    link = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(v) for v in (72, 72, 200, 90)]),
            NameObject("/Dest"): ArrayObject(
                [writer.pages[2].indirect_reference, NameObject("/Fit")]
            ),
        }
    )
    annots = writer.pages[0].get("/Annots")
    annots = annots.get_object() if annots is not None else ArrayObject()
    annots.append(writer._add_object(link))
    writer.pages[0][NameObject("/Annots")] = annots
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _everything_in(data: bytes) -> str:
    """All the text a PDF holds anywhere: every object's strings and every stream's
    decoded bytes (and the raw file), for absence checks."""
    parts = [data.decode("latin-1")]
    reader = PdfReader(io.BytesIO(data))
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:
            continue
        parts.append(repr(obj))
        if isinstance(obj, StreamObject):
            try:
                parts.append(obj.get_data().decode("latin-1"))
            except Exception:
                parts.append(zlib.decompress(obj._data).decode("latin-1"))
    return "\n".join(parts)


@pytest.fixture(scope="module")
def full_pdf() -> bytes:
    return _full_pdf()


def test_the_source_holds_everything(full_pdf):
    """The absence checks below mean something: the source has all of it."""
    everything = _everything_in(full_pdf)
    for needle in (TITLE, AUTHOR, XMP_MARK, JAVASCRIPT, FIELD_VALUE, OUTLINE, *PAGE_TEXTS):
        assert needle in everything, needle
    reader = PdfReader(io.BytesIO(full_pdf))
    assert reader.attachments
    assert "/AcroForm" in reader.trailer["/Root"]


def test_only_the_pages_cut_survive(full_pdf):
    data, media_type = cut_pages(full_pdf, "application/pdf", [0, 2])
    assert media_type == "application/pdf"
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 2
    assert PAGE_TEXTS[0] in reader.pages[0].extract_text()
    assert PAGE_TEXTS[2] in reader.pages[1].extract_text()
    everything = _everything_in(data)
    for gone in (PAGE_TEXTS[1], FIELD_VALUE, TITLE, AUTHOR, XMP_MARK, JAVASCRIPT, OUTLINE,
                 "Zwanenburg-script", "bijlage", "example.org", "pypdf"):  # fmt: skip
        assert gone not in everything, gone
    assert ATTACHMENT.decode() not in everything


def test_no_document_level_structure_is_carried_over(full_pdf):
    data, _ = cut_pages(full_pdf, "application/pdf", [0, 2])
    reader = PdfReader(io.BytesIO(data))
    assert "/Info" not in reader.trailer
    root = reader.trailer["/Root"]
    assert set(root.keys()) == {"/Type", "/Pages"}  # no outlines, names, form, actions
    assert reader.attachments == {}
    for page in reader.pages:
        assert "/Annots" not in page  # the links are gone, the form fields flattened
        assert not {"/Metadata", "/PieceInfo", "/AA", "/StructParents", "/Thumb"} & set(page)


def test_a_form_field_on_a_kept_page_stays_visible(full_pdf):
    """Flattened: its appearance is drawn into the page, the field itself is gone."""
    data, _ = cut_pages(full_pdf, "application/pdf", [0])
    reader = PdfReader(io.BytesIO(data))
    assert KEPT_FIELD in reader.pages[0].extract_text()
    assert reader.get_fields() is None


def test_the_cut_reads_as_a_document_of_its_own(full_pdf):
    data, _ = cut_pages(full_pdf, "application/pdf", [2, 0])  # in the order given
    document = read_bytes(data, "segment.pdf")
    assert len(document.page_starts) == 2
    assert document.text.index(PAGE_TEXTS[2]) < document.text.index(PAGE_TEXTS[0])
    assert PAGE_TEXTS[1] not in document.text
    assert document.parts == []  # no embedded files came along


def test_the_same_cut_gives_the_same_bytes(full_pdf):
    first, _ = cut_pages(full_pdf, "application/pdf", [0, 2])
    again, _ = cut_pages(full_pdf, "application/pdf", [0, 2])
    assert first == again
    other, _ = cut_pages(full_pdf, "application/pdf", [0])
    ids = [PdfReader(io.BytesIO(d)).trailer["/ID"][0] for d in (first, other)]
    assert ids[0] != ids[1]  # the identifier depends on the pages
    assert b"CreationDate" not in first and b"ModDate" not in first


def _image_xobject(gray: int) -> StreamObject:
    image = StreamObject()
    image._data = bytes([gray]) * 4
    image.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Image"),
            NameObject("/Width"): NumberObject(2),
            NameObject("/Height"): NumberObject(2),
            NameObject("/ColorSpace"): NameObject("/DeviceGray"),
            NameObject("/BitsPerComponent"): NumberObject(8),
        }
    )
    return image


def _shared_resources_pdf() -> bytes:
    """Two scanned pages whose one resource dictionary holds both page images (as some
    scanners write it): each page draws only its own."""
    writer = PdfWriter()
    images = [writer._add_object(_image_xobject(g)) for g in (10, 200)]
    shared = writer._add_object(
        DictionaryObject(
            {
                NameObject("/XObject"): DictionaryObject(
                    {NameObject("/Im0"): images[0], NameObject("/Im1"): images[1]}
                )
            }
        )
    )
    for n in range(2):
        page = writer.add_blank_page(200, 200)
        content = DecodedStreamObject()
        content.set_data(f"q 200 0 0 200 0 0 cm /Im{n} Do Q".encode())
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = shared
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _images_in(data: bytes) -> list[bytes]:
    reader = PdfReader(io.BytesIO(data))
    found = []
    for number in range(1, int(reader.trailer["/Size"])):
        try:
            obj = reader.get_object(number)
        except Exception:
            continue
        if isinstance(obj, StreamObject) and obj.get("/Subtype") == "/Image":
            found.append(obj.get_data())
    return found


def test_resources_of_other_pages_stay_behind():
    source = _shared_resources_pdf()
    assert len(_images_in(source)) == 2
    data, _ = cut_pages(source, "application/pdf", [1])
    assert _images_in(data) == [bytes([200]) * 4]  # only the image page 1 draws, unchanged


def test_a_form_xobject_keeps_what_it_draws():
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    form = DecodedStreamObject()
    form.set_data(b"BT /F1 12 Tf 10 10 Td (Vormtekst in formulier) Tj ET")
    form.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(0)] * 2 + [FloatObject(200)] * 2),
            NameObject("/Resources"): DictionaryObject(
                {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
            ),
        }
    )
    content = DecodedStreamObject()
    content.set_data(b"/Fm1 Do")
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/XObject"): DictionaryObject(
                {NameObject("/Fm1"): writer._add_object(form)}
            ),
            NameObject("/Font"): DictionaryObject({NameObject("/Unused"): font}),
        }
    )
    writer.add_blank_page(200, 200)
    out = io.BytesIO()
    writer.write(out)
    data, _ = cut_pages(out.getvalue(), "application/pdf", [0])
    reader = PdfReader(io.BytesIO(data))
    assert "Vormtekst in formulier" in reader.pages[0].extract_text()
    assert "/Unused" not in reader.pages[0]["/Resources"].get("/Font", {})


def _render(data: bytes, index: int) -> bytes:
    from zeef.pipeline.mupdf import pymupdf

    document = pymupdf.open(stream=data, filetype="pdf")
    try:
        return document[index].get_pixmap(dpi=72).samples
    finally:
        document.close()


def test_a_flattened_page_looks_the_same(full_pdf):
    data, _ = cut_pages(full_pdf, "application/pdf", [0])
    assert _render(data, 0) == _render(full_pdf, 0)


def _widget_pdf(bbox: list[float], matrix: list[float] | None, rect: list[float]) -> bytes:
    """A page with a filled-in field whose appearance has its own box and matrix."""
    writer = PdfWriter()
    page = writer.add_blank_page(300, 300)
    appearance = DecodedStreamObject()
    x0, y0, x1, y1 = bbox
    appearance.set_data(
        f"0 0 1 rg {x0} {y0} {(x1 - x0) / 2} {y1 - y0} re f "
        f"1 0 0 rg {(x0 + x1) / 2} {y0} {(x1 - x0) / 2} {(y1 - y0) / 3} re f".encode()
    )
    appearance.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(v) for v in bbox]),
        }
    )
    if matrix:
        appearance[NameObject("/Matrix")] = ArrayObject([FloatObject(v) for v in matrix])
    widget = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("veld"),
            NameObject("/V"): TextStringObject("ingevuld"),
            NameObject("/F"): NumberObject(4),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): writer._add_object(appearance)}),
        }
    )
    page[NameObject("/Annots")] = ArrayObject([writer._add_object(widget)])
    writer.add_blank_page(300, 300)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "bbox, matrix, rect",
    [
        ([0, 0, 100, 50], None, [50, 50, 150, 100]),
        ([0, 0, 100, 50], None, [20, 200, 220, 300]),  # scaled onto a larger rectangle
        ([10, 20, 110, 70], [1, 0, 0, 1, 5, 5], [60, 60, 160, 110]),
        ([0, 0, 100, 50], [0, 1, -1, 0, 0, 0], [100, 100, 150, 200]),  # turned a quarter
    ],
)
def test_an_annotation_is_drawn_where_it_was(bbox, matrix, rect):
    source = _widget_pdf(bbox, matrix, rect)
    data, _ = cut_pages(source, "application/pdf", [0])
    assert "/Annots" not in PdfReader(io.BytesIO(data)).pages[0]
    assert _render(data, 0) == _render(source, 0)


def test_a_resource_pointing_at_another_page_brings_nothing_of_it():
    source = _shared_resources_pdf()
    reader = PdfReader(io.BytesIO(source))
    writer = PdfWriter(clone_from=reader)
    image = writer.pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()
    image[NameObject("/Junk")] = writer.pages[1].indirect_reference
    image[NameObject("/Metadata")] = writer._add_object(DecodedStreamObject())
    out = io.BytesIO()
    writer.write(out)
    data, _ = cut_pages(out.getvalue(), "application/pdf", [0])
    cut = PdfReader(io.BytesIO(data))
    assert len(cut.pages) == 1
    assert _images_in(data) == [bytes([10]) * 4]
    page_objects = 0
    for number in range(1, int(cut.trailer["/Size"])):
        obj = cut.get_object(number)
        if isinstance(obj, DictionaryObject) and obj.get("/Type") == "/Page":
            page_objects += 1
    assert page_objects == 1
    image = cut.pages[0]["/Resources"]["/XObject"]["/Im0"].get_object()
    assert isinstance(image.get("/Junk"), NullObject)  # the page became null
    assert "/Metadata" not in image


def test_a_note_stays_a_note_that_points_nowhere():
    from pypdf.annotations import FreeText, Text

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_reportlab_pdf(PAGE_TEXTS[:2]))))
    writer.add_annotation(0, Text(rect=(300, 700, 320, 720), text="Notitie: gebeld met huisarts"))
    writer.add_annotation(0, FreeText(text="Tip van de buurvrouw", rect=(72, 640, 300, 660)))
    note = writer.pages[0]["/Annots"][-2].get_object()
    note[NameObject("/P")] = writer.pages[0].indirect_reference
    note[NameObject("/Popup")] = writer.pages[1].indirect_reference  # hostile: a page
    out = io.BytesIO()
    writer.write(out)
    source = out.getvalue()
    data, _ = cut_pages(source, "application/pdf", [0])
    page = PdfReader(io.BytesIO(data)).pages[0]
    kept = [a.get_object() for a in page["/Annots"]]
    assert sorted(a["/Subtype"] for a in kept) == ["/FreeText", "/Text"]
    for annot in kept:
        assert not {"/P", "/Popup", "/Parent", "/IRT", "/A", "/AA", "/M"} & set(annot)
    text = read_bytes(data, "x.pdf").text
    assert "gebeld met huisarts" in text and "Tip van de buurvrouw" in text
    assert PAGE_TEXTS[1] not in _everything_in(data)
    assert _render(data, 0) == _render(source, 0)


def test_a_layer_that_is_off_stays_off():
    writer = PdfWriter()
    page = writer.add_blank_page(300, 200)
    font = writer._add_object(
        DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Font"),
                NameObject("/Subtype"): NameObject("/Type1"),
                NameObject("/BaseFont"): NameObject("/Helvetica"),
            }
        )
    )
    layers = [
        writer._add_object(
            DictionaryObject(
                {NameObject("/Type"): NameObject("/OCG"), NameObject("/Name"): TextStringObject(n)}
            )
        )
        for n in ("Notities", "Ander blad")
    ]
    content = DecodedStreamObject()
    content.set_data(
        b"BT /F1 12 Tf 20 150 Td (Zichtbaar) Tj ET "
        b"/OC /L1 BDC BT /F1 12 Tf 20 100 Td (Verborgen notitie) Tj ET EMC"
    )
    page[NameObject("/Contents")] = writer._add_object(content)
    page[NameObject("/Resources")] = DictionaryObject(
        {
            NameObject("/Font"): DictionaryObject({NameObject("/F1"): font}),
            NameObject("/Properties"): DictionaryObject({NameObject("/L1"): layers[0]}),
        }
    )
    writer.add_blank_page(300, 200)
    writer.root_object[NameObject("/OCProperties")] = DictionaryObject(
        {
            NameObject("/OCGs"): ArrayObject(layers),
            NameObject("/D"): DictionaryObject({NameObject("/OFF"): ArrayObject(layers)}),
        }
    )
    out = io.BytesIO()
    writer.write(out)
    source = out.getvalue()
    data, _ = cut_pages(source, "application/pdf", [0])
    assert _render(data, 0) == _render(source, 0)
    props = PdfReader(io.BytesIO(data)).trailer["/Root"]["/OCProperties"]
    assert len(props["/OCGs"]) == 1  # the layer of the other page stays behind
    assert "Ander blad" not in _everything_in(data)


def test_a_field_value_without_appearance_is_refused():
    """Flattening would lose the value: no cut rather than a silent loss."""
    base = _reportlab_pdf(["Formulier", "Tweede pagina"], form_on={0: ("naam", "Zwanenburg")})
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(base)))
    for annot in writer.pages[0]["/Annots"]:
        annot = annot.get_object()
        if annot.get("/Subtype") == "/Widget":
            del annot["/AP"]
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(CannotCut) as caught:
        cut_pages(out.getvalue(), "application/pdf", [0])
    assert "Zwanenburg" not in str(caught.value)
    cut_pages(out.getvalue(), "application/pdf", [1])  # the other page is fine


@pytest.mark.parametrize("pages", [[3], [-1], [0, 3], [], [1, 1], [True], ["0"]])
def test_bad_page_indices_are_refused(full_pdf, pages):
    with pytest.raises(CannotCut) as caught:
        cut_pages(full_pdf, "application/pdf", pages)
    assert isinstance(caught.value, InvalidInput)
    assert "\n" not in str(caught.value)


def test_a_corrupt_pdf_is_unreadable():
    with pytest.raises(UnreadableDocument):
        cut_pages(b"%PDF-1.7\nnot a pdf at all", "application/pdf", [0])
    with pytest.raises(UnreadableDocument):
        cut_pages(b"Wilhelmina Zwanenburg", "application/pdf", [0])


# --- multi-frame images ------------------------------------------------------------------


def _frame(n: int, mode: str) -> Image.Image:
    image = Image.new("RGB", (240 + 10 * n, 120), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((10 + n * 20, 10, 60 + n * 20, 60), fill=(200, 30 * n, 0))
    draw.text((10, 80), f"pagina {n + 1}", fill=(0, 0, 0))
    return image.convert(mode)


def _tiff(modes=("1", "L", "RGB"), dpi=(300, 300)) -> tuple[bytes, list[Image.Image]]:
    frames = [_frame(n, mode) for n, mode in enumerate(modes)]
    buffer = io.BytesIO()
    frames[0].save(
        buffer,
        format="TIFF",
        save_all=True,
        append_images=frames[1:],
        dpi=dpi,
        compression="tiff_lzw",
        description=f"scan van {AUTHOR}",
        artist=AUTHOR,
        software="Zwanenburg Scanner 1.0",
        date_time="2025:03:12 10:00:00",
    )
    return buffer.getvalue(), frames


def test_a_tiff_cut_to_frames_0_and_2():
    source, frames = _tiff()
    data, media_type = cut_pages(source, "image/tiff", [0, 2])
    assert media_type == "image/tiff"
    with Image.open(io.BytesIO(data)) as cut:
        assert cut.n_frames == 2
        for position, index in enumerate([0, 2]):
            cut.seek(position)
            assert cut.mode == frames[index].mode
            assert cut.size == frames[index].size
            assert cut.tobytes() == frames[index].tobytes()  # lossless
            assert cut.info["dpi"] == pytest.approx((300, 300))
            tags = dict(cut.tag_v2)
            for gone in (270, 305, 306, 315, 700):  # description, software, date, artist, XMP
                assert gone not in tags
    assert AUTHOR.encode() not in data and b"Zwanenburg" not in data


def test_a_tiff_cut_is_deterministic():
    source, _ = _tiff()
    assert cut_pages(source, "image/tiff", [0, 2]) == cut_pages(source, "image/tiff", [0, 2])


def test_a_tiff_cut_keeps_each_frames_resolution():
    source, _ = _tiff(modes=("L", "L"), dpi=(200, 200))
    data, _ = cut_pages(source, "image/tiff", [1])
    with Image.open(io.BytesIO(data)) as cut:
        assert cut.n_frames == 1
        assert cut.info["dpi"] == pytest.approx((200, 200))


def test_a_turned_tiff_page_is_shown_the_same_way_after_the_cut():
    """A frame with an Orientation tag: the cut shows it as the source did (upright,
    turned once: not twice, not lost)."""
    frames = [_frame(n, "L") for n in range(2)]
    buffer = io.BytesIO()
    frames[0].save(buffer, format="TIFF", save_all=True, append_images=frames[1:],
                   tiffinfo={274: 6})  # fmt: skip
    data, _ = cut_pages(buffer.getvalue(), "image/tiff", [1])
    with Image.open(io.BytesIO(buffer.getvalue())) as source, Image.open(io.BytesIO(data)) as cut:
        source.seek(1)
        shown = ImageOps.exif_transpose(source)
        assert ImageOps.exif_transpose(cut).tobytes() == shown.tobytes()
        assert cut.size == shown.size


def test_a_tiff_page_out_of_range_is_refused():
    source, _ = _tiff()
    with pytest.raises(CannotCut):
        cut_pages(source, "image/tiff", [3])


def test_the_cut_tiff_reads_as_an_image():
    source, _ = _tiff()
    data, media_type = cut_pages(source, "image/tiff", [2, 1])
    with Image.open(io.BytesIO(data)) as cut:
        assert cut.format == "TIFF" and cut.n_frames == 2


# --- what cannot be cut ------------------------------------------------------------------


def test_a_text_file_is_refused():
    with pytest.raises(CannotCut) as caught:
        cut_pages(b"Wilhelmina Zwanenburg\n", "text/plain", [0])
    assert isinstance(caught.value, ZeefError)
    assert "Zwanenburg" not in str(caught.value)


def test_a_single_image_is_refused():
    buffer = io.BytesIO()
    _frame(0, "RGB").save(buffer, format="PNG")
    with pytest.raises(CannotCut):
        cut_pages(buffer.getvalue(), "image/png", [0])
    single, _ = _tiff(modes=("L",))
    with pytest.raises(CannotCut):
        cut_pages(single, "image/tiff", [0])
