from __future__ import annotations

import pytest
from makers import DISTINCTIVE, encrypt_pdf, make_pdf
from pypdf import PageObject

from zeef.domain.errors import UnreadableDocument
from zeef.pipeline.extract import pdf as pdf_reader
from zeef.pipeline.extract import read_bytes, read_path
from zeef.pipeline.extract.pdf import PAGE_SEPARATOR


def page_texts(doc) -> list[str]:
    ends = [start - len(PAGE_SEPARATOR) for start in doc.page_starts[1:]] + [len(doc.text)]
    return [doc.text[start:end] for start, end in zip(doc.page_starts, ends, strict=True)]


def test_text_pdf(tmp_path):
    data = make_pdf([f"Aanvraag bijstand van {DISTINCTIVE}\nBSN 123456782"])
    path = tmp_path / "aanvraag.pdf"
    path.write_bytes(data)
    doc = read_path(path)
    assert doc.name == "aanvraag.pdf"
    assert doc.media_type == "application/pdf"
    assert doc.data == data
    assert f"Aanvraag bijstand van {DISTINCTIVE}" in doc.text
    assert "BSN 123456782" in doc.text
    assert doc.page_starts == [0]
    assert not doc.needs_ocr
    assert doc.error is None and doc.parts == []


def test_multi_page_offsets():
    doc = read_bytes(make_pdf(["Pagina een", "Pagina twee", "Pagina drie"]), "brief.pdf")
    assert len(doc.page_starts) == 3
    assert doc.page_starts[0] == 0
    texts = page_texts(doc)
    assert [t.strip() for t in texts] == ["Pagina een", "Pagina twee", "Pagina drie"]
    for start in doc.page_starts[1:]:
        assert doc.text[start - len(PAGE_SEPARATOR) : start] == PAGE_SEPARATOR
    assert doc.text.count("\f") == 2
    assert not doc.needs_ocr


def test_scan_needs_ocr_and_no_guessing():
    doc = read_bytes(make_pdf([None, None]), "scan.pdf")
    assert doc.needs_ocr
    assert doc.text == ""
    assert doc.page_starts == [0, 0]


def test_some_pages_scanned():
    doc = read_bytes(make_pdf(["Eerste pagina", None, "Derde pagina"]), "mix.pdf")
    assert doc.needs_ocr
    texts = page_texts(doc)
    assert [t.strip() for t in texts] == ["Eerste pagina", "", "Derde pagina"]
    assert len(doc.page_starts) == 3


def test_password_protected_pdf_is_unreadable():
    data = encrypt_pdf(make_pdf([f"Geheim van {DISTINCTIVE}"]), user_password="geheim")
    with pytest.raises(UnreadableDocument, match="^encrypted PDF$"):
        read_bytes(data, "geheim.pdf")


def test_empty_user_password_pdf_is_read():
    # Only an owner password (restricting printing/copying): opens without a password.
    data = encrypt_pdf(make_pdf(["Afschrift rekening"]), user_password="")
    doc = read_bytes(data, "afschrift.pdf")
    assert "Afschrift rekening" in doc.text
    assert not doc.needs_ocr


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_truncated_pdf(cut):
    data = make_pdf([f"Brief van {DISTINCTIVE}", "Tweede pagina"])
    with pytest.raises(UnreadableDocument, match="^corrupt PDF"):
        read_bytes(data[: int(len(data) * cut)], "kapot.pdf")


def test_garbage_after_header():
    with pytest.raises(UnreadableDocument, match="^corrupt PDF"):
        read_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 20, "kapot.pdf")


def test_pdf_extension_without_pdf_content():
    with pytest.raises(UnreadableDocument, match="^corrupt PDF"):
        read_bytes(bytes(range(256)) * 4, "niet-echt.pdf")


def test_page_cap(set_limits):
    set_limits(max_pdf_pages=2)
    with pytest.raises(UnreadableDocument, match="too many pages"):
        read_bytes(make_pdf(["1", "2", "3"]), "lang.pdf")


def test_text_cap(monkeypatch):
    monkeypatch.setattr(pdf_reader, "MAX_TEXT_CHARS", 10)
    with pytest.raises(UnreadableDocument, match="text too large"):
        read_bytes(make_pdf(["Een pagina met meer dan tien tekens"]), "veel.pdf")


def test_failing_page_is_skipped_not_fatal(monkeypatch):
    real = PageObject.extract_text

    def flaky(self, *args, **kwargs):
        text = real(self, *args, **kwargs)
        if "twee" in text:
            raise RecursionError("hostile content stream")
        return text

    monkeypatch.setattr(PageObject, "extract_text", flaky)
    doc = read_bytes(make_pdf(["Pagina een", "Pagina twee", "Pagina drie"]), "x.pdf")
    assert doc.needs_ocr
    assert [t.strip() for t in page_texts(doc)] == ["Pagina een", "", "Pagina drie"]


def test_every_page_failing_is_corrupt(monkeypatch):
    def broken(self, *args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(PageObject, "extract_text", broken)
    with pytest.raises(UnreadableDocument, match="no page could be read"):
        read_bytes(make_pdf(["Pagina een"]), "x.pdf")


def test_unexpected_exception_becomes_unreadable(monkeypatch):
    def explode(*args, **kwargs):
        raise MemoryError

    monkeypatch.setattr(pdf_reader, "_open", explode)
    with pytest.raises(UnreadableDocument, match=r"cannot read application/pdf \(MemoryError\)"):
        read_bytes(make_pdf(["x"]), "x.pdf")


def test_junk_before_header_is_still_pdf():
    data = b"\x00" * 128 + make_pdf(["Na MacBinary-kop"])
    doc = read_bytes(data, "x")
    assert doc.media_type == "application/pdf"
    assert "Na MacBinary-kop" in doc.text
