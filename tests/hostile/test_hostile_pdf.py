"""Hostile PDFs: text where pypdf's page text does not look (annotations, form fields,
rich text, hidden or invisible text, portfolios, scripts, earlier revisions) is read,
classified and redacted, or the document is refused; content that would take hours to
parse (one huge stream drawn on every page) is refused in seconds ("PDF content too
large"), and a normal long PDF is not."""

from __future__ import annotations

import io
import re
import sys
import time
import zlib
from pathlib import Path

import pymupdf
import pytest
from pypdf import PdfReader
from pypdf.generic import IndirectObject, StreamObject

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "redact"))
import pdf_makers as mk  # noqa: E402

from zeef.classifiers.analyzer import analyze  # noqa: E402
from zeef.classifiers.roles import assign_roles  # noqa: E402
from zeef.domain.case import parse_case  # noqa: E402
from zeef.domain.errors import LeakDetected, RedactError, UnreadableDocument  # noqa: E402
from zeef.pipeline.extract import read_bytes  # noqa: E402
from zeef.pipeline.extract.pdf import ContentTooLarge  # noqa: E402
from zeef.pipeline.redact import pdf as redact_pdf_module  # noqa: E402
from zeef.pipeline.redact import redact_file  # noqa: E402
from zeef.pipeline.redact.pdf import RedactionError, RedactionTarget, redact_pdf  # noqa: E402
from zeef.pipeline.redact.verify import find_leaks  # noqa: E402

CASE = parse_case({
    "case_id": "2026-0042",
    "law": "participatiewet",
    "subject": {
        "name": mk.SUBJECT,
        "bsn": "111222333",
        "birth_date": "1984-03-12",
        "address": "Lindelaan 4, 3511 AB Utrecht",
        "iban": "NL91ABNA0417164300",
    },
})  # fmt: skip
BOUND = 30.0  # seconds: a loose bound for what took minutes (or hours) before

# --- an independent check of the output, written without the modules under test --------


def _squash(text: str) -> str:
    return re.sub(r"[\s\-]+", "", text.casefold())


def _blobs(data: bytes) -> list[str]:
    """Everything a reader of the file could get at, as text: both parsers' page text,
    annotations and fields as PyMuPDF sees them, the file bytes, every stream pypdf
    finds (decoded), every Flate stream in the bytes (reachable or not)."""
    texts = []
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        for page in doc:
            texts.append(page.get_text())
            texts += [str(a.info) for a in page.annots()]
            texts += [str(w.field_value) for w in page.widgets()]
        texts.append(str(doc.metadata) + str(doc.get_toc()) + str(doc.embfile_names()))
    reader = PdfReader(io.BytesIO(data))
    texts += [page.extract_text() for page in reader.pages]
    raw = [data]
    for generation, table in reader.xref.items():
        for number in table:
            obj = reader.get_object(IndirectObject(number, generation, reader))
            if isinstance(obj, StreamObject):
                raw.append(obj.get_data())
    for m in re.finditer(rb"stream\r?\n", data):
        try:
            raw.append(
                zlib.decompressobj().decompress(data[m.end() : data.find(b"endstream", m.end())])
            )
        except zlib.error:
            pass
    texts += [b.decode("latin-1") for b in raw] + [b.decode("utf-16-be", "ignore") for b in raw]
    return [_squash(t) for t in texts]


def assert_nowhere(data: bytes, secrets: list[str]) -> None:
    blobs = _blobs(data)
    left = [s for s in secrets if any(_squash(s) in b for b in blobs)]
    assert left == [], f"{len(left)} removed string(s) still in the output"


def _redact(tmp_path, data: bytes, name: str = "in.pdf") -> bytes:
    src = tmp_path / name
    src.write_bytes(data)
    out = tmp_path / "inzage.pdf"
    redact_file(src, CASE, out)
    return out.read_bytes()


# --- annotations and form fields ---------------------------------------------------------


@pytest.fixture(scope="module")
def annotated() -> bytes:
    return mk.annotations_pdf()


def test_the_annotations_hold_what_the_page_content_does_not(annotated):
    page_text = PdfReader(io.BytesIO(annotated)).pages[0].extract_text()  # pypdf's
    assert not [s for s in mk.ANNOTATION_SECRETS if s in page_text]
    with pymupdf.open(stream=annotated, filetype="pdf") as doc:
        assert len(list(doc[0].annots())) == 4 and len(list(doc[0].widgets())) == 1


def test_annotation_and_field_text_is_read_and_classified(annotated):
    doc = read_bytes(annotated, "melding.pdf")
    assert doc.page_starts == [0]
    assert doc.text.startswith(f"Verslag over de woning van {mk.SUBJECT}.")
    for s in mk.ANNOTATION_SECRETS:  # rich text decoded: "H&#101;nk&#32;Jansen"
        assert s in doc.text
    assert doc.text.count(mk.IBAN) == 1  # the comment's appearance repeats it: read once
    findings = assign_roles(doc.text, analyze(doc.text), CASE)
    third = [doc.text[f.start : f.end] for f in findings if f.role == "third_party"]
    for s in (mk.THIRD, mk.PHONE, mk.BSN, mk.IBAN, mk.THIRD_2, mk.PHONE_2):
        assert any(s in t or t in s for t in third if len(t) > 4), "a third party's data missed"
    subject = [doc.text[f.start : f.end] for f in findings if f.role == "subject"]
    assert mk.SUBJECT in subject


def test_redaction_removes_annotation_and_field_data_everywhere(tmp_path, annotated):
    out = _redact(tmp_path, annotated)
    assert_nowhere(out, mk.ANNOTATION_SECRETS)
    with pymupdf.open(stream=out, filetype="pdf") as doc:
        page = doc[0]
        assert list(page.annots()) == [] and list(page.widgets()) == []
        assert mk.SUBJECT in page.get_text() and "[derde" in page.get_text()
        assert not doc.is_form_pdf


def test_verification_fails_closed_when_an_annotation_is_left_in(tmp_path, monkeypatch,
                                                                  annotated):  # fmt: skip
    # Fault injection: nothing is baked or deleted, and pages keep their /Annots.
    monkeypatch.setattr(redact_pdf_module, "_bake_or_delete_annotations", lambda doc: None)
    monkeypatch.setattr(redact_pdf_module, "_PAGE_KEEP", {*redact_pdf_module._PAGE_KEEP, "Annots"})
    src = tmp_path / "in.pdf"
    src.write_bytes(annotated)
    out = tmp_path / "inzage.pdf"
    with pytest.raises(LeakDetected):
        redact_file(src, CASE, out)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == [src]


def test_the_check_reads_rich_text_and_appearance_streams(annotated):
    # RICH is only in /RC, written with XML character references: no raw byte holds it.
    assert find_leaks(annotated, [mk.RICH]) == [mk.RICH]
    assert find_leaks(annotated, [mk.AUTHOR, mk.PHONE_2]) == [mk.AUTHOR, mk.PHONE_2]


def test_a_field_value_in_an_appearance_with_an_embedded_font_is_found():
    """A field whose value shows only through an appearance stream written with an
    Identity-H (CID) font: glyph numbers in the file, the name only for a text
    extractor. pypdf's page text does not include it; the reader's does."""
    doc = pymupdf.open()
    page = mk._fitz_page(doc, [f"Verslag over de woning van {mk.SUBJECT}."])
    form = pymupdf.open()
    fp = form.new_page(width=300, height=20)
    fp.insert_font(fontname="dv", fontfile=str(mk.DEJAVU))
    fp.insert_text((2, 14), f"Melder {mk.THIRD}", fontname="dv", fontsize=11)
    widget = pymupdf.Widget()
    widget.field_name = "melder"
    widget.field_type = pymupdf.PDF_WIDGET_TYPE_TEXT
    widget.rect = pymupdf.Rect(72, 300, 372, 320)
    widget.field_value = "zie bijlage"
    page.add_widget(widget)
    page.show_pdf_page(pymupdf.Rect(0, 600, 300, 620), form, 0)  # makes a form XObject
    stream_xref = [x for x in range(1, doc.xref_length()) if doc.xref_get_key(x, "Subtype")[1]
                   == "/Form" and doc.xref_get_key(x, "BBox")[0] != "null"][-1]  # fmt: skip
    # The shown form becomes the field's appearance; the page no longer draws it.
    doc.xref_set_key(next(page.widgets()).xref, "AP", f"<</N {stream_xref} 0 R>>")
    page.clean_contents()
    doc.update_stream(
        page.get_contents()[0],
        f"BT /helv 11 Tf 72 770 Td (Verslag over de woning van {mk.SUBJECT}.) Tj ET".encode(),
    )
    doc.xref_set_key(
        page.xref, "Resources", "<</Font<</helv<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>>>>>"
    )
    data = doc.tobytes(garbage=3, deflate=True)
    assert mk.THIRD not in PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert mk.THIRD in read_bytes(data, "x.pdf").text
    assert find_leaks(data, [mk.THIRD]) == [mk.THIRD]


# --- hidden, invisible, off-page text; portfolios, scripts, earlier revisions -------------


def test_hidden_and_invisible_text_is_read_and_redacted(tmp_path):
    data = mk.hidden_text_pdf()
    secrets = [mk.THIRD, mk.PHONE, mk.BSN, mk.THIRD_2]
    text = read_bytes(data, "x.pdf").text
    assert all(s in text for s in secrets)
    out = _redact(tmp_path, data)
    assert_nowhere(out, secrets)
    with pymupdf.open(stream=out, filetype="pdf") as doc:
        assert mk.SUBJECT in doc[0].get_text()
        assert doc.get_ocgs()  # the layer is still there (and still off)


def test_portfolio_scripts_and_earlier_revisions_leave_nothing(tmp_path):
    data = mk.portfolio_pdf()
    # Three revisions (reportlab's, the one hiding THIRD, the portfolio); THIRD_2 in clear.
    assert data.count(b"startxref") == 3 and mk.THIRD_2.encode() in data
    out = _redact(tmp_path, data)
    assert_nowhere(out, [mk.THIRD, mk.THIRD_2, mk.PHONE_2])
    reader = PdfReader(io.BytesIO(out))
    root = reader.trailer["/Root"]
    assert not {"/Collection", "/OpenAction", "/Names", "/AcroForm"} & set(root)
    assert out.count(b"startxref") == 1


# --- content that takes long to parse ------------------------------------------------------


@pytest.mark.parametrize("form", [True, False], ids=["form_xobject", "shared_contents"])
def test_one_huge_stream_on_every_page_is_refused_quickly(tmp_path, form):
    data = mk.shared_content_pdf(40, 10 * 1024 * 1024, form=form)
    started = time.monotonic()
    with pytest.raises(UnreadableDocument) as caught:
        read_bytes(data, "tekening.pdf")
    assert time.monotonic() - started < BOUND
    assert str(caught.value) == "PDF content too large"
    started = time.monotonic()
    src = tmp_path / "tekening.pdf"
    src.write_bytes(data)
    with pytest.raises(RedactError, match=r"^PDF content too large$"):
        redact_file(src, CASE, tmp_path / "inzage.pdf")
    assert time.monotonic() - started < BOUND
    assert not (tmp_path / "inzage.pdf").exists()


def test_many_pages_drawing_one_form_are_refused_by_the_document_budget():
    # 1.5 MB a stream is within pypdf's limits; drawn by 60 pages it is 90 MB to parse.
    data = mk.shared_content_pdf(60, 1536 * 1024)
    started = time.monotonic()
    with pytest.raises(ContentTooLarge):
        read_bytes(data, "tekening.pdf")
    assert time.monotonic() - started < BOUND


def test_a_name_in_a_form_too_large_for_pypdf_is_not_silently_skipped():
    # pypdf stops parsing a form after its token limit and says nothing: the name at the
    # end would never be seen. The reader refuses the document instead.
    data = mk.shared_content_pdf(1, 8 * 1024 * 1024, text=b"BT /F1 9 Tf 72 40 Td ("
                                 + mk.THIRD.encode() + b") Tj ET")  # fmt: skip
    with pytest.raises(ContentTooLarge):
        read_bytes(data, "tekening.pdf")


def test_redaction_refuses_huge_line_art_drawn_on_every_page():
    # Text extraction skips line art; MuPDF parses it on every page, in several passes.
    data = mk.shared_content_pdf(40, 8 * 1024 * 1024)
    started = time.monotonic()
    with pytest.raises(RedactionError, match=r"^PDF content too large$"):
        redact_pdf(data, [RedactionTarget(mk.THIRD, "[derde 1]")])
    assert time.monotonic() - started < BOUND


def test_a_shared_small_stream_is_fine(tmp_path):
    data = mk.shared_content_pdf(40, 64 * 1024)
    doc = read_bytes(data, "tekening.pdf")
    assert len(doc.page_starts) == 40 and not doc.needs_ocr


def test_a_normal_forty_page_pdf_is_unaffected(tmp_path):
    data = mk.multi_page_pdf(40, [mk.THIRD])
    started = time.monotonic()
    doc = read_bytes(data, "verslag.pdf")
    assert len(doc.page_starts) == 40 and not doc.needs_ocr
    assert doc.text.count(mk.THIRD) == 60
    out = _redact(tmp_path, data)
    assert time.monotonic() - started < BOUND
    assert_nowhere(out, [mk.THIRD])
