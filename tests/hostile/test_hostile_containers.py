"""Documents inside documents: a PDF carrying an ID scan and a medical letter as embedded
files, a Word file whose only content is a picture of an ID card, a Word file in an
e-mail, a portfolio, nesting and count bombs, a Word file whose XML unpacks to hundreds
of megabytes. Real files made with the real tools (PyMuPDF, python-docx, Pillow), real
OCR, a real store: an embedded ID copy or medical document never ends up inside a
dossier object, and the ID copy is destroyed with its number noted (else review)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import textwrap
import zipfile
from email.message import EmailMessage
from pathlib import Path

import docx
import pytest
from docx.shared import Inches
from makers import FONT, MONO, encode, make_docx, make_pdf
from PIL import Image, ImageDraw, ImageFont

from zeef.domain.case import parse_case
from zeef.domain.errors import UnreadableDocument
from zeef.domain.vocabulary import Category, Disposition
from zeef.pipeline.classify import classify_document, classify_path
from zeef.pipeline.extract import embedded, ocr, read_bytes
from zeef.pipeline.ingest import ingest_paths
from zeef.pipeline.mupdf import pymupdf
from zeef.storage.local import LocalStore

HOLDOUT = Path(__file__).resolve().parents[1] / "holdout" / "docs"
CASE = parse_case({"case_id": "c-emb", "law": "wmo", "subject": {"name": "Anna de Vries"}})
ZONE = [
    "I<NLDXN84RT2K66999999990<<<<<8",
    "8507239F3105146NLD<<<<<<<<<<<8",
    "DE<VRIES<<ANNA<<<<<<<<<<<<<<<<",
]
NUMBER = {"number": "XN84RT2K6", "valid_until": "2031-05-14"}
APPLICATION = "Aanvraag bijzondere bijstand\nHierbij stuur ik u de gevraagde stukken."

needs_ocr = pytest.mark.skipif(
    not ocr.available() or not os.path.exists(MONO), reason="tesseract (nld) or fonts missing"
)


def card(zone: list[str] = ZONE) -> bytes:
    """A photographed identity card (its back: printed fields and the zone), as PNG."""
    image = Image.new("L", (1500, 700), 235)
    draw = ImageDraw.Draw(image)
    sans, mono = ImageFont.truetype(FONT, 30), ImageFont.truetype(MONO, 34)
    draw.text((60, 40), "IDENTITEITSKAART / IDENTITY CARD", font=sans, fill=20)
    draw.text((60, 100), "Documentnummer: XN84RT2K6", font=sans, fill=20)
    draw.text((60, 150), "Geboortedatum: 23-07-1985", font=sans, fill=20)
    for n, line in enumerate(zone):
        draw.text((60, 420 + n * 60), line, font=mono, fill=15)
    return encode(image)


def medical_letter() -> bytes:
    return (HOLDOUT / "h006.txt").read_bytes()  # a GP's letter with diagnosis and medication


def pdf_with_files(files: list[tuple[str, bytes]], annotated: list[tuple[str, bytes]] = ()):
    """An application letter (text layer) carrying `files` in its /EmbeddedFiles name
    tree and `annotated` as file-attachment annotations on its first page."""
    document = pymupdf.open(stream=make_pdf([APPLICATION]), filetype="pdf")
    for name, data in files:
        document.embfile_add(name, data)
    for n, (name, data) in enumerate(annotated):
        document[0].add_file_annot((72, 200 + 40 * n), data, name)
    return document.tobytes()


def docx_with_picture(picture: bytes, text: str | None = None, width: float = 5.0) -> bytes:
    document = docx.Document()
    if text:
        document.add_paragraph(text)
    document.add_picture(io.BytesIO(picture), width=Inches(width))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def stored(store) -> dict[str, bytes]:
    return {key: store.get(key) for key in store.list("")}


def assert_no_dossier_object_holds(store, *payloads: bytes) -> None:
    """No object under dossier/ holds any payload, nor (a PDF) any embedded file."""
    objects = {k: v for k, v in stored(store).items() if k.startswith("dossier/")}
    for key, data in objects.items():
        for payload in payloads:
            assert payload not in data, key
        if data.startswith(b"%PDF"):
            document = pymupdf.open(stream=data, filetype="pdf")
            assert document.embfile_count() == 0, key
            assert not any(a.type[0] == pymupdf.PDF_ANNOT_FILE_ATTACHMENT
                           for page in document for a in page.annots()), key  # fmt: skip
        if data.startswith(b"PK"):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                for name in archive.namelist():
                    assert not any(p in archive.read(name) for p in payloads), (key, name)


def ingest(tmp_path, name: str, data: bytes) -> tuple[LocalStore, dict]:
    path = tmp_path / name
    path.write_bytes(data)
    store = LocalStore(tmp_path / "store")
    return store, ingest_paths(store, CASE, [str(path)], progress=False)


def id_notes(store) -> list[dict]:
    return [json.loads(store.get(k)) for k in store.list(f"cases/{CASE.case_id}/id_documents/")]


# -- 1. embedded files and pictures are documents ------------------------------------------


@needs_ocr
def test_a_pdf_carrying_an_id_scan_and_a_medical_letter_is_classified_by_them():
    data = pdf_with_files([("paspoort.png", card())], [("huisarts.txt", medical_letter())])
    doc = read_bytes(data, "aanvraag.pdf")
    assert [p.name for p in doc.parts] == ["body", "embedded-1.png", "embedded-2.txt"]
    body = doc.parts[0]
    assert body.media_type == "text/plain" and body.data == doc.text.encode()
    result = classify_document(doc, CASE)
    parts = {p.name: p for p in result.parts}
    assert parts["body"].category is Category.APPLICATION
    assert parts["embedded-1.png"].category is Category.ID_COPY
    assert parts["embedded-1.png"].id_document == NUMBER
    assert parts["embedded-2.txt"].category is Category.MEDICAL
    assert result.category is Category.MEDICAL  # the most restrictive part
    assert result.disposition is Disposition.FORWARD_MEDICAL_ADVISER
    assert result.findings == []  # the body part carries the letter's findings
    assert "huisarts" not in json.dumps(result.to_json())  # never the original names


@needs_ocr
def test_ingest_keeps_no_embedded_id_copy_or_medical_letter_in_a_dossier(tmp_path):
    scan, letter = card(), medical_letter()
    data = pdf_with_files([("paspoort.png", scan)], [("huisarts.txt", letter)])
    store, summary = ingest(tmp_path, "aanvraag.pdf", data)
    assert summary["errors"] == []
    objects = stored(store)
    assert_no_dossier_object_holds(store, scan, letter, data)
    by_part = {d.get("part"): d for d in summary["documents"]}
    assert by_part["embedded-1.png"]["disposition"] == "destroy"
    assert by_part["embedded-2.txt"]["disposition"] == "forward_medical_adviser"
    assert by_part["body"]["disposition"] == "archive"
    assert id_notes(store)[0]["number"] == NUMBER["number"]
    outbox = [v for k, v in objects.items() if k.startswith("outbox/medical_adviser/")]
    assert outbox == [letter]
    # the scan is kept nowhere at all, and the container's own bytes neither
    assert not any(scan in v or v == data for v in objects.values())
    archived = [v for k, v in objects.items() if k.startswith("dossier/")]
    assert archived == [read_bytes(data, "a.pdf").text.encode()]


@needs_ocr
def test_a_word_file_that_is_only_a_picture_of_an_id_card_is_an_id_copy(tmp_path):
    scan = card()
    data = docx_with_picture(scan)
    result = classify_document(read_bytes(data, "kopie.docx"), CASE)
    assert result.category is Category.ID_COPY
    assert result.disposition is Disposition.DESTROY
    assert result.id_document == NUMBER
    assert [p.name for p in result.parts] == ["embedded-1.png"]
    store, summary = ingest(tmp_path, "kopie.docx", data)
    assert_no_dossier_object_holds(store, scan, data)
    assert not any(scan in v for v in stored(store).values())
    assert [n["number"] for n in id_notes(store)] == [NUMBER["number"]]


@needs_ocr
def test_an_id_card_whose_zone_cannot_be_trusted_goes_to_review_not_the_dossier(tmp_path):
    broken = [ZONE[0].replace("XN84RT2K66", "XN84RT2K67"), *ZONE[1:]]  # a bad check digit
    scan = card(broken)
    data = docx_with_picture(scan, text=APPLICATION)
    store, summary = ingest(tmp_path, "aanvraag.docx", data)
    by_part = {d.get("part"): d for d in summary["documents"]}
    assert by_part["embedded-1.png"]["disposition"] == "review"
    assert id_notes(store) == []
    assert_no_dossier_object_holds(store, scan, data)
    assert [v for k, v in stored(store).items() if k.startswith("review/")] == [scan]


@needs_ocr
def test_an_email_with_a_word_file_holding_a_picture_of_an_id_card(tmp_path):
    scan = card()
    message = EmailMessage()
    message["From"], message["To"] = "anna@example.nl", "wmo@gemeente.example"
    message["Subject"], message["Message-ID"] = "Stukken", "<1@example.nl>"
    message.set_content("Beste,\n\nIn de bijlage mijn aanvraag.\n")
    message.add_attachment(docx_with_picture(scan, text=APPLICATION), maintype="application",
                           subtype="octet-stream", filename="aanvraag.docx")  # fmt: skip
    store, summary = ingest(tmp_path, "mail.eml", message.as_bytes())
    parts = {d.get("part"): d["disposition"] for d in summary["documents"] if "part" in d}
    assert parts["aanvraag.docx/embedded-1.png"] == "destroy", parts
    assert parts["aanvraag.docx/body"] == "archive"
    assert_no_dossier_object_holds(store, scan)
    assert not any(scan in v for v in stored(store).values())
    assert [n["number"] for n in id_notes(store)] == [NUMBER["number"]]


@needs_ocr
def test_a_picture_of_an_id_card_on_a_text_page_of_a_pdf():
    document = pymupdf.open(stream=make_pdf([APPLICATION]), filetype="pdf")
    document[0].insert_image(pymupdf.Rect(72, 300, 372, 440), stream=card())
    result = classify_document(read_bytes(document.tobytes(), "brief.pdf"), CASE)
    assert result.category is Category.ID_COPY and result.id_document == NUMBER


def test_a_pdf_portfolio_and_a_pdf_inside_a_word_file():
    letter = medical_letter()
    document = pymupdf.open(stream=make_pdf(["Portfolio"]), filetype="pdf")
    document.embfile_add("brief.txt", letter)
    catalog = document.pdf_catalog()
    document.xref_set_key(catalog, "Collection", "<</Type/Collection/View/D>>")
    portfolio = document.tobytes()
    doc = read_bytes(portfolio, "portfolio.pdf")
    assert [p.name for p in doc.parts] == ["body", "embedded-1.txt"]
    # the portfolio inside a Word file, as a zip entry of its own (an embedded object)
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx(["Zie bijlage"]))) as source:
        with zipfile.ZipFile(buf, "w") as target:
            for item in source.infolist():
                target.writestr(item, source.read(item.filename))
            target.writestr("word/embeddings/object1.pdf", portfolio)
    doc = read_bytes(buf.getvalue(), "brief.docx")
    assert [p.name for p in doc.parts] == ["body", "embedded-1.pdf"]
    assert [p.name for p in doc.parts[1].parts] == ["body", "embedded-1.txt"]
    assert doc.parts[1].parts[1].data == letter
    result = classify_document(doc, CASE)
    assert result.category is Category.MEDICAL


def test_small_pictures_are_logos_not_documents():
    logo = encode(Image.new("RGB", (240, 80), (10, 60, 160)))
    doc = read_bytes(docx_with_picture(logo, text=APPLICATION, width=1.5), "brief.docx")
    assert doc.parts == [] and doc.text.strip() == APPLICATION


def test_an_embedded_object_zeef_cannot_read_sends_the_document_to_review():
    buf = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(make_docx([APPLICATION]))) as source:
        with zipfile.ZipFile(buf, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "word/_rels/document.xml.rels":
                    content = content.replace(b"</Relationships>", (
                        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
                        b'officeDocument/2006/relationships/oleObject" '
                        b'Target="embeddings/oleObject1.bin"/></Relationships>'))  # fmt: skip
                target.writestr(item, content)
            target.writestr("word/embeddings/oleObject1.bin", b"\xd0\xcf\x11\xe0" + b"\0" * 600)
    doc = read_bytes(buf.getvalue(), "brief.docx")
    assert [(p.name, p.error) for p in doc.parts] == [
        ("body", None),
        ("embedded-1", embedded.UNSUPPORTED_OBJECT),
    ]
    assert classify_document(doc, CASE).disposition is Disposition.REVIEW


# -- bounds ------------------------------------------------------------------------------


def test_containers_nested_too_deep_go_to_review_whole(monkeypatch):
    data = b"Binnenste brief."
    for n in range(embedded.MAX_DEPTH + 2):
        data = pdf_with_files([(f"laag{n}.pdf" if n else "brief.txt", data)])
    doc = read_bytes(data, "nest.pdf")
    inner = doc
    for _ in range(embedded.MAX_DEPTH - 1):
        inner = inner.parts[1]
    assert inner.parts[1].error == "embedded documents nested too deeply"
    assert inner.parts[1].data  # kept for the reviewer
    assert classify_document(doc, CASE).disposition is Disposition.REVIEW


def test_too_many_embedded_documents_refuse_the_whole_document(monkeypatch, tmp_path):
    monkeypatch.setattr(embedded, "MAX_PARTS", 5)
    files = [(f"f{n}.txt", f"Bijlage nummer {n}.".encode()) for n in range(6)]
    data = pdf_with_files(files)
    with pytest.raises(UnreadableDocument, match="^more than 5 embedded documents"):
        read_bytes(data, "veel.pdf")
    # shared by the whole tree: three PDFs of two files each are six as well
    inner = pdf_with_files(files[:2])
    outer = pdf_with_files([("a.pdf", inner), ("b.pdf", pdf_with_files(files[2:4]))])
    with pytest.raises(UnreadableDocument, match="^more than 5"):
        read_bytes(outer, "veel.pdf")
    store, summary = ingest(tmp_path, "veel.pdf", data)
    (only,) = summary["documents"]
    assert only["disposition"] == "review"  # the original, whole, for a person
    assert list(store.list("review/")) and not list(store.list("dossier/"))


# -- 2. memory: a Word file whose XML unpacks to 150 MB ------------------------------------

_MEMORY_PROBE = textwrap.dedent(
    """
    import sys, time
    from zeef.domain.errors import UnreadableDocument
    from zeef.pipeline.extract import read_bytes
    data = open(sys.argv[1], "rb").read()
    start = time.monotonic()
    try:
        doc = read_bytes(data, "groot.docx")
        outcome = f"text {len(doc.text)}"
    except UnreadableDocument as exc:
        outcome = f"review: {exc}"
    seconds = time.monotonic() - start
    # VmHWM: this process image's peak (ru_maxrss would also count the parent's memory
    # at the fork, which under a full pytest run is far above what is measured here).
    status = open("/proc/self/status").read()
    rss = int(status.split("VmHWM:")[1].split()[0]) // 1024
    print(f"{rss} {seconds:.1f} {outcome}")
    """
)


@pytest.mark.parametrize("paragraphs", [True, False], ids=["many-paragraphs", "one-paragraph"])
def test_a_word_file_with_150_mb_of_xml_is_read_in_bounded_memory(tmp_path, paragraphs):
    path = tmp_path / "groot.docx"
    with zipfile.ZipFile(io.BytesIO(make_docx(["x"]))) as source:
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                if item.filename != "word/document.xml":
                    target.writestr(item, source.read(item.filename))
            with target.open("word/document.xml", "w", force_zip64=True) as stream:
                stream.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/'
                             b'wordprocessingml/2006/main"><w:body>')  # fmt: skip
                run = b"<w:r><w:rPr><w:b/></w:rPr><w:t>Jan de Vries woont hier. </w:t></w:r>"
                chunk = (b"<w:p>" + run * 4 + b"</w:p>" if paragraphs else run) * 4096
                if not paragraphs:
                    stream.write(b"<w:p>")
                for _ in range(150 * 2**20 // len(chunk)):
                    stream.write(chunk)
                stream.write((b"" if paragraphs else b"</w:p>") + b"</w:body></w:document>")
    assert path.stat().st_size < 5 * 2**20
    probe = subprocess.run(
        [sys.executable, "-c", _MEMORY_PROBE, str(path)],
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    rss_mib, seconds, outcome = probe.stdout.split(" ", 2)
    print(f"docx 150 MB XML ({paragraphs=}): {rss_mib} MiB RSS, {seconds} s, {outcome.strip()}")
    assert int(rss_mib) < 800
    assert outcome.strip() == "review: DOCX text too large" or outcome.startswith("text ")


# -- 3. the other Office parts: seen, and never a crash ------------------------------------


def test_text_in_every_office_part_is_seen_and_a_broken_part_stops_nothing(tmp_path):
    document = docx.Document()
    document.core_properties.author = "Wilhelmina Zwanenburg"
    document.core_properties.comments = ""
    document.sections[0].header.paragraphs[0].text = "Koptekst"
    document.sections[0].footer.paragraphs[0].text = "Voettekst"
    run = document.add_paragraph("Brief").runs[0]
    document.add_comment(run, text="Opmerking over de buurman", author="Medewerker")
    buf = io.BytesIO()
    document.save(buf)
    good = buf.getvalue()
    text = read_bytes(good, "brief.docx").text
    for piece in ("Koptekst", "Voettekst", "Opmerking over de buurman",
                  "Auteur: Wilhelmina Zwanenburg"):  # fmt: skip
        assert piece in text
    # A comments part that is not XML: one line for review, the next file still read.
    broken = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(good)) as source:
        with zipfile.ZipFile(broken, "w") as target:
            for item in source.infolist():
                content = source.read(item.filename)
                if item.filename == "word/comments.xml":
                    content = content[: len(content) // 2]
                target.writestr(item, content)
    (tmp_path / "a.docx").write_bytes(broken.getvalue())
    (tmp_path / "b.docx").write_bytes(make_docx([APPLICATION]))
    result = classify_path(tmp_path / "a.docx", CASE)
    assert result.error == "corrupt DOCX (XML not well-formed)"
    store = LocalStore(tmp_path / "store")
    summary = ingest_paths(store, CASE, [str(tmp_path / "a.docx"), str(tmp_path / "b.docx")],
                           progress=False)  # fmt: skip
    assert [d["disposition"] for d in summary["documents"]][0] == "review"
    assert len(summary["documents"]) == 2
